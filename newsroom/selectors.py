"""Reads of the newsroom. Each page keeps a fixed number of queries whatever the number of issues,
articles or readers: images come with their renditions prefetched, lists are sliced or paginated,
figures are counted in the database.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from intranet.directory.models import Staff

from .models import (
    ArticlePage,
    CardNewsCard,
    CardNewsIssuePage,
    IssueRead,
    NewsroomSubscription,
    NoticeAcknowledgement,
    NoticePage,
)

# The renditions the templates ask for (keep in step with the {% srcset_image %} tags).
CARD_SPECS = ("fill-480x480", "fill-960x960")
COVER_SPECS = ("fill-320x320", "fill-640x640")
HOME_LIMIT = 6
FEED_LIMIT = 20
# The survey rule (intranet/surveys): a group of fewer readers than this is not shown.
MIN_READERS = 5


def _renditions(relation: str, specs) -> Prefetch:
    """Prefetch the renditions ``specs`` of the image at ``relation`` (selected with its row), so
    that ``{% srcset_image %}`` finds them without a query per image."""
    rendition = get_image_model().get_rendition_model()
    return Prefetch(f"{relation}__renditions", queryset=rendition.objects.filter(filter_spec__in=specs))


def public(qs: QuerySet) -> QuerySet:
    """Wagtail's ``.public()`` (no page under a view restriction) inside the same query:
    ``.public()`` itself reads every restriction first, one more query per list on the page."""
    restricted = PageViewRestriction.objects.annotate(length=Length("page__path")).filter(
        page__path=Substr(OuterRef("path"), 1, F("length"))
    )
    return qs.filter(~Exists(restricted))


def issues_live() -> QuerySet[CardNewsIssuePage]:
    return public(CardNewsIssuePage.objects.live())


def articles_live(*, kind: str | None = None) -> QuerySet[ArticlePage]:
    qs = public(ArticlePage.objects.live()).select_related("author", "author__department")
    return qs.filter(kind=kind) if kind else qs


def notices_live() -> QuerySet[NoticePage]:
    return public(NoticePage.objects.live())


def pinned_first(qs: QuerySet) -> QuerySet:
    return qs.order_by("-pinned", "-first_published_at", "-pk")


@dataclass
class NewsroomHome:
    latest_issue: CardNewsIssuePage | None
    articles: list[ArticlePage] = field(default_factory=list)
    notices: list[NoticePage] = field(default_factory=list)


def newsroom_home(*, index=None) -> NewsroomHome:
    """The latest issue (cover with renditions), recent columns and articles and recent notices,
    each pinned first: four queries at any size."""
    latest = (
        issues_live()
        .select_related("cover")
        .prefetch_related(_renditions("cover", COVER_SPECS))
        .order_by("-year", "-month")
        .first()
    )
    return NewsroomHome(
        latest_issue=latest,
        articles=list(pinned_first(articles_live())[:HOME_LIMIT]),
        notices=list(pinned_first(notices_live())[:HOME_LIMIT]),
    )


def issue_detail(*, issue: CardNewsIssuePage) -> list[CardNewsCard]:
    """The cards of an issue in order, each image with its phone and desktop renditions."""
    return list(
        CardNewsCard.objects.filter(page=issue)
        .order_by("sort_order", "pk")
        .select_related("image")
        .prefetch_related(_renditions("image", CARD_SPECS))
    )


@dataclass
class Archive:
    years: list[int]
    year: int | None
    issues: list[CardNewsIssuePage]


def archive(*, year: int | None = None) -> Archive:
    """The years that have issues, and one year's issues by month with their covers."""
    years = list(issues_live().order_by("-year").values_list("year", flat=True).distinct())
    if year is None:
        year = years[0] if years else None
    issues = []
    if year is not None:
        issues = list(
            issues_live()
            .filter(year=year)
            .order_by("-month")
            .select_related("cover")
            .prefetch_related(_renditions("cover", COVER_SPECS))
        )
    return Archive(years=years, year=year, issues=issues)


def issues_with_reads() -> QuerySet[CardNewsIssuePage]:
    """Every issue (newest first) with its number of readers, for the editors' list."""
    return CardNewsIssuePage.objects.order_by("-year", "-month").annotate(readers=Count("reads"))


@dataclass
class ReadFigures:
    total: int
    rows: list[dict]  # {"department": name, "readers": n or None when hidden}
    hidden_count: int


def read_figures(*, issue: CardNewsIssuePage) -> ReadFigures:
    """Readers of an issue by department (as it was when they read). The survey rule: a
    department with fewer than ``MIN_READERS`` readers is not shown, and where the total would give
    a single hidden department away, the next smallest is hidden with it (the surveys'
    complementary suppression, on the one column of counts)."""
    counts = (
        IssueRead.objects.filter(issue=issue)
        .values("department_id", "department__name")
        .annotate(n=Count("id"))
        .order_by("department__name")
    )
    cells, names = {}, {}
    for row in counts:
        key = (row["department_id"] or 0, "readers")
        cells[key] = row["n"]
        names[key] = row["department__name"] or ""
    # Imported here: the survey engine brings pandas and numpy (some 60 MB), which a web worker
    # should load only for the few pages that compute with them.
    from intranet.surveys.results import complementary_suppression

    hidden = complementary_suppression(cells, MIN_READERS, axes=(1,))
    rows = [{"department": names[key], "readers": None if key in hidden else n} for key, n in cells.items()]
    rows.sort(key=lambda r: (r["readers"] is None, -(r["readers"] or 0), r["department"]))
    shown = [r for r in rows if r["readers"] is not None]
    return ReadFigures(total=sum(cells.values()), rows=shown, hidden_count=len(rows) - len(shown))


def notice_audience(*, notice: NoticePage) -> QuerySet[Staff]:
    """The active staff a notice asks to acknowledge: everyone, or its departments' members."""
    qs = Staff.objects.filter(is_active=True)
    if not notice.audience_all:
        qs = qs.filter(department__in=notice.departments.all())
    return qs


def notice_in_audience(*, notice: NoticePage, staff: Staff | None) -> bool:
    if staff is None or not staff.is_active:
        return False
    return notice.audience_all or notice.departments.filter(pk=staff.department_id).exists()


def notice_state(*, notice: NoticePage, staff: Staff | None) -> dict:
    """What the notice page shows the reader about acknowledging it."""
    if not notice.mandatory or staff is None:
        return {"asks_me": False, "acknowledged": False}
    asks_me = notice_in_audience(notice=notice, staff=staff)
    acknowledged = asks_me and NoticeAcknowledgement.objects.filter(notice=notice, staff=staff).exists()
    return {"asks_me": asks_me, "acknowledged": acknowledged}


@dataclass
class MandatoryNotice:
    """A live mandatory notice and whom it asks (``department_ids`` when not everyone)."""

    notice: NoticePage
    audience_all: bool
    department_ids: frozenset[int]

    def asks(self, staff: Staff) -> bool:
        return self.audience_all or staff.department_id in self.department_ids


def mandatory_notices() -> list[MandatoryNotice]:
    """Every live, public mandatory notice, newest first, with its audience: two queries, kept per
    generation by ``cache.mandatory_notices_cached`` (the dashboard filters it per person)."""
    notices = list(
        notices_live()
        .filter(mandatory=True)
        .only("title", "url_path", "path", "depth", "first_published_at", "audience_all")
        .order_by("-first_published_at", "-pk")
    )
    through = NoticePage._meta.get_field("departments").remote_field.through
    departments: dict[int, set[int]] = {}
    rows = through.objects.filter(noticepage_id__in=[n.pk for n in notices if not n.audience_all])
    for notice_id, department_id in rows.values_list("noticepage_id", "department_id"):
        departments.setdefault(notice_id, set()).add(department_id)
    return [MandatoryNotice(n, n.audience_all, frozenset(departments.get(n.pk, ()))) for n in notices]


def notices_to_acknowledge(*, staff: Staff | None, limit: int = 10) -> list[NoticePage]:
    """Live mandatory notices that ask this person and that they have not acknowledged yet,
    newest first: they stay on the dashboard until acknowledged. The notices and their audiences
    are kept per generation; the person's acknowledgements are one query, and none when no notice
    asks them."""
    from .cache import mandatory_notices_cached

    if staff is None or not staff.is_active:
        return []
    asking = [m.notice for m in mandatory_notices_cached() if m.asks(staff)]
    if not asking:
        return []
    done = set(
        NoticeAcknowledgement.objects.filter(staff=staff, notice__in=[n.pk for n in asking]).values_list(
            "notice_id", flat=True
        )
    )
    return [n for n in asking if n.pk not in done][:limit]


def notice_pending(*, notice: NoticePage) -> QuerySet[Staff]:
    """Members of the audience who have not acknowledged yet, by department and name."""
    done = NoticeAcknowledgement.objects.filter(notice=notice, staff=OuterRef("pk"))
    return (
        notice_audience(notice=notice)
        .filter(~Exists(done))
        .select_related("department")
        .order_by("department__name", "name", "pk")
    )


def notice_acknowledged_count(*, notice: NoticePage) -> int:
    return notice.acknowledgements.count()


def digest_subscribers() -> QuerySet[Staff]:
    """Active staff with an e-mail address who asked for the digest."""
    return (
        Staff.objects.filter(is_active=True, newsroom_subscription__digest=True)
        .exclude(email="")
        .order_by("pk")
    )


def subscription_of(*, staff: Staff) -> NewsroomSubscription | None:
    return NewsroomSubscription.objects.filter(staff=staff).first()


def articles_by(*, staff: Staff, limit: int = 10) -> list[ArticlePage]:
    """A person's published columns and articles, newest first (their profile section). The
    section shows no author, so the author and their department are not joined in (compiling
    their columns was most of the section's cost)."""
    articles = articles_live().select_related(None).filter(author=staff)
    return list(articles.order_by("-first_published_at")[:limit])


def digest_context(*, issue: CardNewsIssuePage) -> dict:
    """What the e-mail digest of an issue tells: the issue, and the columns, articles and notices
    published since the previous issue (at most a handful of each)."""
    previous = (
        issues_live()
        .filter(Q(year__lt=issue.year) | Q(year=issue.year, month__lt=issue.month))
        .order_by("-year", "-month")
        .first()
    )
    since = previous.first_published_at if previous else None
    articles = pinned_first(articles_live())
    notices = pinned_first(notices_live())
    if since:
        articles = articles.filter(first_published_at__gt=since)
        notices = notices.filter(first_published_at__gt=since)
    return {"issue": issue, "articles": list(articles[:HOME_LIMIT]), "notices": list(notices[:HOME_LIMIT])}


def newsroom_index():
    """The one newsroom home page (the data migration creates it under the site root)."""
    from .models import NewsroomIndexPage

    return NewsroomIndexPage.objects.order_by("path").first()
