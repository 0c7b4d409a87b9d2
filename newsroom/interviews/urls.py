from django.urls import path

from . import views

app_name = "newsroom_interviews"

urlpatterns = [
    path("", views.ask, name="ask"),
    path("sent/", views.sent, name="sent"),
    path("queue/", views.queue, name="queue"),
    path("questions/<uuid:pk>/decide/", views.decide, name="decide"),
    path("questions/<uuid:pk>/answer/", views.answer, name="answer"),
    path("publish/", views.publish, name="publish"),
]
