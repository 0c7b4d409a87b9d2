"""The course-feedback areas and question bank of the survey engine (codes prefixed ``course-``).

Each course's feedback survey is built from these codes (``learning.feedback.QUESTION_CODES``).
The wording is data, as the culture survey's bank is; survey admins may reword a question later
through the bank (a new wording ``continues`` the old one).
"""

from django.db import migrations

AREAS = [
    ("course-content", "교육 내용", 101),
    ("course-instructor", "강사", 102),
    ("course-operation", "교육 운영", 103),
    ("course-application", "현업 적용", 104),
]

QUESTIONS = [
    ("course-content-1", "교육 내용이 내 직무에 도움이 되었다.", "likert5", "course-content"),
    ("course-content-2", "교육 내용의 수준과 분량이 적절했다.", "likert5", "course-content"),
    ("course-instructor-1", "강사는 내용을 이해하기 쉽게 전달했다.", "likert5", "course-instructor"),
    ("course-operation-1", "교육 시간, 장소, 자료 등 운영이 원활했다.", "likert5", "course-operation"),
    ("course-application-1", "배운 내용을 업무에 바로 적용할 수 있다.", "likert5", "course-application"),
    ("course-improvement", "이 과정을 더 좋게 만들 아이디어가 있으면 들려주세요.", "text", None),
]


def add(apps, schema_editor):
    Area = apps.get_model("surveys", "Area")
    BankQuestion = apps.get_model("surveys", "BankQuestion")
    areas = {}
    for code, name, order in AREAS:
        areas[code] = Area.objects.get_or_create(code=code, defaults={"name": name, "order": order})[0]
    for code, text, kind, area in QUESTIONS:
        BankQuestion.objects.get_or_create(
            code=code, defaults={"text": text, "kind": kind, "area": areas.get(area)}
        )


def remove(apps, schema_editor):
    """Remove the questions and areas no survey uses (a used one stays: answers point at it)."""
    Area = apps.get_model("surveys", "Area")
    BankQuestion = apps.get_model("surveys", "BankQuestion")
    SurveyQuestion = apps.get_model("surveys", "SurveyQuestion")
    used = set(SurveyQuestion.objects.values_list("bank_question__code", flat=True))
    BankQuestion.objects.filter(code__in=[q[0] for q in QUESTIONS]).exclude(code__in=used).delete()
    Area.objects.filter(code__in=[a[0] for a in AREAS], questions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_course_feedback_mode"),
        ("surveys", "0003_audience_context_key"),
    ]

    operations = [migrations.RunPython(add, remove)]
