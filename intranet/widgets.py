"""Form widgets shared by every module."""

import functools
from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


@functools.lru_cache(maxsize=32)
def _options(rows: tuple) -> str:
    """The ``<option>`` markup of every row, escaped and joined once per list of rows."""
    escaped = ((escape(str(key)), escape(str(label))) for key, label in rows)
    return "".join(f'<option value="{key}">{label}</option>' for key, label in escaped)


class LongSelect(forms.Select):
    """A ``<select>`` built as one string, for choice lists of hundreds or thousands of rows.

    Django renders every ``<option>`` through a template (and, for a model choice field, makes a
    model instance for each); for the 1,700 teams of a 20,000-person agency that took over 200 ms
    a page, and escaping them one by one still took 9 ms, so the markup of a list of rows is kept
    (the rows are read on every render, so a changed list is a new list). Works with plain choices
    and with a model choice field's queryset (read as ``(pk, name)`` rows).

    ``rows``: a tuple of ``(value, label)`` strings to show instead of the field's own choices (or
    a callable returning one, called at render time), for a caller that keeps them cached: reading
    1,700 departments on every directory page cost a query and about 2 ms. The field still
    validates against its own choices. A model with a ``choice_rows(queryset)`` class method
    labels its own rows (departments whose names repeat show their parent or code).
    """

    def __init__(self, attrs=None, choices=(), rows=None):
        super().__init__(attrs, choices)
        self.rows = rows

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        choices = self.choices
        if self.rows is not None:
            rows = self.rows() if callable(self.rows) else self.rows
        elif hasattr(choices, "queryset"):
            choice_rows = getattr(choices.queryset.model, "choice_rows", None)
            rows = (
                choice_rows(choices.queryset) if choice_rows else choices.queryset.values_list("pk", "name")
            )
        else:
            rows = choices
        empty = getattr(getattr(choices, "field", None), "empty_label", None)
        parts = [f'<select name="{escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>']
        if empty is not None:
            parts.append(
                f'<option value=""{"" if selected - {""} else " selected"}>{escape(str(empty))}</option>'
            )
        marked = {escape(v) for v in selected}
        if not isinstance(rows, tuple):  # given rows= are a ready tuple of (str, str): used as is
            rows = ((str(k), str(label)) for k, label in rows)
            # django-filter's choice iterator yields the empty row itself: it is written above.
            rows = tuple(r for r in rows if empty is None or r[0] != "")
        options = _options(rows)
        for key in marked:  # the chosen options (usually none or one), marked in the joined markup
            options = options.replace(f'<option value="{key}">', f'<option value="{key}" selected>', 1)
        parts.append(options)
        parts.append("</select>")
        return mark_safe("".join(parts))  # every value above is escaped


class _InputWithoutTemplate:
    """An ``<input>`` written as Django's ``input.html`` and ``attrs.html`` write it (the same
    attributes in the same order), without rendering the two templates: about 0.3 ms a box,
    which a filter form above a table paid for each of its fields on every page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [
            f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        ]
        if widget["value"] is not None:
            parts.append(f' value="{conditional_escape(str(widget["value"]))}"')
        for key, attr in widget["attrs"].items():
            if attr is True:
                parts.append(f" {conditional_escape(key)}")
            elif attr is not False:
                parts.append(f' {conditional_escape(key)}="{conditional_escape(str(attr))}"')
        parts.append(">")
        return mark_safe("".join(parts))  # every value above is escaped


class PlainTextInput(_InputWithoutTemplate, forms.TextInput):
    """A text box with Django's markup, written without a template (see ``_InputWithoutTemplate``)."""


class PlainCheckboxInput(_InputWithoutTemplate, forms.CheckboxInput):
    """A checkbox with Django's markup, written without a template (see ``_InputWithoutTemplate``)."""


class StaffSearchInput(forms.TextInput):
    """A text box that suggests colleagues by name as one types (``StaffChoiceField``).

    A native ``<datalist>``: the browser's own list, which keyboards and screen readers already
    know, filled from ``/directory/suggest/`` by ``ieum.js``. Without script, typing a name that
    matches one person is enough, and a name that matches several lists them in the error.
    """

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        from django.urls import reverse

        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-suggestions"
        attrs.update({"list": list_id, "data-staff-search": reverse("directory:suggest")})
        box = super().render(name, value, attrs, renderer)
        return mark_safe(f'{box}<datalist id="{escape(list_id)}"></datalist>')  # box is escaped by Django
