"""Screens beneath the Wagtail newsroom page (``/newsroom/`` and its issues, articles and notices
are Wagtail pages; these paths are matched first, so no page may take these slugs)."""

from django.urls import path

from . import views
from .feeds import feed, private_feed

app_name = "newsroom"

urlpatterns = [
    path("card-news/", views.card_news_archive, name="archive"),
    path("card-news/<int:year>/", views.card_news_archive, name="archive_year"),
    path("card-news/reads/", views.issue_reads_list, name="reads"),
    path("card-news/reads/<int:pk>/", views.issue_reads, name="issue_reads"),
    path("notices/<int:pk>/acknowledge/", views.notice_acknowledge, name="acknowledge"),
    path("notices/<int:pk>/pending/", views.notice_pending, name="pending"),
    path("subscription/", views.subscription, name="subscription"),
    path("feeds/<slug:kind>/", feed, name="feed"),
    path("feeds/<slug:kind>/<str:token>/", private_feed, name="feed_private"),
]
