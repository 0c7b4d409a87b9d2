"""The programme page keeps what it reads of the programme (``selectors.programme_detail_kept``):
a second view asks none of it again, every write of the module (an update, a co-owner, the
programme's own fields through ``update()``, a proposal, a renamed owner) shows on the next view,
and what depends on the reader (the update link, the planner's form) is never kept."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from performance.cache import programme_pages_changed
from performance.models import Programme, Proposal
from performance.services import MilestoneInput, progress_update_post
from tests.factories import StaffFactory
from tests.performance.builders import build_plan, build_programme

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def programme(login_as):
    owner = login_as(name="김담당")
    programme = build_programme(
        build_plan(YEAR),
        code="P-07",
        owner=owner.staff,
        milestones=[
            MilestoneInput("착수 보고", dt.date(YEAR, 1, 1), 50),
            MilestoneInput("완료 보고", dt.date(YEAR, 12, 31), 50),
        ],
    )
    programme.owner_client = owner
    return programme


def view(client, programme) -> str:
    response = client.get(f"/performance/programmes/{programme.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_view_asks_fewer_queries(login_as, programme):
    reader = login_as()
    view(reader, programme)
    with CaptureQueriesContext(connection) as first:
        view(reader, programme)
    programme_pages_changed()
    with CaptureQueriesContext(connection) as computed:
        view(reader, programme)
    assert len(first) == len(computed) - 5  # the programme, milestones, KPIs, co-owners, updates


def test_writes_show_on_the_next_view(login_as, programme):
    reader = login_as()
    assert 'data-testid="programme-percent">0.0%' in view(reader, programme)
    progress_update_post(
        programme=programme,
        author=programme.owner,
        milestones_done=[programme.milestones.order_by("due_date").first().pk],
        comment="착수 마침",
    )
    html = view(reader, programme)
    assert 'data-testid="programme-percent">50.0%' in html and "착수 마침" in html
    colleague = StaffFactory(name="박공동")
    programme.co_owners.add(colleague)
    assert "박공동" in view(reader, programme)
    programme.co_owners.remove(colleague)
    assert "박공동" not in view(reader, programme)
    programme.owner.name = "김새담당"
    programme.owner.save()
    assert "김새담당" in view(reader, programme)
    proposal = Proposal.objects.create(proposer=colleague, title="처음 제안", body="내용")
    Programme.objects.filter(pk=programme.pk).update(proposal=proposal)
    programme_pages_changed()  # as every ``update()`` writer does
    assert "처음 제안" in view(reader, programme)
    proposal.title = "고친 제안"
    proposal.save()
    assert "고친 제안" in view(reader, programme)


def test_the_reader_s_own_links_are_never_kept(login_as, programme):
    other = login_as()
    assert 'data-testid="update-link"' in view(programme.owner_client, programme)
    assert 'data-testid="update-link"' not in view(other, programme)
    assert 'data-testid="override-form"' in view(login_as("planner"), programme)
    assert 'data-testid="override-form"' not in view(programme.owner_client, programme)
