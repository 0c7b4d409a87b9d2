"""Benchmark: results of one survey with 12,575 responses × 40 questions (≈ 500,000 answers).

Issue 3's targets: the results page within 1 s (it reads the cache the Celery task fills), the
computation itself a few seconds, the Excel export under 5 s. Each figure is also given as a
ratio to a baseline measured in the same run on the same database: one plain ``values_list``
fetch of ``(response_id, question_id, value)`` over every answer of the survey — the least any
computation over all answers must pay — so the ratios say what pandas, suppression and the
workbook cost whatever the machine.

``run(stdout)`` works in a child process on a fresh SQLite file (``common.run_child``, settings
``intranet.settings.dev``). Alone:
``.venv/bin/python -m tests.bench.bench_survey_results``.
"""

import json
import os
import random
import statistics
import sys
import time

from tests.bench.common import run_child

RESPONSES = int(os.environ.get("IEUM_BENCH_SURVEY_RESPONSES", "12575"))
PREVIOUS_RESPONSES = int(os.environ.get("IEUM_BENCH_SURVEY_PREVIOUS", "2278"))
DEPARTMENTS = 60
GRADES = ["1급", "2급", "3급", "4급", "5급", "6급", "7급"]
AREAS = ["leadership", "communication", "environment", "growth", "fairness", "welfare", "vision", "teamwork"]
TARGETS = {"compute_seconds": 5.0, "cached_read_seconds": 1.0, "export_seconds": 5.0}


def _questions(year: int, area_objs: dict, previous_bank: dict | None):
    """40 questions: 32 Likert (4 per area; in the second year one reworded with lineage and one
    with a changed method), 3 eNPS/choice, 2 multiple choice, 3 free text."""
    from intranet.surveys.models import BankQuestion, QuestionKind

    specs = []
    for a, code in enumerate(AREAS):
        for i in range(4):
            specs.append((f"{code}-{i}", QuestionKind.LIKERT5 if (a + i) % 5 else QuestionKind.LIKERT7, code))
    specs += [("enps", QuestionKind.ENPS, None), ("single-0", QuestionKind.SINGLE, None)]
    specs += [("single-1", QuestionKind.SINGLE, None), ("multi-0", QuestionKind.MULTIPLE, None)]
    specs += [("multi-1", QuestionKind.MULTIPLE, None)]
    specs += [(f"text-{i}", QuestionKind.TEXT, None) for i in range(3)]
    banks = []
    for code, kind, area in specs:
        existing = (previous_bank or {}).get(code)
        reworded = existing is not None and code in ("leadership-1", "growth-2")
        if existing is not None and not reworded:
            banks.append(existing)
            continue
        banks.append(
            BankQuestion.objects.create(
                code=f"{code}-{year}" if reworded else code,
                text=f"{code} 문항 ({year})",
                kind=kind,
                area=area_objs.get(area),
                choices=["예", "아니오", "모름", "기타"] if kind in ("single", "multiple") else [],
                continues=existing if reworded else None,
                method_changed=code == "growth-2",
            )
        )
    return banks


def build(responses: int, year: int, previous=None, previous_bank=None, seed: int = 7):
    """One closed survey with its audience and ``responses`` responses, by bulk_create."""
    import datetime

    from django.utils import timezone

    from intranet.directory.models import Department, Staff
    from intranet.surveys.counts import results_counts_changed
    from intranet.surveys.models import (
        Answer,
        Area,
        AudienceMember,
        QuestionKind,
        Response,
        Section,
        Survey,
        SurveyQuestion,
    )

    rng = random.Random(seed)
    area_objs = {
        code: Area.objects.get_or_create(code=code, defaults={"name": code, "order": i})[0]
        for i, code in enumerate(AREAS)
    }
    banks = _questions(year, area_objs, previous_bank)
    now = timezone.now()
    survey = Survey.objects.create(
        title=f"{year} 조직문화 설문",
        year=year,
        previous=previous,
        status=Survey.Status.CLOSED,
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=1),
    )
    section = Section.objects.create(survey=survey, title="본문", order=1)
    questions = SurveyQuestion.objects.bulk_create(
        SurveyQuestion(survey=survey, section=section, bank_question=b, order=i) for i, b in enumerate(banks)
    )
    departments = list(Department.objects.order_by("pk"))
    audience_size = round(responses * 1.15)
    staff = list(Staff.objects.order_by("pk")[:audience_size])
    AudienceMember.objects.bulk_create(
        (AudienceMember(survey=survey, staff=s, department_id=s.department_id, grade=s.grade) for s in staff),
        batch_size=2000,
    )
    bias = {d.pk: rng.uniform(-0.6, 0.6) for d in departments}
    batch = []
    for n in range(responses):
        member = staff[n]
        dept = member.department_id
        # a few departments stay small so suppression has work to do
        if n % 997 == 0:
            dept = departments[-1].pk
        response = Response(
            survey=survey, submitted_on=now.date(), department_id=dept, grade=member.grade, context_key=""
        )
        batch.append(response)
    Response.objects.bulk_create(batch, batch_size=2000)
    results_counts_changed(survey.pk)
    answers = []
    for response in batch:
        lean = bias.get(response.department_id, 0.0)
        for q, b in zip(questions, banks, strict=True):
            if b.kind in (QuestionKind.LIKERT5, QuestionKind.LIKERT7):
                k = 5 if b.kind == QuestionKind.LIKERT5 else 7
                v = min(k, max(1, round(rng.gauss(k * 0.8 + lean, 1.0))))
                answers.append(Answer(response=response, question=q, value=v))
            elif b.kind == QuestionKind.ENPS:
                answers.append(Answer(response=response, question=q, value=rng.randint(3, 10)))
            elif b.kind == QuestionKind.SINGLE:
                answers.append(Answer(response=response, question=q, value=rng.randint(0, 3)))
            elif b.kind == QuestionKind.MULTIPLE:
                answers.append(Answer(response=response, question=q, choices=sorted(rng.sample(range(4), 2))))
            elif rng.random() < 0.3:
                answers.append(
                    Answer(response=response, question=q, text=f"의견 {rng.randint(1, 500)}번입니다.")
                )
        if len(answers) >= 20000:
            Answer.objects.bulk_create(answers, batch_size=5000)
            answers = []
    Answer.objects.bulk_create(answers, batch_size=5000)
    return survey, {b.code: b for b in banks}


def _timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _child() -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    from intranet.directory.models import Department, Staff
    from intranet.surveys import export, results
    from intranet.surveys.models import Answer, ResultCache

    call_command("migrate", verbosity=0)
    departments = Department.objects.bulk_create(
        Department(code=f"SD{i:03d}", name=f"벤치부서{i}", sort_order=i) for i in range(DEPARTMENTS)
    )
    Staff.objects.bulk_create(
        (
            Staff(
                employee_number=f"S{n:06d}",
                name="벤치",
                department=departments[n % (DEPARTMENTS - 1)],
                grade=GRADES[n % len(GRADES)],
            )
            for n in range(round(RESPONSES * 1.15) + 10)
        ),
        batch_size=2000,
    )
    started = time.perf_counter()
    previous, previous_bank = build(PREVIOUS_RESPONSES, 2024, seed=3)
    survey, _banks = build(RESPONSES, 2025, previous=previous, previous_bank=previous_bank)
    build_seconds = time.perf_counter() - started
    answers = Answer.objects.filter(response__survey=survey).count()

    baseline, _ = _timed(
        lambda: len(
            list(
                Answer.objects.filter(response__survey_id=survey.pk).values_list(
                    "response_id", "question_id", "value"
                )
            )
        ),
        repeat=3,
    )
    count_seconds, _ = _timed(lambda: Answer.objects.filter(response__survey_id=survey.pk).count(), repeat=3)
    results.survey_results_refresh(survey_id=previous.pk)
    compute_seconds, data = _timed(lambda: results.survey_results_compute(survey_id=survey.pk), repeat=3)
    results.survey_results_refresh(survey_id=survey.pk)
    assert ResultCache.objects.get(survey=survey).data == json.loads(json.dumps(data))
    cached_seconds, cached = _timed(lambda: results.survey_results(survey=survey), repeat=20)
    filtered_seconds, _ = _timed(
        lambda: results.survey_results(survey=survey, filters={"department": departments[0].pk}), repeat=3
    )
    export_seconds, workbook = _timed(lambda: export.survey_results_workbook(survey=survey), repeat=3)
    figures = {
        "responses": RESPONSES,
        "answers": answers,
        "questions": len(data["questions"]),
        "build_seconds": round(build_seconds, 1),
        "baseline_values_list_seconds": round(baseline, 3),
        "count_seconds": round(count_seconds, 4),
        "compute_seconds": round(compute_seconds, 3),
        "cached_read_seconds": round(cached_seconds, 4),
        "filtered_department_seconds": round(filtered_seconds, 3),
        "export_seconds": round(export_seconds, 3),
        "export_bytes": len(workbook),
        "overall": cached["overall"].get("score"),
        "hidden_departments": sum(1 for g in cached["groups"]["department"] if g["suppressed"]),
    }
    for key in ("compute_seconds", "cached_read_seconds", "filtered_department_seconds", "export_seconds"):
        figures[key.replace("_seconds", "_ratio")] = round(figures[key] / baseline, 2)
    figures["ok"] = all(figures[k] < limit for k, limit in TARGETS.items())
    return figures


def run(stdout=sys.stdout) -> dict:
    """Time the results in a child process on a throwaway database; print and return the figures."""
    r = run_child("tests.bench.bench_survey_results")
    base = r["baseline_values_list_seconds"]
    lines = [
        f"survey results, {r['responses']:,} responses × {r['questions']} questions "
        f"= {r['answers']:,} answers",
        f"  (SQLite; baseline = one values_list fetch of all answers: {base:.3f} s; "
        f"COUNT(*) {r['count_seconds']:.4f} s)",
        f"  full computation   {r['compute_seconds']:.3f} s  ({r['compute_ratio']}× baseline; "
        "target a few s)",
        f"  cached read        {r['cached_read_seconds'] * 1000:.1f} ms ({r['cached_read_ratio']}× baseline; "
        "target < 1 s)",
        f"  one department     {r['filtered_department_seconds']:.3f} s  "
        f"({r['filtered_department_ratio']}× baseline)",
        f"  Excel export       {r['export_seconds']:.3f} s  ({r['export_ratio']}× baseline; target < 5 s; "
        f"{r['export_bytes']:,} bytes)",
        f"  {'ok' if r['ok'] else 'TOO SLOW'}",
    ]
    stdout.write("\n".join(lines) + "\n")
    return r


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(_child()))
    else:
        run(sys.stdout)
