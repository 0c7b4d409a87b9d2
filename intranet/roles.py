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
