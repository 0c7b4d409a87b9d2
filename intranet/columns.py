"""Table columns every module shares."""

import functools

import django_tables2 as tables
from django.utils.html import conditional_escape, escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_tables2.utils import AttributeDict
from django_tables2.utils import signature as _tables2_signature

from intranet.korean import format_korean_date


class KoreanDateColumn(tables.Column):
    """A date (or, with ``with_time``, a moment) written the one Korean way: 2025. 3. 14."""

    def __init__(self, *args, with_time: bool = False, **kwargs):
        self.with_time = with_time
        super().__init__(*args, **kwargs)

    def render(self, value):
        return format_korean_date(value, with_time=self.with_time)


@functools.lru_cache(maxsize=1024)
def _signature_of(function, bound: bool) -> tuple:
    args, keywords = _tables2_signature(function)
    return (args[1:] if bound else args), keywords


def cached_signature(fn):
    """django-tables2's ``utils.signature`` remembered per function: it calls it for every cell
    and link it renders (``call_with_appropriate``), and ``inspect.signature`` was a fifth of a
    small table page's CPU. A bound method is keyed by its function (a new bound-method object
    is made on every attribute access); the cache is bounded (functions made per request, such
    as lambdas in a view, would otherwise pile up)."""
    function = getattr(fn, "__func__", fn)
    try:
        return _signature_of(function, function is not fn)
    except TypeError:  # an unhashable callable
        return _tables2_signature(fn)


def use_cached_signature() -> None:
    """Install ``cached_signature`` in django-tables2 (``IntranetConfig.ready``)."""
    from django_tables2 import utils

    if utils.signature is not cached_signature:
        utils.signature = cached_signature


class PythonTableMixin:
    """A django-tables2 table written in Python, as ``includes/table.html`` writes it (the same
    elements, attributes and links; whitespace aside), for a table whose rows come from a
    ``body_html()`` method (the catalogue, the advice table).

    ``{% render_table %}`` renders a template with a new ``RequestContext`` (every context
    processor runs again), and the header and the pagination go through a template tag per link
    (``querystring_replace``); a page showing one such table paid about a fifth of its CPU there.
    Use ``{{ table.table_html }}`` once ``RequestConfig(request).configure(table)`` has run (it sets
    ``table.request``, whose query string the links keep)."""

    def table_html(self) -> SafeString:
        self.before_render(self.request)
        parts = [
            f'<div class="table-container">\n<table {_attrs({"class": "table", **self.attrs})}>\n',
            self.thead_html() if self.show_header else "",
            f"<tbody>\n{self.body_html()}\n</tbody>\n</table>\n",
            self.pagination_html(),
            "</div>",
        ]
        return mark_safe("".join(parts))  # every value is escaped by the parts

    def _query(self, key: str, value) -> str:
        """``{% querystring_replace key=value %}``: the request's query string with ``key`` set."""
        params = dict(self.request.GET)
        params[key] = value
        return escape("?" + urlencode(params, doseq=True))

    def thead_html(self) -> str:
        cells = []
        field = self.prefixed_order_by_field
        for column in self.columns:
            header = conditional_escape(column.header)
            if column.orderable:
                header = f'<a href="{self._query(field, column.order_by_alias.next)}">{header}</a>'
            cells.append(f'<th {column.attrs["th"].as_html()} scope="col">{header}</th>\n')
        return f"<thead {self.attrs['thead'].as_html()}>\n<tr>\n{''.join(cells)}</tr>\n</thead>\n"

    def pagination_html(self) -> str:
        page = getattr(self, "page", None)
        if not page or self.paginator.num_pages <= 1:
            return ""
        from django_tables2.templatetags.django_tables2 import table_page_range

        field = self.prefixed_page_field
        link = '<li class="page-item"><a class="page-link" href="{}">{}</a></li>'
        items = []
        if page.has_previous():
            previous = self._query(field, page.previous_page_number())
            items.append(
                f'<li class="previous page-item"><a href="{previous}" class="page-link" rel="prev">'
                f'<span aria-hidden="true">&laquo;</span> {escape(_("이전"))}</a></li>'
            )
        if page.has_previous() or page.has_next():
            for p in table_page_range(page, self.paginator):
                if p == "...":
                    items.append('<li class="page-item disabled"><span class="page-link">…</span></li>')
                elif page.number == p:
                    items.append(
                        f'<li class="page-item active"><a class="page-link" href="{self._query(field, p)}"'
                        f' aria-current="page">{p}</a></li>'
                    )
                else:
                    items.append(link.format(self._query(field, p), p))
        if page.has_next():
            following = self._query(field, page.next_page_number())
            items.append(
                f'<li class="next page-item"><a href="{following}" class="page-link" rel="next">'
                f'{escape(_("다음"))} <span aria-hidden="true">&raquo;</span></a></li>'
            )
        listing = "\n".join(items)
        return (
            f'<nav aria-label="{escape(_("표 쪽 이동"))}">\n<ul class="pagination justify-content-center">\n'
            f"{listing}\n</ul>\n</nav>\n"
        )


def _attrs(attrs) -> str:
    """``{% render_attrs %}``: a django-tables2 ``AttributeDict`` as HTML attributes."""
    return AttributeDict(attrs).as_html()
