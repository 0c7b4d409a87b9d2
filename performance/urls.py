from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.xlsx", views.overview_xlsx, name="export"),
    path("departments/<str:code>/", views.department_overview, name="department"),
    path("programmes/<int:pk>/", views.programme_page, name="programme"),
    path("programmes/<int:pk>/update/", views.programme_update, name="update"),
    path("programmes/<int:pk>/status/", views.programme_status, name="status"),
]
