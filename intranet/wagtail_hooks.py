"""Admin hooks of the core: the Draftail rich-text editor gets its field's label as its name."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def draftail_accessible_name():
    """Draftail's textbox is not the element its ``<label for>`` points at, so it has no name
    (axe ``aria-input-field-name``, wagtail/wagtail#14205); the script names it after the label."""
    return format_html('<script src="{}" defer></script>', static("ieum/admin-a11y.js"))


# --- the annual report's narrative (planners) --------------------------------------------------------

from django.utils.translation import gettext_lazy as _  # noqa: E402
from wagtail.admin.panels import FieldPanel, FieldRowPanel  # noqa: E402
from wagtail.snippets.models import register_snippet  # noqa: E402
from wagtail.snippets.views.snippets import SnippetViewSet  # noqa: E402

from intranet.models import ReportNarrative  # noqa: E402


class ReportNarrativeViewSet(SnippetViewSet):
    """Planners' text and photos per section of a year's report. The computed figures are not
    here: they are computed from the records each time and cannot be edited."""

    model = ReportNarrative
    icon = "doc-full"
    menu_label = _("성과보고서 서술")
    menu_order = 310
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["year", "section", "heading", "updated_at"]
    list_filter = ["year", "section"]
    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("section")]),
        FieldPanel("heading"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("image"), FieldPanel("image_caption")]),
    ]


register_snippet(ReportNarrativeViewSet)
