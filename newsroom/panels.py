"""The newsroom's section on the staff profile (the person's columns and articles), its panel on
the home dashboard (mandatory notices still to acknowledge) and its feed addresses."""

from django.utils.translation import gettext_lazy as _

from intranet.directory.selectors import staff_for_user
from intranet.registry import FeedAddress, Panel, dashboard_panels, profile_sections, register_feed_address

from . import selectors


def person_articles(request, person):
    articles = selectors.articles_by(staff=person)
    if not articles:
        return None
    return {"articles": articles, "staff": person}


def notices_to_acknowledge(request):
    """Mandatory notices stay on the person's dashboard until acknowledged, not only as a bell
    item that is gone once read."""
    notices = selectors.notices_to_acknowledge(staff=staff_for_user(request.user))
    return {"notices": notices} if notices else None


dashboard_panels.register(
    Panel(
        key="newsroom.notices_to_acknowledge",
        title=_("확인이 필요한 공지"),
        template="newsroom/panels/notices_to_acknowledge.html",
        provider=notices_to_acknowledge,
        order=1,
    )
)


profile_sections.register(
    Panel(
        key="newsroom.articles",
        title=_("쓴 글"),
        template="newsroom/panels/person_articles.html",
        provider=person_articles,
        order=50,
        kept=True,
    )
)


def _feed_path(kind: str):
    def path(key: str) -> str:
        from django.urls import reverse

        return reverse("newsroom:feed_private", args=[kind, key])

    return path


for _order, (_kind, _label) in enumerate(
    [
        ("card-news", _("카드뉴스 RSS")),
        ("columns", _("칼럼 RSS")),
        ("articles", _("기사 RSS")),
        ("notices", _("공지 RSS")),
    ]
):
    register_feed_address(
        FeedAddress(key=f"newsroom.{_kind}", label=_label, path=_feed_path(_kind), order=50 + _order)
    )
