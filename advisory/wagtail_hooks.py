"""Admin screens of the committee secretary: domains (with their consecutive-term rule), members
(with contact details) and the appointment ceremonies.

Only the "committee secretary" group (and superusers) holds these models' permissions (data
migration 0003), so only they see the menu. Terms, meetings and advice are kept on /advisory/,
where the services check the rules that span rows (overlapping terms, recusals, approved minutes).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Ceremony, Domain, Member


class DomainViewSet(ModelViewSet):
    model = Domain
    icon = "tag"
    list_display = ["name", "max_consecutive_terms", "sort_order"]
    search_fields = ["name"]
    search_backend_name = None
    copy_view_enabled = False


class MemberViewSet(ModelViewSet):
    model = Member
    icon = "user"
    list_display = ["name", "affiliation", "title", "domain", "role"]
    list_filter = ["domain", "role"]
    search_fields = ["name", "affiliation"]
    search_backend_name = None
    copy_view_enabled = False


class CeremonyViewSet(ModelViewSet):
    model = Ceremony
    icon = "date"
    list_display = ["title", "held_on", "place"]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False


class AdvisoryGroup(ModelViewSetGroup):
    menu_label = _("자문위원회")
    menu_icon = "group"
    items = (
        MemberViewSet("advisory_members"),
        DomainViewSet("advisory_domains"),
        CeremonyViewSet("advisory_ceremonies"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return AdvisoryGroup()
