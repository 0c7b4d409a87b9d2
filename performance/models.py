"""The yearly performance programme (성과업무 프로그램): plans, programmes, progress, snapshots.

Progress is computed, never typed (see ``progress.py``): the database keeps the facts it is
computed from — milestones done, KPI actuals — and the append-only history of who changed them.
A mid-year snapshot freezes the computed figures for good, so the meeting compares against what
was true on the cut-off date, not against what the rows say today.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from intranet.directory.models import Department, Staff
from intranet.korean import format_korean_date
from intranet.models import AppendOnlyModel
from intranet.storage import private_storage


class Status(models.TextChoices):
    ON_TRACK = "on_track", _("정상 추진")
    AT_RISK = "at_risk", _("주의")
    DELAYED = "delayed", _("지연")
    DONE = "done", _("완료")


class Plan(models.Model):
    """One year's programme. Closing it stops progress updates for that year."""

    year = models.PositiveSmallIntegerField(_("연도"), unique=True)
    title = models.CharField(_("계획명"), max_length=200)
    is_closed = models.BooleanField(_("마감"), default=False)
    at_risk_margin = models.PositiveSmallIntegerField(
        _("주의 기준(%p)"),
        default=10,
        help_text=_("예정 진척률보다 이만큼(%p) 넘게 뒤처지면 '주의'로 표시합니다."),
    )
    created_at = models.DateTimeField(_("만든 시각"), auto_now_add=True)
    # Bumped (in the same transaction) by every change the plan page's roll-up is computed from;
    # the cached roll-up's key holds it, so every process sees a change at once (``cache.py``).
    rollup_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("성과업무 계획")
        verbose_name_plural = _("성과업무 계획")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100), name="plan_year_sane"),
            models.CheckConstraint(
                condition=models.Q(at_risk_margin__lte=100), name="plan_margin_at_most_100"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """An existing plan never writes back ``rollup_version`` from memory (only ``F() + 1``
        moves it), so the version never goes back to a number a stale roll-up was cached under."""
        if self.pk and not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "rollup_version"
            ]
        super().save(*args, **kwargs)


class Proposal(models.Model):
    """A staff proposal (내부직원 의견 수렴); accepted ones become next year's programmes."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("접수")
        ACCEPTED = "accepted", _("채택")
        DECLINED = "declined", _("미채택")
        MERGED = "merged", _("통합")

    proposer = models.ForeignKey(
        Staff, verbose_name=_("제안자"), on_delete=models.PROTECT, related_name="performance_proposals"
    )
    title = models.CharField(_("제목"), max_length=200)
    body = models.TextField(_("내용"), max_length=5000)
    status = models.CharField(_("상태"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("통합 대상"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_proposals",
    )
    decision_reason = models.TextField(_("검토 의견"), blank=True)
    decided_by = models.ForeignKey(
        Staff, verbose_name=_("검토자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("검토 시각"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("제출 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("직원 제안")
        verbose_name_plural = _("직원 제안")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("pk")), name="proposal_not_merged_into_itself"
            ),
            models.CheckConstraint(
                condition=models.Q(status="merged", merged_into__isnull=False)
                | (~models.Q(status="merged") & models.Q(merged_into__isnull=True)),
                name="proposal_merged_iff_target",
            ),
            models.CheckConstraint(
                condition=models.Q(status="submitted")
                | (~models.Q(decision_reason="") & models.Q(decided_by__isnull=False)),
                name="proposal_decision_has_reason",
            ),
        ]

    def __str__(self):
        return self.title


class Programme(ClusterableModel):
    """A department-owned programme of a plan (성과업무 과제)."""

    class Origin(models.TextChoices):
        FEEDBACK = "feedback", _("전년도 평가 환류")
        PROPOSAL = "proposal", _("직원 제안")
        ONGOING = "ongoing", _("계속 추진")
        OTHER = "other", _("기타")

    class ProgressMode(models.TextChoices):
        MILESTONES = "milestones", _("추진 일정")
        KPI = "kpi", _("성과지표")

    class AwardTier(models.TextChoices):
        GRAND = "grand", _("대상")
        GOLD = "gold", _("최우수상")
        SILVER = "silver", _("우수상")
        BRONZE = "bronze", _("장려상")

    plan = models.ForeignKey(
        Plan, verbose_name=_("계획"), on_delete=models.PROTECT, related_name="programmes"
    )
    code = models.CharField(_("과제코드"), max_length=20)
    title = models.CharField(_("과제명"), max_length=200)
    origin = models.CharField(_("유형"), max_length=20, choices=Origin.choices, default=Origin.ONGOING)
    previous_programme = models.ForeignKey(
        "self",
        verbose_name=_("전년도 과제"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_programmes",
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("근거 제안"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    evaluation_item = models.TextField(_("평가 지적 사항"), blank=True, max_length=2000)
    department = models.ForeignKey(
        Department, verbose_name=_("주관 부서"), on_delete=models.PROTECT, related_name="programmes"
    )
    owner = models.ForeignKey(
        Staff, verbose_name=_("담당자"), on_delete=models.PROTECT, related_name="owned_programmes"
    )
    co_owners = models.ManyToManyField(
        Staff, verbose_name=_("공동 담당자"), blank=True, related_name="co_owned_programmes"
    )
    description = models.TextField(_("과제 개요"), blank=True, max_length=5000)
    weight = models.DecimalField(_("가중치"), max_digits=6, decimal_places=2, default=1)
    progress_mode = models.CharField(
        _("진척률 산정"), max_length=20, choices=ProgressMode.choices, default=ProgressMode.MILESTONES
    )
    status_override = models.CharField(_("상태 지정"), max_length=20, choices=Status.choices, blank=True)
    status_override_reason = models.TextField(_("상태 지정 사유"), blank=True)
    overridden_by = models.ForeignKey(
        Staff,
        verbose_name=_("상태 지정자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    overridden_at = models.DateTimeField(_("상태 지정 시각"), null=True, blank=True)
    award_tier = models.CharField(_("포상 등급"), max_length=20, choices=AwardTier.choices, blank=True)
    created_at = models.DateTimeField(_("만든 시각"), auto_now_add=True)
    updated_at = models.DateTimeField(_("고친 시각"), auto_now=True)

    class Meta:
        verbose_name = _("성과업무 과제")
        verbose_name_plural = _("성과업무 과제")
        ordering = ["plan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="programme_code_once_per_plan"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="programme_weight_positive"),
            models.CheckConstraint(
                condition=~models.Q(previous_programme=models.F("pk")), name="programme_not_own_previous"
            ),
            models.CheckConstraint(
                condition=models.Q(status_override="")
                | (~models.Q(status_override_reason="") & models.Q(overridden_by__isnull=False)),
                name="programme_override_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["plan", "department"]), models.Index(fields=["plan", "origin"])]

    def __init__(self, *args, **kwargs):
        # Rows read from the database come positionally, never with child lists: skip
        # ClusterableModel's scan of the model's fields for them (it doubled the cost of making
        # the plan page's 400 programmes).
        if kwargs:
            super().__init__(*args, **kwargs)
        else:
            models.Model.__init__(self, *args)

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        try:
            return reverse("performance:programme", kwargs={"pk": self.pk})
        except NoReverseMatch:  # the pages are wired separately
            return ""

    def clean(self):
        """The same rule as the database constraint, as a Korean message on the form field."""
        if self.status_override and not self.status_override_reason.strip():
            raise ValidationError({"status_override_reason": _("상태를 지정할 때는 사유를 적어야 합니다.")})


class KPI(models.Model):
    """A key performance indicator; the target may be below the baseline (a decreasing KPI)."""

    programme = ParentalKey(Programme, verbose_name=_("과제"), on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("지표명"), max_length=200)
    unit = models.CharField(_("단위"), max_length=20, blank=True)
    baseline = models.DecimalField(_("기준값"), max_digits=12, decimal_places=2)
    target = models.DecimalField(_("목표값"), max_digits=12, decimal_places=2)
    actual = models.DecimalField(_("실적값"), max_digits=12, decimal_places=2, null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("성과지표")
        verbose_name_plural = _("성과지표")
        ordering = ["programme", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(target=models.F("baseline")), name="kpi_target_not_baseline"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.target is not None and self.target == self.baseline:
            raise ValidationError(
                {"target": _("목표값이 기준값과 같습니다. 목표를 기준과 다르게 적어 주세요.")}
            )


class Milestone(models.Model):
    """A dated, weighted step of a programme; ``done_on`` set means done. ``weight`` is the share
    of the programme in %: a programme's milestones add up to 100 (checked by the services, the
    import and the admin form, ``services.milestone_weights_problem``; migration 0006 rescaled the
    relative weights of before)."""

    programme = ParentalKey(
        Programme, verbose_name=_("과제"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("추진 일정"), max_length=200)
    due_date = models.DateField(_("완료 예정일"))
    weight = models.DecimalField(
        _("가중치(%)"),
        max_digits=6,
        decimal_places=2,
        help_text=_(
            "과제에서 이 일정이 차지하는 비율(%)입니다. 한 과제의 추진 일정 가중치를 더하면 100입니다."
        ),
    )
    done_on = models.DateField(_("완료일"), null=True, blank=True)

    class Meta:
        verbose_name = _("추진 일정")
        verbose_name_plural = _("추진 일정")
        ordering = ["programme", "due_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="milestone_weight_positive")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        """Forms outside the services (the admin) refuse what the services refuse."""
        errors = {}
        if self.weight is not None and self.weight <= 0:
            errors["weight"] = _("가중치는 0보다 커야 합니다.")
        if self.due_date and self.programme_id and self.due_date.year != self.programme.plan.year:
            errors["due_date"] = _("완료 예정일은 %(year)s년 안이어야 합니다.") % {
                "year": self.programme.plan.year
            }
        if errors:
            raise ValidationError(errors)


def evidence_upload_to(instance, filename: str) -> str:
    return f"performance/evidence/{instance.programme_id}/{filename}"


class ProgressUpdate(AppendOnlyModel):
    """One progress post: who, when, what changed. Corrections are new posts."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("과제"), on_delete=models.PROTECT, related_name="updates"
    )
    author = models.ForeignKey(Staff, verbose_name=_("작성자"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("작성 시각"), auto_now_add=True, db_index=True)
    comment = models.TextField(_("추진 내용"), blank=True, max_length=5000)
    kpi_actuals = models.JSONField(_("지표 실적"), default=dict, blank=True)  # {"<kpi pk>": "12.5"}
    milestones_done = models.JSONField(_("완료한 일정"), default=list, blank=True)  # [<milestone pk>, ...]
    evidence = models.FileField(_("증빙 자료"), upload_to=evidence_upload_to, blank=True, max_length=300)

    class Meta:
        verbose_name = _("추진 실적")
        verbose_name_plural = _("추진 실적")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["programme", "-created_at"])]

    def __str__(self):
        return f"{self.programme.code} {self.created_at:%Y-%m-%d}"


class Snapshot(AppendOnlyModel):
    """The plan as it stood at a cut-off date (상반기 성과분석, or 하반기 after June), frozen for
    the meeting."""

    plan = models.ForeignKey(Plan, verbose_name=_("계획"), on_delete=models.PROTECT, related_name="snapshots")
    cut_off = models.DateField(_("기준일"))
    taken_at = models.DateTimeField(_("작성 시각"), auto_now_add=True)
    taken_by = models.ForeignKey(Staff, verbose_name=_("작성자"), on_delete=models.PROTECT, related_name="+")
    overall_percent = models.DecimalField(_("전체 진척률"), max_digits=5, decimal_places=1, default=0)

    class Meta:
        verbose_name = _("성과 스냅숏")
        verbose_name_plural = _("성과 스냅숏")
        ordering = ["plan", "-cut_off"]
        constraints = [models.UniqueConstraint(fields=["plan", "cut_off"], name="snapshot_once_per_cut_off")]

    def __str__(self):
        return f"{self.plan} {format_korean_date(self.cut_off)}"

    @property
    def half(self) -> str:
        """상반기 for a cut-off up to 30 June, 하반기 after: a December snapshot is not 상반기."""
        return str(_("상반기") if self.cut_off.month <= 6 else _("하반기"))

    @property
    def title(self) -> str:
        """The meeting's name, from the cut-off date: "2026년 하반기 성과분석"."""
        return str(_("%(year)s년 %(half)s 성과분석") % {"year": self.plan.year, "half": self.half})


class SnapshotRow(AppendOnlyModel):
    """One programme's frozen figures in a snapshot."""

    snapshot = models.ForeignKey(
        Snapshot, verbose_name=_("스냅숏"), on_delete=models.PROTECT, related_name="rows"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("과제"), on_delete=models.PROTECT, related_name="snapshot_rows"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("주관 부서"), on_delete=models.PROTECT, related_name="+"
    )
    weight = models.DecimalField(_("가중치"), max_digits=6, decimal_places=2)
    percent = models.DecimalField(_("진척률"), max_digits=5, decimal_places=1)
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices)
    kpi_values = models.JSONField(_("지표 값"), default=list, blank=True)
    slipped_milestones = models.JSONField(_("지연 일정"), default=list, blank=True)
    owner_comment = models.TextField(_("담당자 의견"), blank=True)

    class Meta:
        verbose_name = _("스냅숏 과제")
        verbose_name_plural = _("스냅숏 과제")
        ordering = ["snapshot", "programme__code"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "programme"], name="snapshot_row_once_per_programme"),
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lte=100), name="snapshot_row_percent_0_100"
            ),
        ]

    def __str__(self):
        return f"{self.snapshot} {self.programme_id}"


class ActionItem(models.Model):
    """A follow-up agreed at the mid-year meeting for one programme."""

    class State(models.TextChoices):
        OPEN = "open", _("미착수")
        IN_PROGRESS = "in_progress", _("진행 중")
        DONE = "done", _("완료")

    snapshot_row = models.ForeignKey(
        SnapshotRow, verbose_name=_("스냅숏 과제"), on_delete=models.PROTECT, related_name="action_items"
    )
    title = models.CharField(_("조치 사항"), max_length=300)
    owner = models.ForeignKey(Staff, verbose_name=_("담당자"), on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_("기한"))
    status = models.CharField(_("상태"), max_length=20, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(_("만든 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("조치 사항")
        verbose_name_plural = _("조치 사항")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title


class Contest(ClusterableModel):
    """The second-half best-practice sharing contest (우수성과 공유대회) of a plan."""

    plan = models.OneToOneField(
        Plan, verbose_name=_("계획"), on_delete=models.PROTECT, related_name="contest"
    )
    title = models.CharField(_("대회명"), max_length=200)
    entries_close_on = models.DateField(_("참가 신청 마감일"))
    is_decided = models.BooleanField(_("시상 확정"), default=False)

    class Meta:
        verbose_name = _("우수성과 공유대회")
        verbose_name_plural = _("우수성과 공유대회")
        ordering = ["-plan__year"]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    """A weighted judging criterion (e.g. 성과의 탁월성 40, 확산 가능성 30)."""

    contest = ParentalKey(Contest, verbose_name=_("대회"), on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("평가 항목"), max_length=100)
    weight = models.DecimalField(_("가중치"), max_digits=6, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("평가 항목")
        verbose_name_plural = _("평가 항목")
        ordering = ["contest", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_positive"),
            models.UniqueConstraint(fields=["contest", "name"], name="criterion_name_once_per_contest"),
        ]

    def __str__(self):
        return self.name


def entry_upload_to(instance, filename: str) -> str:
    return f"performance/contest/{instance.contest_id}/{filename}"


class Entry(models.Model):
    """A programme entered in the contest by its owner, pre-filled from the programme."""

    contest = models.ForeignKey(
        Contest, verbose_name=_("대회"), on_delete=models.PROTECT, related_name="entries"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("과제"), on_delete=models.PROTECT, related_name="contest_entries"
    )
    submitted_by = models.ForeignKey(
        Staff, verbose_name=_("신청자"), on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("성과 요약"), max_length=5000)
    # Private: only the entrant, the programme's owners, the contest's judges and planners see it.
    attachment = models.FileField(
        _("첨부 자료"), upload_to=entry_upload_to, storage=private_storage, blank=True, max_length=300
    )
    submitted_at = models.DateTimeField(_("신청 시각"), auto_now_add=True)
    score = models.DecimalField(_("정규화 점수"), max_digits=8, decimal_places=4, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("순위"), null=True, blank=True)

    class Meta:
        verbose_name = _("공유대회 참가 과제")
        verbose_name_plural = _("공유대회 참가 과제")
        ordering = ["contest", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "programme"], name="entry_once_per_programme")
        ]

    def __str__(self):
        return str(self.programme)


class Judge(models.Model):
    contest = ParentalKey(Contest, verbose_name=_("대회"), on_delete=models.CASCADE, related_name="judges")
    staff = models.ForeignKey(Staff, verbose_name=_("심사위원"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("심사위원")
        verbose_name_plural = _("심사위원")
        constraints = [models.UniqueConstraint(fields=["contest", "staff"], name="judge_once_per_contest")]

    def __str__(self):
        return str(self.staff)


class Score(models.Model):
    """One judge's score (0–100) of one entry on one criterion."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("참가 과제"), on_delete=models.PROTECT, related_name="scores"
    )
    judge = models.ForeignKey(
        Judge, verbose_name=_("심사위원"), on_delete=models.PROTECT, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("평가 항목"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("점수"), max_digits=5, decimal_places=2)
    scored_at = models.DateTimeField(_("채점 시각"), auto_now=True)

    class Meta:
        verbose_name = _("심사 점수")
        verbose_name_plural = _("심사 점수")
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(condition=models.Q(value__gte=0, value__lte=100), name="score_0_100"),
        ]

    def __str__(self):
        return f"{self.judge} {self.entry} {self.value}"
