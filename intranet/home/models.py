"""The home page (Wagtail root at ``/``, a personal dashboard), plain content pages, and the
notifications every module sends through ``intranet.home.services.notification_send``."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from intranet.directory.models import Staff


class HomePage(Page):
    """The site root. Editors write the welcome text; each person sees their own dashboard,
    whose panels the modules supply through ``intranet.registry.dashboard_panels``."""

    intro = RichTextField(_("안내 문구"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("홈 페이지")

    def get_context(self, request, *args, **kwargs):
        from intranet.registry import dashboard_panels

        context = super().get_context(request, *args, **kwargs)
        context["panels"] = dashboard_panels.render_context(request)
        return context


class ContentPage(Page):
    """An ordinary page of text (guides, policies) that editors publish anywhere."""

    summary = models.CharField(_("요약"), max_length=300, blank=True)
    body = RichTextField(_("본문"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("body"),
    ]

    class Meta:
        verbose_name = _("일반 페이지")


class Notification(models.Model):
    """One message to one person. ``key`` names the event, so the same event never notifies the
    same person twice, however often a task retries."""

    recipient = models.ForeignKey(
        Staff, verbose_name=_("받는 사람"), on_delete=models.PROTECT, related_name="notifications"
    )
    key = models.CharField(_("이벤트 키"), max_length=200)
    title = models.CharField(_("제목"), max_length=200)
    body = models.TextField(_("내용"), blank=True)
    url = models.CharField(_("링크"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("보낸 시각"), auto_now_add=True)
    read_at = models.DateTimeField(_("읽은 시각"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("메일 발송 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("알림")
        verbose_name_plural = _("알림")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_event")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title


class OutgoingMail(models.Model):
    """The outbox: every e-mail Ieum means to send, recorded (and committed) before it is sent.

    ``key`` names the event (``home.notification.<id>``, ``newsroom.digest.<issue>.<staff>``), so
    one event makes one row whatever runs twice. The state says how far sending got: a row is
    claimed (``sending``) in its own committed transaction just before the mail server is asked,
    and marked ``sent`` just after. A redelivered task that finds a row claimed or sent sends
    nothing: a worker that died between the claim and the mark leaves the row ``sending``, which
    the outbox flush turns into ``unknown`` after ``SENDING_LEASE`` (it may or may not have gone;
    it is never sent again automatically — at most once, see docs/architecture.md).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("발송 대기")
        SENDING = "sending", _("발송 중")
        SENT = "sent", _("발송 완료")
        UNKNOWN = "unknown", _("발송 여부 불명")

    key = models.CharField(_("이벤트 키"), max_length=200, unique=True)
    to = models.CharField(_("받는 주소"), max_length=1000)
    from_email = models.CharField(_("보내는 주소"), max_length=254, blank=True)
    subject = models.CharField(_("제목"), max_length=300)
    body = models.TextField(_("내용"), blank=True)
    state = models.CharField(_("상태"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("발송 시도 횟수"), default=0)
    created_at = models.DateTimeField(_("기록 시각"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("발송 시작 시각"), null=True, blank=True)
    sent_at = models.DateTimeField(_("발송 완료 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("보낼 메일")
        verbose_name_plural = _("보낼 메일")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return self.key
