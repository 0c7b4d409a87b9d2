"""The PR log and partnerships: forms, rules, filters, yearly counts, Excel, private files."""

import datetime as dt
import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from newsroom.activity import services
from newsroom.activity.models import Channel, Partnership, PrActivity, PrAttachment
from tests.factories import DepartmentFactory, staff_with_login

pytestmark = pytest.mark.django_db


def activity(day, channel=Channel.PRESS_RELEASE, title="보도자료", reach=100):
    return PrActivity.objects.create(date=day, channel=channel, title=title, reach=reach)


def pr_post(**overrides):
    data = {
        "date": "2025-05-08",
        "channel": Channel.BROADCAST,
        "title": "국방TV 보도",
        "reach": "48000",
        "link": "https://example.org/news/1",
        "note": "",
        "submission_key": str(uuid.uuid4()),
    }
    return {**data, **overrides}


@pytest.fixture
def editor(login_as):
    return login_as("editor", name="강하은")


def test_editor_creates_an_activity_with_attachments_and_a_double_submit_saves_once(editor):
    data = pr_post(
        files=[
            SimpleUploadedFile("보도자료.pdf", b"%PDF-1.4\n"),
            SimpleUploadedFile("사진.png", b"\x89PNG\r\n"),
        ]
    )
    response = editor.post("/newsroom/pr/new/", data)
    assert response.status_code == 302
    again = editor.post("/newsroom/pr/new/", pr_post(submission_key=data["submission_key"]))
    assert again.status_code == 302
    saved = PrActivity.objects.get()
    assert (saved.title, saved.reach, saved.created_by) == ("국방TV 보도", 48000, editor.staff)
    assert sorted(a.filename for a in saved.attachments.all()) == ["보도자료.pdf", "사진.png"]
    # Files live under a random folder and are served through the editor-only view.
    first = saved.attachments.order_by("pk").first()
    assert first.file.name.startswith("newsroom/pr/") and len(first.file.name.split("/")[2]) == 32
    download = editor.get(first.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4\n"
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "필수"),
        ({"date": "2025-13-40"}, "date", "날짜"),
        ({"channel": "fax"}, "channel", "올바르게"),
        ({"reach": "-5"}, "reach", "0"),
        ({"link": "javascript:alert(1)"}, "link", "URL"),
        ({"files": [SimpleUploadedFile("악성.exe", b"MZ")]}, "files", "근거 자료는 PDF"),
        ({"files": [SimpleUploadedFile("큰.pdf", b"0" * (10 * 1024 * 1024 + 1))]}, "files", "10MB 이하"),
    ],
)
def test_bad_input_is_refused_in_korean_and_nothing_is_saved(editor, overrides, field, message):
    response = editor.post("/newsroom/pr/new/", pr_post(**overrides))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors, errors
    assert not PrActivity.objects.exists() and not PrAttachment.objects.exists()


def test_only_editors_write(db):
    staff = staff_with_login()
    with pytest.raises(services.ActivityError, match="편집자만"):
        services.pr_activity_save(
            by=staff, fields={"date": dt.date(2025, 1, 1), "channel": "other", "title": "x"}
        )
    assert not PrActivity.objects.exists()


def test_table_filters_by_year_and_channel_and_counts_per_year(editor):
    activity(dt.date(2024, 3, 1), Channel.CARD_NEWS, "작년 카드뉴스")
    activity(dt.date(2025, 1, 20), Channel.CARD_NEWS, "1월 카드뉴스")
    activity(dt.date(2025, 2, 13), Channel.PRESS_RELEASE, "엠피스봇 보도자료")
    activity(dt.date(2025, 3, 6), Channel.SOCIAL_MEDIA, "장병e음 영상")
    response = editor.get("/newsroom/pr/?year=2025&channel=card_news")
    assert [r.record.title for r in response.context["table"].page.object_list] == ["1월 카드뉴스"]
    response = editor.get("/newsroom/pr/?year=2025")
    assert len(response.context["table"].rows) == 3
    yearly = {row.year: (row.counts, row.total) for row in response.context["yearly"]}
    assert yearly[2025] == ([1, 1, 1, 0, 0, 0], 3)
    assert yearly[2024] == ([1, 0, 0, 0, 0, 0], 1)
    html = response.content.decode()
    assert 'data-testid="pr-year-2025"' in html


def test_excel_export_has_the_filtered_rows_as_numbers_and_dates(editor):
    activity(dt.date(2025, 5, 8), Channel.BROADCAST, "국방TV 보도", 48000)
    activity(dt.date(2024, 5, 8), Channel.BROADCAST, "작년 보도", 1)
    response = editor.get("/newsroom/pr/export.xlsx?year=2025")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("날짜", "매체", "제목", "도달 수")
    assert len(rows) == 2
    assert rows[1][1:4] == ("방송", "국방TV 보도", 48000)
    assert rows[1][0].date() == dt.date(2025, 5, 8)


def test_partnership_list_for_staff_and_documents_served_to_signed_in_staff(login_as, editor):
    department = DepartmentFactory(name="홍보팀")
    response = editor.post(
        "/newsroom/partnerships/new/",
        {
            "partner": "명지대학교",
            "kind": Partnership.Kind.MOU,
            "date": "2025-06-18",
            "scope": "인재 양성 <b>공동 연구</b>",
            "department": department.pk,
            "submission_key": str(uuid.uuid4()),
            "files": [SimpleUploadedFile("협약서.pdf", b"%PDF-1.4 mou")],
        },
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get()
    staff = login_as()
    page = staff.get("/newsroom/partnerships/")
    html = page.content.decode()
    assert "명지대학교" in html and "업무협약(MOU)" in html and "홍보팀" in html
    assert "&lt;b&gt;공동 연구&lt;/b&gt;" in html  # shown as text
    assert "/partnerships/new/" not in html  # no edit links for staff
    document = partnership.documents.get()
    assert b"".join(staff.get(document.get_absolute_url()).streaming_content) == b"%PDF-1.4 mou"
    assert staff.get(f"/newsroom/partnerships/{partnership.pk}/edit/").status_code == 403


@pytest.mark.parametrize("size", [16, 1000])
def test_pr_table_query_budget_is_the_same_at_16_and_1000(editor, django_assert_num_queries, size):
    attachment_owner = PrActivity.objects.bulk_create(
        PrActivity(
            date=dt.date(2015 + i % 11, 1 + i % 12, 1 + i % 28),
            channel=Channel.values[i % 6],
            title=f"홍보 {i}",
        )
        for i in range(size)
    )
    for item in attachment_owner[:5]:
        PrAttachment.objects.create(activity=item, file=SimpleUploadedFile("a.pdf", b"%PDF"))
    editor.get("/newsroom/pr/")  # warm the session and the user caches
    # The same twelve at both sizes: session, user, groups, staff, years, count, page rows, their
    # attachments, yearly counts, and the base template's own (notifications, admin link …).
    with django_assert_num_queries(9):
        response = editor.get("/newsroom/pr/?channel=card_news&page=1")
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 300])
def test_partnership_page_query_budget(login_as, django_assert_num_queries, size):
    department = DepartmentFactory()
    Partnership.objects.bulk_create(
        Partnership(
            partner=f"기관 {i}", kind="mou", date=dt.date(2025, 1, 1), scope="범위", department=department
        )
        for i in range(size)
    )
    staff = login_as()
    staff.get("/newsroom/partnerships/")
    with django_assert_num_queries(6):  # the same at both sizes
        assert staff.get("/newsroom/partnerships/").status_code == 200


def test_demo_seeds_16_activities_and_two_mous_once(db):
    from newsroom.activity.demo import seed

    DepartmentFactory(name="홍보팀")
    seed()
    seed()
    assert PrActivity.objects.filter(date__year=2025).count() == 16
    assert set(Partnership.objects.filter(kind="mou").values_list("partner", flat=True)) == {
        "명지대학교",
        "한국전자통신연구원(ETRI)",
    }
    assert Partnership.objects.count() == 5
