app_name = "learning_records"

urlpatterns = []
