"""Admin screens of study clubs for learning admins: clubs (a new club's leader becomes its
first member), memberships, meetings and competition entries."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from intranet.widgets import LongSelect

from .models import Club, CompetitionEntry, Meeting, Membership


class ClubAdminForm(WagtailAdminModelForm):
    def save(self, commit=True):
        club = super().save(commit=commit)
        if (
            commit
            and not Membership.objects.filter(club=club, staff=club.leader, left_at__isnull=True).exists()
        ):
            Membership.objects.create(club=club, staff=club.leader, joined_at=timezone.now())
        return club


class ClubAdminViewSet(SnippetViewSet):
    copy_view_enabled = False
    search_backend_name = None
    form_fields: list = []
    base_form_class = None
    widgets: dict = {}

    def get_edit_handler(self):
        panels = ObjectList(
            [FieldPanel(name, widget=self.widgets.get(name)) for name in self.form_fields],
            base_form_class=self.base_form_class,
        )
        return panels.bind_to_model(self.model)


class ClubViewSet(ClubAdminViewSet):
    model = Club
    icon = "group"
    list_display = ["name", "leader", "is_open", "founded_on"]
    list_filter = ["is_open"]
    search_fields = ["name", "description"]
    form_fields = ["name", "leader", "description", "is_open", "founded_on"]
    base_form_class = ClubAdminForm
    widgets = {"leader": LongSelect}

    def get_queryset(self, request):
        return Club.objects.select_related("leader")


class MembershipViewSet(ClubAdminViewSet):
    model = Membership
    icon = "user"
    list_display = ["club", "staff", "joined_at", "left_at"]
    list_filter = ["club"]
    search_fields = ["staff__name", "club__name"]
    form_fields = ["club", "staff", "left_at"]
    widgets = {"staff": LongSelect}

    def get_queryset(self, request):
        return Membership.objects.select_related("club", "staff")


class MeetingViewSet(ClubAdminViewSet):
    model = Meeting
    icon = "date"
    list_display = ["held_on", "topic", "club"]
    list_filter = ["club"]
    search_fields = ["topic", "notes"]
    form_fields = ["club", "held_on", "topic", "notes", "attendees"]

    def get_queryset(self, request):
        return Meeting.objects.select_related("club")


class CompetitionEntryViewSet(ClubAdminViewSet):
    model = CompetitionEntry
    icon = "pick"
    list_display = ["competition", "entry_title", "club", "held_on", "result"]
    list_filter = ["club"]
    search_fields = ["competition", "entry_title", "result"]
    form_fields = ["club", "competition", "entry_title", "held_on", "team", "result"]

    def get_queryset(self, request):
        return CompetitionEntry.objects.select_related("club")


class ClubViewSetGroup(SnippetViewSetGroup):
    menu_label = _("학습 동호회")
    menu_icon = "group"
    menu_order = 320
    items = (ClubViewSet, MembershipViewSet, MeetingViewSet, CompetitionEntryViewSet)


register_snippet(ClubViewSetGroup)
