"""The newsroom demo: twelve monthly card news issues of 2025 (images drawn with Pillow in Noto Sans
KR, each with alt text and a full text version), columns by the head of the agency (원장 단상),
notices (one mandatory) and read records. Topics and figures are the 2025 annual report's.

Deterministic and idempotent: an issue whose month exists, or a page whose slug exists, is left
as it is. Pages are created live without going through the publish signal, so seeding never
sends the whole directory a dozen notifications. Titles and card texts are data, not interface
text, so they are not translated.
"""

import datetime as dt
import io
import random
from zoneinfo import ZoneInfo

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from intranet.directory.models import Department, Staff
from intranet.registry import DemoSeeder, register_demo_seeder

from .models import ArticlePage, CardNewsCard, CardNewsIssuePage, IssueRead, NoticeAcknowledgement, NoticePage
from .selectors import newsroom_index

YEAR = 2025
SEOUL = ZoneInfo("Asia/Seoul")
SIZE = 720
COLOURS = ["#0b4f8a", "#1d6b3a", "#6b2d8a", "#8a3d0b", "#0b6b6b", "#3a3f8a"]

# (month, title, summary, cards: (heading, line) …), from the 2025 annual report.
ISSUES = [
    (
        1,
        "2025년, 이렇게 달라집니다",
        "새해 국전원의 주요 추진 방향",
        [
            ("성과업무 프로그램 40개", "평가 환류 18개, 직원 제안 7개"),
            ("자문위원 전면 개편", "성과관리·법률·정보화 3개 영역"),
            ("카드뉴스 매월 발행", "기관 소식을 카드로 전합니다"),
        ],
    ),
    (
        2,
        "장병e음, 입대 전부터 전역 후까지",
        "국방 서비스와 데이터를 하나로",
        [
            ("장병e음", "입대 전부터 전역 후까지 한 곳에서"),
            ("모바일 중심", "언제 어디서나 쉽게"),
            ("생성형 AI 맞춤 서비스", "장병 한 사람 한 사람에게"),
        ],
    ),
    (
        3,
        "엠피스봇을 소개합니다",
        "재정업무 특화 생성형 AI 챗봇",
        [
            ("자체 GPU와 오픈소스 sLLM", "재정업무에 특화된 챗봇"),
            ("정확도 90% 달성", "95%를 목표로 고도화 중"),
            ("질문은 챗봇에게", "답변은 더 빠르게"),
        ],
    ),
    (
        4,
        "예비군 AICC, 24시간 365일",
        "260만 예비군의 민원창구를 하나로",
        [
            ("260만 예비군", "흩어진 민원창구를 AICC로 통합"),
            ("보이스봇·챗봇", "24시간 365일 무중단 상담"),
            ("불편은 줄이고", "응답은 빠르게"),
        ],
    ),
    (
        5,
        "장애 모니터링, 오탐률 1%",
        "AI-RPA로 알림 피로를 줄였습니다",
        [
            ("AI-RPA 장애 모니터링", "알고리즘 고도화와 시나리오 최적화"),
            ("오탐률 54% → 1%", "운영 인력의 알림 피로 경감"),
            ("안정적인 서비스", "장애는 빠르게 찾고 바로 대응"),
        ],
    ),
    (
        6,
        "데이터로 일하는 국전원",
        "인건비 집행 예측모델 정확도 97.62%",
        [
            ("데이터 거버넌스 체계", "데이터 생명주기 전반을 관리"),
            ("예측모델 정확도", "'23년 88.11% → '25년 97.62%"),
            ("불용액 1,265억원 감소", "'24년 1,618억원 → '25년 353억원"),
        ],
    ),
    (
        7,
        "이용자 만족도 87.8점",
        "자원관리정보체계 만족도가 크게 올랐습니다",
        [
            ("SLA 지표 개정", "장애대응 강화, 평가기준 상향"),
            ("이용자 만족도", "'24년 74.7점 → '25년 87.8점"),
            ("인프라 장비 546대", "예방점검과 백업체계 강화"),
        ],
    ),
    (
        8,
        "만족도 조사, 표본을 넓혔습니다",
        "설문 전면 재설계와 적극 홍보",
        [
            ("설문 전면 재설계", "불만족 원인을 정확하게"),
            ("표본 2,278명 → 12,575명", "결과의 신뢰성 확보"),
            ("전산장비 지원 서비스", "93.01점 → 95.80점"),
        ],
    ),
    (
        9,
        "사이버보안, 처음으로 '우수'",
        "방첩사 주관 평가 창설 이후 최초 우수",
        [
            ("보안 평가 결과", "'24년 미흡 → '25년 우수"),
            ("전 직원 보안 평가", "90.7점 → 92.7점"),
            ("초빙강연·세미나 10회", "사이버보안 전문성 제고"),
        ],
    ),
    (
        10,
        "함께 배우는 국전원",
        "맞춤형 역량 강화 프로그램",
        [
            ("신규 교육 신설", "피드백 설문을 반영한 맞춤형 프로그램"),
            ("컨퍼런스·세미나 16회", "AI·클라우드 신기술 현장으로"),
            ("전문교육 과정 22명 수료", "국가인재원과 함께 운영"),
        ],
    ),
    (
        11,
        "우수성과 공유대회",
        "성과관리 문화를 함께 나눕니다",
        [
            ("상반기 성과분석 회의", "부서별 성과와 개선과제 점검"),
            ("하반기 우수성과 공유대회", "우수사례를 공유·전파"),
            ("성과관리 문화 확산", "조직역량 강화"),
        ],
    ),
    (
        12,
        "2025년을 돌아보며",
        "내부직원 만족도 86.4점, 리더십 만족도 1위",
        [
            ("내부직원 만족도", "'24년 86.23점 → '25년 86.4점"),
            ("리더십 만족도 1위", "「국장님, DM 왔습니다」와 원장 단상"),
            ("업무협약 체결", "명지대학교, ETRI와 MOU"),
        ],
    ),
]

COLUMNS = [
    ("col-2025-01", "새해, 이음으로 잇습니다", 1, "올해 우리는 성과업무 프로그램 40개로 한 해를 시작합니다."),
    (
        "col-2025-04",
        "작은 개선이 모여 큰 만족이 됩니다",
        4,
        "자원관리정보체계 이용자 만족도가 꾸준히 오르고 있습니다.",
    ),
    ("col-2025-07", "보안은 습관입니다", 7, "보안·사이버보안 평가결과가 92.7점으로 올랐습니다. 고맙습니다."),
    (
        "col-2025-10",
        "배움을 멈추지 않는 조직",
        10,
        "컨퍼런스와 세미나 16회, 전문교육 수료 22명. 함께 배운 한 해였습니다.",
    ),
]
ARTICLES = [
    (
        "art-2025-mou",
        "명지대학교·ETRI와 업무협약을 맺었습니다",
        9,
        "유관기관과의 협력 네트워크를 넓혔습니다.",
    ),
    (
        "art-2025-award",
        "장병e음, 클라우드 산업발전 유공 표창",
        11,
        "'25년 「클라우드 산업발전」 유공 과기부장관 표창을 받았습니다.",
    ),
]
NOTICES = [
    (
        "notice-2025-security",
        "하반기 정기 보안 점검 안내",
        8,
        True,
        True,
        "하반기 정기 보안 점검을 실시합니다. 점검 기간에 개인 PC의 보안 설정을 확인해 주세요.",
    ),
    (
        "notice-2025-survey",
        "내부직원 만족도 조사 참여 안내",
        10,
        True,
        False,
        "내부직원 만족도 조사에 참여해 주세요. 응답은 익명으로 처리됩니다.",
    ),
    (
        "notice-2025-workshop",
        "소통 워크숍 개최",
        6,
        False,
        False,
        "전입직원 교육과 소통간담회를 함께 엽니다.",
    ),
]


def _at(month: int, day: int = 5) -> dt.datetime:
    return dt.datetime(YEAR, month, day, 10, 0, tzinfo=SEOUL)


def _font(size: int):
    from PIL import ImageFont
    from pylopdf_fonts_ko import sans_path

    return ImageFont.truetype(str(sans_path()), size)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for char in text:
        if draw.textlength(line + char, font=font) > width and line:
            lines.append(line)
            line = char.lstrip()
        else:
            line += char
    return [*lines, line] if line else lines


def card_image(
    *, title: str, heading: str, line: str, colour: str, footer: str, decorative: bool = False
) -> bytes:
    """A square card: the issue title at the top, the card's heading and line in the middle."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (SIZE, SIZE), colour)
    draw = ImageDraw.Draw(image)
    if decorative:
        for i in range(0, SIZE, 60):
            draw.ellipse((i - 40, SIZE - i - 40, i + 40, SIZE - i + 40), outline="#ffffff", width=3)
    else:
        draw.text((48, 48), title, font=_font(30), fill="#dbe8f5")
        y = 220
        for text in _wrap(draw, heading, _font(58), SIZE - 96):
            draw.text((48, y), text, font=_font(58), fill="#ffffff")
            y += 76
        y += 24
        for text in _wrap(draw, line, _font(36), SIZE - 96):
            draw.text((48, y), text, font=_font(36), fill="#ffffff")
            y += 50
        draw.text((48, SIZE - 80), footer, font=_font(26), fill="#dbe8f5")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _image(title: str, name: str, data: bytes):
    Image = get_image_model()
    return Image.objects.create(title=title, file=ImageFile(io.BytesIO(data), name=name))


def _issue(
    index_page,
    month: int,
    title: str,
    summary: str,
    cards: list,
    *,
    year: int = YEAR,
    published: dt.datetime | None = None,
) -> CardNewsIssuePage:
    colour = COLOURS[month % len(COLOURS)]
    published = published or _at(month)
    label = f"{year}년 {month}월호"
    footer = f"이음 카드뉴스 · {label}"
    cover = _image(
        f"카드뉴스 {label} 표지",
        f"cardnews-{year}-{month:02d}-cover.png",
        card_image(title=label, heading=title, line=summary, colour=colour, footer=footer),
    )
    page = CardNewsIssuePage(
        title=title,
        slug=f"card-news-{year}-{month:02d}",
        year=year,
        month=month,
        cover=cover,
        cover_alt=f"{label} 표지: {title}",
        summary=summary,
        text_version="".join(
            [f"<p>{summary}</p>"]
            + [f"<h2>{i}. {h}</h2><p>{line}</p>" for i, (h, line) in enumerate(cards, 1)]
        ),
        live=True,
        first_published_at=published,
        last_published_at=published,
    )
    index_page.add_child(instance=page)
    rows = []
    for number, (heading, line) in enumerate(cards, 1):
        image = _image(
            f"카드뉴스 {label} {number}",
            f"cardnews-{year}-{month:02d}-{number}.png",
            card_image(title=title, heading=heading, line=line, colour=colour, footer=footer),
        )
        rows.append(
            CardNewsCard(
                page=page, sort_order=number, image=image, alt_text=f"{heading}. {line}", caption=heading
            )
        )
    closing = _image(
        f"카드뉴스 {label} 마무리",
        f"cardnews-{year}-{month:02d}-end.png",
        card_image(title="", heading="", line="", colour=colour, footer="", decorative=True),
    )
    rows.append(CardNewsCard(page=page, sort_order=len(cards) + 1, image=closing, decorative=True))
    CardNewsCard.objects.bulk_create(rows)
    return page


def _page(index_page, page):
    index_page.add_child(instance=page)
    return page


def _reads(issues: list[CardNewsIssuePage], people: list[Staff]) -> int:
    rng = random.Random(f"newsroom:{YEAR}")
    rows = []
    for issue in issues:
        share = rng.uniform(0.35, 0.7)
        for person in people:
            if rng.random() < share:
                rows.append(IssueRead(issue=issue, staff=person, department_id=person.department_id))
    IssueRead.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


@transaction.atomic
def seed(*, scale: int = 1, stdout=None) -> dict:
    """The newsroom's demo seeder (order 60): issues, columns, articles, notices, reads."""
    index_page = newsroom_index()
    people = list(Staff.objects.filter(is_active=True).order_by("pk"))
    if index_page is None or not people:
        if stdout is not None:
            stdout.write(_("소식 홈 페이지나 직원 명부가 없어 소식 데모를 만들지 않았습니다."))
        return {}
    head_department = Department.objects.filter(code="A000").select_related("head").first()
    head = (head_department.head if head_department else None) or people[0]
    existing = set(CardNewsIssuePage.objects.filter(year=YEAR).values_list("month", flat=True))
    today = timezone.localdate()
    issues = [
        _issue(index_page, month, title, summary, cards)
        for month, title, summary, cards in ISSUES
        if month not in existing and (YEAR, month) <= (today.year, today.month)  # none ahead of today
    ]
    slugs = set(index_page.get_children().values_list("slug", flat=True))
    writers = [p for p in people if p.pk != head.pk][:5] or [head]
    for number, (slug, title, month, text) in enumerate(COLUMNS + ARTICLES):
        if slug in slugs:
            continue
        is_column = number < len(COLUMNS)
        _page(
            index_page,
            ArticlePage(
                title=title,
                slug=slug,
                kind=ArticlePage.Kind.COLUMN if is_column else ArticlePage.Kind.ARTICLE,
                author=head if is_column else writers[number % len(writers)],
                summary=text,
                body=f"<p>{text}</p><p>직원 여러분의 의견을 기다립니다.</p>",
                pinned=number == 0,
                live=True,
                first_published_at=_at(month, 15),
                last_published_at=_at(month, 15),
            ),
        )
    acknowledged = 0
    for slug, title, month, pinned, mandatory, text in NOTICES:
        if slug in slugs:
            continue
        notice = _page(
            index_page,
            NoticePage(
                title=title,
                slug=slug,
                body=f"<p>{text}</p>",
                pinned=pinned,
                mandatory=mandatory,
                audience_all=True,
                live=True,
                first_published_at=_at(month, 20),
                last_published_at=_at(month, 20),
            ),
        )
        if mandatory:
            # Most have acknowledged; the demo log-ins have not, so they can try it.
            rows = [
                NoticeAcknowledgement(notice=notice, staff=p)
                for i, p in enumerate(people)
                if i % 5 != 0 and p.user_id is None
            ]
            NoticeAcknowledgement.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
            acknowledged += len(rows)
    reads = _reads(issues, people)
    if stdout is not None:
        stdout.write(
            _("소식: 카드뉴스 %(issues)s호, 열람 기록 %(reads)s건, 공지 확인 %(acks)s건")
            % {"issues": len(issues), "reads": reads, "acks": acknowledged}
        )
    return {"issues": len(issues), "reads": reads, "scaled": seed_scaled(index_page, people, scale, stdout)}


# --- at scale > 1: the back issues of an agency that has published for years ----------------------

SCALED_READ_EVERY = 25  # at scale > 1, one person in 25 has read each back issue


def seed_scaled(index_page, people: list[Staff], scale: int, stdout=None) -> int:
    """At ``--scale`` N > 1, N − 1 back issues, one a month going back from December of the year
    before the report's (59 at scale 60: five years), so the newsroom's issue lists are measured
    at the size of an agency that has published for years; scale 1 adds nothing. They reuse the
    report's issues' images (no new files to draw), each is read by one person in
    ``SCALED_READ_EVERY``. Idempotent by year and month."""
    wanted = scale - 1
    if wanted <= 0:
        return 0
    source = list(CardNewsIssuePage.objects.filter(year=YEAR).order_by("month").prefetch_related("cards"))
    if not source:
        return 0
    existing = set(CardNewsIssuePage.objects.filter(year__lt=YEAR).values_list("year", "month"))
    created, reads = [], []
    for number in range(wanted):
        year, month = YEAR - 1 - number // 12, 12 - number % 12
        if (year, month) in existing:
            continue
        model = source[number % len(source)]
        label = f"{year}년 {month}월호"
        published = dt.datetime(year, month, 5, 10, tzinfo=SEOUL)
        page = CardNewsIssuePage(
            title=f"{label} 이음 소식",
            slug=f"card-news-{year}-{month:02d}",
            year=year,
            month=month,
            cover=model.cover,
            cover_alt=f"{label} 표지",
            summary=model.summary,
            text_version=model.text_version,
            live=True,
            first_published_at=published,
            last_published_at=published,
        )
        index_page.add_child(instance=page)
        CardNewsCard.objects.bulk_create(
            CardNewsCard(
                page=page,
                sort_order=card.sort_order,
                image_id=card.image_id,
                alt_text=card.alt_text,
                decorative=card.decorative,
                caption=card.caption,
            )
            for card in model.cards.all()
        )
        reads += [
            IssueRead(issue=page, staff=person, department_id=person.department_id)
            for person in people[number % SCALED_READ_EVERY :: SCALED_READ_EVERY]
        ]
        created.append(page)
    IssueRead.objects.bulk_create(reads, ignore_conflicts=True, batch_size=1000)
    if created and stdout is not None:
        stdout.write(
            _("소식: 규모에 맞춘 지난 카드뉴스 %(issues)s호, 열람 기록 %(reads)s건 추가")
            % {"issues": len(created), "reads": len(reads)}
        )
    return len(created)


# --- the living year: this month's issue ------------------------------------------------------------

LIVE_ISSUE = (
    "이달의 이음 소식",
    "교육 신청, 수시 설문, 성과업무 추진 일정을 한눈에",
    [
        ("교육 신청 받는 중", "생성형 AI 업무 활용 실습 외, 교육 홈에서 신청"),
        ("조직문화 수시 설문", "5분이면 끝나는 익명 설문에 참여해 주세요"),
        ("성과업무 추진 일정", "완료 예정일이 지난 일정은 실적을 올려 주세요"),
    ],
)


@transaction.atomic
def seed_living(*, scale: int = 1, stdout=None, today: dt.date | None = None) -> CardNewsIssuePage | None:
    """This month's card news issue, published this morning (or the report's own issue when the
    demo runs in 2025: one issue a month). Created live without the publish signal, like the
    report's issues: nobody is notified, the monthly digest goes out on its own day."""
    today = today or timezone.localdate()
    index_page = newsroom_index()
    if index_page is None:
        return None
    if CardNewsIssuePage.objects.filter(year=today.year, month=today.month).exists():
        return None
    title, summary, cards = LIVE_ISSUE
    published = min(dt.datetime.combine(today, dt.time(9), tzinfo=SEOUL), timezone.now())
    issue = _issue(index_page, today.month, title, summary, cards, year=today.year, published=published)
    if stdout is not None:
        stdout.write(
            _("소식: 카드뉴스 %(year)s년 %(month)s월호") % {"year": today.year, "month": today.month}
        )
    return issue


register_demo_seeder(DemoSeeder(key="newsroom", seed=seed, order=60))
register_demo_seeder(DemoSeeder(key="newsroom_living", seed=seed_living, order=65))
