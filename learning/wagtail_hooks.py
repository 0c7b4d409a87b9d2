"""Learning admins create and edit sessions in Wagtail's admin (a snippet); course pages are
ordinary Wagtail pages under the education home. Enrolments are never edited here: every change
of a seat goes through ``services`` (the roster screens), so the audit stays complete."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Session


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "date"
    menu_label = _("교육 차수")
    menu_name = "learning_sessions"
    add_to_admin_menu = True
    menu_order = 250
    copy_view_enabled = False
    search_backend_name = None
    search_fields = ["title", "course__title", "place"]
    list_display = ["__str__", "starts_at", "capacity", "place"]
    list_filter = ["course__category"]
    panels = [
        FieldPanel("course"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("online_url")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist_enabled")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("enrol_opens_at"), FieldPanel("enrol_closes_at")]),
                FieldRowPanel([FieldPanel("cancel_cutoff_at"), FieldPanel("promotion_cutoff_at")]),
            ],
            heading=_("신청·취소 기한"),
        ),
    ]


register_snippet(SessionViewSet)


@hooks.register("after_edit_snippet")
def promote_after_capacity_edit(request, instance):
    """More seats typed into the admin form go to the waitlist at once, like the roster's form."""
    if isinstance(instance, Session):
        from .services import session_promote

        session_promote(session_id=instance.pk)
