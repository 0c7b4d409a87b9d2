"""Who gets what on every admin URL of the survey engine, per role (tests/permissions.py).

Survey admins own surveys, their sections and questions, the question bank, its areas and the
improvement tasks, choosers included; nobody else sees them in the admin."""

import datetime as dt

from intranet.roles import Role
from intranet.surveys.models import Area, BankQuestion, ImprovementTask, Section, SurveyQuestion
from tests.factories import StaffFactory
from tests.permissions import SUPERUSER, admin_row, admin_visitors, check_routes, snippet_routes
from tests.surveys.builders import build_external_survey, build_survey

ADMINS = (Role.SURVEY_ADMIN, SUPERUSER)
ALL = dict.fromkeys(("any", "add", "change", "delete", "choose", "create"), ADMINS)
ADMIN_ROUTES = {
    **snippet_routes(
        "surveys.survey",
        **ALL,
        extra={  # a draft survey: launching asks to confirm; only a launched one can be closed
            "launch": admin_row(dict.fromkeys(ADMINS, 200), args={"pk": "surveys.survey"}),
            "close": admin_row(dict.fromkeys(ADMINS, 200), args={"pk": "surveys.survey"}),
            # An external survey's respondent list, and its send action (POST; a GET goes back).
            "respondents": admin_row(dict.fromkeys(ADMINS, 200), args={"pk": "external_survey"}),
            "respondents_send": admin_row(dict.fromkeys(ADMINS, 302), args={"pk": "external_survey"}),
        },
    ),
    **snippet_routes("surveys.section", **ALL),
    **snippet_routes("surveys.surveyquestion", **ALL),
    **snippet_routes("surveys.bankquestion", **ALL),
    **snippet_routes("surveys.area", **ALL),
    **snippet_routes("surveys.improvementtask", **ALL),
}


def world() -> dict:
    survey = build_survey()
    area = Area.objects.get(code="leadership")
    owner = StaffFactory()
    return {
        "external_survey": build_external_survey(respondents=[("a@example.org", "재정정보체계", "육군")]),
        "surveys.survey": survey,
        "surveys.section": Section.objects.filter(survey=survey).first(),
        "surveys.surveyquestion": SurveyQuestion.objects.filter(survey=survey).first(),
        "surveys.bankquestion": BankQuestion.objects.get(code="lead-1"),
        "surveys.area": area,
        "surveys.improvementtask": ImprovementTask.objects.create(
            survey=survey,
            area=area,
            title="소통 개선",
            department=owner.department,
            owner=owner,
            due_date=dt.date(2025, 12, 31),
        ),
    }


def test_admin_routes(login_as):
    check_routes(admin_visitors(login_as), ADMIN_ROUTES, world())
