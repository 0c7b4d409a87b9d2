"""Log-in with the agency directory (LDAP / Active Directory): the backend, the roles it gives and
the check that a live session's account is still enabled. Settings: ``intranet/settings/
directory_ldap.py``; the whole picture: docs/ldap.md.

- The directory checks the password (django-auth-ldap: service-account search, then a bind as
  the person, over StartTLS or LDAPS); the entry's 사번 attribute (``employeeNumber`` by default)
  finds the ``Staff`` record, whose log-in account is used (made, without a local password, on
  the first log-in). No staff record: refused with a Korean "contact HR" message, unless
  ``IEUM_LDAP_CREATE_STAFF`` allows making one from the entry.
- Roles: ``IEUM_LDAP_ROLE_GROUPS`` maps group DNs to roles. Each log-in adds the mapped roles the
  person's groups give and takes away those the directory gave before (``DirectoryRole`` rows)
  and no longer gives; roles given in Ieum by hand are never touched.
- A directory that is down or hangs: refused within ``IEUM_LDAP_TIMEOUT`` seconds with a Korean
  message; the local superuser (break-glass) still signs in through ``StaffModelBackend``.
"""

import logging

import ldap
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django_auth_ldap.backend import LDAPBackend, ldap_error

from intranet.roles import Role

from .auth import StaffModelBackend
from .models import Department, DirectoryRole, Staff

logger = logging.getLogger(__name__)

BACKEND_PATH = "intranet.directory.ldap_login.DirectoryBackend"
# The directory did not answer (refused, down, timed out): not the person's fault.
UNREACHABLE = (ldap.SERVER_DOWN, ldap.TIMEOUT, ldap.CONNECT_ERROR, ldap.TIMELIMIT_EXCEEDED)

REFUSAL_DOWN = _(
    "기관 디렉터리(로그인 서버)에 연결할 수 없어 지금은 로그인할 수 없습니다. "
    "잠시 뒤 다시 시도하고, 계속되면 정보화 담당자에게 문의해 주세요."
)
REFUSAL_NO_STAFF = _("기관 계정은 확인했지만 이음에 직원 정보가 없습니다. 인사 담당자에게 문의해 주세요.")
REFUSAL_NO_NUMBER = _(
    "기관 계정에 사번이 없어 직원 정보와 연결할 수 없습니다. 인사 담당자에게 문의해 주세요."
)
REFUSAL_LEFT = _("퇴직 처리된 직원은 로그인할 수 없습니다. 인사 담당자에게 문의해 주세요.")
REFUSAL_NAME_TAKEN = _(
    "이 아이디는 이음의 다른 계정이 쓰고 있어 기관 계정과 연결할 수 없습니다. "
    "정보화 담당자에게 문의해 주세요."
)
SIGNED_OUT_DISABLED = _(
    "기관 디렉터리에서 사용이 중지된 계정이라 로그아웃되었습니다. 인사 담당자에게 문의해 주세요."
)


def directory_login_enabled() -> bool:
    return getattr(settings, "IEUM_LDAP_ENABLED", False)


def login_refusal_set(request, message) -> None:
    """Tell the log-in form why the directory refused (``LoginForm.get_invalid_login_error``)."""
    if request is not None:
        request._ieum_login_refusal = message


def entry_value(attrs, attribute: str) -> str:
    """The first value of ``attribute`` in a django-auth-ldap entry (case-insensitive), stripped."""
    if not attribute:
        return ""
    values = attrs.get(attribute) or []
    value = values[0] if values else ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value).strip()


@receiver(ldap_error, dispatch_uid="directory.ldap_error")
def directory_error_note(sender, context=None, user=None, request=None, exception=None, **kwargs):
    """django-auth-ldap reports directory errors here instead of raising them."""
    if isinstance(exception, UNREACHABLE):
        logger.warning("Agency directory unreachable (%s): %r", context, exception)
        login_refusal_set(request, REFUSAL_DOWN)
    else:
        logger.warning("Agency directory error (%s): %r", context, exception)


class DirectoryBackend(LDAPBackend):
    """django-auth-ldap, joined to the staff record by 사번, giving roles from directory groups."""

    def get_or_build_user(self, username, ldap_user):
        request = ldap_user._request
        attributes = settings.IEUM_LDAP_ATTRIBUTES
        number = entry_value(ldap_user.attrs, attributes["employee_number"])
        if not number:
            login_refusal_set(request, REFUSAL_NO_NUMBER)
            raise ldap_user.AuthenticationFailed("the entry has no employee number")
        staff = Staff.objects.select_related("user").filter(employee_number=number).first()
        if staff is None and settings.IEUM_LDAP_CREATE_STAFF:
            staff = staff_from_entry(number=number, attrs=ldap_user.attrs)
        if staff is None:
            login_refusal_set(request, REFUSAL_NO_STAFF)
            raise ldap_user.AuthenticationFailed(f"no staff record for employee number {number}")
        if not staff.is_active:
            login_refusal_set(request, REFUSAL_LEFT)
            raise ldap_user.AuthenticationFailed(f"staff {number} has left")
        ldap_user._ieum_staff = staff
        if staff.user is not None:
            return staff.user, False
        user_model = get_user_model()
        if user_model._default_manager.filter(username__iexact=username).exists():
            login_refusal_set(request, REFUSAL_NAME_TAKEN)
            raise ldap_user.AuthenticationFailed(f"user name {username} belongs to another account")
        return user_model(username=username), True

    def authenticate_ldap_user(self, ldap_user, password):
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is None:
            return None
        staff = ldap_user._ieum_staff
        with transaction.atomic():
            if staff.user_id != user.pk:
                staff.user = user
                staff.save(update_fields=["user"])
            user.groups.add(*Group.objects.filter(name=Role.STAFF.value))
            directory_roles_apply(user=user, group_dns=_group_dns(ldap_user))
        user._ieum_staff = staff
        return user

    def get_user(self, user_id):
        # The same one-query load as the local backend (user, staff, department, head).
        return StaffModelBackend().get_user(user_id)

    # Permissions come from Ieum's role groups (ModelBackend), never from the directory.
    def has_perm(self, user, perm, obj=None):
        return False

    def has_module_perms(self, user, app_label):
        return False

    def get_all_permissions(self, user, obj=None):
        return set()

    def get_group_permissions(self, user, obj=None):
        return set()


def _group_dns(ldap_user) -> set[str]:
    if not settings.IEUM_LDAP_ROLE_GROUPS or getattr(settings, "AUTH_LDAP_GROUP_SEARCH", None) is None:
        return set()
    return {dn.lower() for dn in ldap_user.group_dns}


def staff_from_entry(*, number: str, attrs) -> Staff:
    """A staff record from a directory entry (only when ``IEUM_LDAP_CREATE_STAFF`` allows it)."""
    attributes = settings.IEUM_LDAP_ATTRIBUTES
    code = entry_value(attrs, attributes.get("department_code", ""))
    values = {
        name: entry_value(attrs, attributes.get(name, ""))[: Staff._meta.get_field(name).max_length]
        for name in ("name", "name_en", "grade", "position", "email")
    }
    return Staff.objects.create(
        employee_number=number[:20],
        department=Department.objects.filter(code=code).first() if code else None,
        **{**values, "name": values["name"] or number},
    )


def directory_roles_apply(*, user, group_dns: set[str]) -> None:
    """Give the roles the person's directory groups map to; take away those the directory gave
    before and no longer gives. A role held by hand (no ``DirectoryRole`` row) is left alone."""
    mapping = {dn.lower(): role for dn, role in settings.IEUM_LDAP_ROLE_GROUPS.items()}
    if not mapping:
        return
    wanted = {role: dn for dn, role in mapping.items() if dn in group_dns}
    groups = {g.name: g for g in Group.objects.filter(name__in=set(mapping.values()))}
    held = set(user.groups.filter(name__in=groups).values_list("name", flat=True))
    given = {g.group.name: g for g in DirectoryRole.objects.filter(user=user).select_related("group")}
    for role, dn in wanted.items():
        if role not in groups:
            logger.warning("IEUM_LDAP_ROLE_GROUPS names an unknown role: %s", role)
            continue
        if role not in held:
            user.groups.add(groups[role])
            DirectoryRole.objects.update_or_create(user=user, group=groups[role], defaults={"group_dn": dn})
        elif role in given and given[role].group_dn != dn:
            given[role].group_dn = dn
            given[role].save(update_fields=["group_dn"])
    for role, grant in given.items():
        if role not in wanted:
            user.groups.remove(grant.group)
            grant.delete()
    user.__dict__.pop("_ieum_role_names", None)


# --- a live session whose account was disabled in the directory ---------------------------------


def directory_connection():
    """A connection bound as the service account, with the log-in's options (TLS, timeouts)."""
    connection = ldap.initialize(settings.AUTH_LDAP_SERVER_URI, bytes_mode=False)
    for option, value in settings.AUTH_LDAP_CONNECTION_OPTIONS.items():
        connection.set_option(option, value)
    if settings.AUTH_LDAP_START_TLS:
        connection.start_tls_s()
    connection.simple_bind_s(settings.AUTH_LDAP_BIND_DN, settings.AUTH_LDAP_BIND_PASSWORD)
    return connection


def people_filter_for(employee_number: str) -> str:
    from ldap.filter import escape_filter_chars

    attribute = settings.IEUM_LDAP_ATTRIBUTES["employee_number"]
    return f"(&{settings.IEUM_LDAP_PEOPLE_FILTER}({attribute}={escape_filter_chars(employee_number)}))"


def directory_account_active(*, employee_number: str) -> bool | None:
    """Whether the directory still has an enabled entry with this 사번 (the people filter decides
    what "enabled" means); None when the directory cannot be asked."""
    try:
        connection = directory_connection()
        try:
            found = connection.search_ext_s(
                settings.IEUM_LDAP_USER_BASE,
                ldap.SCOPE_SUBTREE,
                people_filter_for(employee_number),
                attrlist=["1.1"],
                sizelimit=2,
            )
        finally:
            connection.unbind_s()
    except ldap.LDAPError as error:
        logger.warning("Could not re-check %s in the agency directory: %r", employee_number, error)
        return None
    return any(dn for dn, _attrs in found)


def session_account_active(user) -> bool:
    """For a session signed in through the directory: is the account still enabled there?

    Asked at most once per ``IEUM_LDAP_RECHECK_SECONDS`` per person (cached), so a disabled
    account loses its live session within that time, at its next request. While the directory
    cannot be asked the session is kept (and the answer cached for the same period, so that an
    outage does not add a timeout to every request): an outage must not sign everyone out.
    """
    staff = getattr(user, "_ieum_staff", None)
    if staff is None or not staff.is_active:
        return False
    key = f"directory.ldap.active.{user.pk}"
    seconds = settings.IEUM_LDAP_RECHECK_SECONDS
    active = cache.get(key) if seconds > 0 else None
    if active is None:
        answer = directory_account_active(employee_number=staff.employee_number)
        active = True if answer is None else answer
        if seconds > 0:
            cache.set(key, active, seconds)
    return active
