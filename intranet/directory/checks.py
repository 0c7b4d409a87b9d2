"""System checks of the agency-directory settings (``manage.py check``, every start)."""

from django.conf import settings
from django.core import checks

from intranet.roles import Role


@checks.register(checks.Tags.security)
def directory_role_groups_check(app_configs, **kwargs):
    """``IEUM_LDAP_ROLE_GROUPS`` must name Ieum's roles: a typo would silently give nothing."""
    unknown = sorted(set(getattr(settings, "IEUM_LDAP_ROLE_GROUPS", {}).values()) - set(Role.values))
    if not unknown:
        return []
    return [
        checks.Error(
            f"IEUM_LDAP_ROLE_GROUPS names roles Ieum does not have: {', '.join(unknown)}",
            hint=f"Use one of: {', '.join(Role.values)}",
            id="ieum.E101",
        )
    ]
