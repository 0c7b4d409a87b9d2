"""On someone else's profile the learning section does not offer "나의 교육 전체 보기" (it would
open the viewer's own page while pretending to be theirs)."""

import pytest

from tests.learning.builders import build_course, build_session, learning_admin
from tests.learning.test_feedback import complete

pytestmark = pytest.mark.django_db


def test_the_my_learning_link_is_on_one_s_own_profile_only(login_as):
    viewer = login_as()
    other = login_as()
    session = build_session(build_course(title="보안 특강"), capacity=5)
    complete(session, [viewer.staff, other.staff], admin=learning_admin())

    own = viewer.get(f"/directory/{viewer.staff.employee_number}/").content.decode()
    theirs = viewer.get(f"/directory/{other.staff.employee_number}/").content.decode()

    assert 'data-testid="section-learning.learning"' in own and 'data-testid="my-learning-all"' in own
    assert 'data-testid="section-learning.learning"' in theirs  # their record is shown …
    assert "나의 교육 전체 보기" not in theirs  # … without a link that is not theirs
    assert 'data-testid="my-learning-all"' in viewer.get("/").content.decode()  # the dashboard keeps it
