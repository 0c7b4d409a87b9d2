from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import QuerySet
from wagtail.models import Page

from intranet.directory.models import Staff
from intranet.directory.selectors import staff_search
from intranet.korean import query_words, strip_particle

from .models import Notification

_HEADER_SQL: dict[tuple[str, bool], str] = {}


def _header_sql(roles: bool) -> str:
    """One statement, written once per process from the models' table and column names: the
    unread count, with ``roles`` beside each of the user's group names (one row with no name
    when the user is in no group)."""
    sql = _HEADER_SQL.get((connection.vendor, roles))
    if sql is None:
        q = connection.ops.quote_name
        notification = Notification._meta
        sql = (
            f"SELECT (SELECT COUNT(*) FROM {q(notification.db_table)} "
            f"WHERE {q(notification.get_field('recipient').column)} = %s "
            f"AND {q(notification.get_field('read_at').column)} IS NULL)"
        )
        if roles:
            groups = get_user_model()._meta.get_field("groups")
            group = Group._meta
            member, group_id = q(groups.m2m_column_name()), q(groups.m2m_reverse_name())
            sql += (
                f", g.{q(group.get_field('name').column)} FROM (SELECT 1 AS one) one "
                f"LEFT JOIN {q(groups.m2m_db_table())} m ON m.{member} = %s "
                f"LEFT JOIN {q(group.db_table)} g ON g.{q(group.pk.column)} = m.{group_id}"
            )
        _HEADER_SQL[(connection.vendor, roles)] = sql
    return sql


def unread_count_and_roles(*, staff_id: int | None, user_id: int | None) -> tuple[int, set[str] | None]:
    """What every page's header shows about the person, in one query: their unread notifications
    and, unless ``user_id`` is None, their role groups' names (for ``intranet.roles``). Plain SQL
    written once: every page asks this, and the ORM spent more Python building the two queries
    than the database spent answering them."""
    if staff_id is None and user_id is None:
        return 0, None
    with connection.cursor() as cursor:
        if user_id is None:
            cursor.execute(_header_sql(roles=False), [staff_id])
        else:
            cursor.execute(_header_sql(roles=True), [staff_id, user_id])
        rows = cursor.fetchall()
    unread = rows[0][0] if staff_id is not None else 0
    if user_id is None:
        return unread, None
    return unread, {row[1] for row in rows if row[1] is not None}


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
