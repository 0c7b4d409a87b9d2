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


def has_role(user, role: Role) -> bool:
    """True when the user is in the role's group; superusers hold every role."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_ieum_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._ieum_role_names = cache
    return role.value in cache
