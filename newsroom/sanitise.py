"""Rich text as it reaches a reader: only the tags and attributes the editor's features produce.

Wagtail's editor already limits what an editor can type, but rich text also arrives by other
paths (an import, the API, code, a hand-edited revision). Each newsroom page cleans its rich
text fields when it is cleaned and when it is saved, so a script or an event handler never
reaches the page, whatever path wrote it. Wagtail's stored format (``<a linktype="page" id="3">``,
``<embed embedtype="image" …>``) is kept as it is.
"""

from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment

ALLOWED = {
    "p": set(),
    "br": set(),
    "hr": set(),
    "h2": set(),
    "h3": set(),
    "h4": set(),
    "b": set(),
    "strong": set(),
    "i": set(),
    "em": set(),
    "ol": set(),
    "ul": set(),
    "li": set(),
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "template", "noscript", "svg", "math", "form"}
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}


def _safe_url(value: str) -> bool:
    compact = "".join(value.split()).lower()
    try:
        return urlsplit(compact).scheme in SAFE_SCHEMES
    except ValueError:
        return False


def clean_rich_text(html: str) -> str:
    """Return ``html`` with every tag, attribute and link scheme outside the allowed set removed
    (dangerous elements with their content, other unknown tags keeping their text)."""
    if not html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        if tag.name in DROPPED_WITH_CONTENT:
            tag.decompose()
            continue
        if tag.name not in ALLOWED:
            tag.unwrap()
            continue
        allowed = ALLOWED[tag.name]
        for attribute in list(tag.attrs):
            if attribute not in allowed:
                del tag.attrs[attribute]
        for attribute in ("href", "url"):
            if attribute in tag.attrs and not _safe_url(str(tag.attrs[attribute])):
                del tag.attrs[attribute]
    return str(soup)


class SanitisedRichTextMixin:
    """A page whose ``rich_text_fields`` are cleaned on ``clean()`` and on ``save()``."""

    rich_text_fields: tuple[str, ...] = ()

    def _sanitise_rich_text(self) -> None:
        for name in self.rich_text_fields:
            setattr(self, name, clean_rich_text(getattr(self, name)))

    def clean(self):
        self._sanitise_rich_text()
        super().clean()

    def save(self, *args, **kwargs):
        self._sanitise_rich_text()
        return super().save(*args, **kwargs)
