"""RSS feeds of each kind (card news, columns, articles, notices): the latest 20 of each.

The intranet requires log-in for every URL, feeds included: a feed reader inside the agency
must send the staff member's session (most browser-based readers do).
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.translation import gettext as _

from . import selectors
from .models import ArticlePage


class NewsroomFeed(Feed):
    def get_object(self, request, kind):
        if kind not in KINDS:
            raise Http404
        return kind

    def title(self, kind):
        return _("이음 소식: %(kind)s") % {"kind": KINDS[kind][0]()}

    def link(self, kind):
        return "/newsroom/"

    def description(self, kind):
        return _("이음 소식의 최신 %(kind)s") % {"kind": KINDS[kind][0]()}

    def items(self, kind):
        return list(KINDS[kind][1]().order_by("-first_published_at", "-pk")[: selectors.FEED_LIMIT])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "summary", "") or ""

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at


KINDS = {
    "card-news": (lambda: _("카드뉴스"), selectors.issues_live),
    "columns": (lambda: _("칼럼"), lambda: selectors.articles_live(kind=ArticlePage.Kind.COLUMN)),
    "articles": (lambda: _("기사"), lambda: selectors.articles_live(kind=ArticlePage.Kind.ARTICLE)),
    "notices": (lambda: _("공지"), selectors.notices_live),
}
