from django.db.models import QuerySet
from wagtail.models import Page

from intranet.directory.models import Staff
from intranet.directory.selectors import staff_search
from intranet.korean import query_words, strip_particle

from .models import Notification


def unread_count(*, staff: Staff) -> int:
    return Notification.objects.filter(recipient=staff, read_at__isnull=True).count()


def notifications_for(*, staff: Staff) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=staff)


def page_search(*, query: str, limit: int = 20) -> list[Page]:
    """Live Wagtail pages matching the query, particles stripped ("교육을" finds 교육).

    The database backend tokenises on spaces, so "교육" would not match the token "교육을" in a
    page; autocomplete matches word prefixes, which is what Korean needs here.

    The results are plain ``Page`` rows (title, description and address are all the list shows):
    asking for each page's specific class would add one query per page type found.
    """
    terms = " ".join(strip_particle(w) for w in query_words(query))
    if not terms:
        return []
    results = Page.objects.live().autocomplete(terms, operator="and")
    return list(results[:limit])


def site_search(*, query: str, staff_limit: int = 20) -> dict:
    staff = list(staff_search(query=query)[:staff_limit]) if query.strip() else []
    return {"staff": staff, "pages": page_search(query=query)}
