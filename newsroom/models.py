"""The newsroom's pages (home, monthly card news, columns and articles, notices) and the records
kept about them: who read an issue, who acknowledged a mandatory notice, who wants the e-mail
digest and to whom it went.

The per-person records carry unique constraints, so a double click, a retried task or two
workers at once can never count a read, an acknowledgement or a digest twice.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from intranet.directory.models import Department, Staff
from intranet.models import AppendOnlyModel
from intranet.widgets import LongSelect

from .sanitise import SanitisedRichTextMixin

SHORT_FEATURES = ["bold", "italic", "link"]
BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]
MISSING_ALT = _("대체 텍스트를 입력하거나 '장식용 이미지'로 표시하세요.")
PUBLISH_REFUSED = _(
    "대체 텍스트가 없는 카드가 %(count)s장 있어 발행할 수 없습니다. "
    "각 카드에 대체 텍스트를 입력하거나 장식용 이미지로 표시하세요."
)


def cards_missing_alt(cards) -> list:
    """The cards a reader of a screen reader would meet as an unnamed image."""
    return [card for card in cards if not card.decorative and not (card.alt_text or "").strip()]


class NewsroomIndexPage(SanitisedRichTextMixin, Page):
    """``/newsroom/``: the latest card news, recent columns, articles and notices (pinned first),
    and whatever the sub-apps register in ``newsroom.registry.home_sections``."""

    intro = RichTextField(_("안내 문구"), blank=True, features=SHORT_FEATURES)
    rich_text_fields = ("intro",)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    # No subpage_types: the interviews sub-app puts its InterviewPage here by naming this model.
    max_count = 1

    class Meta:
        verbose_name = _("소식 홈")

    def get_context(self, request, *args, **kwargs):
        from django.utils.functional import SimpleLazyObject

        from .cache import SAFETY_SECONDS, newsroom_home_cached, newsroom_home_fragment_key
        from .registry import home_sections

        context = super().get_context(request, *args, **kwargs)
        # The lists are rendered once per generation (``home_key``): read only when they are not.
        context["home"] = SimpleLazyObject(newsroom_home_cached)
        context["home_key"] = newsroom_home_fragment_key(request)
        context["home_seconds"] = SAFETY_SECONDS
        context["sections"] = home_sections.render_context(request)
        context["is_editor"] = _is_editor(request)
        return context


class CardNewsIssueForm(WagtailAdminPageForm):
    """Refuses to publish (or to change a live issue) while a card has no alt text and is not
    marked decorative: the admin shows the reason on the issue and on each card."""

    def clean(self):
        cleaned = super().clean()
        publishing = bool(self.data.get("action-publish")) or (
            self.instance.pk is not None and self.instance.live
        )
        formset = self.formsets.get("cards")
        if not publishing or formset is None or not formset.is_valid():
            return cleaned
        missing = 0
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            if not data.get("decorative") and not (data.get("alt_text") or "").strip():
                form.add_error("alt_text", MISSING_ALT)
                missing += 1
        if missing:
            raise ValidationError(PUBLISH_REFUSED % {"count": missing}, code="missing_alt")
        return cleaned


class CardNewsIssuePage(SanitisedRichTextMixin, Page):
    """One monthly issue: a cover, an ordered series of square cards and the whole issue as text."""

    year = models.PositiveSmallIntegerField(
        _("연도"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("월"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("표지 이미지"),
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cover_alt = models.CharField(_("표지 대체 텍스트"), max_length=300, blank=True)
    summary = models.CharField(_("요약"), max_length=300, blank=True)
    text_version = RichTextField(
        _("텍스트 버전"),
        features=BODY_FEATURES,
        help_text=_("카드 전체 내용을 글로 옮긴 것입니다. 이미지를 볼 수 없는 독자가 읽습니다."),
    )

    rich_text_fields = ("text_version",)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("month")], heading=_("발행 월")),
        MultiFieldPanel([FieldPanel("cover"), FieldPanel("cover_alt")], heading=_("표지")),
        FieldPanel("summary"),
        InlinePanel("cards", heading=_("카드"), label=_("카드"), min_num=1),
        FieldPanel("text_version"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("text_version"),
        index.AutocompleteField("text_version"),
    ]
    base_form_class = CardNewsIssueForm
    parent_page_types = ["newsroom.NewsroomIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("카드뉴스")
        verbose_name_plural = _("카드뉴스")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month"],
                name="cardnews_one_issue_per_month",
                violation_error_message=_("이 달의 카드뉴스가 이미 있습니다."),
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="cardnews_month_1_12"
            ),
        ]
        indexes = [models.Index(fields=["year", "month"], name="cardnews_year_month")]

    def clean(self):
        """A live issue never has an unnamed card, whatever path publishes it (the admin form,
        scheduled publishing, a workflow, code)."""
        super().clean()
        if self.live:
            missing = cards_missing_alt(self.cards.all())
            if missing:
                raise ValidationError(PUBLISH_REFUSED % {"count": len(missing)}, code="missing_alt")

    def get_context(self, request, *args, **kwargs):
        from django.utils.functional import SimpleLazyObject

        from .cache import SAFETY_SECONDS, fragment_key
        from .selectors import issue_detail
        from .services import issue_read_record

        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        # The cards and the text version are rendered once per generation of the newsroom's
        # pages (``cards_key``); a preview (Wagtail's preview and "view draft" make a dummy
        # request) shows its own draft, never kept.
        kept = not preview and not getattr(request, "is_dummy", False)
        context["cards"] = SimpleLazyObject(lambda: issue_detail(issue=self))
        context["cards_key"] = fragment_key(request, "issue", self.pk) if kept else None
        context["cards_seconds"] = SAFETY_SECONDS
        context["is_editor"] = _is_editor(request)
        staff = _staff(request)
        if staff is not None and self.live and not preview:
            issue_read_record(issue=self, staff=staff)
        return context

    @property
    def label(self) -> str:
        return _("%(year)s년 %(month)s월호") % {"year": self.year, "month": self.month}


class CardNewsCard(Orderable):
    """One square card of an issue. Alt text says what the card shows (its text included);
    a purely decorative card is marked so instead and read as nothing."""

    page = ParentalKey(CardNewsIssuePage, related_name="cards", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("이미지"), on_delete=models.PROTECT, related_name="+"
    )
    alt_text = models.CharField(
        _("대체 텍스트"),
        max_length=500,
        blank=True,
        help_text=_("이미지에 적힌 글과 그림의 뜻을 그대로 적으세요."),
    )
    decorative = models.BooleanField(_("장식용 이미지"), default=False)
    caption = models.CharField(_("설명"), max_length=300, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("decorative"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("카드")
        verbose_name_plural = _("카드")


class ArticlePage(SanitisedRichTextMixin, Page):
    """A column (원장 단상) or another article, by one person of the directory."""

    class Kind(models.TextChoices):
        COLUMN = "column", _("칼럼")
        ARTICLE = "article", _("기사")

    kind = models.CharField(_("종류"), max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    author = models.ForeignKey(
        Staff, verbose_name=_("글쓴이"), on_delete=models.PROTECT, related_name="newsroom_articles"
    )
    summary = models.CharField(_("요약"), max_length=300, blank=True)
    body = RichTextField(_("본문"), features=BODY_FEATURES)
    pinned = models.BooleanField(_("맨 위에 고정"), default=False)
    rich_text_fields = ("body",)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("author", widget=LongSelect),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("pinned"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("body"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["newsroom.NewsroomIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("칼럼·기사")
        verbose_name_plural = _("칼럼·기사")


class NoticePage(SanitisedRichTextMixin, Page):
    """A notice. A mandatory one asks each member of its audience to acknowledge it once."""

    body = RichTextField(_("본문"), features=BODY_FEATURES)
    pinned = models.BooleanField(_("맨 위에 고정"), default=False)
    mandatory = models.BooleanField(
        _("확인 필수"), default=False, help_text=_("대상 직원 모두에게 '확인했습니다'를 받습니다.")
    )
    audience_all = models.BooleanField(_("전 직원 대상"), default=True)
    departments = ParentalManyToManyField(
        Department,
        verbose_name=_("대상 부서"),
        blank=True,
        related_name="+",
        help_text=_("전 직원 대상이 아닐 때, 이 부서의 재직 직원이 대상입니다."),
    )
    rich_text_fields = ("body",)

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        FieldPanel("pinned"),
        MultiFieldPanel(
            [FieldPanel("mandatory"), FieldPanel("audience_all"), FieldPanel("departments")],
            heading=_("확인 대상"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("body"), index.AutocompleteField("body")]
    parent_page_types = ["newsroom.NewsroomIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("공지")
        verbose_name_plural = _("공지")

    def get_context(self, request, *args, **kwargs):
        from .selectors import notice_state

        context = super().get_context(request, *args, **kwargs)
        context.update(notice_state(notice=self, staff=_staff(request)))
        context["is_editor"] = _is_editor(request)
        return context


class IssueRead(AppendOnlyModel):
    """One person opened one issue (counted once). The department is kept as it was then."""

    issue = models.ForeignKey(CardNewsIssuePage, on_delete=models.CASCADE, related_name="reads")
    staff = models.ForeignKey(Staff, verbose_name=_("직원"), on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name=_("부서"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    read_at = models.DateTimeField(_("읽은 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("카드뉴스 열람")
        verbose_name_plural = _("카드뉴스 열람")
        constraints = [models.UniqueConstraint(fields=["issue", "staff"], name="issue_read_once")]

    def __str__(self):
        return f"{self.issue_id} · {self.staff_id}"


class NoticeAcknowledgement(AppendOnlyModel):
    """One person acknowledged one mandatory notice (once)."""

    notice = models.ForeignKey(NoticePage, on_delete=models.CASCADE, related_name="acknowledgements")
    staff = models.ForeignKey(Staff, verbose_name=_("직원"), on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(_("확인 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("공지 확인")
        verbose_name_plural = _("공지 확인")
        constraints = [models.UniqueConstraint(fields=["notice", "staff"], name="notice_acknowledged_once")]

    def __str__(self):
        return f"{self.notice_id} · {self.staff_id}"


class NewsroomSubscription(models.Model):
    """A person's newsroom preference: whether to receive the monthly card news e-mail digest."""

    staff = models.OneToOneField(
        Staff, verbose_name=_("직원"), on_delete=models.PROTECT, related_name="newsroom_subscription"
    )
    digest = models.BooleanField(_("월간 카드뉴스 메일 받기"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("소식 메일 구독")
        verbose_name_plural = _("소식 메일 구독")

    def __str__(self):
        return f"{self.staff_id}: {self.digest}"


class DigestDelivery(AppendOnlyModel):
    """The digest of one issue went to one person: written in the transaction that sends it, so a
    second run of the task finds it and sends nothing."""

    issue = models.ForeignKey(CardNewsIssuePage, on_delete=models.CASCADE, related_name="digests")
    staff = models.ForeignKey(Staff, verbose_name=_("직원"), on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("보낸 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("메일 발송 기록")
        verbose_name_plural = _("메일 발송 기록")
        constraints = [models.UniqueConstraint(fields=["issue", "staff"], name="digest_once_per_issue")]

    def __str__(self):
        return f"{self.issue_id} · {self.staff_id}"


def _staff(request):
    from intranet.directory.selectors import staff_for_user

    return staff_for_user(request.user) if getattr(request, "user", None) else None


def _is_editor(request) -> bool:
    from intranet.roles import Role, has_role

    return bool(getattr(request, "user", None)) and has_role(request.user, Role.EDITOR)
