"""The one-time link is the only survey page without a log-in: every visitor, signed in or not,
gets the same answer from it, and that answer depends on the link alone (tests/permissions.py)."""

import pytest

from tests.permissions import assert_answer, cases
from tests.surveys.builders import build_external_survey, respondent_link_path

MATRIX = {
    "/surveys/r/{token}/": {"*": 200},
    "/surveys/r/{missing}/": {"*": 404},
}


@pytest.mark.parametrize(("url", "visitor"), cases(MATRIX))
def test_access(client_for, url, visitor):
    client = client_for(visitor)
    survey = build_external_survey(respondents=[("a@example.org", "재정정보체계", "")])
    token = respondent_link_path(survey.external_respondents.get()).split("/")[-2]
    path = url.format(token=token, missing="nothing-here")
    assert_answer(client.get(path), MATRIX[url], path, visitor)
