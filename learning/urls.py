from django.urls import path

from . import views

app_name = "learning"

# /learning/ itself and the course pages beneath it are Wagtail pages (LearningHomePage,
# CoursePage); these screens take the fixed names below, which course slugs must avoid.
RESERVED_SLUGS = frozenset(
    {
        "catalogue",
        "my",
        "sessions",
        "enrolments",
        "approvals",
        "manage",
        "certificates",
        "verify",
        "calendar",
        "hours",
        "review",
        "records",
        "clubs",
    }
)

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("my/", views.my_learning, name="my"),
    path("sessions/<int:pk>/enrol/", views.session_enrol, name="enrol"),
    path("enrolments/<int:pk>/cancel/", views.enrolment_cancel, name="cancel"),
    path("approvals/", views.approvals, name="approvals"),
    path("enrolments/<int:pk>/decide/", views.enrolment_decide, name="decide"),
    path("hours/", views.hours_dashboard, name="hours"),
    path("review/", views.review, name="review"),
    path("review/export.xlsx", views.review_export, name="review_export"),
    path("review/<int:pk>/", views.review_save, name="review_save"),
    path("manage/", views.manage, name="manage"),
    path("manage/sessions/<int:pk>/", views.roster, name="roster"),
    path("manage/sessions/<int:pk>/attendance/", views.roster_attendance, name="attendance"),
    path("manage/sessions/<int:pk>/complete/", views.roster_complete, name="complete"),
    path("manage/sessions/<int:pk>/capacity/", views.roster_capacity, name="capacity"),
    path("manage/sessions/<int:pk>/department/", views.roster_department, name="enrol_department"),
    path("manage/sessions/<int:pk>/list/", views.roster_list, name="enrol_list"),
    path("certificates/<str:code>.pdf", views.certificate, name="certificate"),
    path("calendar/", views.month_calendar, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("verify/", views.verify, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
