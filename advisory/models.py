"""The advisory committee (자문위원회): members and their terms, the appointment ceremony,
meetings with agenda items, attendance and recusals, and advice followed to implementation.

Members are outside experts, not staff: they have their own records, and their contact details
are shown to committee secretaries only. Nothing here is ever cascade-deleted: a member whose
term ended stays in the history, and a meeting keeps its minutes and its advice.

Invariants the database can hold are constraints here (a term ends after it starts, approved
minutes name their approver, a declined response has its reason, advice has a responsible
department); the ones that need other rows (no overlapping terms, the consecutive-term limit,
recusals against quorum, no edit after approval) are checked in ``services.py`` under a lock.
"""

import uuid
from pathlib import Path

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from intranet.directory.models import Department, Staff
from intranet.models import AppendOnlyModel
from intranet.storage import private_storage
from intranet.uploads import evidence_check

FILE_HELP = _("PDF, HWP, HWPX, DOCX, XLSX, PPTX, JPG, PNG · 10MB 이하")


def file_validator(value):
    """``evidence_check`` for a model field: a file already stored is not checked again."""
    if isinstance(value, FieldFile) and getattr(value, "_committed", True):
        return
    evidence_check(value)


def _private_path(folder: str, filename: str) -> str:
    return f"advisory/{folder}/{uuid.uuid4().hex}/{Path(filename).name}"


def agenda_document_upload_to(instance, filename: str) -> str:
    return _private_path("agenda", filename)


def evidence_upload_to(instance, filename: str) -> str:
    return _private_path("evidence", filename)


class Domain(models.Model):
    """A field of expertise of the committee (성과관리, 법률, IT); secretaries may add more.
    The consecutive-term limit is the domain's rule (위촉 후 연임 포함 최대 임기 수)."""

    name = models.CharField(_("분야"), max_length=50, unique=True)
    max_consecutive_terms = models.PositiveSmallIntegerField(
        _("연속 임기 한도"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("처음 위촉을 포함해 잇달아 맡을 수 있는 임기 수 (예: 2 = 1회 연임 가능)"),
    )
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)

    panels = [FieldPanel("name"), FieldPanel("max_consecutive_terms"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("자문 분야")
        verbose_name_plural = _("자문 분야")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.CheckConstraint(name="advisory_domain_name_not_blank", condition=~Q(name="")),
            models.CheckConstraint(
                name="advisory_domain_terms_range",
                condition=Q(max_consecutive_terms__gte=1, max_consecutive_terms__lte=10),
            ),
        ]

    def __str__(self):
        return self.name


class Member(models.Model):
    """An outside expert on the committee. ``email`` and ``phone`` are for secretaries only."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("위원장")
        VICE_CHAIR = "vice_chair", _("부위원장")
        MEMBER = "member", _("위원")

    CONTACT_FIELDS = ("email", "phone")

    name = models.CharField(_("성명"), max_length=50)
    affiliation = models.CharField(_("소속"), max_length=100)
    title = models.CharField(_("직위"), max_length=50, blank=True)
    domain = models.ForeignKey(
        Domain, verbose_name=_("분야"), on_delete=models.PROTECT, related_name="members"
    )
    role = models.CharField(_("역할"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    email = models.EmailField(_("이메일"), blank=True)
    phone = models.CharField(_("연락처"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("affiliation"),
        FieldPanel("title"),
        FieldPanel("domain"),
        FieldPanel("role"),
        FieldPanel("email"),
        FieldPanel("phone"),
    ]

    class Meta:
        verbose_name = _("자문위원")
        verbose_name_plural = _("자문위원")
        ordering = ["domain__sort_order", "name", "pk"]
        constraints = [models.CheckConstraint(name="advisory_member_name_not_blank", condition=~Q(name=""))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("advisory:member", kwargs={"pk": self.pk})


class Ceremony(models.Model):
    """The appointment ceremony (위촉식): an event of the committee, shown on /advisory/."""

    title = models.CharField(_("행사명"), max_length=200)
    held_on = models.DateField(_("일자"))
    place = models.CharField(_("장소"), max_length=200, blank=True)
    description = models.TextField(_("내용"), blank=True, max_length=5000)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("사진"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attendees = models.ManyToManyField(
        Member, verbose_name=_("참석 위원"), blank=True, related_name="ceremonies"
    )
    guests = models.CharField(
        _("기관 참석자"), max_length=500, blank=True, help_text=_("예: 원장, 부서장 등")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("held_on"),
        FieldPanel("place"),
        FieldPanel("description"),
        FieldPanel("photo"),
        FieldPanel("attendees"),
        FieldPanel("guests"),
    ]

    class Meta:
        verbose_name = _("위촉식")
        verbose_name_plural = _("위촉식")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(name="advisory_ceremony_title_not_blank", condition=~Q(title=""))
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("advisory:ceremony", kwargs={"pk": self.pk})


class Term(models.Model):
    """One term of a member (임기). ``reappointment`` counts the consecutive terms before this
    one (0: first appointment, 1: first reappointment …); services set it."""

    member = models.ForeignKey(Member, verbose_name=_("위원"), on_delete=models.PROTECT, related_name="terms")
    starts_on = models.DateField(_("위촉일"))
    ends_on = models.DateField(_("임기 만료일"))
    reappointment = models.PositiveSmallIntegerField(_("연임 횟수"), default=0)
    ceremony = models.ForeignKey(
        Ceremony,
        verbose_name=_("위촉식"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="terms",
    )
    letter_number = models.CharField(_("위촉장 번호"), max_length=30, blank=True)
    letter_issued_at = models.DateTimeField(_("위촉장 발급 일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("임기")
        verbose_name_plural = _("임기")
        ordering = ["member", "starts_on"]
        constraints = [
            models.CheckConstraint(
                name="advisory_term_ends_after_start", condition=Q(ends_on__gt=F("starts_on"))
            ),
            models.UniqueConstraint(fields=["member", "starts_on"], name="advisory_term_unique_start"),
        ]

    def __str__(self):
        return f"{self.member} {self.starts_on:%Y.%m.%d.}~{self.ends_on:%Y.%m.%d.}"

    def covers(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on

    def get_letter_url(self):
        return reverse("advisory:letter", kwargs={"pk": self.pk})


class Meeting(models.Model):
    """A committee meeting (제n차 자문위원회). The minutes are a draft until approved; approved
    minutes are final and their summary is what staff read on /advisory/."""

    class MinutesStatus(models.TextChoices):
        DRAFT = "draft", _("초안")
        APPROVED = "approved", _("확정")

    number = models.PositiveSmallIntegerField(_("회차"))
    title = models.CharField(_("회의명"), max_length=200)
    held_at = models.DateTimeField(_("일시"))
    place = models.CharField(_("장소"), max_length=200, blank=True)
    online = models.BooleanField(_("온라인 회의"), default=False)
    allowance = models.PositiveIntegerField(
        _("참석 수당(원)"), default=200_000, help_text=_("출석한 위원 1명에게 지급할 금액")
    )
    minutes = models.TextField(_("회의록"), blank=True, max_length=20000)
    summary = models.TextField(
        _("회의 요약"), blank=True, max_length=3000, help_text=_("확정 후 직원에게 공개됩니다.")
    )
    minutes_status = models.CharField(
        _("회의록 상태"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    minutes_approved_by = models.ForeignKey(
        Staff,
        verbose_name=_("회의록 확정자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    minutes_approved_at = models.DateTimeField(_("회의록 확정 일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("자문위원회 회의")
        verbose_name_plural = _("자문위원회 회의")
        ordering = ["-held_at", "-pk"]
        indexes = [models.Index(fields=["minutes_status", "held_at"])]
        constraints = [
            models.CheckConstraint(name="advisory_meeting_title_not_blank", condition=~Q(title="")),
            models.CheckConstraint(
                name="advisory_meeting_place_or_online", condition=~Q(place="") | Q(online=True)
            ),
            models.CheckConstraint(
                name="advisory_minutes_approval_recorded",
                condition=Q(minutes_status="draft")
                | Q(minutes_approved_by__isnull=False, minutes_approved_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("advisory:meeting", kwargs={"pk": self.pk})

    @property
    def is_approved(self) -> bool:
        return self.minutes_status == self.MinutesStatus.APPROVED


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("회의"), on_delete=models.PROTECT, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("순서"), default=1)
    title = models.CharField(_("안건"), max_length=200)
    presenter_department = models.ForeignKey(
        Department, verbose_name=_("보고 부서"), on_delete=models.PROTECT, related_name="advisory_items"
    )
    presenter = models.ForeignKey(
        Staff,
        verbose_name=_("보고자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advisory_items_presented",
    )
    document = models.FileField(
        _("안건 자료"),
        upload_to=agenda_document_upload_to,
        storage=private_storage,
        max_length=300,
        blank=True,
        validators=[file_validator],
        help_text=FILE_HELP,
    )

    class Meta:
        verbose_name = _("안건")
        verbose_name_plural = _("안건")
        ordering = ["meeting", "order", "pk"]
        constraints = [models.CheckConstraint(name="advisory_item_title_not_blank", condition=~Q(title=""))]

    def __str__(self):
        return self.title

    @property
    def filename(self) -> str:
        return Path(self.document.name).name if self.document else ""


class Attendance(models.Model):
    """Whether a member came to a meeting, and the allowance owed for it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendances")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendances")
    present = models.BooleanField(_("출석"), default=True)
    allowance = models.PositiveIntegerField(_("수당(원)"), default=0)

    class Meta:
        verbose_name = _("출석")
        verbose_name_plural = _("출석")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="advisory_attendance_once"),
            models.CheckConstraint(
                name="advisory_allowance_only_present", condition=Q(present=True) | Q(allowance=0)
            ),
        ]

    def __str__(self):
        return f"{self.meeting_id}:{self.member_id}"


class Recusal(models.Model):
    """A conflict-of-interest declaration (이해충돌 회피): the member leaves this agenda item, is
    not counted for its quorum, gives no advice on it, and the minutes say so."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="recusals")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="recusals")
    reason = models.CharField(_("사유"), max_length=300)

    class Meta:
        verbose_name = _("이해충돌 회피")
        verbose_name_plural = _("이해충돌 회피")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="advisory_recusal_once"),
            models.CheckConstraint(name="advisory_recusal_reason_not_blank", condition=~Q(reason="")),
        ]

    def __str__(self):
        return self.reason


class Advice(models.Model):
    """A piece of advice (자문의견) and its follow-up by the responsible department:

    awaiting response → (accepted / partly accepted) implementing → implemented → closed
    awaiting response → (not accepted, with reason) declined → closed
    """

    class Response(models.TextChoices):
        ACCEPTED = "accepted", _("수용")
        PARTLY = "partly", _("일부 수용")
        NOT_ACCEPTED = "not_accepted", _("불수용")

    class Stage(models.TextChoices):
        AWAITING = "awaiting", _("회신 대기")
        IMPLEMENTING = "implementing", _("이행 중")
        IMPLEMENTED = "implemented", _("이행 완료")
        DECLINED = "declined", _("불수용")
        CLOSED = "closed", _("종결")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("회의"), on_delete=models.PROTECT, related_name="advice"
    )
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("안건"), on_delete=models.PROTECT, related_name="advice"
    )
    text = models.TextField(_("자문의견"), max_length=5000)
    domain = models.ForeignKey(
        Domain, verbose_name=_("분야"), on_delete=models.PROTECT, related_name="advice"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("담당 부서"), on_delete=models.PROTECT, related_name="advisory_advice"
    )
    programme = models.ForeignKey(
        "performance.Programme",
        verbose_name=_("관련 성과 과제"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advisory_advice",
    )
    given_by = models.ManyToManyField(Member, verbose_name=_("제시 위원"), blank=True, related_name="advice")
    due_on = models.DateField(_("회신 기한"))
    stage = models.CharField(_("진행 상태"), max_length=20, choices=Stage.choices, default=Stage.AWAITING)
    response = models.CharField(_("회신"), max_length=20, choices=Response.choices, blank=True)
    response_reason = models.TextField(_("회신 내용·사유"), blank=True, max_length=3000)
    responded_by = models.ForeignKey(
        Staff, verbose_name=_("회신자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(_("회신 일시"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("이행률(%)"), default=0)
    closed_at = models.DateTimeField(_("종결 일시"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("자문의견")
        verbose_name_plural = _("자문의견")
        ordering = ["-meeting__held_at", "pk"]
        indexes = [models.Index(fields=["stage", "due_on"]), models.Index(fields=["department", "stage"])]
        constraints = [
            models.CheckConstraint(name="advisory_advice_text_not_blank", condition=~Q(text="")),
            models.CheckConstraint(name="advisory_advice_progress_range", condition=Q(progress__lte=100)),
            models.CheckConstraint(
                name="advisory_advice_reason_when_not_fully_accepted",
                condition=Q(response__in=["", "accepted"]) | ~Q(response_reason=""),
            ),
            models.CheckConstraint(
                name="advisory_advice_response_after_awaiting",
                condition=Q(stage="awaiting", response="") | (~Q(stage="awaiting") & ~Q(response="")),
            ),
            models.CheckConstraint(
                name="advisory_advice_closed_has_date",
                condition=~Q(stage="closed") | Q(closed_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return reverse("advisory:advice", kwargs={"pk": self.pk})


class AdviceUpdate(AppendOnlyModel):
    """The follow-up history of one piece of advice: response, progress with evidence, closing."""

    class Kind(models.TextChoices):
        RESPONSE = "response", _("회신")
        PROGRESS = "progress", _("이행 실적")
        CLOSED = "closed", _("종결")

    advice = models.ForeignKey(Advice, on_delete=models.PROTECT, related_name="updates")
    kind = models.CharField(_("구분"), max_length=20, choices=Kind.choices)
    by = models.ForeignKey(Staff, verbose_name=_("작성자"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("일시"), auto_now_add=True)
    note = models.TextField(_("내용"), blank=True, max_length=3000)
    progress = models.PositiveSmallIntegerField(_("이행률(%)"), null=True, blank=True)
    evidence = models.FileField(
        _("근거 자료"),
        upload_to=evidence_upload_to,
        storage=private_storage,
        max_length=300,
        blank=True,
        validators=[file_validator],
        help_text=FILE_HELP,
    )

    class Meta:
        verbose_name = _("자문의견 이행 기록")
        verbose_name_plural = _("자문의견 이행 기록")
        ordering = ["advice", "at", "pk"]

    @property
    def filename(self) -> str:
        return Path(self.evidence.name).name if self.evidence else ""
