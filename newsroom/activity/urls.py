from django.urls import path

from . import views

app_name = "newsroom_activity"

urlpatterns = [
    path("pr/", views.pr_list, name="pr_list"),
    path("pr/export.xlsx", views.pr_export, name="pr_export"),
    path("pr/new/", views.pr_edit, name="pr_new"),
    path("pr/<int:pk>/edit/", views.pr_edit, name="pr_edit"),
    path("pr/attachments/<int:pk>/", views.pr_attachment, name="pr_attachment"),
    path("partnerships/", views.partnership_list, name="partnerships"),
    path("partnerships/new/", views.partnership_edit, name="partnership_new"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership_edit"),
    path("partnerships/documents/<int:pk>/", views.document, name="document"),
]
