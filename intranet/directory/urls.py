from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.staff_list, name="list"),
    path("org/", views.org_chart, name="org_chart"),
    path("org/<str:code>/", views.org_chart, name="org_unit"),
    path("suggest/", views.staff_suggest, name="suggest"),
    path("<str:employee_number>/", views.staff_profile, name="profile"),
    path("<str:employee_number>/edit/", views.staff_profile_edit, name="profile_edit"),
]
