"""Model building blocks shared by every module, and the core's tables: feed keys and the annual
report's narrative."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(ValueError):
    """Raised when code tries to change or delete a record that is history."""


class AppendOnlyQuerySet(models.QuerySet):
    """For an audit log that is evidence: bulk edits and deletes are refused too (the admin's bulk
    delete and any ``.filter().delete()`` go through here). The database refuses them as well on
    PostgreSQL, by trigger (see the model's migration)."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    update.queryset_only = True
    delete.queryset_only = True


class AppendOnlyModel(models.Model):
    """History and audit rows: written once, never edited or deleted (corrections are new rows)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} is append-only")


class FeedKey(models.Model):
    """How many times a person has renewed their feed key (``intranet.feedkeys``): the key is an
    HMAC of the staff id and this number, so renewing it (on the person's own profile) revokes
    every feed address given out before. No row means never renewed (generation 0)."""

    staff = models.OneToOneField(
        "directory.Staff", verbose_name=_("직원"), on_delete=models.PROTECT, related_name="feed_key"
    )
    generation = models.PositiveIntegerField(_("갱신 횟수"), default=0)
    renewed_at = models.DateTimeField(_("마지막 갱신 시각"), auto_now=True)

    class Meta:
        verbose_name = _("구독 주소 키")
        verbose_name_plural = _("구독 주소 키")

    def __str__(self):
        return str(self.staff_id)


class ReportNarrative(models.Model):
    """A planner's text (and photo) for one section of a year's annual report (``intranet.report``).

    It sits beside the computed figures and never replaces them: the figures are computed from
    the records each time and stored nowhere, so nothing here can overwrite them. Plain
    paragraphs (no HTML), so the page, the PDF and the DOCX say exactly the same."""

    SECTION_CHOICES = [
        ("results", _("1)~6) 성과업무 프로그램 성과지표")),
        ("competence", _("7) 직원 전문성 제고를 통한 미래역량 확보")),
        ("performance", _("8) 성과관리 문화 정착을 통한 조직역량 강화")),
        ("communication", _("9) 소통·협력을 통한 활기찬 문화 조성")),
    ]

    year = models.PositiveSmallIntegerField(_("연도"))
    section = models.CharField(_("절"), max_length=20, choices=SECTION_CHOICES)
    heading = models.CharField(_("소제목"), max_length=200, blank=True)
    body = models.TextField(_("본문"), max_length=5000, help_text=_("문단은 빈 줄로 나눕니다."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("사진"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_caption = models.CharField(
        _("사진 설명"),
        max_length=200,
        blank=True,
        help_text=_("사진을 볼 수 없는 사람에게 읽어 주는 설명입니다."),
    )
    updated_at = models.DateTimeField(_("고친 시각"), auto_now=True)

    class Meta:
        verbose_name = _("성과보고서 서술")
        verbose_name_plural = _("성과보고서 서술")
        ordering = ["-year", "section", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="report_narrative_year_sane"
            ),
            models.CheckConstraint(
                condition=models.Q(image__isnull=True) | ~models.Q(image_caption=""),
                name="report_narrative_photo_has_caption",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.get_section_display()} {self.heading}".strip()

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.image_id and not self.image_caption.strip():
            raise ValidationError({"image_caption": _("사진을 넣으면 사진 설명도 적어 주세요.")})
