"""Builders for newsroom tests: images, issues with cards, articles and notices under the newsroom
home that the data migration created."""

import datetime as dt
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

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
    page = CardNewsIssuePage(
        title=title or f"{year}년 {month}월 소식",
        slug=f"issue-{year}-{month:02d}",
        year=year,
        month=month,
        cover=images[0],
        cover_alt="표지",
        summary="요약",
        text_version="<p>텍스트 버전 본문</p>",
        live=live,
        first_published_at=when if live else None,
    )
    newsroom_index().add_child(instance=page)
    CardNewsCard.objects.bulk_create(
        CardNewsCard(
            page=page,
            sort_order=i,
            image=images[(i + 1) % len(images)],
            alt_text=f"카드 {i + 1} 설명" if alt else "",
            caption=f"캡션 {i + 1}",
        )
        for i in range(cards)
    )
    return page


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
