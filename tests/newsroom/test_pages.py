"""The newsroom's pages as staff see them: home (pinned first), an issue (carousel markup that works
without JavaScript, srcset renditions, the text version), reads counted once, articles (rich text
sanitised, author linked both ways), notices, archive, feeds — and their query budgets."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.models import ArticlePage, CardNewsIssuePage, IssueRead
from newsroom.registry import home_sections
from tests.factories import StaffFactory
from tests.newsroom import builders


def test_a_fresh_install_has_the_newsroom_home(login_as):
    response = login_as().get("/newsroom/")
    assert response.status_code == 200
    assert "아직 발행된 카드뉴스가 없습니다" in response.content.decode()


def test_home_shows_the_latest_issue_and_pinned_items_first(login_as):
    builders.issue(year=2025, month=1, title="일월호")
    builders.issue(year=2025, month=2, title="이월호")
    author = StaffFactory(name="홍길동")
    builders.article(author=author, title="오래된 고정 칼럼", pinned=True)
    builders.article(author=author, title="새 기사", kind=ArticlePage.Kind.ARTICLE)
    builders.notice(title="보통 공지")
    builders.notice(title="고정 공지", pinned=True)
    html = login_as().get("/newsroom/").content.decode()
    latest = html[html.index('data-testid="latest-issue"') : html.index('id="articles-heading"')]
    assert "이월호" in latest and "일월호" not in latest
    assert html.index("오래된 고정 칼럼") < html.index("새 기사")
    assert html.index("고정 공지") < html.index("보통 공지")


def test_home_renders_sections_registered_by_sub_apps(login_as):
    from intranet.registry import Panel

    home_sections.register(
        Panel(
            key="test.section",
            title="시험 구역",
            template="newsroom/panels/person_articles.html",
            provider=lambda request: {"articles": []},
        )
    )
    try:
        html = login_as().get("/newsroom/").content.decode()
    finally:
        home_sections.panels.pop("test.section")
    assert 'data-testid="section-test.section"' in html and "시험 구역" in html


def test_issue_page_lists_every_card_without_javascript_with_srcset_and_text_version(login_as):
    page = builders.issue(cards=4, images=[builders.image(size=1000)])
    html = login_as().get(page.url).content.decode()
    assert html.count('data-testid="card"') == 4
    assert "srcset=" in html and "480w" in html and "960w" in html
    assert 'alt="카드 1 설명"' in html
    assert 'href="#text-version"' in html and 'id="text-version"' in html
    assert "텍스트 버전 본문" in html
    assert "<script>" not in html and " style=" not in html  # CSP: nothing inline
    assert "newsroom/carousel.js" in html


def test_decorative_card_gets_an_empty_alt(login_as):
    page = builders.issue(cards=1)
    page.cards.update(alt_text="", decorative=True)
    html = login_as().get(page.url).content.decode()
    assert 'alt=""' in html


def test_a_read_is_counted_once_per_person(login_as):
    page = builders.issue()
    client = login_as()
    client.get(page.url)
    client.get(page.url)
    reads = IssueRead.objects.filter(issue=page)
    assert reads.count() == 1
    assert reads.get().department_id == client.staff.department_id


def test_script_in_rich_text_does_not_reach_the_page(login_as):
    author = StaffFactory()
    page = builders.article(
        author=author,
        body=(
            '<p>안녕<script>alert("x")</script><img src=x onerror="alert(1)"></p>'
            '<a href="javascript:alert(1)">링크</a>'
        ),
    )
    html = login_as().get(page.url).content.decode()
    body = html[html.index('data-testid="article-body"') :]
    assert "<script" not in body.split("</article>")[0]
    assert "onerror" not in html and "javascript:alert" not in html
    assert "안녕" in html


def test_article_links_to_its_author_and_the_profile_lists_the_article(login_as):
    author = StaffFactory(name="원장님")
    page = builders.article(author=author, title="봄을 맞으며")
    client = login_as()
    html = client.get(page.url).content.decode()
    assert author.get_absolute_url() in html
    profile = client.get(author.get_absolute_url()).content.decode()
    assert 'data-testid="section-newsroom.articles"' in profile and "봄을 맞으며" in profile


def test_archive_by_year_with_covers(login_as):
    builders.issue(year=2024, month=12, title="지난해 12월")
    builders.issue(year=2025, month=3, title="올해 3월")
    client = login_as()
    html = client.get("/newsroom/card-news/").content.decode()
    assert "올해 3월" in html and "지난해 12월" not in html
    assert 'href="/newsroom/card-news/2024/"' in html
    assert "지난해 12월" in client.get("/newsroom/card-news/2024/").content.decode()
    assert client.get("/newsroom/card-news/1999/").status_code == 404


def test_feeds_for_each_kind(login_as):
    builders.issue(title="피드 카드뉴스")
    author = StaffFactory()
    builders.article(author=author, title="피드 칼럼")
    builders.article(author=author, title="피드 기사", kind=ArticlePage.Kind.ARTICLE)
    builders.notice(title="피드 공지")
    client = login_as()
    for kind, title, absent in [
        ("card-news", "피드 카드뉴스", "피드 공지"),
        ("columns", "피드 칼럼", "피드 기사"),
        ("articles", "피드 기사", "피드 칼럼"),
        ("notices", "피드 공지", "피드 칼럼"),
    ]:
        response = client.get(f"/newsroom/feeds/{kind}/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        body = response.content.decode()
        assert title in body and absent not in body
    assert client.get("/newsroom/feeds/nothing/").status_code == 404


def test_a_draft_issue_is_not_shown(login_as):
    builders.issue(month=5, title="초안 호", live=False)
    client = login_as()
    assert "초안 호" not in client.get("/newsroom/").content.decode()
    assert "초안 호" not in client.get("/newsroom/card-news/").content.decode()


# --- query budgets: the same number at two sizes ----------------------------------------------


def _queries(client, url) -> int:
    assert client.get(url).status_code == 200  # warm: renditions are made on the first view
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_pages_make_the_same_queries_at_12_and_at_1000_issues(login_as):
    """12 issues of 2025 (8 cards each, through ``add_child``), then 988 more written in bulk
    (``builders.issues_bulk``: 1,000 issues and 8,000 cards over 84 years), 30 articles, 30
    notices, 60 staff and 20 reads: every page reads one issue, one year or a fixed slice, with
    the renditions prefetched, so the count does not depend on the number of issues."""
    images = builders.images_bulk(9)
    author = StaffFactory()
    client = login_as("editor")
    for month in range(1, 12):
        builders.issue(year=2025, month=month, cards=8, images=images)
    latest = builders.issue(year=2025, month=12, cards=8, images=images)
    builders.article(author=author)
    notice = builders.notice(mandatory=True)
    urls = [
        "/newsroom/",
        latest.url,
        "/newsroom/card-news/",
        "/newsroom/card-news/2025/",
        "/newsroom/card-news/reads/",
        f"/newsroom/card-news/reads/{latest.pk}/",
        notice.url,
        f"/newsroom/notices/{notice.pk}/pending/",
        "/newsroom/feeds/card-news/",
    ]
    assert CardNewsIssuePage.objects.live().count() == 12
    small = [_queries(client, url) for url in urls]
    months = [(year, month) for year in range(2000, 2101) if year != 2025 for month in range(1, 13)]
    builders.issues_bulk(months[:988], images=builders.images_bulk(9))
    assert CardNewsIssuePage.objects.live().count() == 1000
    # The bulk pages are real pages: in the archive and served by Wagtail at their URL.
    assert "2083년 4월 소식" in client.get("/newsroom/card-news/2083/").content.decode()
    assert "카드 8 설명" in client.get("/newsroom/issue-2083-04/").content.decode()
    for i in range(30):
        builders.article(author=StaffFactory(), title=f"글 {i}")
        builders.notice(title=f"공지 {i}")
    StaffFactory.create_batch(40)
    IssueRead.objects.bulk_create(
        IssueRead(issue=latest, staff=s, department_id=s.department_id, read_at=timezone.now())
        for s in StaffFactory.create_batch(20)
    )
    large = [_queries(client, url) for url in urls]
    assert small == large, list(zip(urls, small, large, strict=True))
    assert max(large) <= 15, list(zip(urls, large, strict=True))
