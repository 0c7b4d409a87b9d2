"""The newsroom demo: 12 issues of 2025 with cards that all have alt text or are decorative, text
versions, columns by the head of the agency, one mandatory notice, read records; idempotent."""

import pytest

from newsroom import demo
from newsroom.models import ArticlePage, CardNewsIssuePage, IssueRead, NoticePage, cards_missing_alt
from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_demo_seeds_twelve_issues_and_is_idempotent(settings, tmp_path):
    head_office = DepartmentFactory(code="A000", name="국방전산정보원")
    head = StaffFactory(name="원장", department=head_office, position="원장")
    head_office.head = head
    head_office.save()
    StaffFactory.create_batch(8)
    demo.seed()
    issues = CardNewsIssuePage.objects.live().order_by("month")
    assert [i.month for i in issues] == list(range(1, 13))
    for issue in issues:
        assert issue.text_version and issue.cover_id
        assert issue.cards.count() == 4 and not cards_missing_alt(issue.cards.all())
    columns = ArticlePage.objects.filter(kind=ArticlePage.Kind.COLUMN)
    assert columns.count() == 4 and set(columns.values_list("author", flat=True)) == {head.pk}
    assert NoticePage.objects.filter(mandatory=True).count() == 1
    reads = IssueRead.objects.count()
    assert reads > 0
    demo.seed()
    assert CardNewsIssuePage.objects.count() == 12 and IssueRead.objects.count() == reads
