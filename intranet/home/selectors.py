import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import QuerySet
from django.db.models.signals import post_migrate
from wagtail.models import Page

from intranet.directory.models import Staff
from intranet.directory.selectors import staff_found
from intranet.kept_queries import KeptWordsQuery
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


def _backend_quote(word: str) -> str:
    """What the database search backends (``modelsearch``'s PostgreSQL and SQLite ``Lexeme``)
    do to a word before quoting it into their query string."""
    return word.replace("'", "''").replace("\\", "\\\\")


# How each database search backend splits the words it is given (PostgreSQL's also at hyphens);
# another database is searched through Wagtail each time.
_BACKEND_WORDS = {"postgresql": re.compile(r"[\s\-]+"), "sqlite": re.compile(r"\s+")}
_KEPT_MAX_WORDS = 16
PAGE_SEARCH_LIMIT = 20
_PAGE_FIELDS = ("id", "title", "url_path", "search_description")  # all the results list shows
_KEPT_PAGE_SEARCHES: dict[int, KeptWordsQuery] = {}  # by number of words: at most 16


def _forget_kept_searches(**kwargs) -> None:
    """The compiled query names the page types' content type ids, which change only when the
    tables are (re)built: a migration, or a test database flushed between tests."""
    _KEPT_PAGE_SEARCHES.clear()


post_migrate.connect(_forget_kept_searches, dispatch_uid="intranet.home.selectors.kept_searches")


def _wagtail_page_search(terms: str, limit: int):
    return Page.objects.live().autocomplete(terms, operator="and")[:limit]


def _kept_page_search(count: int) -> KeptWordsQuery:
    kept = _KEPT_PAGE_SEARCHES.get(count)
    if kept is None:
        names = [f"w{n}" for n in range(count)]

        def build(**words):
            results = _wagtail_page_search(" ".join(words[name] for name in names), PAGE_SEARCH_LIMIT)
            return results.get_queryset().values_list(*_page_columns())

        kept = _KEPT_PAGE_SEARCHES.setdefault(count, KeptWordsQuery(build, *names, quote=_backend_quote))
    return kept


def _page_columns() -> list[str]:
    """``_PAGE_FIELDS`` in the model's order, as ``Model.from_db`` takes them."""
    return [f.attname for f in Page._meta.concrete_fields if f.attname in _PAGE_FIELDS]


def page_search(*, query: str, limit: int = PAGE_SEARCH_LIMIT) -> list[Page]:
    """Live Wagtail pages matching the query, particles stripped ("교육을" finds 교육).

    The database backend tokenises on spaces, so "교육" would not match the token "교육을" in a
    page; autocomplete matches word prefixes, which is what Korean needs here.

    The results are plain ``Page`` rows with the columns the list shows (title, description and
    address): asking for each page's specific class would add one query per page type found.
    Wagtail's search backend builds the same query in Python on every search (some 7,000 calls);
    it is compiled once per number of words (``KeptWordsQuery``) and only the words change, so
    the SQL, and with it the results and their order, are Wagtail's own.
    """
    terms = " ".join(strip_particle(w) for w in query_words(query))
    if not terms:
        return []
    splitter = _BACKEND_WORDS.get(connection.vendor)
    words = [w for w in splitter.split(terms) if w] if splitter else []
    if not words or len(words) > _KEPT_MAX_WORDS or limit != PAGE_SEARCH_LIMIT:
        return list(_wagtail_page_search(terms, limit))
    kept = _kept_page_search(len(words))
    columns = _page_columns()
    rows = kept.rows(**{f"w{n}": word for n, word in enumerate(words)})
    return [Page.from_db(DEFAULT_DB_ALIAS, columns, row) for row in rows]


def site_search(*, query: str, staff_limit: int = 20) -> dict:
    staff = staff_found(query=query, limit=staff_limit) if query.strip() else []
    return {"staff": staff, "pages": page_search(query=query)}
