"""Small builders for performance tests: a plan, a programme with milestones/KPIs, a planner."""

import datetime as dt

from performance.models import Plan, Programme
from performance.services import KpiInput, MilestoneInput, programme_create
from tests.factories import DepartmentFactory, StaffFactory, staff_with_login


def planner():
    return staff_with_login(roles=["planner"])


def build_plan(year: int = 2025, **fields) -> Plan:
    return Plan.objects.get_or_create(year=year, defaults={"title": f"{year}년 성과업무 프로그램", **fields})[
        0
    ]


def build_programme(
    plan: Plan | None = None,
    *,
    code: str = "P-01",
    owner=None,
    department=None,
    milestones=None,
    kpis=(),
    mode=Programme.ProgressMode.MILESTONES,
    weight=1,
    origin=Programme.Origin.ONGOING,
) -> Programme:
    plan = plan or build_plan()
    department = department or DepartmentFactory()
    owner = owner or StaffFactory(department=department)
    if milestones is None:
        milestones = [
            MilestoneInput("착수 보고", dt.date(plan.year, 3, 31), 25),
            MilestoneInput("중간 점검", dt.date(plan.year, 6, 30), 50),
            MilestoneInput("완료 보고", dt.date(plan.year, 11, 30), 25),
        ]
    return programme_create(
        plan=plan,
        code=code,
        title="시험 과제",
        department=department,
        owner=owner,
        origin=origin,
        weight=weight,
        progress_mode=mode,
        milestones=milestones,
        kpis=kpis,
    )


def kpi(name="이용자 만족도", baseline=74.7, target=85, actual=None) -> KpiInput:
    return KpiInput(name=name, baseline=baseline, target=target, actual=actual, unit="점")
