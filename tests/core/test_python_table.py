"""``intranet.columns.PythonTableMixin``: a table written in Python is the same markup as
``{% render_table %}`` with the project's template (``includes/table.html``), whitespace aside,
for the header's sort links, every pagination state and a query string to keep."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django_tables2 import RequestConfig

from learning.selectors import catalogue_queryset
from learning.tables import CatalogueTable
from tests.learning.builders import bulk_courses

pytestmark = pytest.mark.django_db


def _normal(html: str) -> str:
    """Whitespace between and inside tags folded (the template's indentation)."""
    html = re.sub(r">\s+", ">", html.strip())
    html = re.sub(r"\s+<", "<", html)
    return re.sub(r"\s+", " ", html)


def _both(query: str) -> tuple[str, str]:
    request = RequestFactory().get("/learning/catalogue/" + query)
    tables = []
    for _ in range(2):
        table = CatalogueTable(catalogue_queryset())
        RequestConfig(request, paginate={"per_page": 25}).configure(table)
        tables.append(table)
    template = Template("{% load django_tables2 %}{% render_table table %}")
    by_template = template.render(Context({"table": tables[0], "request": request}))
    return _normal(by_template), _normal(tables[1].table_html())


def test_the_same_markup_as_the_template():
    bulk_courses(360)
    for query in [
        "",  # first of many pages
        "?page=3&q=%EB%8C%80%EB%9F%89",  # a middle page, a query string to keep
        "?page=12&sort=-title",  # near the end, sorted the other way
        "?page=15&sort=hours&mode=online&mode=offline",  # the last page, a repeated key
        "?q=<b>&sort=next_start",  # an empty table, a value to escape
    ]:
        by_template, by_python = _both(query)
        assert "<tbody>" in by_python and "<thead" in by_python
        assert by_python == by_template, query


def test_one_page_has_no_pagination():
    bulk_courses(3)
    by_template, by_python = _both("")
    assert "pagination" not in by_python
    assert by_python == by_template
