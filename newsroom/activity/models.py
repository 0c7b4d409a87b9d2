"""The PR activity log (홍보 실적) and the partnerships (업무협약·교류).

Attachments and documents are private records: their files get a random folder name, live in the
private storage outside MEDIA_ROOT and are served only through this app's views to signed-in staff
(PR attachments to editors only).
"""

import uuid
from pathlib import Path

from django import forms
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from intranet.directory.models import Department, Staff
from intranet.storage import private_storage
from intranet.uploads import evidence_check

ATTACHMENT_HELP = _("PDF, HWP, HWPX, DOCX, XLSX, PPTX, JPG, PNG · 10MB 이하")


def attachment_validator(value):
    """``evidence_check`` for a model field: a file already stored is not checked again."""
    if isinstance(value, FieldFile) and getattr(value, "_committed", True):
        return
    evidence_check(value)


def _private_path(folder: str, filename: str) -> str:
    return f"newsroom/{folder}/{uuid.uuid4().hex}/{Path(filename).name}"


def pr_attachment_upload_to(instance, filename: str) -> str:
    return _private_path("pr", filename)


def partnership_document_upload_to(instance, filename: str) -> str:
    return _private_path("partnerships", filename)


class Channel(models.TextChoices):
    CARD_NEWS = "card_news", _("카드뉴스")
    PRESS_RELEASE = "press_release", _("보도자료")
    SOCIAL_MEDIA = "social_media", _("누리소통망(SNS)")
    MAGAZINE = "magazine", _("매거진·기고")
    BROADCAST = "broadcast", _("방송")
    OTHER = "other", _("기타")


class SubmittedRecord(ClusterableModel):
    """A record staff add through a front-end form (or editors in the admin): who registered it,
    the form's one-time key and when it was made and last changed."""

    created_by = models.ForeignKey(
        Staff,
        verbose_name=_("등록한 사람"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The random token of the front-end form it came from: the same form sent twice saves once.
    submission_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class PrActivity(SubmittedRecord):
    date = models.DateField(_("날짜"))
    channel = models.CharField(_("매체"), max_length=20, choices=Channel.choices)
    title = models.CharField(_("제목"), max_length=200)
    reach = models.PositiveIntegerField(
        _("도달 수"), null=True, blank=True, help_text=_("조회·배포·시청 수 등 (모르면 비워 둡니다)")
    )
    link = models.URLField(_("링크"), blank=True, max_length=500)
    note = models.TextField(_("메모"), blank=True, max_length=2000)

    panels = [
        FieldPanel("date"),
        FieldPanel("channel"),
        FieldPanel("title"),
        FieldPanel("reach"),
        FieldPanel("link"),
        FieldPanel("note"),
        InlinePanel("attachments", label=_("첨부 자료")),
    ]

    class Meta:
        verbose_name = _("홍보 실적")
        verbose_name_plural = _("홍보 실적")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["date", "channel"])]
        constraints = [models.CheckConstraint(name="pr_title_not_blank", condition=~Q(title=""))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newsroom_activity:pr_edit", kwargs={"pk": self.pk})


class PrivateFile(models.Model):
    """A file of a record, kept in a random folder and served only through this app's views
    (each subclass names its ``file`` field's folder and the view of ``get_absolute_url``)."""

    # A plain file input: the stored file is private, with no public URL to link to.
    panels = [FieldPanel("file", widget=forms.FileInput)]

    class Meta:
        abstract = True

    def __str__(self):
        return self.filename

    @property
    def filename(self) -> str:
        return Path(self.file.name).name


class PrAttachment(PrivateFile):
    activity = ParentalKey(PrActivity, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("파일"),
        upload_to=pr_attachment_upload_to,
        storage=private_storage,
        max_length=300,
        validators=[attachment_validator],
        help_text=ATTACHMENT_HELP,
    )

    class Meta:
        verbose_name = _("홍보 실적 첨부")
        verbose_name_plural = _("홍보 실적 첨부")
        ordering = ["pk"]

    def get_absolute_url(self):
        return reverse("newsroom_activity:pr_attachment", kwargs={"pk": self.pk})


class Partnership(SubmittedRecord):
    class Kind(models.TextChoices):
        MOU = "mou", _("업무협약(MOU)")
        EXCHANGE = "exchange", _("교류")
        OTHER = "other", _("기타")

    partner = models.CharField(_("협력 기관"), max_length=200)
    kind = models.CharField(_("유형"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("날짜"))
    scope = models.TextField(_("협력 범위"), max_length=3000)
    department = models.ForeignKey(
        Department, verbose_name=_("담당 부서"), on_delete=models.PROTECT, related_name="partnerships"
    )

    panels = [
        FieldPanel("partner"),
        FieldPanel("kind"),
        FieldPanel("date"),
        FieldPanel("scope"),
        FieldPanel("department"),
        InlinePanel("documents", label=_("관련 문서")),
    ]

    class Meta:
        verbose_name = _("협력 기관")
        verbose_name_plural = _("협력 기관")
        ordering = ["-date", "-pk"]
        constraints = [models.CheckConstraint(name="partnership_partner_not_blank", condition=~Q(partner=""))]

    def __str__(self):
        return self.partner

    def get_absolute_url(self):
        return reverse("newsroom_activity:partnerships") + f"#partnership-{self.pk}"


class PartnershipDocument(PrivateFile):
    partnership = ParentalKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(
        _("파일"),
        upload_to=partnership_document_upload_to,
        storage=private_storage,
        max_length=300,
        validators=[attachment_validator],
        help_text=ATTACHMENT_HELP,
    )

    class Meta:
        verbose_name = _("협력 관련 문서")
        verbose_name_plural = _("협력 관련 문서")
        ordering = ["pk"]

    def get_absolute_url(self):
        return reverse("newsroom_activity:document", kwargs={"pk": self.pk})
