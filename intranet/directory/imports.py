"""HR import of the department tree and the staff from the HR system's CSV or XLSX exports.

Every row is validated before anything is written, so a bad file changes nothing; the report
names the row as Excel shows it (the header is row 1), the column as the file spells it and the
reason in Korean. Every attempt, rejected and dry runs included, leaves an ``ImportRun``.

Decisions worth knowing:
- A column present in the file is the source of truth for every row, so an empty optional cell
  clears that field; an absent column leaves the field alone.
- A staff member or department listed in the file is active: a deactivated one is reactivated.
- An unknown 부서장사번 is a warning, not an error: departments are imported before the staff who
  head them, so the first import of a new agency could not name its heads otherwise. The head is
  left unchanged; importing the departments again after the staff sets it.
- The uploaded copy under ``VAR_DIR/imports`` is removed when the run ends: the audit keeps its
  SHA-256, not the personal data.
"""

import contextlib
import datetime as dt
import functools
import hashlib
import io
import itertools
import logging
import operator
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import OperationalError, connections, router, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.korean import fill
from intranet.uploads import xlsx_inflation_problem, xlsx_rows_estimate

from .cache import directory_cache_clear

if TYPE_CHECKING:
    import pandas as pd
from .models import (
    Department,
    ImportRun,
    Staff,
    extension_validator,
    phone_validator,
    staff_search_key,
)

logger = logging.getLogger(__name__)

ALLOWED_EXTENSIONS = (".csv", ".xlsx")
BATCH_SIZE = 500
PROGRESS_EVERY = 1000
CHUNK_BYTES = 1024 * 1024
# Signatures of files people rename by mistake; a CSV never starts with them.
BINARY_SIGNATURES = (b"PK\x03\x04", b"\x89PNG", b"%PDF", b"\xd0\xcf\x11\xe0", b"\xff\xd8\xff", b"GIF8")
EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_RE = re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?(?:[ T]00:00(?::00)?)?$")
COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
EXCEL_SERIAL_RE = re.compile(r"^(\d{5})(?:\.0+)?$")


@dataclass(frozen=True)
class Column:
    """One column of an HR export: the model field, the Korean header and its English aliases."""

    field: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False


DEPARTMENT_COLUMNS = (
    Column("code", "부서코드", ("code", "department_code", "dept_code"), required=True),
    Column("name", "부서명", ("name", "department_name", "dept_name"), required=True),
    Column("parent_code", "상위부서코드", ("parent_code", "parent", "parent_department_code")),
    Column("head_employee_number", "부서장사번", ("head_employee_number", "head", "head_emp_no")),
)
STAFF_COLUMNS = (
    Column("employee_number", "사번", ("employee_number", "emp_no", "employee_no", "empno"), True),
    Column("name", "성명", ("name", "full_name"), required=True),
    Column("name_en", "영문성명", ("name_en", "english_name", "name_english")),
    Column("department_code", "부서코드", ("department_code", "dept_code", "department"), True),
    Column("grade", "직급", ("grade", "rank")),
    Column("position", "직위", ("position", "title")),
    Column("email", "이메일", ("email", "e_mail", "mail")),
    Column("extension", "내선번호", ("extension", "ext", "phone_extension")),
    Column("mobile", "휴대전화", ("mobile", "mobile_phone", "cell_phone")),
    Column("hired_on", "입사일", ("hired_on", "hire_date", "hired_date", "join_date")),
)


@dataclass
class ImportIssue:
    """One line of the report. ``row`` is None for problems with the file as a whole."""

    row: int | None
    column: str
    message: str
    level: str = "error"

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message, "level": self.level}


class ImportRejected(Exception):
    """The file cannot be imported; ``issues`` says why, row by row."""

    def __init__(self, issues: list[ImportIssue]):
        super().__init__(f"{len(issues)} import errors")
        self.issues = issues


@dataclass
class ImportTable:
    """The file's cells as stripped strings, keyed by model field, with Excel row numbers."""

    headers: dict[str, str]  # field -> header as the file spells it
    rows: list[tuple[int, dict[str, str]]]

    def header(self, field_name: str, columns: tuple[Column, ...]) -> str:
        return self.headers.get(field_name) or next(c.header for c in columns if c.field == field_name)


@dataclass
class ImportPlan:
    """What an import would do; built entirely before the first write."""

    issues: list[ImportIssue] = field(default_factory=list)
    create: list = field(default_factory=list)  # departments: models; staff: each row's values
    update: list = field(default_factory=list)
    update_fields: list[str] = field(default_factory=list)
    unchanged: int = 0
    deactivate: list[int] = field(default_factory=list)
    parents: dict[str, str] = field(default_factory=dict)  # departments: code -> parent code
    heads: dict[str, Staff] = field(default_factory=dict)  # departments: code -> head

    @property
    def errors(self) -> list[ImportIssue]:
        return [i for i in self.issues if i.level == "error"]


# ---------------------------------------------------------------------------------------------
# The file: size, type, content, encoding.


def import_file_problem(*, file_name: str, size: int, head: bytes) -> str | None:
    """Why a file cannot be read as an HR export, judged from its name, size and first bytes."""
    extension = Path(file_name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        return _("CSV 또는 XLSX 파일만 가져올 수 있습니다. 받은 파일: %(name)s") % {"name": file_name}
    if size == 0:
        return _("파일이 비어 있습니다.")
    limit = settings.IEUM_IMPORT_MAX_BYTES
    if size > limit:
        return _("파일이 너무 큽니다: %(size)s MB (최대 %(limit)s MB).") % {
            "size": round(size / 1024 / 1024, 1),
            "limit": round(limit / 1024 / 1024, 1),
        }
    if extension == ".xlsx" and not head.startswith(b"PK\x03\x04"):
        return _("XLSX 파일이 아닙니다. Excel에서 XLSX 형식으로 다시 저장해 주세요.")
    if extension == ".csv" and (head.startswith(BINARY_SIGNATURES) or b"\x00" in head):
        return _("CSV 파일이 아닙니다. 내용이 텍스트가 아닌 파일입니다.")
    return None


def import_rows_estimate(path: Path, newlines: int | None = None, last_byte: bytes = b"") -> int:
    """Data rows, cheaply and without parsing: enough to choose between running now and running
    in the background (``intranet.uploads.xlsx_rows_estimate`` for an XLSX)."""
    if path.suffix.lower() == ".csv":
        if newlines is None:
            with path.open("rb") as handle:
                newlines, last_byte = 0, b""
                for chunk in iter(lambda: handle.read(CHUNK_BYTES), b""):
                    newlines, last_byte = newlines + chunk.count(b"\n"), chunk[-1:]
        return max(0, newlines + (last_byte not in (b"\n", b"")) - 1)
    return max(0, xlsx_rows_estimate(path) - 1)


def import_archive_problem(path: Path) -> str | None:
    """An XLSX that would inflate too far is refused before openpyxl or pandas open it."""
    return xlsx_inflation_problem(path) if path.suffix.lower() == ".xlsx" else None


def _decode_csv(data: bytes) -> str:
    """Korean Excel saves CSV in CP949; everything else sends UTF-8, sometimes with a BOM."""
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRejected(
        [ImportIssue(None, "", _("문자 인코딩을 알 수 없습니다. UTF-8 또는 CP949(EUC-KR)로 저장해 주세요."))]
    )


def _read_frame(path: Path) -> "pd.DataFrame":
    # pandas (with numpy, some 60 MB a process) is loaded here, by the import that needs it,
    # not with the module: every web worker imports this module and never reads a file.
    import pandas as pd

    options = {"header": None, "dtype": str, "na_filter": False}
    if path.suffix.lower() == ".csv":
        text = _decode_csv(path.read_bytes())
        try:
            return pd.read_csv(io.StringIO(text), skip_blank_lines=False, **options)
        except pd.errors.EmptyDataError:
            return pd.DataFrame()
        except pd.errors.ParserError as error:
            message = _("CSV 파일을 읽을 수 없습니다: %(reason)s") % {"reason": str(error)[:200]}
            raise ImportRejected([ImportIssue(None, "", message)]) from error
    problem = import_archive_problem(path)
    if problem:
        raise ImportRejected([ImportIssue(None, "", problem)])
    try:
        return pd.read_excel(path, engine="openpyxl", **options)
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile) as error:
        message = _("XLSX 파일을 열 수 없습니다. 파일이 손상되었을 수 있습니다.")
        raise ImportRejected([ImportIssue(None, "", message)]) from error


def _header_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", str(text)).lower()


def import_table_read(*, path: Path, columns: tuple[Column, ...]) -> ImportTable:
    """Read a CSV or XLSX file into stripped strings, mapping Korean or English headers to fields."""
    frame = _read_frame(path)
    if frame.empty:
        raise ImportRejected([ImportIssue(None, "", _("파일이 비어 있습니다."))])
    cells = frame.to_numpy().tolist()
    header_row = [str(h).strip() for h in cells[0]]
    lookup = {_header_key(c.header): c for c in columns}
    lookup.update({_header_key(alias): c for c in columns for alias in c.aliases})
    issues, headers, positions = [], {}, {}
    for index, header in enumerate(header_row):
        column = lookup.get(_header_key(header))
        if column is None:
            continue
        if column.field in headers:
            message = _("%(column)s 열이 두 번 있습니다 (%(first)s, %(second)s).") % {
                "column": column.header,
                "first": headers[column.field],
                "second": header,
            }
            issues.append(ImportIssue(1, header, message))
            continue
        headers[column.field], positions[column.field] = header, index
    for column in columns:
        if column.required and column.field not in headers:
            message = fill(_("필수 열 %(column)s이(가) 없습니다."), {"column": column.header})
            issues.append(ImportIssue(1, column.header, message))
    if issues:
        raise ImportRejected(issues)
    rows = []
    for offset, cells_of_row in enumerate(cells[1:]):
        values = {f: str(cells_of_row[i]).strip() for f, i in positions.items()}
        if any(values.values()):  # Excel leaves fully blank rows; skip them, keep numbering
            rows.append((offset + 2, values))
    if not rows:
        raise ImportRejected(
            [ImportIssue(None, "", _("데이터 행이 없습니다. 머리글 아래에 자료를 넣어 주세요."))]
        )
    return ImportTable(headers=headers, rows=rows)


# ---------------------------------------------------------------------------------------------
# Cells.


def parse_import_date(value: str) -> dt.date:
    """2025-03-14, 2025.03.14, 2025. 3. 14., 20250314, an Excel date cell or an Excel serial."""
    for pattern in (DATE_RE, COMPACT_DATE_RE):
        match = pattern.match(value)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return dt.date(year, month, day)
    value = value.split(" 00:00:00")[0]
    match = EXCEL_SERIAL_RE.match(value)
    if match:
        return EXCEL_EPOCH + dt.timedelta(days=int(match.group(1)))
    raise ValueError(value)


def restore_mobile_zero(value: str) -> str:
    """Excel keeps a mobile number typed as a number without its leading 0 (1012345678, or
    1012345678.0): give it back and write it the usual way, 010-1234-5678."""
    digits = value[:-2] if value.endswith(".0") else value
    if digits.isdigit() and len(digits) in (9, 10) and digits.startswith("1"):
        digits = "0" + digits
        return f"{digits[:3]}-{digits[3:-4]}-{digits[-4:]}"
    return value


@functools.cache
def _max_length(model, field_name: str) -> int | None:
    """A model field's ``max_length``, looked up once rather than for every cell."""
    return model._meta.get_field(field_name).max_length


class RowChecker:
    """Collects the problems of one row, phrased with the file's own column names."""

    def __init__(self, *, number: int, values: dict[str, str], table: ImportTable, columns, issues):
        self.number, self.values, self.table, self.columns = number, values, table, columns
        self.issues = issues
        self.ok = True

    def column(self, field_name: str) -> str:
        return self.table.header(field_name, self.columns)

    def error(self, field_name: str, message: str) -> None:
        self.ok = False
        self.issues.append(ImportIssue(self.number, self.column(field_name), message))

    def text(self, field_name: str, *, model, required: bool = False, model_field: str = "") -> str:
        value = self.values.get(field_name, "")
        if required and not value:
            self.error(field_name, _("%(column)s 값이 비어 있습니다.") % {"column": self.column(field_name)})
            return value
        limit = _max_length(model, model_field or field_name)
        if limit and len(value) > limit:
            message = fill(
                _("%(column)s은(는) %(limit)s자를 넘을 수 없습니다 (%(length)s자)."),
                {
                    "column": self.column(field_name),
                    "limit": limit,
                    "length": len(value),
                },
            )
            self.error(field_name, message)
        return value

    def unique(self, field_name: str, value: str, seen: dict[str, int]) -> None:
        if value in seen:
            message = fill(
                _("%(column)s %(value)s이(가) %(first)s행과 중복됩니다."),
                {
                    "column": self.column(field_name),
                    "value": value,
                    "first": seen[value],
                },
            )
            self.error(field_name, message)
        else:
            seen[value] = self.number

    def matches(self, field_name: str, validator, message) -> str:
        """``message`` is a lazy translation with ``%(value)s``, translated only for a bad cell."""
        value = self.values.get(field_name, "")
        if value and not validator.regex.match(value):
            self.error(field_name, str(message) % {"value": value})
        return value


# ---------------------------------------------------------------------------------------------
# Staff.

STAFF_TEXT_FIELDS = ("name", "name_en", "grade", "position", "email", "extension", "mobile")
_EXTENSION_MESSAGE = gettext_lazy("내선번호는 숫자와 '-'만 2~15자로 씁니다: %(value)s")
_MOBILE_MESSAGE = gettext_lazy("휴대전화 번호 형식이 올바르지 않습니다: %(value)s")


def _staff_row_values(check: RowChecker, departments: dict[str, Department], seen: dict[str, int]):
    """The model values of one staff row, or None when the row has errors."""
    number = check.text("employee_number", model=Staff, required=True)
    if number:
        check.unique("employee_number", number, seen)
    values = {"employee_number": number, "name": check.text("name", model=Staff, required=True)}
    for name in ("name_en", "grade", "position"):
        if name in check.values:
            values[name] = check.text(name, model=Staff)
    code = check.text("department_code", model=Department, required=True, model_field="code")
    if code:
        values["department"] = departments.get(code)
        if values["department"] is None:
            check.error("department_code", _("부서코드 %(code)s인 부서가 없습니다.") % {"code": code})
    if "email" in check.values:
        values["email"] = email = check.text("email", model=Staff)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                message = _("이메일 주소 형식이 올바르지 않습니다: %(value)s") % {"value": email}
                check.error("email", message)
    if "extension" in check.values:
        values["extension"] = check.matches("extension", extension_validator, _EXTENSION_MESSAGE)
    if "mobile" in check.values:
        check.values["mobile"] = restore_mobile_zero(check.values["mobile"])
        values["mobile"] = check.matches("mobile", phone_validator, _MOBILE_MESSAGE)
    if "hired_on" in check.values:
        raw = check.values["hired_on"]
        values["hired_on"] = None
        if raw:
            try:
                values["hired_on"] = parse_import_date(raw)
            except ValueError:
                message = _("날짜 형식이 올바르지 않습니다: %(value)s (예: 2025-03-14)") % {"value": raw}
                check.error("hired_on", message)
    return values if check.ok else None


def staff_import_plan(
    *,
    table: ImportTable,
    deactivate_missing: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportPlan:
    """Validate every staff row and work out creations, updates and deactivations (no writes)."""
    plan = ImportPlan()
    departments = {d.code: d for d in Department.objects.all()}
    existing = {s.employee_number: s for s in Staff.objects.select_related("department")}
    seen: dict[str, int] = {}
    present = [f for f in (*STAFF_TEXT_FIELDS, "hired_on") if f in table.headers]
    plan.update_fields = [*present, "department", "is_active", "search_key", "updated_at"]
    now = timezone.now()
    for done, (number, cells) in enumerate(table.rows, start=1):
        check = RowChecker(
            number=number, values=cells, table=table, columns=STAFF_COLUMNS, issues=plan.issues
        )
        values = _staff_row_values(check, departments, seen)
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
        if values is None or plan.errors:
            continue  # after the first error only validation matters
        staff = existing.get(values["employee_number"])
        if staff is None:
            # A new person stays a dict of values (written by ``_staff_rows_insert``): building a
            # model for each of 20,000 rows cost more than validating them.
            department_name = values["department"].name
            values["search_key"] = staff_search_key(values, department_name=department_name)
            plan.create.append(values)
            continue
        changed = not staff.is_active or staff.department_id != values["department"].pk
        changed |= any(getattr(staff, name) != values[name] for name in present)
        if not changed:
            plan.unchanged += 1
            continue
        for name, value in values.items():
            setattr(staff, name, value)
        staff.is_active, staff.updated_at = True, now
        staff.search_key = staff.build_search_key()
        plan.update.append(staff)
    if deactivate_missing and not plan.errors:
        plan.deactivate = [s.pk for n, s in existing.items() if s.is_active and n not in seen]
    return plan


def _staff_rows_insert(rows: list[dict]) -> None:
    """Insert new staff from the plan's values: one ``COPY`` on PostgreSQL, one ``executemany``
    elsewhere. ``bulk_create`` built a model and prepared some twenty values through their fields
    for every row, and on PostgreSQL quoted each column into an array in Python; these values are
    already what the columns hold, and the fields the file leaves out take their defaults (as
    ``bulk_create`` gave them) once for all rows. Like ``bulk_create``, no signal is sent."""
    if not rows:
        return
    connection = connections[router.db_for_write(Staff)]
    ops, now = connection.ops, timezone.now()
    columns, getters = [], []
    for model_field in Staff._meta.concrete_fields:
        if model_field.primary_key:
            continue
        columns.append(model_field.column)
        if model_field.name not in rows[0]:
            if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
                default = now
            else:
                default = model_field.get_default()
            getters.append(functools.partial(_constant, model_field.get_db_prep_save(default, connection)))
        elif model_field.is_relation:
            getters.append(functools.partial(_related_pk, model_field.name))
        elif model_field.get_internal_type() == "DateField":
            getters.append(functools.partial(_date_value, model_field.name, ops.adapt_datefield_value))
        else:  # text: the cell as validated
            getters.append(operator.itemgetter(model_field.name))
    table, quote = Staff._meta.db_table, ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    values = ([get(row) for get in getters] for row in rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row_values in values:
                    copy.write_row(row_values)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})", values)


def _constant(value, _row):
    return value


def _related_pk(name, row):
    return row[name].pk if row[name] is not None else None


def _date_value(name, adapt, row):
    return adapt(row[name])


def staff_import_apply(*, plan: ImportPlan) -> None:
    """Write a validated staff plan in one transaction, in batches (no per-row queries)."""
    with transaction.atomic(using=router.db_for_write(Staff)):
        directory_cache_clear()
        _staff_rows_insert(plan.create)
        Staff.objects.bulk_update(plan.update, plan.update_fields, batch_size=BATCH_SIZE)
        now = timezone.now()
        for start in range(0, len(plan.deactivate), BATCH_SIZE):
            Staff.objects.filter(pk__in=plan.deactivate[start : start + BATCH_SIZE]).update(
                is_active=False, updated_at=now
            )


# ---------------------------------------------------------------------------------------------
# Departments.


def _department_cycles(plan: ImportPlan, table: ImportTable, rows_by_code: dict[str, int]) -> None:
    """Report each file row whose parent chain comes back to itself."""
    column = table.header("parent_code", DEPARTMENT_COLUMNS)
    for code, number in rows_by_code.items():
        path, node = [code], plan.parents.get(code)
        while node and node not in path:
            path.append(node)
            node = plan.parents.get(node)
        if node == code:
            message = _("부서 트리에 순환이 생깁니다: %(path)s") % {"path": " → ".join([*path, code])}
            plan.issues.append(ImportIssue(number, column, message))


def department_import_plan(
    *, table: ImportTable, deactivate_missing: bool = False, progress: Callable[[int], None] | None = None
) -> ImportPlan:
    """Validate every department row (codes, parents, cycles, heads) and work out the changes.

    ``deactivate_missing`` is accepted for a uniform signature; departments are never deactivated
    by an import.
    """
    plan = ImportPlan(update_fields=["name", "is_active", "head"])
    existing = {d.code: d for d in Department.objects.all()}
    code_of = {d.pk: d.code for d in existing.values()}
    plan.parents = {d.code: code_of.get(d.parent_id, "") for d in existing.values()}
    has_parent, has_head = "parent_code" in table.headers, "head_employee_number" in table.headers
    head_numbers = {cells.get("head_employee_number", "") for _n, cells in table.rows} - {""}
    heads = {s.employee_number: s for s in Staff.objects.filter(employee_number__in=head_numbers)}
    seen: dict[str, int] = {}
    valid = []
    for number, cells in table.rows:
        check = RowChecker(
            number=number, values=cells, table=table, columns=DEPARTMENT_COLUMNS, issues=plan.issues
        )
        code = check.text("code", model=Department, required=True)
        if code:
            check.unique("code", code, seen)
        check.text("name", model=Department, required=True)
        if has_parent:
            check.text("parent_code", model=Department, model_field="code")
        if check.ok:
            valid.append((number, code, cells))
    parent_column = table.header("parent_code", DEPARTMENT_COLUMNS)
    for number, code, cells in valid if has_parent else ():
        parent = plan.parents[code] = cells["parent_code"]
        if parent and parent not in seen and parent not in existing:
            message = _("상위부서코드 %(code)s인 부서가 파일에도 시스템에도 없습니다.") % {"code": parent}
            plan.issues.append(ImportIssue(number, parent_column, message))
    if has_parent:
        _department_cycles(plan, table, {code: number for number, code, _cells in valid})
    if progress:
        progress(len(table.rows))
    if plan.errors:
        return plan
    head_column = table.header("head_employee_number", DEPARTMENT_COLUMNS)
    for number, code, cells in valid:
        department = existing.get(code) or Department(code=code)
        head, head_number = department.head, cells.get("head_employee_number", "")
        if has_head and head_number in heads:
            head = heads[head_number]
        elif has_head and not head_number:
            head = None
        elif has_head:
            message = _(
                "부서장사번 %(value)s인 직원이 없어 부서장을 바꾸지 않았습니다. "
                "직원을 가져온 뒤 부서를 다시 가져오세요."
            ) % {"value": head_number}
            plan.issues.append(ImportIssue(number, head_column, message, level="warning"))
        if department.pk is None:
            department.name, department.head = cells["name"], head
            plan.create.append(department)
            continue
        changed = department.name != cells["name"] or not department.is_active
        changed |= department.head_id != (head.pk if head else None)
        changed |= code_of.get(department.parent_id, "") != plan.parents.get(code, "")
        if not changed:
            plan.unchanged += 1
            continue
        department.name, department.is_active, department.head = cells["name"], True, head
        plan.update.append(department)
    return plan


def department_import_apply(*, plan: ImportPlan) -> None:
    """Create new departments, then link every department to its parent, in one transaction."""
    with transaction.atomic():
        directory_cache_clear()
        Department.objects.bulk_create(plan.create, batch_size=BATCH_SIZE)
        by_code = {d.code: d for d in Department.objects.all()}
        for department in plan.update:
            by_code[department.code] = department
        relink = []
        for department in [*plan.create, *plan.update]:
            department = by_code[department.code]
            parent = by_code.get(plan.parents.get(department.code) or "")
            department.parent = parent
            relink.append(department)
        Department.objects.bulk_update(relink, [*plan.update_fields, "parent"], batch_size=BATCH_SIZE)


IMPORTERS = {
    ImportRun.Kind.STAFF: (STAFF_COLUMNS, staff_import_plan, staff_import_apply),
    ImportRun.Kind.DEPARTMENTS: (DEPARTMENT_COLUMNS, department_import_plan, department_import_apply),
}


# ---------------------------------------------------------------------------------------------
# Runs: start (store and check the file), execute (validate, apply, record), dispatch.


def _chunks_of(source) -> Iterator[bytes]:
    if isinstance(source, Path):
        with source.open("rb") as handle:
            yield from iter(lambda: handle.read(CHUNK_BYTES), b"")
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        yield from source.chunks(CHUNK_BYTES)


def import_dir() -> Path:
    return Path(settings.VAR_DIR) / "imports"


def import_run_start(
    *,
    kind: str,
    source: Path | Iterable,
    file_name: str,
    size: int,
    uploaded_by: Staff | None = None,
    dry_run: bool = False,
    deactivate_missing: bool = False,
) -> ImportRun:
    """Record a new run and keep its file under ``VAR_DIR/imports``; refuse a bad file at once.

    ``source`` is a path or a Django upload. An oversized file is only hashed, never copied or
    parsed, so a 50 MB file costs one pass over its bytes.
    """
    run = ImportRun(
        kind=kind,
        file_name=Path(file_name).name[:255],
        uploaded_by=uploaded_by,
        dry_run=dry_run,
        deactivate_missing=deactivate_missing and kind == ImportRun.Kind.STAFF,
    )
    chunks = _chunks_of(source)
    head = next(chunks, b"")
    problem = import_file_problem(file_name=file_name, size=size, head=head[:8192])
    target = None
    if problem is None:
        import_dir().mkdir(parents=True, exist_ok=True)
        target = import_dir() / f"{uuid.uuid4().hex}{Path(file_name).suffix.lower()}"
    digest, newlines, last = hashlib.sha256(), 0, b""
    with target.open("wb") if target else contextlib.nullcontext() as out:
        for chunk in itertools.chain([head], chunks):
            digest.update(chunk)
            if out is not None:
                out.write(chunk)
                newlines, last = newlines + chunk.count(b"\n"), chunk[-1:] or last
    run.checksum = digest.hexdigest()
    if target is not None:
        problem = import_archive_problem(target)  # before anything parses it, here or in a worker
        if problem:
            target.unlink(missing_ok=True)
    if problem:
        run.status, run.finished_at = ImportRun.Status.REJECTED, timezone.now()
        run.errors = [ImportIssue(None, "", problem).as_dict()]
    else:
        run.file_path = str(target)
        run.total_rows = import_rows_estimate(target, newlines, last)
    run.save()
    return run


def import_run_progress_save(*, run_id: int, processed: int) -> None:
    """Progress is written outside the import's transaction so that the poller can see it."""
    ImportRun.objects.filter(pk=run_id).update(processed_rows=processed, heartbeat_at=timezone.now())


def _finish(run: ImportRun, status: str, issues: list[ImportIssue], plan: ImportPlan | None = None) -> None:
    run.status, run.finished_at = status, timezone.now()
    run.errors = [i.as_dict() for i in issues]
    if plan is not None:
        run.created_count, run.updated_count = len(plan.create), len(plan.update)
        run.unchanged_count, run.deactivated_count = plan.unchanged, len(plan.deactivate)
        run.processed_rows = run.total_rows
    run.save()
    if run.file_path:
        Path(run.file_path).unlink(missing_ok=True)


STALE_AFTER = dt.timedelta(minutes=15)


def import_run_execute(*, run_id: int) -> ImportRun:
    """Validate and apply a queued run. Idempotent: a run already running or finished is left,
    unless its worker died (no sign of life for STALE_AFTER): nothing of it was written, since the
    apply is one transaction, so it is safe to run again."""
    now = timezone.now()
    claimable = Q(status=ImportRun.Status.QUEUED) | Q(
        status=ImportRun.Status.RUNNING, heartbeat_at__lt=now - STALE_AFTER
    )
    claimed = ImportRun.objects.filter(claimable, pk=run_id).update(
        status=ImportRun.Status.RUNNING, processed_rows=0, heartbeat_at=now
    )
    run = ImportRun.objects.get(pk=run_id)
    if not claimed:
        return run
    columns, plan_for, apply = IMPORTERS[run.kind]
    try:
        table = import_table_read(path=Path(run.file_path), columns=columns)
        run.total_rows = len(table.rows)
        run.save(update_fields=["total_rows"])
        plan = plan_for(
            table=table,
            deactivate_missing=run.deactivate_missing,
            progress=lambda n: import_run_progress_save(run_id=run.pk, processed=n),
        )
        if plan.errors:
            raise ImportRejected(plan.issues)
        if not run.dry_run:
            apply(plan=plan)
        _finish(run, ImportRun.Status.DONE, plan.issues, plan)
    except ImportRejected as rejected:
        _finish(run, ImportRun.Status.REJECTED, rejected.issues)
    except OperationalError:
        # A busy database: nothing was written, so the task may retry the run from the start.
        ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.QUEUED)
        raise
    except Exception:  # the audit must say the run failed, whatever the cause
        logger.exception("Import run %s failed", run.pk)
        message = _("가져오는 중 예기치 않은 오류가 생겼습니다. 관리자에게 문의해 주세요.")
        _finish(run, ImportRun.Status.FAILED, [ImportIssue(None, "", message)])
    return run


def import_run_dispatch(*, run: ImportRun, background: bool) -> ImportRun:
    """Run now, or (for big files from the admin screen) queue a Celery task after commit."""
    if run.status != ImportRun.Status.QUEUED:
        return run
    if background and run.total_rows > settings.IEUM_IMPORT_ASYNC_ROWS:
        from .tasks import import_run_process

        transaction.on_commit(lambda: import_run_process.delay(run.pk))
        return run
    return import_run_execute(run_id=run.pk)


def import_run_progress(*, run: ImportRun) -> dict:
    """What the admin's progress bar polls for."""
    finished = run.status not in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)
    if run.status == ImportRun.Status.QUEUED:
        label = _("대기 중입니다…")
    elif finished:
        label = run.get_status_display()
    elif run.processed_rows >= run.total_rows:
        label = _("저장하는 중입니다…")
    else:
        label = _("%(done)s / %(total)s행 확인함") % {"done": run.processed_rows, "total": run.total_rows}
    percent = 100 if finished else run.progress_percent
    return {"percent": percent, "label": str(label), "finished": finished}


def import_run_report_lines(*, run: ImportRun) -> list[str]:
    """The report as plain lines, for the management commands."""
    return import_report_lines(issues=run.errors)


def import_report_lines(*, issues: list[dict]) -> list[str]:
    """Report lines for issues as ``ImportIssue.as_dict`` gives them (any module's import)."""
    lines = []
    for issue in issues:
        where = _("%(row)s행") % {"row": issue["row"]} if issue["row"] else _("파일")
        prefix = _("경고") if issue.get("level") == "warning" else _("오류")
        column = f" [{issue['column']}]" if issue["column"] else ""
        lines.append(f"{prefix} {where}{column}: {issue['message']}")
    return lines


def import_run_summary(*, run: ImportRun) -> str:
    """One line of counts; a dry run says what would have happened."""
    counts = {
        "created": run.created_count,
        "updated": run.updated_count,
        "unchanged": run.unchanged_count,
        "deactivated": run.deactivated_count,
        "total": run.total_rows,
    }
    if run.dry_run:
        return (
            _(
                "시험 실행(저장하지 않음): %(total)s행 중 추가 예정 %(created)s, 변경 예정 %(updated)s, "
                "변경 없음 %(unchanged)s, 퇴직 처리 예정 %(deactivated)s"
            )
            % counts
        )
    return (
        _(
            "%(total)s행 중 추가 %(created)s, 변경 %(updated)s, 변경 없음 %(unchanged)s, "
            "퇴직 처리 %(deactivated)s"
        )
        % counts
    )
