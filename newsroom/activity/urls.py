app_name = "newsroom_activity"

urlpatterns = []
