from django.urls import path

from . import views

app_name = "advisory"

urlpatterns = [
    path("", views.committee, name="committee"),
    path("ceremonies/<int:pk>/", views.ceremony, name="ceremony"),
    # Members, terms and appointment letters (committee secretaries).
    path("members/", views.members, name="members"),
    path("members/new/", views.member_edit, name="member_new"),
    path("members/<int:pk>/", views.member, name="member"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/terms/", views.term_appoint, name="term_appoint"),
    path("terms/<int:pk>/letter.pdf", views.letter, name="letter"),
    # Meetings.
    path("meetings/new/", views.meeting_edit, name="meeting_new"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/items/", views.item_add, name="item_add"),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/recusals/", views.recusal, name="recusal"),
    path("meetings/<int:pk>/advice/", views.advice_add, name="advice_add"),
    path("meetings/<int:pk>/approve/", views.minutes_approve, name="approve"),
    path("items/<int:pk>/document/", views.item_document, name="item_document"),
    path("allowances.xlsx", views.allowances, name="allowances"),
    # Advice follow-up.
    path("advice/", views.advice_list, name="advice_list"),
    path("advice/export.xlsx", views.advice_export, name="advice_export"),
    path("advice/<int:pk>/", views.advice, name="advice"),
    path("advice/<int:pk>/respond/", views.advice_respond, name="advice_respond"),
    path("advice/<int:pk>/progress/", views.advice_progress, name="advice_progress"),
    path("advice/<int:pk>/close/", views.advice_close, name="advice_close"),
    path("advice/evidence/<int:pk>/", views.evidence, name="evidence"),
]
