"""A stand-in for ``manage.py seed_demo --scale N`` so the benchmark runs before that command exists.

``run.py`` uses it only when ``manage.py help seed_demo`` fails. It writes a department tree and
about 333 × scale staff with Korean names, spread the way an agency's directory is (many 김/이/박,
teams of 50–80), in bulk so 20,000 rows take seconds. Run with the benchmark's environment:
``python -m tests.bench.seed_fallback --scale 60``.
"""

import argparse
import random

import django


def seed(scale: int) -> None:
    from django.contrib.auth.models import Group, User
    from django.db import transaction

    from intranet.directory.models import Department, Staff

    rng = random.Random(20260101)  # deterministic: the same data every run
    surnames = "김" * 21 + "이" * 15 + "박" * 8 + "최정강조윤장임한오서신권황안송류전홍고문양손배백허남심노"
    syllables = "민수영희정훈은현우서연지호준성진경미선혜주상동재석원태윤아"
    grades = ["1급", "2급", "3급", "4급", "5급", "6급", "7급", "8급", "9급"]
    positions = ["팀원"] * 12 + ["선임", "책임", "과장", "차장", "팀장"]
    duties = [
        "교육 운영",
        "교육과정 설계",
        "예산 편성",
        "성과 관리",
        "인사 행정",
        "홍보 콘텐츠",
        "정보보안",
        "시스템 운영",
        "자문위원회 지원",
        "설문 조사 분석",
        "대외 협력",
        "회계 결산",
    ]
    skills = ["교육", "데이터 분석", "엑셀", "기획", "보고서 작성", "영어", "파이썬", "법무", "홍보"]

    with transaction.atomic():
        root, _ = Department.objects.get_or_create(code="B0000", defaults={"name": "이음기관"})
        departments = []
        for d in range(12):
            division, _ = Department.objects.get_or_create(
                code=f"B{d + 1:02d}00", defaults={"name": f"제{d + 1}본부", "parent": root, "sort_order": d}
            )
            for o in range(5):
                office, _ = Department.objects.get_or_create(
                    code=f"B{d + 1:02d}{o + 1}0",
                    defaults={"name": f"{duties[(d + o) % 12]}실 {d + 1}-{o + 1}", "parent": division},
                )
                for t in range(4):
                    team, _ = Department.objects.get_or_create(
                        code=f"B{d + 1:02d}{o + 1}{t + 1}",
                        defaults={
                            "name": f"{duties[(d + o + t) % 12]}팀 {d + 1}-{o + 1}-{t + 1}",
                            "parent": office,
                        },
                    )
                    departments.append(team)

        existing = set(Staff.objects.values_list("employee_number", flat=True))
        wanted = 333 * scale
        batch = []
        for n in range(wanted):
            number = f"B{n + 1:06d}"
            if number in existing:
                continue
            name = rng.choice(surnames) + rng.choice(syllables) + rng.choice(syllables)
            person = Staff(
                employee_number=number,
                name=name,
                department=departments[n % len(departments)],
                grade=rng.choice(grades),
                position=rng.choice(positions),
                job_title=rng.choice(duties),
                email=f"b{n + 1:06d}@agency.example",
                extension=f"{2000 + n % 8000}",
                skills=", ".join(rng.sample(skills, 2)),
                is_active=rng.random() > 0.03,
            )
            person.search_key = person.build_search_key()
            batch.append(person)
        Staff.objects.bulk_create(batch, batch_size=1000)

        heads = {}
        for team in departments:
            heads[team.pk] = Staff.objects.filter(department=team, is_active=True).order_by("pk").first()
        for team in departments:
            if heads[team.pk] and team.head_id is None:
                team.head = heads[team.pk]
                team.save(update_fields=["head"])

        user, created = User.objects.get_or_create(username="staff")
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(*Group.objects.filter(name="staff"))
        if not Staff.objects.filter(user=user).exists():
            me = Staff.objects.filter(user__isnull=True, is_active=True).order_by("pk").first()
            me.user = user
            me.save(update_fields=["user"])
    print(f"seed_fallback: {Staff.objects.count()} staff, {Department.objects.count()} departments")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=60)
    args = parser.parse_args()
    django.setup()
    seed(args.scale)


if __name__ == "__main__":
    main()
