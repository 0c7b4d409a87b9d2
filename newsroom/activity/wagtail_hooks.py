"""Admin screens for editors: the PR log and the partnerships, with their files inline.

Only the "editor" group (and superusers) holds these models' permissions (data migration
0002), so only they see the menu.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Partnership, PrActivity


class PrActivityViewSet(ModelViewSet):
    model = PrActivity
    icon = "doc-full"
    list_display = ["date", "title", "channel", "reach"]
    list_filter = ["channel"]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
    add_to_admin_menu = False


class PartnershipViewSet(ModelViewSet):
    model = Partnership
    icon = "group"
    list_display = ["partner", "kind", "date", "department"]
    list_filter = ["kind"]
    search_fields = ["partner"]
    search_backend_name = None
    copy_view_enabled = False


class ActivityGroup(ModelViewSetGroup):
    menu_label = _("홍보·협력")
    menu_icon = "doc-full"
    items = (PrActivityViewSet("newsroom_pr"), PartnershipViewSet("newsroom_partnerships"))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ActivityGroup()
