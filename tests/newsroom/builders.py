"""Builders for newsroom tests: images, issues with cards, articles and notices under the newsroom
home that the data migration created."""

import datetime as dt
import io

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db.models import F
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from newsroom.models import ArticlePage, CardNewsCard, CardNewsIssuePage, NoticePage
from newsroom.selectors import newsroom_index


def png(size: int = 16, colour: str = "#0b4f8a") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def image(title: str = "카드", size: int = 16):
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(png(size)), name="card.png")
    )


def images_bulk(count: int, size: int = 16) -> list:
    """Many image rows sharing one small file (fast to make, each with its own renditions)."""
    first = image("공유 이미지", size)
    Image = get_image_model()
    rows = [
        Image(
            title=f"이미지 {i}",
            file=first.file.name,
            width=first.width,
            height=first.height,
            file_size=first.file_size,
            file_hash=first.file_hash,
        )
        for i in range(count - 1)
    ]
    return [first, *Image.objects.bulk_create(rows)]


def _issue_content(*, year: int, month: int, cover) -> dict:
    return {
        "title": f"{year}년 {month}월 소식",
        "slug": f"issue-{year}-{month:02d}",
        "year": year,
        "month": month,
        "cover": cover,
        "cover_alt": "표지",
        "summary": "요약",
        "text_version": "<p>텍스트 버전 본문</p>",
    }


def _cards(page_id: int, *, images: list, count: int, alt: bool = True) -> list[CardNewsCard]:
    return [
        CardNewsCard(
            page_id=page_id,
            sort_order=i,
            image=images[(i + 1) % len(images)],
            alt_text=f"카드 {i + 1} 설명" if alt else "",
            caption=f"캡션 {i + 1}",
        )
        for i in range(count)
    ]


def issue(
    *,
    year: int = 2025,
    month: int = 1,
    title: str | None = None,
    cards: int = 3,
    alt: bool = True,
    live: bool = True,
    images: list | None = None,
    published: dt.datetime | None = None,
) -> CardNewsIssuePage:
    """An issue under the newsroom home, created live without the publish signal (use
    ``save_revision().publish()`` in tests of publishing)."""
    images = images or [image() for _ in range(cards + 1)]
    when = published or timezone.now()
    content = _issue_content(year=year, month=month, cover=images[0]) | ({"title": title} if title else {})
    page = CardNewsIssuePage(**content, live=live, first_published_at=when if live else None)
    newsroom_index().add_child(instance=page)
    CardNewsCard.objects.bulk_create(_cards(page.pk, images=images, count=cards, alt=alt))
    return page


def issues_bulk(months: list[tuple[int, int]], *, images: list, cards: int = 8) -> None:
    """Many live issues at once under the newsroom home, for query budgets at 1,000 issues
    (``add_child`` takes about a second a page on the shared machine).

    The tree is written as treebeard would: each page's path is the next step after the home's
    last child (``Page._get_path``), the home's ``numchild`` grows by the count. The ``Page`` rows
    are bulk-created; Django cannot bulk-create a multi-table child, so each issue's own row is
    inserted with ``save_base(raw=True)`` (its table only; ``raw`` also keeps the search and
    reference indexes out, as a fixture load does). Then the cards, by ``bulk_create``."""
    parent = newsroom_index()
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(CardNewsIssuePage)
    when = timezone.now()
    contents = [_issue_content(year=year, month=month, cover=images[0]) for year, month in months]
    pages = Page.objects.bulk_create(
        Page(
            title=content["title"],
            draft_title=content["title"],
            slug=content["slug"],
            content_type=content_type,
            path=Page._get_path(parent.path, parent.depth + 1, step + number),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{content['slug']}/",
            locale_id=parent.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=when,
            last_published_at=when,
        )
        for number, content in enumerate(contents, start=1)
    )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    for page, content in zip(pages, contents, strict=True):
        own = {k: v for k, v in content.items() if k not in ("title", "slug")}  # the Page row has them
        CardNewsIssuePage(page_ptr_id=page.pk, **own).save_base(raw=True)
    CardNewsCard.objects.bulk_create(
        [card for page in pages for card in _cards(page.pk, images=images, count=cards)], batch_size=1000
    )


def article(
    *, author, title="원장 단상", kind=ArticlePage.Kind.COLUMN, body="<p>본문</p>", pinned=False, slug=None
):
    page = ArticlePage(
        title=title,
        slug=slug or f"article-{ArticlePage.objects.count() + 1}",
        kind=kind,
        author=author,
        body=body,
        pinned=pinned,
        live=True,
        first_published_at=timezone.now(),
    )
    newsroom_index().add_child(instance=page)
    return page


def notice(*, title="공지", mandatory=False, pinned=False, departments=(), slug=None):
    page = NoticePage(
        title=title,
        slug=slug or f"notice-{NoticePage.objects.count() + 1}",
        body="<p>공지 본문</p>",
        mandatory=mandatory,
        pinned=pinned,
        audience_all=not departments,
        live=True,
        first_published_at=timezone.now(),
    )
    newsroom_index().add_child(instance=page)
    if departments:
        page.departments.set(departments)
        page.save()
    return page
