app_name = "newsroom_interviews"

urlpatterns = []
