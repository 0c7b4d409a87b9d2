"""The newsroom's section on the staff profile: the person's columns and articles."""

from django.utils.translation import gettext_lazy as _

from intranet.registry import FeedAddress, Panel, profile_sections, register_feed_address

from . import selectors


def person_articles(request, person):
    articles = selectors.articles_by(staff=person)
    if not articles:
        return None
    return {"articles": articles, "staff": person}


profile_sections.register(
    Panel(
        key="newsroom.articles",
        title=_("쓴 글"),
        template="newsroom/panels/person_articles.html",
        provider=person_articles,
        order=50,
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
