from django.urls import path

from . import views

app_name = "learning_records"

urlpatterns = [
    path("", views.my_records, name="mine"),
    path("new/<str:kind>/", views.record_create, name="create"),
    path("review/", views.review_queue, name="queue"),
    path("year/", views.records_year, name="year"),
    path("<int:pk>/", views.record_detail, name="detail"),
    path("<int:pk>/edit/", views.record_edit, name="edit"),
    path("<int:pk>/evidence/", views.evidence, name="evidence"),
    path("<int:pk>/review/", views.record_review, name="review"),
]
