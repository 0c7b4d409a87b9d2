"""Benchmark: importing 20,000 staff rows end to end, against a plain ``bulk_create`` baseline.

DESIGN.md's target is under 30 s on the 2-core reference machine. The baseline (the same 20,000
``Staff`` rows written with one ``bulk_create``, search keys left empty) is measured in the same
run, so the ratio says what validation, search keys and the audit cost whatever the machine.

``run(stdout)`` does the work in a child process on a fresh SQLite file (``common.run_child``),
so it never touches ``var/ieum.sqlite3`` or a database another benchmark uses.
Alone: ``.venv/bin/python -m tests.bench.bench_import``.
"""

import csv
import io
import json
import os
import sys
import time
from pathlib import Path

from tests.bench.common import run_child

ROWS = int(os.environ.get("IEUM_BENCH_IMPORT_ROWS", "20000"))
DEPARTMENTS = 60
TARGET_SECONDS = 30.0
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
# Given names from two syllables each, as many different ones as an agency of 20,000 has (some
# 2,000 given names, nearly every full name different): no cache of names flatters the import.
GIVEN_FIRST = (
    "민지서현수준하성유도예영정은재승태동상혜미진경소우주선한희세연채다시건규나라보아인용원종찬창형효"
)
GIVEN_SECOND = (
    "수훈연은우빈호민진윤린희영준아원혁서현경석철숙자미정주하나림율기도람범별비솔송식안열온완욱웅인"
)


def staff_name(n: int) -> str:
    """The n-th person's name: surnames cycle, given names spread by a multiplicative hash."""
    mixed = (n * 2654435761) % 2**32
    first = GIVEN_FIRST[mixed % len(GIVEN_FIRST)]
    second = GIVEN_SECOND[(mixed // len(GIVEN_FIRST)) % len(GIVEN_SECOND)]
    return SURNAMES[n % len(SURNAMES)] + first + second


def staff_csv(rows: int) -> bytes:
    """A CP949 file as Korean Excel writes it, every column filled."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["사번", "성명", "영문성명", "부서코드", "직급", "직위", "이메일", "내선번호", "휴대전화", "입사일"]
    )
    for n in range(rows):
        writer.writerow(
            [
                f"B{n:06d}",
                staff_name(n),
                f"Name {n}",
                f"BD{n % DEPARTMENTS:03d}",
                f"{4 + n % 6}급",
                "팀원",
                f"b{n:06d}@agency.example",
                f"{1000 + n % 9000}",
                f"010-{n % 10000:04d}-{(n * 7) % 10000:04d}",
                f"20{10 + n % 15}.{1 + n % 12:02d}.{1 + n % 28:02d}",
            ]
        )
    return out.getvalue().encode("cp949")


def _child() -> dict:
    """Runs inside the child process, with Django set up on the temporary database."""
    import django

    django.setup()
    from django.core.management import call_command

    from intranet.directory.imports import STAFF_COLUMNS, import_table_read
    from intranet.directory.models import Department, ImportRun, Staff

    call_command("migrate", verbosity=0)
    Department.objects.bulk_create(
        Department(code=f"BD{i:03d}", name=f"벤치부서{i}") for i in range(DEPARTMENTS)
    )
    path = Path(os.environ["IEUM_VAR_DIR"]) / "staff-20000.csv"
    path.write_bytes(staff_csv(ROWS))

    table = import_table_read(path=path, columns=STAFF_COLUMNS)
    departments = {d.code: d for d in Department.objects.all()}
    started = time.perf_counter()
    Staff.objects.bulk_create(
        (
            Staff(
                employee_number=c["employee_number"],
                name=c["name"],
                department=departments[c["department_code"]],
            )
            for _n, c in table.rows
        ),
        batch_size=500,
    )
    baseline = time.perf_counter() - started
    Staff.objects.all().delete()

    started = time.perf_counter()
    call_command("import_staff", str(path), stdout=io.StringIO())
    seconds = time.perf_counter() - started
    run = ImportRun.objects.latest("created_at")
    assert run.status == ImportRun.Status.DONE and run.created_count == ROWS, run.errors

    started = time.perf_counter()
    call_command("import_staff", str(path), stdout=io.StringIO())
    unchanged_seconds = time.perf_counter() - started
    return {
        "rows": ROWS,
        "import_seconds": round(seconds, 2),
        "reimport_unchanged_seconds": round(unchanged_seconds, 2),
        "baseline_bulk_create_seconds": round(baseline, 2),
        "ratio": round(seconds / baseline, 1),
        "target_seconds": TARGET_SECONDS,
        "ok": seconds < TARGET_SECONDS,
    }


def run(stdout=sys.stdout) -> dict:
    """Time the import in a child process; print and return the figures."""
    result = run_child("tests.bench.bench_import")
    stdout.write(
        f"import_staff {result['rows']:,} rows (SQLite): {result['import_seconds']:.2f} s "
        f"(target < {TARGET_SECONDS:.0f} s: {'ok' if result['ok'] else 'TOO SLOW'}); "
        f"baseline bulk_create {result['baseline_bulk_create_seconds']:.2f} s, ratio {result['ratio']}×; "
        f"re-import unchanged {result['reimport_unchanged_seconds']:.2f} s\n"
    )
    return result


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(_child()))
    else:
        run(sys.stdout)
