from django.urls import path

from . import views, views_contest, views_meeting, views_proposals

app_name = "performance"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.xlsx", views.overview_xlsx, name="export"),
    path("departments/<str:code>/", views.department_overview, name="department"),
    path("programmes/<int:pk>/", views.programme_page, name="programme"),
    path("programmes/<int:pk>/update/", views.programme_update, name="update"),
    path("programmes/<int:pk>/status/", views.programme_status, name="status"),
    # Staff proposals.
    path("proposals/", views_proposals.proposals_mine, name="proposals"),
    path("proposals/new/", views_proposals.proposal_new, name="proposal_new"),
    path("proposals/review/", views_proposals.proposals_review, name="proposals_review"),
    path("proposals/<int:pk>/", views_proposals.proposal_page, name="proposal"),
    path("proposals/<int:pk>/decide/", views_proposals.proposal_decide, name="proposal_decide"),
    path("proposals/<int:pk>/merge/", views_proposals.proposal_merge, name="proposal_merge"),
    path("proposals/<int:pk>/programme/", views_proposals.proposal_programme, name="proposal_programme"),
    # Mid-year meeting.
    path("snapshots/", views_meeting.snapshots, name="snapshots"),
    path("snapshots/new/", views_meeting.snapshot_new, name="snapshot_new"),
    path("snapshots/<int:pk>/", views_meeting.meeting, name="meeting"),
    path("snapshots/<int:pk>/actions/", views_meeting.action_add, name="action_add"),
    path("snapshots/<int:pk>/export.xlsx", views_meeting.snapshot_xlsx, name="snapshot_xlsx"),
    path("snapshots/<int:pk>/export.pdf", views_meeting.snapshot_pdf, name="snapshot_pdf"),
    path("actions/<int:pk>/status/", views_meeting.action_status, name="action_status"),
    # Year-end rollover.
    path("rollover/", views_meeting.rollover, name="rollover"),
    # Best-practice contest.
    path("contest/", views_contest.contest_page, name="contest"),
    path("contest/setup/", views_contest.contest_setup, name="contest_setup"),
    path("contest/decide/", views_contest.contest_decide, name="contest_decide"),
    path("contest/judging/", views_contest.judging, name="judging"),
    path("contest/entries/<int:pk>/score/", views_contest.entry_score, name="entry_score"),
    path("contest/entries/<int:pk>/attachment/", views_contest.entry_attachment, name="entry_attachment"),
    path("programmes/<int:pk>/enter/", views_contest.entry_new, name="entry_new"),
]
