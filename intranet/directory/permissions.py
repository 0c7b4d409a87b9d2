"""Who may see and change what in the directory."""

from intranet.roles import Role, has_role

from .models import Staff


def can_see_personal_fields(user, subject: Staff) -> bool:
    return subject.user_id == user.pk or has_role(user, Role.HR_ADMIN)


def can_edit_profile(user, subject: Staff) -> bool:
    return subject.user_id == user.pk or has_role(user, Role.HR_ADMIN)


def is_hr_admin(user) -> bool:
    return has_role(user, Role.HR_ADMIN)
