"""The role groups of DESIGN.md. The data migration creates them; code asks through here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("직원")
    LEARNING_ADMIN = "learning admin", _("교육 관리자")
    PLANNER = "planner", _("성과 기획자")
    PROGRAMME_OWNER = "programme owner", _("과제 담당자")
    LEADER = "leader", _("리더")
    EDITOR = "editor", _("뉴스룸 편집자")
    COMMITTEE_SECRETARY = "committee secretary", _("자문위원회 간사")
    HR_ADMIN = "HR admin", _("인사 관리자")
    SURVEY_ADMIN = "survey admin", _("설문 관리자")


# The roles whose groups the data migration gives Wagtail's "access admin" permission.
ADMIN_ROLES = frozenset(
    {
        Role.LEARNING_ADMIN,
        Role.PLANNER,
        Role.LEADER,
        Role.EDITOR,
        Role.COMMITTEE_SECRETARY,
        Role.HR_ADMIN,
        Role.SURVEY_ADMIN,
    }
)


def _role_names(user) -> set[str]:
    """The user's group names, read once per request (cached on the user object)."""
    names = getattr(user, "_ieum_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._ieum_role_names = names
    return names


def role_names_known(user) -> bool:
    """Whether this request has already read the user's group names."""
    return getattr(user, "_ieum_role_names", None) is not None


def role_names_remember(user, names: set[str]) -> None:
    """Keep group names read elsewhere in this request's query (the header's, see
    ``intranet.context_processors``) so that ``has_role`` asks nothing more."""
    user._ieum_role_names = set(names)


def has_role(user, role: Role) -> bool:
    """True when the user is in the role's group; superusers hold every role."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or role.value in _role_names(user)


def can_open_admin(user) -> bool:
    """Whether to offer the link to Wagtail's admin: one query shared with ``has_role``, not the
    two of a permission check (Wagtail itself still checks the permission on every admin page)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool({r.value for r in ADMIN_ROLES} & _role_names(user))


# --- for data migrations -------------------------------------------------------------------------
# Each module's data migration gives roles the model permissions of its admin screens through these
# functions. They take the migration's ``apps`` (historical models, never the real ones), so this
# module imports no model. Applied migrations call them: never change what they do, add a new
# function instead.

ALL_ACTIONS = ("add", "change", "delete", "view")


def ensure_permission(apps, app_label: str, model: str, action: str):
    """The permission ``<action>_<model>`` of ``app_label``, created with its content type when
    the app's own post-migrate signal has not run yet (a data migration in the first ``migrate``)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {model}"},
    )
    return permission


def role_permissions_grant(apps, *, roles, app_label: str, models: dict) -> None:
    """Give each role group (which must exist) the permissions ``{model: [action, …]}`` of
    ``app_label``."""
    Group = apps.get_model("auth", "Group")
    for name in roles:
        group = Group.objects.get(name=name)
        for model, actions in models.items():
            for action in actions:
                group.permissions.add(ensure_permission(apps, app_label, model, action))


def role_permissions_revoke(apps, *, roles, app_label: str, models=None) -> None:
    """Take from each role group that exists every permission on ``models`` of ``app_label``
    (``None``: on every model of the app)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label=app_label)
    if models is not None:
        permissions = permissions.filter(content_type__model__in=list(models))
    for group in Group.objects.filter(name__in=list(roles)):
        group.permissions.remove(*permissions)


def role_permissions_operation(*, roles, app_label: str, models: dict, revoke_whole_app: bool = False):
    """A migration operation that grants ``models`` (``{model: [action, …]}``) to ``roles`` and,
    migrated backwards, revokes every permission on those models (or, with ``revoke_whole_app``,
    on every model of the app)::

        operations = [role_permissions_operation(roles=["editor"], app_label="newsroom_activity",
                                                 models=dict.fromkeys(MODELS, ALL_ACTIONS))]

    The migration must depend on ``("intranet", "0001_roles")`` (the groups) and on the
    migration that creates the models."""
    from django.db import migrations

    roles, models = list(roles), {model: list(actions) for model, actions in models.items()}

    def grant(apps, schema_editor):
        role_permissions_grant(apps, roles=roles, app_label=app_label, models=models)

    def revoke(apps, schema_editor):
        role_permissions_revoke(
            apps, roles=roles, app_label=app_label, models=None if revoke_whole_app else list(models)
        )

    return migrations.RunPython(grant, revoke)


def role_collection_permissions_operation(*, role: str, permissions: dict):
    """A migration operation that gives ``role`` Wagtail collection permissions on the root
    collection (``{(app_label, model): [action, …]}``, e.g. ``{("wagtailimages", "image"):
    ["add", "choose"]}``) and, migrated backwards, takes exactly those away.

    Wagtail checks images and documents per collection (``GroupCollectionPermission``), not by the
    group's model permissions: without these rows the role's image chooser is empty and its upload
    tab is missing. ``add`` lets the role upload, and edit or delete what it uploaded itself;
    ``choose`` lets it pick any image of the collection; ``change`` would let it edit everyone's.
    The migration must depend on ``("intranet", "0001_roles")`` and on ``wagtailcore``'s."""
    from django.db import migrations

    wanted = [(app, model, action) for (app, model), actions in permissions.items() for action in actions]

    def rows(apps):
        Group = apps.get_model("auth", "Group")
        Collection = apps.get_model("wagtailcore", "Collection")
        return Group.objects.filter(name=role).first(), Collection.objects.filter(depth=1).first()

    def grant(apps, schema_editor):
        GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
        group, root = rows(apps)
        if group is None or root is None:
            return
        for app_label, model, action in wanted:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=ensure_permission(apps, app_label, model, action)
            )

    def revoke(apps, schema_editor):
        GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
        group, root = rows(apps)
        for app_label, model, action in wanted:
            GroupCollectionPermission.objects.filter(
                group=group,
                collection=root,
                permission__content_type__app_label=app_label,
                permission__codename=f"{action}_{model}",
            ).delete()

    return migrations.RunPython(grant, revoke)
