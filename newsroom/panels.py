"""The newsroom's section on the staff profile: the person's columns and articles."""

from django.utils.translation import gettext_lazy as _

from intranet.registry import Panel, profile_sections

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
