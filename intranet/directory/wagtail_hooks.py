"""Admin screens of the directory: the HR import, and Department, Staff and the audit logs."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from intranet.models import AppendOnlyModel
from intranet.roles import Role

from . import admin_views
from .models import Department, DirectoryRole, ImportRun, LockOut, PersonalDataAccess, Staff


class RestrictedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions minus ``denied``, which nobody holds, superusers included."""

    denied: frozenset[str] = frozenset()

    def user_has_permission(self, user, action):
        return action not in self.denied and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.denied])


class NoDeletePermissionPolicy(RestrictedPermissionPolicy):
    """People and departments leave by deactivation; history keeps pointing at them."""

    denied = frozenset({"delete"})


class ReadOnlyPermissionPolicy(RestrictedPermissionPolicy):
    """Audit records are written by the code only."""

    denied = frozenset({"add", "change", "delete", "lock", "unlock", "publish"})


class RestrictedViewSet(SnippetViewSet):
    policy_class = NoDeletePermissionPolicy
    copy_view_enabled = False
    search_backend_name = None  # plain ORM search: these models are not in Wagtail's index

    @property
    def permission_policy(self):
        return self.policy_class(self.model)


class ReadOnlyViewSet(RestrictedViewSet):
    policy_class = ReadOnlyPermissionPolicy
    inspect_view_enabled = True


class ActiveStaffChooseMixin:
    """Roles that only choose a person (an owner, an instructor) see the people still here; HR,
    who hold the staff permissions, see everyone."""

    def get_object_list(self):
        staff = Staff.objects.select_related("department")
        if self.model.snippet_viewset.permission_policy.user_has_any_permission(
            self.request.user, ["add", "change", "view"]
        ):
            return staff
        return staff.filter(is_active=True)


class StaffChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("StaffChooseView", (ActiveStaffChooseMixin, ChooseView), {})
    choose_results_view_class = type(
        "StaffChooseResultsView", (ActiveStaffChooseMixin, ChooseResultsView), {}
    )


# The roles whose own forms choose a person or a department (intranet/admin_access.py): survey
# admins (an improvement task's owner and department), learning admins (a course's instructor),
# editors (an interview's leader, a partnership's department).
CHOOSING_ROLES = (Role.SURVEY_ADMIN, Role.LEARNING_ADMIN, Role.EDITOR)


class DepartmentViewSet(RestrictedViewSet):
    model = Department
    icon = "group"
    chooser_roles = (Role.SURVEY_ADMIN, Role.EDITOR)
    list_display = ["name", "code", "parent", "head", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    form_fields = ["code", "name", "parent", "head", "sort_order", "is_active"]

    def get_queryset(self, request):
        return Department.objects.select_related("parent", "head")


def _roles(staff: Staff, *, from_directory: bool) -> str:
    """A person's roles by source: given in Ieum by hand, or by the agency directory at log-in
    (``DirectoryRole``). Reads the prefetched groups and directory roles only."""
    if staff.user is None:
        return ""
    directory = {grant.group_id for grant in staff.user.directory_roles.all()}
    return ", ".join(
        str(Role(g.name).label) if g.name in Role.values else g.name
        for g in staff.user.groups.all()
        if g.name != Role.STAFF and (g.pk in directory) == from_directory
    )


class StaffViewSet(RestrictedViewSet):
    model = Staff
    icon = "user"
    chooser_roles = CHOOSING_ROLES
    chooser_viewset_class = StaffChooserViewSet
    list_display = [
        "name",
        "employee_number",
        "department",
        "position",
        "grade",
        "is_active",
        Column("roles_by_hand", label=_("직접 준 역할"), accessor=lambda s: _roles(s, from_directory=False)),
        Column(
            "roles_from_directory",
            label=_("디렉터리가 준 역할"),
            accessor=lambda s: _roles(s, from_directory=True),
        ),
    ]
    list_filter = ["department", "is_active"]
    search_fields = ["name", "employee_number", "search_key", "email"]
    list_per_page = 50
    form_fields = [
        "employee_number",
        "name",
        "name_en",
        "department",
        "grade",
        "position",
        "job_title",
        "email",
        "extension",
        "hired_on",
        "user",
        "skills",
        "bio",
        "is_active",
    ]

    # A snippet's form is built from the model's fields minus these (``form_fields`` is not used
    # for the edit handler). Personal fields are read only on the profile, with a purpose, logged.
    exclude_form_fields = list(Staff.PERSONAL_FIELDS)

    def get_queryset(self, request):
        return Staff.objects.select_related("department", "user").prefetch_related(
            "user__groups", "user__directory_roles"
        )


class ImportRunViewSet(ReadOnlyViewSet):
    model = ImportRun
    icon = "upload"
    list_display = [
        "created_at",
        "kind",
        "source",
        "file_name",
        "uploaded_by",
        "status",
        "created_count",
        "updated_count",
    ]
    list_filter = ["kind", "source", "status"]
    search_fields = ["file_name", "checksum"]

    def get_queryset(self, request):
        return ImportRun.objects.select_related("uploaded_by")


class PersonalDataAccessViewSet(ReadOnlyViewSet):
    model = PersonalDataAccess
    icon = "view"
    list_display = ["accessed_at", "viewer", "subject", "fields", "purpose", "ip_address"]
    list_filter = ["purpose"]
    search_fields = ["path", "fields"]

    def get_queryset(self, request):
        return PersonalDataAccess.objects.select_related("viewer", "subject")


class LockOutViewSet(ReadOnlyViewSet):
    model = LockOut
    icon = "lock"
    list_display = ["locked_at", "username", "staff", "ip_address", "path"]
    search_fields = ["username", "ip_address"]

    def get_queryset(self, request):
        return LockOut.objects.select_related("staff")


class DirectoryRoleViewSet(ReadOnlyViewSet):
    """Roles the agency directory gave at log-in (docs/ldap.md); hand-given roles are not here."""

    model = DirectoryRole
    icon = "key"
    list_display = ["user", "group", "group_dn", "granted_at"]
    search_fields = ["user__username", "group_dn"]

    def get_queryset(self, request):
        return DirectoryRole.objects.select_related("user", "group")


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (
        DepartmentViewSet,
        StaffViewSet,
        ImportRunViewSet,
        PersonalDataAccessViewSet,
        LockOutViewSet,
        DirectoryRoleViewSet,
    )
    menu_icon = "group"
    menu_label = _("직원 명부")
    menu_name = "directory"
    add_to_admin_menu = True


register_snippet(DirectoryViewSetGroup)


@hooks.register("before_delete_snippet")
def refuse_deleting_history(request, instances):
    """Audit and history rows are evidence: the single and the bulk delete views refuse them for
    everyone, superusers included (the bulk action asks only ``has_perm``, which a superuser holds)."""
    if any(isinstance(instance, AppendOnlyModel) for instance in instances):
        raise PermissionDenied


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_history(request, action_type, objects, action):
    """The bulk delete's POST, by model: it must refuse even when no row was actionable."""
    model = getattr(action, "model", None)
    if action_type == "delete" and model is not None and issubclass(model, AppendOnlyModel):
        raise PermissionDenied


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.IMPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("directory/import/", admin_views.import_upload, name="directory_import"),
        path("directory/import/<int:pk>/", admin_views.import_run_detail, name="directory_import_run"),
        path(
            "directory/import/<int:pk>/progress/",
            admin_views.import_run_progress_json,
            name="directory_import_progress",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("인사 자료 가져오기"),
        reverse("directory_import"),
        name="directory-import",
        icon_name="upload",
        order=900,
    )
