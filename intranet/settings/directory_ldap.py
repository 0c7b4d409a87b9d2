"""Log-in with the agency's directory (LDAP / Active Directory): the settings, from the environment.

Nothing here is active unless ``IEUM_LDAP_SERVER_URI`` is set: without it Ieum keeps its own
passwords exactly as before. ``directory_settings(environ)`` returns the Django settings to add
(django-auth-ldap's ``AUTH_LDAP_*`` and Ieum's ``IEUM_LDAP_*``); ``base.py`` merges them, and the
tests call it with a test server's variables, so both read the same code. README "Log-in with the
agency directory" and docs/ldap.md describe every variable with AD and OpenLDAP examples.
"""

import json

BACKEND = "intranet.directory.ldap_login.DirectoryBackend"
TRUE = {"1", "true", "yes", "on"}

# Staff fields filled from the directory and the attribute each is read from (overridable with
# IEUM_LDAP_ATTRIBUTES, a JSON object). employee_number is the link to the staff record (사번).
DEFAULT_ATTRIBUTES = {
    "employee_number": "employeeNumber",
    "name": "displayName",
    "email": "mail",
    "department_code": "departmentNumber",
    "position": "title",
}


def _flag(environ, name: str, default: bool) -> bool:
    value = environ.get(name, "").strip().lower()
    return default if not value else value in TRUE


def directory_settings(environ) -> dict:
    """The settings for the directory named in ``environ``; only ``IEUM_LDAP_ENABLED`` when none."""
    uri = environ.get("IEUM_LDAP_SERVER_URI", "").strip()
    if not uri:
        return {"IEUM_LDAP_ENABLED": False}

    import ldap
    from django_auth_ldap.config import (
        GroupOfNamesType,
        LDAPSearch,
        NestedActiveDirectoryGroupType,
        PosixGroupType,
    )

    timeout = float(environ.get("IEUM_LDAP_TIMEOUT", "3"))
    login_attribute = environ.get("IEUM_LDAP_LOGIN_ATTRIBUTE", "uid").strip()
    people_filter = environ.get("IEUM_LDAP_PEOPLE_FILTER", "(objectClass=inetOrgPerson)").strip()
    user_base = environ["IEUM_LDAP_USER_BASE"].strip()
    attributes = {**DEFAULT_ATTRIBUTES, **json.loads(environ.get("IEUM_LDAP_ATTRIBUTES") or "{}")}
    if "IEUM_LDAP_EMPLOYEE_NUMBER_ATTRIBUTE" in environ:
        attributes["employee_number"] = environ["IEUM_LDAP_EMPLOYEE_NUMBER_ATTRIBUTE"].strip()

    options = {
        # Connect and every operation give up after `timeout` seconds: a directory that is down
        # or hangs answers the log-in form within a few seconds, never a hung worker.
        ldap.OPT_NETWORK_TIMEOUT: timeout,
        ldap.OPT_TIMEOUT: timeout,
        ldap.OPT_REFERRALS: 0,  # Active Directory: never chase referrals (slow, anonymous)
        ldap.OPT_X_TLS_REQUIRE_CERT: ldap.OPT_X_TLS_DEMAND,
    }
    ca_file = environ.get("IEUM_LDAP_CA_CERT_FILE", "").strip()
    if ca_file:
        options[ldap.OPT_X_TLS_CACERTFILE] = ca_file
    options[ldap.OPT_X_TLS_NEWCTX] = 0  # last: makes the TLS options above take effect

    group_type_name = environ.get("IEUM_LDAP_GROUP_TYPE", "groupOfNames").strip()
    group_types = {
        "groupOfNames": (GroupOfNamesType, "(objectClass=groupOfNames)"),
        "activeDirectory": (NestedActiveDirectoryGroupType, "(objectClass=group)"),
        "posixGroup": (PosixGroupType, "(objectClass=posixGroup)"),
    }
    if group_type_name not in group_types:
        raise ValueError(f"IEUM_LDAP_GROUP_TYPE must be one of {', '.join(group_types)}")
    group_type, group_filter = group_types[group_type_name]
    group_base = environ.get("IEUM_LDAP_GROUP_BASE", "").strip()

    values = {
        "IEUM_LDAP_ENABLED": True,
        "AUTH_LDAP_SERVER_URI": uri,
        "AUTH_LDAP_START_TLS": _flag(environ, "IEUM_LDAP_START_TLS", not uri.startswith("ldaps://")),
        "AUTH_LDAP_BIND_DN": environ.get("IEUM_LDAP_BIND_DN", ""),
        "AUTH_LDAP_BIND_PASSWORD": environ.get("IEUM_LDAP_BIND_PASSWORD", ""),
        "AUTH_LDAP_CONNECTION_OPTIONS": options,
        # The user is found by the service account with the people filter (django-auth-ldap
        # escapes the typed name, so `*)(uid=*` is a name, not a filter) and then binds as itself.
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(
            user_base, ldap.SCOPE_SUBTREE, f"(&{people_filter}({login_attribute}=%(user)s))"
        ),
        "AUTH_LDAP_USER_ATTR_MAP": {"email": attributes["email"]} if attributes.get("email") else {},
        "AUTH_LDAP_ALWAYS_UPDATE_USER": True,
        "AUTH_LDAP_CACHE_TIMEOUT": 0,
        "AUTH_LDAP_FIND_GROUP_PERMS": False,
        "AUTH_LDAP_MIRROR_GROUPS": False,
        "IEUM_LDAP_USER_BASE": user_base,
        "IEUM_LDAP_PEOPLE_FILTER": people_filter,
        "IEUM_LDAP_LOGIN_ATTRIBUTE": login_attribute,
        "IEUM_LDAP_ATTRIBUTES": attributes,
        # {"group DN": "role"}: applied at each log-in; roles given in Ieum by hand stay.
        "IEUM_LDAP_ROLE_GROUPS": json.loads(environ.get("IEUM_LDAP_ROLE_GROUPS") or "{}"),
        "IEUM_LDAP_CREATE_STAFF": _flag(environ, "IEUM_LDAP_CREATE_STAFF", False),
        # How long "this account is still enabled in the directory" is believed for a live
        # session (one search per person per period; 0 checks on every request).
        "IEUM_LDAP_RECHECK_SECONDS": int(environ.get("IEUM_LDAP_RECHECK_SECONDS", "60")),
        "IEUM_LDAP_SYNC": _flag(environ, "IEUM_LDAP_SYNC", False),
        "IEUM_LDAP_TIMEOUT": timeout,
    }
    if group_base:
        values["AUTH_LDAP_GROUP_SEARCH"] = LDAPSearch(group_base, ldap.SCOPE_SUBTREE, group_filter)
        values["AUTH_LDAP_GROUP_TYPE"] = group_type()
    return values
