"""RSS feeds of each kind (card news, columns, articles, notices): the latest 20 of each.

A feed reader cannot log in, so each person's feed address carries their feed key
(``/newsroom/feeds/<kind>/<key>/``, ``intranet.feedkeys``, renewed from the profile); the plain
``/newsroom/feeds/<kind>/`` answers a logged-in browser. Every link in a feed is absolute, on the
configured site address (``intranet.links``).
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from intranet.feedkeys import staff_id_for_feed_key
from intranet.links import absolute_url, page_absolute_url

from . import selectors
from .models import ArticlePage


class NewsroomFeed(Feed):
    def get_object(self, request, kind, token=None):
        if kind not in KINDS:
            raise Http404
        if token is not None and staff_id_for_feed_key(token) is None:
            raise Http404(_("그런 구독 주소가 없습니다. 프로필에서 새 주소를 확인해 주세요."))
        return (kind, token)

    def title(self, obj):
        return _("이음 소식: %(kind)s") % {"kind": KINDS[obj[0]][0]()}

    def link(self, obj):
        return absolute_url(reverse("wagtail_serve", args=["newsroom/"]))

    def feed_url(self, obj):
        kind, token = obj
        if token:
            return absolute_url(reverse("newsroom:feed_private", args=[kind, token]))
        return absolute_url(reverse("newsroom:feed", args=[kind]))

    def description(self, obj):
        return _("이음 소식의 최신 %(kind)s") % {"kind": KINDS[obj[0]][0]()}

    def items(self, obj):
        return list(KINDS[obj[0]][1]().order_by("-first_published_at", "-pk")[: selectors.FEED_LIMIT])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "summary", "") or ""

    def item_link(self, item):
        return page_absolute_url(item)

    def item_pubdate(self, item):
        return item.first_published_at


KINDS = {
    "card-news": (lambda: _("카드뉴스"), selectors.issues_live),
    "columns": (lambda: _("칼럼"), lambda: selectors.articles_live(kind=ArticlePage.Kind.COLUMN)),
    "articles": (lambda: _("기사"), lambda: selectors.articles_live(kind=ArticlePage.Kind.ARTICLE)),
    "notices": (lambda: _("공지"), selectors.notices_live),
}

feed = NewsroomFeed()
# The keyed address is fetched by feed readers, which cannot log in: the key is the credential.
private_feed = login_not_required(NewsroomFeed())
