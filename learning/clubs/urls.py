from django.urls import path

from . import views

app_name = "learning_clubs"

urlpatterns = [
    path("", views.club_list, name="list"),
    path("<int:pk>/", views.club_detail, name="detail"),
    path("<int:pk>/edit/", views.club_edit, name="edit"),
    path("<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("<int:pk>/entries/new/", views.entry_new, name="entry_new"),
    path("<int:pk>/join/", views.club_join, name="join"),
    path("<int:pk>/leave/", views.club_leave, name="leave"),
]
