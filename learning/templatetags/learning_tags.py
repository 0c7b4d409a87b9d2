from django import template

from intranet.roles import Role, has_role

register = template.Library()


@register.simple_tag
def is_learning_admin(user) -> bool:
    """Role check from the group names already read for the request (no extra query)."""
    return has_role(user, Role.LEARNING_ADMIN)


@register.simple_tag
def learning_subsites():
    """The registered parts of the education site (records, clubs …), in menu order."""
    from learning.subsites import subsites

    return subsites()
