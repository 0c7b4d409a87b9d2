"""The appointment letter's Korean text (extracted from the PDF) and seal image; the term-expiry
and overdue-response reminders at several frozen dates, each sent once per event."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pypdf import PdfReader

from advisory import letter, reminders, services
from intranet.home.models import Notification
from tests.advisory.builders import approve, committee, domain, meeting, member, secretary
from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")


def test_the_letter_has_the_korean_text_and_the_seal():
    sec = secretary()
    m = member(sec, name="문가영", domain_name="법률")
    services.term_appoint(by=sec, member=m, starts_on=dt.date(2023, 3, 1), ends_on=dt.date(2025, 2, 28))
    term = services.term_appoint(
        by=sec, member=m, starts_on=dt.date(2025, 3, 14), ends_on=dt.date(2027, 3, 13)
    )
    data = letter.letter_pdf(term=term, agency="국방전산정보원")
    reader = PdfReader(io.BytesIO(data))
    # pypdf spaces out (or NUL-separates) the syllables of an embedded CID font: compare without them.
    text = "".join("".join(page.extract_text() for page in reader.pages).replace("\x00", "").split())
    for expected in (
        "위촉장",
        "문가영",
        "한국행정연구원",
        "2025.3.14.~2027.3.13.",
        "귀하를국방전산정보원자문위원회법률분야위원(으)로위촉합니다.",
        "1차연임",
        "국방전산정보원장",
        "제2025-01호",
    ):
        assert expected in text, expected
    assert len(reader.pages) == 1
    assert list(reader.pages[0].images), "the seal image is on the page"
    # The Korean font travels inside the file (a closed network's PCs may have none).
    fonts = reader.pages[0]["/Resources"]["/Font"]
    font = next(iter(fonts.values())).get_object()
    descendant = font["/DescendantFonts"][0].get_object()
    assert "NotoSansKR" in str(font["/BaseFont"]) and any(
        k.startswith("/FontFile") for k in descendant["/FontDescriptor"].get_object()
    )


def _terms_ending(sec, end):
    m = member(sec, name="윤재석", domain_name="IT")
    return services.term_appoint(by=sec, member=m, starts_on=end - dt.timedelta(days=730), ends_on=end)


@pytest.mark.parametrize(
    ("today", "expected_keys"),
    [
        (dt.date(2027, 1, 12), {"d60"}),  # 60 days before 2027-03-13
        (dt.date(2027, 2, 11), {"d30"}),  # 30 days before
        (dt.date(2026, 12, 1), set()),  # too early
    ],
)
def test_term_reminders_at_60_and_30_days(today, expected_keys):
    sec = secretary()
    other = secretary()
    term = _terms_ending(sec, dt.date(2027, 3, 13))
    with time_machine.travel(dt.datetime.combine(today, dt.time(8, 20), tzinfo=SEOUL), tick=False):
        sent = reminders.term_reminders_send()
        again = reminders.term_reminders_send()  # the beat runs again (or the task is retried)
    keys = set(Notification.objects.values_list("key", flat=True))
    assert keys == {f"advisory.term.{term.pk}.{k}" for k in expected_keys}
    assert Notification.objects.filter(recipient__in=[sec, other]).count() == 2 * len(expected_keys)
    assert sent == again == 2 * len(expected_keys)  # counted, but notification_send creates once


def test_the_30_day_reminder_follows_the_60_day_one_across_the_year_end():
    sec = secretary()
    term = _terms_ending(sec, dt.date(2026, 1, 20))
    for day in (dt.date(2025, 11, 21), dt.date(2025, 11, 22), dt.date(2025, 12, 21), dt.date(2026, 1, 5)):
        with time_machine.travel(dt.datetime.combine(day, dt.time(8, 20), tzinfo=SEOUL), tick=False):
            reminders.term_reminders_send()
    assert sorted(Notification.objects.values_list("key", flat=True)) == [
        f"advisory.term.{term.pk}.d30",
        f"advisory.term.{term.pk}.d60",
    ]


@pytest.mark.parametrize("today", [dt.date(2025, 5, 18), dt.date(2025, 12, 31)])
def test_overdue_responses_remind_the_head_once(today):
    sec = secretary()
    members = committee(sec, 3)
    record, (item,) = meeting(sec)
    services.attendance_record(by=sec, meeting=record, present=members)
    department = DepartmentFactory(name="클라우드팀")
    department.head = StaffFactory(department=department)
    department.save()
    advice = services.advice_give(
        by=sec,
        item=item,
        text="우선순위",
        department=department,
        due_on=dt.date(2025, 5, 17),
        domain=domain("IT"),
    )
    approve(sec, record)
    with time_machine.travel(dt.datetime.combine(today, dt.time(8, 40), tzinfo=SEOUL), tick=False):
        reminders.overdue_reminders_send()
        reminders.overdue_reminders_send()
    assert set(Notification.objects.values_list("recipient", "key")) == {
        (department.head_id, f"advisory.advice.overdue.{advice.pk}"),
        (sec.pk, f"advisory.advice.overdue.{advice.pk}"),
    }
    # Answered advice is no longer overdue.
    Notification.objects.all().delete()
    services.advice_respond(by=department.head, advice=advice, response="accepted")
    with time_machine.travel(dt.datetime.combine(today, dt.time(8, 40), tzinfo=SEOUL), tick=False):
        assert reminders.overdue_reminders_send() == 0


def test_not_yet_due_advice_sends_nothing():
    sec = secretary()
    members = committee(sec, 3)
    record, (item,) = meeting(sec)
    services.attendance_record(by=sec, meeting=record, present=members)
    services.advice_give(
        by=sec,
        item=item,
        text="의견",
        department=DepartmentFactory(),
        due_on=dt.date(2025, 5, 17),
        domain=domain("IT"),
    )
    approve(sec, record)
    with time_machine.travel(dt.datetime(2025, 5, 17, 8, 40, tzinfo=SEOUL), tick=False):
        assert reminders.overdue_reminders_send() == 0


SCALE = 2  # 144 dpi
MM = 72 / 25.4 * SCALE  # pixels per millimetre


def _render(data: bytes, *, without_text: bool = False):
    """The letter's page as a greyscale image, with or without its text objects."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    document = pdfium.PdfDocument(data)
    try:
        page = document[0]
        if without_text:
            for obj in list(page.get_objects()):
                if obj.type == pdfium_raw.FPDF_PAGEOBJ_TEXT:
                    page.remove_obj(obj)
                    obj.close()
            page.gen_content()
        image = page.render(scale=SCALE).to_pil()
        page.close()
        return image
    finally:
        document.close()


def _glyphs_in_band(ink, top_mm: float, bottom_mm: float) -> list:
    """The glyph images in a horizontal band of the ink mask: runs of inked columns split by
    blank ones at least 2 mm wide (the title's syllables stand apart; the parts of one syllable,
    like 위's ㅣ, are closer), each cropped to its own ink."""
    band = ink.crop((0, round(top_mm * MM), ink.width, round(bottom_mm * MM)))
    inked = [band.crop((x, 0, x + 1, band.height)).getbbox() is not None for x in range(band.width)]
    runs, start = [], None
    for x, on in enumerate([*inked, False]):
        if on and start is None:
            start = x
        elif not on and start is not None:
            if runs and start - runs[-1][1] < 2 * MM:
                start = runs.pop()[0]  # the same syllable
            runs.append((start, x))
            start = None
    glyphs = []
    for left, right in runs:
        glyph = band.crop((left, 0, right, band.height))
        glyphs.append(glyph.crop(glyph.getbbox()))
    return glyphs


def test_the_rendered_letter_draws_the_korean_glyphs_and_the_seal():
    """Rendered by PDFium (as a browser's or office PDF viewer draws it), not only extracted: the
    text is compared with a render of the same page whose text objects were taken out. A font
    without Korean glyphs draws nothing or the same empty box for every syllable."""
    from PIL import ImageChops

    sec = secretary()
    m = member(sec, name="문가영", domain_name="법률")
    term = services.term_appoint(
        by=sec, member=m, starts_on=dt.date(2025, 3, 14), ends_on=dt.date(2027, 3, 13)
    )
    data = letter.letter_pdf(term=term, agency="국방전산정보원")
    full, bare = _render(data), _render(data, without_text=True)
    ink = ImageChops.difference(full.convert("L"), bare.convert("L")).point(lambda v: 255 if v > 96 else 0)

    # The title "위 촉 장" (36 pt, 48-68 mm from the top): three syllables, each a solid glyph of
    # about a square's shape, no two alike (a missing glyph is the same box every time).
    title = _glyphs_in_band(ink, 48, 68)
    assert len(title) == 3, len(title)
    for glyph in title:
        assert 0.6 < glyph.width / glyph.height < 1.5, glyph.size
        assert glyph.height > 8 * MM, glyph.size  # 36 pt is 12.7 mm; a Hangul syllable fills most
        filled = sum(glyph.histogram()[255:]) / (glyph.width * glyph.height)
        assert 0.1 < filled < 0.7, filled
    for a, b in ((0, 1), (1, 2), (0, 2)):
        first, second = title[a], title[b].resize(title[a].size)
        assert ImageChops.difference(first, second).getbbox() is not None, (a, b)

    # Every line of text left ink: the number, the five facts, the sentence, the date, the signer.
    rows_with_ink = {y for y in range(ink.height) if ink.crop((0, y, ink.width, y + 1)).getbbox()}
    lines = sum(1 for y in rows_with_ink if y - 1 not in rows_with_ink)
    assert lines >= 10, lines
    # The seal is drawn (red, beside the signer), in both renders: it is an image, not text.
    red = [p for p in bare.convert("RGB").get_flattened_data() if p[0] > 150 and p[1] < 110 and p[2] < 110]
    assert len(red) > (8 * MM) ** 2, len(red)
