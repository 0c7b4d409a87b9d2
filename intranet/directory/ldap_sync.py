"""Staff from the agency directory: the second source beside the HR file import (docs/ldap.md).

The directory's enabled people (``IEUM_LDAP_USER_BASE`` + ``IEUM_LDAP_PEOPLE_FILTER``) are read
into the HR import's table, one row per entry (sorted by DN), under the attribute names of
``IEUM_LDAP_ATTRIBUTES``, and go through the same plan as a file: every entry is validated before
anything is written, the report is the same Korean row report (row = the entry's place, with its
DN), the write is one transaction, staff the directory no longer lists are deactivated (never
deleted), and the run leaves the same ``ImportRun`` as a file import (source "기관 디렉터리",
checksum of what was read). A directory that cannot be read leaves a failed run and changes nothing.
"""

import hashlib
import json
import logging

import ldap
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from ldap.controls import SimplePagedResultsControl

from .imports import (
    STAFF_COLUMNS,
    ImportIssue,
    ImportTable,
    _finish,
    staff_import_apply,
    staff_import_plan,
)
from .ldap_login import directory_connection, entry_value
from .models import ImportRun, Staff

logger = logging.getLogger(__name__)

PAGE_SIZE = 500  # Active Directory answers at most 1000 entries per page


def directory_people_read() -> list[tuple[str, dict]]:
    """Every enabled person under the user base, with the mapped attributes, sorted by DN."""
    attributes = [a for a in settings.IEUM_LDAP_ATTRIBUTES.values() if a]
    connection = directory_connection()
    entries, control = [], SimplePagedResultsControl(True, size=PAGE_SIZE, cookie="")
    try:
        while True:
            message = connection.search_ext(
                settings.IEUM_LDAP_USER_BASE,
                ldap.SCOPE_SUBTREE,
                settings.IEUM_LDAP_PEOPLE_FILTER,
                attrlist=attributes,
                serverctrls=[control],
            )
            _type, data, _id, controls = connection.result3(message, timeout=settings.IEUM_LDAP_TIMEOUT)
            entries.extend((dn, attrs) for dn, attrs in data if dn)
            cookie = next(
                (c.cookie for c in controls if c.controlType == SimplePagedResultsControl.controlType), b""
            )
            if not cookie:
                break
            control.cookie = cookie
    finally:
        connection.unbind_s()
    return sorted(entries, key=lambda entry: entry[0].lower())


def directory_table(entries) -> ImportTable:
    """The entries as the HR import's table: the header of each field is its attribute name."""
    known = {column.field for column in STAFF_COLUMNS}
    mapping = {f: a for f, a in settings.IEUM_LDAP_ATTRIBUTES.items() if a and f in known}
    lowered = [(dn, {k.lower(): v for k, v in attrs.items()}) for dn, attrs in entries]
    rows = [
        (number, {f: entry_value(attrs, a.lower()) for f, a in mapping.items()})
        for number, (_dn, attrs) in enumerate(lowered, start=1)
    ]
    return ImportTable(headers=mapping, rows=rows)


def directory_staff_sync(*, dry_run: bool = False, started_by: Staff | None = None) -> ImportRun:
    """Read, validate, then write all or nothing; the returned run is the audit record."""
    run = ImportRun.objects.create(
        kind=ImportRun.Kind.STAFF,
        source=ImportRun.Source.DIRECTORY,
        status=ImportRun.Status.RUNNING,
        file_name=f"{settings.AUTH_LDAP_SERVER_URI} {settings.IEUM_LDAP_USER_BASE}"[:255],
        uploaded_by=started_by,
        dry_run=dry_run,
        deactivate_missing=True,
        heartbeat_at=timezone.now(),
    )
    try:
        entries = directory_people_read()
    except ldap.LDAPError as error:
        logger.warning("Directory sync could not read the directory: %r", error)
        message = _("기관 디렉터리에서 직원 목록을 읽을 수 없습니다. 아무것도 바꾸지 않았습니다.")
        _finish(run, ImportRun.Status.FAILED, [ImportIssue(None, "", message)])
        return run
    table = directory_table(entries)
    read = [(dn, row) for (dn, _a), (_n, row) in zip(entries, table.rows, strict=True)]
    canonical = json.dumps(read, ensure_ascii=False)
    run.checksum = hashlib.sha256(canonical.encode()).hexdigest()
    run.total_rows = len(table.rows)
    if not table.rows:
        # An empty answer (a wrong base or filter) would deactivate everyone: refuse it.
        message = _("기관 디렉터리에서 읽은 직원이 없습니다. 검색 위치와 조건을 확인해 주세요.")
        _finish(run, ImportRun.Status.REJECTED, [ImportIssue(None, "", message)])
        return run
    plan = staff_import_plan(table=table, deactivate_missing=True)
    dns = {number: dn for number, (dn, _attrs) in enumerate(entries, start=1)}
    issues = [
        ImportIssue(i.row, i.column, f"{i.message} ({dns[i.row]})" if i.row in dns else i.message, i.level)
        for i in plan.issues
    ]
    if plan.errors:
        _finish(run, ImportRun.Status.REJECTED, issues)
        return run
    if not dry_run:
        staff_import_apply(plan=plan)
    _finish(run, ImportRun.Status.DONE, issues, plan)
    return run
