"""Admin hooks of the core: the Draftail rich-text editor gets its field's label as its name."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def draftail_accessible_name():
    """Draftail's textbox is not the element its ``<label for>`` points at, so it has no name
    (axe ``aria-input-field-name``, wagtail/wagtail#14205); the script names it after the label."""
    return format_html('<script src="{}" defer></script>', static("ieum/admin-a11y.js"))
