"""Admin screen of external learning records for learning admins: a searchable, filterable list
with each record's details. Review stays on the front-end queue (``/learning/records/review/``),
whose service writes the history and notifies the person; so the admin holds only the "view"
permission and nobody, not even a superuser, can add, edit or delete a record around that."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ExternalRecord


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Only "view", for everyone, superusers included: a record changes through its services."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ExternalRecordViewSet(SnippetViewSet):
    model = ExternalRecord
    icon = "doc-full"
    menu_label = _("외부 학습·자격증")
    menu_order = 310
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None  # plain ORM search: the model is not in Wagtail's index
    list_display = ["title", "kind", "staff", "organiser", "learned_on", "hours", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "organiser", "staff__name"]
    list_per_page = 50
    inspect_view_fields = [
        "staff",
        "kind",
        "title",
        "organiser",
        "start_date",
        "end_date",
        "certificate_number",
        "acquired_on",
        "expires_on",
        "hours",
        "status",
        "review_reason",
        "reviewed_by",
        "reviewed_at",
        "submitted_at",
    ]

    @cached_property
    def permission_policy(self):
        return ViewOnlyPolicy(self.model)

    def get_queryset(self, request):
        return ExternalRecord.objects.select_related("staff")


register_snippet(ExternalRecordViewSet)
