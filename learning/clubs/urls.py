app_name = "learning_clubs"

urlpatterns = []
