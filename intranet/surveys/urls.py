from django.urls import path

from . import respondent_views, views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/answer/", views.survey_answer, name="answer"),
    path("<int:pk>/thanks/", views.survey_thanks, name="thanks"),
    path("<int:pk>/results/", views.survey_results, name="results"),
    path("<int:pk>/results.xlsx", views.survey_results_xlsx, name="results_xlsx"),
    path("<int:pk>/tasks/", views.task_list, name="tasks"),
    path("<int:pk>/tasks/new/", views.task_create, name="task_create"),
    path("<int:pk>/tasks/<int:task_pk>/edit/", views.task_edit, name="task_edit"),
    path("<int:pk>/tasks/<int:task_pk>/publish/", views.task_publish, name="task_publish"),
    path("<int:pk>/tasks/<int:task_pk>/evidence/", views.task_evidence, name="task_evidence"),
    # An external survey's one-time link (no log-in): the token is the only key.
    path("r/<str:token>/", respondent_views.respondent_answer, name="respondent_answer"),
]
