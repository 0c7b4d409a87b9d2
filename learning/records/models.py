"""External learning (외부 학습): conferences and seminars attended, professional certificates
earned, each with an evidence file that a learning admin reviews.

A record is one table with a ``kind``: the two kinds share the owner, the review and the history,
and differ in a few dated fields that the constraints below make required per kind. Every change of
state is a ``RecordEvent`` row (who, when, why); approved records count in the person's hours.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.directory.models import Staff
from intranet.models import AppendOnlyModel

from .storage import private_evidence_storage


def evidence_upload_to(instance, filename: str) -> str:
    return f"learning-records/{instance.staff_id}/{filename}"


class ExternalRecord(models.Model):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("컨퍼런스·세미나")
        CERTIFICATE = "certificate", _("자격증")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("검토 대기")
        APPROVED = "approved", _("승인")
        RETURNED = "returned", _("반려")

    staff = models.ForeignKey(
        Staff, verbose_name=_("직원"), on_delete=models.PROTECT, related_name="external_learning_records"
    )
    kind = models.CharField(_("종류"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("이름"), max_length=200, help_text=_("행사명 또는 자격증 이름"))
    organiser = models.CharField(_("주관·발급 기관"), max_length=200)
    start_date = models.DateField(_("시작일"), null=True, blank=True)
    end_date = models.DateField(_("종료일"), null=True, blank=True)
    certificate_number = models.CharField(_("자격증 번호"), max_length=100, blank=True)
    acquired_on = models.DateField(_("취득일"), null=True, blank=True)
    expires_on = models.DateField(_("만료일"), null=True, blank=True)
    hours = models.DecimalField(_("인정 시간"), max_digits=6, decimal_places=1, default=0)
    learned_on = models.DateField(_("학습일"), editable=False, db_index=True)
    evidence = models.FileField(
        _("증빙 자료"), upload_to=evidence_upload_to, storage=private_evidence_storage, max_length=300
    )
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    review_reason = models.TextField(_("검토 의견"), blank=True, max_length=2000)
    reviewed_by = models.ForeignKey(
        Staff, verbose_name=_("검토자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("검토 시각"), null=True, blank=True)
    expiry_reminded_for = models.DateField(
        _("만료 알림을 보낸 만료일"), null=True, blank=True, editable=False
    )
    submitted_at = models.DateTimeField(_("제출 시각"), auto_now_add=True)
    updated_at = models.DateTimeField(_("고친 시각"), auto_now=True)

    class Meta:
        verbose_name = _("외부 학습 기록")
        verbose_name_plural = _("외부 학습 기록")
        ordering = ["-learned_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="conference")
                | Q(
                    start_date__isnull=False,
                    end_date__isnull=False,
                    end_date__gte=models.F("start_date"),
                    hours__gt=0,
                ),
                name="record_conference_dates_and_hours",
            ),
            models.CheckConstraint(
                condition=~Q(kind="certificate") | Q(acquired_on__isnull=False),
                name="record_certificate_acquired",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(acquired_on__isnull=False, expires_on__gt=models.F("acquired_on")),
                name="record_expiry_after_acquired",
            ),
            models.CheckConstraint(condition=Q(hours__gte=0), name="record_hours_not_negative"),
            models.CheckConstraint(
                condition=Q(status="submitted") | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="record_review_has_reviewer",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(review_reason=""), name="record_return_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "learned_on"]),
            models.Index(fields=["staff", "status"]),
            models.Index(fields=["kind", "expires_on"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.learned_on = self.end_date or self.acquired_on or self.start_date
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("learning_records:detail", kwargs={"pk": self.pk})

    @property
    def evidence_name(self) -> str:
        return self.evidence.name.rsplit("/", 1)[-1] if self.evidence else ""


class RecordEvent(AppendOnlyModel):
    """One change of a record's state: submitted, corrected, resubmitted, approved, returned."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("제출")
        CORRECTED = "corrected", _("수정")
        RESUBMITTED = "resubmitted", _("다시 제출")
        APPROVED = "approved", _("승인")
        RETURNED = "returned", _("반려")

    record = models.ForeignKey(
        ExternalRecord, verbose_name=_("기록"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("처리"), max_length=20, choices=Action.choices)
    by = models.ForeignKey(Staff, verbose_name=_("처리자"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("사유"), blank=True)
    at = models.DateTimeField(_("처리 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("외부 학습 처리 이력")
        verbose_name_plural = _("외부 학습 처리 이력")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.record} · {self.get_action_display()}"
