"""Site search's page results: the query Wagtail's search backend builds is compiled once per
number of words (``intranet.kept_queries.KeptWordsQuery``); the SQL sent, the pages found and
their order stay exactly Wagtail's, whatever the words hold, and an edit is found on the next
search."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connection

from intranet.home import selectors
from intranet.home.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db

QUERIES = [
    "교육",
    "교육을",
    "교육 안내",
    "안내 교육 신청",
    "Budget guide",
    "o'brien",
    "back\\slash",
    "50% 할인",
    "covid-19 지침",
    "a-b-c",
    '"따옴표"',
    "x:* | y",
    "zqkeptwordazq",
    "zqkeptwordbzq 교육",
    "(괄호) & !부정",
]


@pytest.fixture
def pages():
    home = HomePage.objects.get()
    made = []
    for title, slug, body, description in [
        ("교육 안내", "edu-guide", "<p>교육 신청 방법</p>", "올해 교육"),
        ("교육 신청 안내", "edu-apply", "<p>신청</p>", ""),
        ("Budget guide", "budget", "<p>covid-19 지침 50% 할인</p>", "o'brien back\\slash"),
        ("안내", "guide", "<p>안내 교육</p>", ""),
    ]:
        page = home.add_child(
            instance=ContentPage(title=title, slug=slug, body=body, search_description=description)
        )
        page.save_revision().publish()
        made.append(page)
    draft = home.add_child(instance=ContentPage(title="교육 초안", slug="edu-draft", live=False))
    draft.save_revision()
    return made


def wagtail(query):
    terms = " ".join(selectors.strip_particle(w) for w in selectors.query_words(query))  # as page_search does
    return selectors._wagtail_page_search(terms, selectors.PAGE_SEARCH_LIMIT), terms


@pytest.mark.parametrize("query", QUERIES)
def test_the_kept_sql_is_wagtails(pages, query):
    results, terms = wagtail(query)
    splitter = selectors._BACKEND_WORDS.get(connection.vendor)
    if splitter is None:
        pytest.skip("searched through Wagtail on this database")
    words = [w for w in splitter.split(terms) if w]
    expected = (
        results.get_queryset()
        .values_list(*selectors._page_columns())
        .query.get_compiler(using=DEFAULT_DB_ALIAS)
        .as_sql()
    )
    kept = selectors._kept_page_search(len(words))
    sql, params, slots, _converters, _width, _compiler = kept._compile(DEFAULT_DB_ALIAS)
    bound = kept._bind(params, slots, {f"w{n}": word for n, word in enumerate(words)})
    assert sql == expected[0]
    texts = [p for p in bound if isinstance(p, str)]
    assert texts == [p for p in expected[1] if isinstance(p, str)]
    # the page types' content type ids come from a dict: their order may differ, not the set
    assert sorted(map(str, bound)) == sorted(map(str, expected[1]))


@pytest.mark.parametrize("query", QUERIES)
def test_the_pages_are_wagtails_in_its_order(pages, query, django_assert_num_queries):
    results, _terms = wagtail(query)
    expected = [(p.pk, p.title, p.url_path, p.search_description) for p in results]
    with django_assert_num_queries(1):
        found = selectors.page_search(query=query)
        shown = [(p.pk, p.title, p.url_path, p.search_description) for p in found]
    assert shown == expected
    assert [p.url for p in found] == [p.url for p in results]


def test_found_pages_are_what_wagtail_finds(pages):
    assert [p.title for p in selectors.page_search(query="교육을")] == [p.title for p in wagtail("교육을")[0]]
    titles = {p.title for p in selectors.page_search(query="교육을")}
    assert titles >= {"교육 안내", "교육 신청 안내"} and "교육 초안" not in titles


def test_an_edit_is_found_on_the_next_search(pages, login_as):
    client = login_as()
    assert "회계 지침" not in client.get("/search/", {"q": "회계"}).content.decode()
    guide = pages[0]
    guide.title = "회계 지침"
    guide.save_revision().publish()
    html = client.get("/search/", {"q": "회계"}).content.decode()
    assert "회계 지침" in html and guide.url in html
    guide.unpublish()
    assert "회계 지침" not in client.get("/search/", {"q": "회계"}).content.decode()
