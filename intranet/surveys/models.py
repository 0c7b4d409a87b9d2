"""The survey engine: culture surveys (anonymous) and course feedback (identified).

Anonymous means unlinkable. The identity side (``AudienceMember``: who was asked, whether they
have answered, their unsent draft) and the answer side (``Response`` and ``Answer``) share no key,
no ordering and no time finer than a date:

- audience rows are all created at launch, so nothing is inserted on the identity side when a
  person submits — only ``has_submitted`` flips, and it carries no timestamp;
- responses and answers have random UUID keys (no sequence that follows submission order) and
  only the submission *date*; the draft is erased in the same transaction as the submission;
- only the department and grade frozen at launch travel with an anonymous response, and the
  context group (``AudienceMember.context_key``, e.g. the session of a course) frozen when the
  person was added: group attributes, protected in the results by the same suppression.

A survey bound to another module (``Survey.context_key``, e.g. a course's feedback) grows its
audience while open (``services.survey_audience_add``, when a session is completed), never at
submission.
"""

import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.directory.models import Department, Staff
from intranet.storage import private_storage


class Area(models.Model):
    """A scored area of a culture survey (리더십, 소통, 근무환경, 성장 …)."""

    code = models.SlugField(_("코드"), max_length=40, unique=True)
    name = models.CharField(_("영역명"), max_length=60)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("평가 영역")
        verbose_name_plural = _("평가 영역")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class QuestionKind(models.TextChoices):
    LIKERT5 = "likert5", _("5점 척도")
    LIKERT7 = "likert7", _("7점 척도")
    SINGLE = "single", _("단일 선택")
    MULTIPLE = "multiple", _("복수 선택")
    ENPS = "enps", _("추천 의향 (0–10)")
    TEXT = "text", _("서술형")


SCORED_KINDS = {QuestionKind.LIKERT5, QuestionKind.LIKERT7}
SCALE_POINTS = {QuestionKind.LIKERT5: 5, QuestionKind.LIKERT7: 7, QuestionKind.ENPS: 11}


class BankQuestion(models.Model):
    """A question of the question bank, recognised across years.

    When a question is reworded, the new wording ``continues`` the old one so that results compare
    across years; ``method_changed`` says the comparison would mislead (scale or meaning changed).
    """

    code = models.SlugField(_("문항 코드"), max_length=40, unique=True)
    text = models.CharField(_("문항"), max_length=500)
    kind = models.CharField(_("유형"), max_length=20, choices=QuestionKind.choices)
    area = models.ForeignKey(
        Area,
        verbose_name=_("영역"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    choices = models.JSONField(
        _("선택지"), default=list, blank=True, help_text=_("단일·복수 선택 문항의 보기 목록")
    )
    continues = models.ForeignKey(
        "self",
        verbose_name=_("이어받는 이전 문항"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="continued_by",
    )
    method_changed = models.BooleanField(_("측정 방식 변경 (전년 비교 안 함)"), default=False)
    is_archived = models.BooleanField(_("보관됨"), default=False)

    class Meta:
        verbose_name = _("문항 은행")
        verbose_name_plural = _("문항 은행")
        ordering = ["code"]

    def __str__(self):
        return self.text

    def clean(self):
        if self.kind in SCORED_KINDS and self.area_id is None:
            raise ValidationError({"area": _("척도 문항은 영역을 정해야 합니다.")})
        if self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(self.choices or []) < 2:
            raise ValidationError({"choices": _("선택 문항은 보기가 두 개 이상 있어야 합니다.")})
        if self.continues_id and self.continues_id == self.pk:
            raise ValidationError({"continues": _("문항이 자기 자신을 이어받을 수는 없습니다.")})

    @property
    def is_scored(self) -> bool:
        return self.kind in SCORED_KINDS


class Survey(models.Model):
    class Mode(models.TextChoices):
        ANONYMOUS = "anonymous", _("익명")
        IDENTIFIED = "identified", _("실명")

    class Status(models.TextChoices):
        DRAFT = "draft", _("준비 중")
        OPEN = "open", _("진행 중")
        CLOSED = "closed", _("마감")

    title = models.CharField(_("제목"), max_length=200)
    year = models.PositiveSmallIntegerField(_("연도"))
    description = models.TextField(_("안내문"), blank=True)
    mode = models.CharField(_("응답 방식"), max_length=20, choices=Mode.choices, default=Mode.ANONYMOUS)
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(_("시작"))
    closes_at = models.DateTimeField(_("마감"))
    audience_all = models.BooleanField(_("전 직원 대상"), default=True)
    audience_departments = models.ManyToManyField(
        Department, verbose_name=_("대상 부서"), blank=True, related_name="+"
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("비교할 이전 설문"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    context_key = models.CharField(
        _("연결 대상"),
        max_length=100,
        blank=True,
        help_text=_("과정 피드백처럼 다른 모듈의 대상에 묶인 설문의 키 (예: learning.course:12)"),
    )
    audience_external = models.BooleanField(
        _("외부 이용자 명단 대상"),
        default=False,
        help_text=_("직원이 아닌 정보체계 이용자에게 일회용 링크로 묻는 설문 (계정 없이 응답)"),
    )
    min_group_size = models.PositiveSmallIntegerField(_("최소 공개 인원"), default=5)
    min_text_group_size = models.PositiveSmallIntegerField(_("서술형 최소 공개 인원"), default=10)
    launched_at = models.DateTimeField(_("배포 시각"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        Staff, verbose_name=_("작성자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("설문")
        verbose_name_plural = _("설문")
        ordering = ["-year", "-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="survey_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=models.Q(min_group_size__gte=3), name="survey_min_group_at_least_3"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:detail", kwargs={"pk": self.pk})

    @property
    def is_anonymous(self) -> bool:
        return self.mode == self.Mode.ANONYMOUS

    def clean(self):
        # A launched survey's audience is fixed: staff rows or an uploaded list, never both.
        if self.pk and self.status != self.Status.DRAFT:
            before = Survey.objects.filter(pk=self.pk).values_list("audience_external", flat=True).first()
            if before is not None and before != self.audience_external:
                raise ValidationError(
                    {"audience_external": _("배포한 설문은 대상 방식(직원·외부 명단)을 바꿀 수 없습니다.")}
                )

    def is_accepting_answers(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.OPEN and self.opens_at <= now < self.closes_at


class Section(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("설문"), on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("구역 제목"), max_length=200)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("설문 구역")
        verbose_name_plural = _("설문 구역")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class SurveyQuestion(models.Model):
    """A bank question placed in a survey. Once answers exist it is archived, never deleted."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("설문"), on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("설문 구역"), on_delete=models.PROTECT, related_name="questions"
    )
    bank_question = models.ForeignKey(
        BankQuestion, verbose_name=_("문항"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    required = models.BooleanField(_("필수"), default=True)
    is_archived = models.BooleanField(_("보관됨"), default=False)

    class Meta:
        verbose_name = _("설문 문항")
        verbose_name_plural = _("설문 문항")
        ordering = ["section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "bank_question"], name="survey_question_once")
        ]

    def __str__(self):
        return self.bank_question.text

    def clean(self):
        if self.section_id and self.survey_id and self.section.survey_id != self.survey_id:
            raise ValidationError({"section": _("같은 설문의 구역을 골라야 합니다.")})


class AudienceMember(models.Model):
    """The identity side: one row per person asked, created at launch (or, for a survey bound to
    another module, when the person joins its context: ``services.survey_audience_add``).

    ``has_submitted`` has no timestamp on purpose; ``draft`` holds unsent answers and is erased
    when the person submits. ``context_key`` is the group the person belongs to in a bound survey
    (e.g. ``learning.session:12``), frozen like department and grade; it travels with the response.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="audience")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="survey_memberships")
    department = models.ForeignKey(Department, null=True, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=30, blank=True)
    context_key = models.CharField(max_length=100, blank=True)
    has_submitted = models.BooleanField(default=False)
    draft = models.JSONField(default=dict, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("설문 대상자")
        verbose_name_plural = _("설문 대상자")
        constraints = [models.UniqueConstraint(fields=["survey", "staff"], name="audience_member_once")]
        indexes = [
            models.Index(fields=["survey", "has_submitted"]),
            models.Index(fields=["survey", "context_key"]),
        ]

    def __str__(self):
        return f"{self.survey} · {self.staff}"


class Response(models.Model):
    """The answer side of one submission. Random key, date only, frozen department, grade and
    context group (the audience row's, in both modes; in identified mode a caller's key when the
    row has none); ``respondent`` is filled only in identified mode."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    submitted_on = models.DateField()
    department = models.ForeignKey(Department, null=True, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=30, blank=True)
    respondent = models.ForeignKey(Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    context_key = models.CharField(max_length=100, blank=True)
    # An external respondent's groups (a system-users' survey), copied from the uploaded list.
    system = models.CharField(max_length=100, blank=True)
    organisation = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("설문 응답")
        verbose_name_plural = _("설문 응답")
        constraints = [
            # In identified mode a person answers once; anonymous once-only is kept on the
            # identity side (AudienceMember.has_submitted) under a row lock.
            models.UniqueConstraint(
                fields=["survey", "respondent", "context_key"],
                condition=models.Q(respondent__isnull=False),
                name="identified_response_once",
            )
        ]

    def __str__(self):
        return str(self.survey)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    value = models.SmallIntegerField(null=True, blank=True, help_text="scale point or choice index")
    choices = models.JSONField(default=list, blank=True, help_text="choice indexes (multiple choice)")
    text = models.TextField(blank=True, max_length=4000)

    class Meta:
        verbose_name = _("문항 응답")
        verbose_name_plural = _("문항 응답")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question")
        ]

    def __str__(self):
        return f"{self.question_id}: {self.value}"


class HeldResponse(models.Model):
    """One submission to an OPEN anonymous survey, waiting for the close (issue 13 §2, threat
    model (b)): a random key, the survey, and one AES-GCM ciphertext of everything else — the
    group attributes (department, grade, context; an external list's system and organisation)
    and the answers — under a key derived from the server's ``SECRET_KEY``
    (``holding.held_encrypt``). No date, no time, no attribute in clear: a copy of the database
    without the secret cannot tell whose it is. ``services.survey_close`` decrypts every row,
    writes the ``Response`` and ``Answer`` rows, seals them and deletes these rows."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="held_responses")
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("마감 전 암호화 응답")
        verbose_name_plural = _("마감 전 암호화 응답")

    def __str__(self):
        return str(self.survey)


class RespondentUpload(models.Model):
    """One upload of an external survey's respondent list (CSV/XLSX), parsed all-or-nothing,
    in the worker when it is big. The file is removed when the run ends; the audit keeps its
    SHA-256 and the row report, never the addresses."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("대기")
        RUNNING = "running", _("진행 중")
        DONE = "done", _("완료")
        REJECTED = "rejected", _("거부")
        FAILED = "failed", _("오류")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondent_uploads")
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    uploaded_by = models.ForeignKey(
        Staff, verbose_name=_("올린 사람"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("파일명"), max_length=255)
    file_path = models.CharField(max_length=500, blank=True, editable=False)
    checksum = models.CharField(_("SHA-256"), max_length=64)
    total_rows = models.PositiveIntegerField(_("행 수"), default=0)
    processed_rows = models.PositiveIntegerField(_("처리한 행"), default=0)
    created_count = models.PositiveIntegerField(_("추가"), default=0)
    errors = models.JSONField(_("오류"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("응답자 명단 올리기")
        verbose_name_plural = _("응답자 명단 올리기")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file_name

    @property
    def progress_percent(self) -> int:
        return min(100, round(self.processed_rows / self.total_rows * 100)) if self.total_rows else 0


class ExternalRespondent(models.Model):
    """The identity side of an external survey: one row per uploaded e-mail address.

    The one-time link's token is never stored: it is an HMAC of ``nonce`` under the server's
    secret (``respondents.respondent_token``), and only its SHA-256 is kept to find the row, so a
    copy of the database alone cannot answer in anyone's name. Like ``AudienceMember`` it records
    only *whether* the person answered (no time, no key to the answer); the dates of invitation
    and bounce are days, never times.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="external_respondents")
    email = models.EmailField(_("이메일"), max_length=254)
    system = models.CharField(_("정보체계"), max_length=100, blank=True)
    organisation = models.CharField(_("소속 기관"), max_length=100, blank=True)
    nonce = models.CharField(max_length=32, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    has_submitted = models.BooleanField(default=False)
    invited_on = models.DateField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    bounced_on = models.DateField(_("반송일"), null=True, blank=True)

    class Meta:
        verbose_name = _("외부 응답자")
        verbose_name_plural = _("외부 응답자")
        constraints = [models.UniqueConstraint(fields=["survey", "email"], name="external_respondent_once")]
        indexes = [models.Index(fields=["survey", "has_submitted"])]

    def __str__(self):
        return f"{self.survey} · {self.email}"


class InvitationRun(models.Model):
    """One round of mail to an external survey's respondents (the invitation, or reminder n):
    queued by the admin, sent by Celery in batches; the counts are the progress bar."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("대기")
        RUNNING = "running", _("발송 중")
        DONE = "done", _("완료")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitation_runs")
    round_number = models.PositiveSmallIntegerField(_("회차"), help_text=_("0은 초대, 1부터는 독려"))
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("대상"), default=0)
    sent = models.PositiveIntegerField(_("보냄"), default=0)
    bounced = models.PositiveIntegerField(_("반송"), default=0)
    created_by = models.ForeignKey(Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("초대·독려 발송")
        verbose_name_plural = _("초대·독려 발송")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "round_number"], name="invitation_round_once")
        ]

    def __str__(self):
        return f"{self.survey} · {self.round_number}"

    @property
    def progress_percent(self) -> int:
        done = self.sent + self.bounced
        return min(100, round(done / self.total * 100)) if self.total else 100


class ResultCache(models.Model):
    """Results computed by a Celery task (pandas), kept until the answers change."""

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="result_cache")
    response_count = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)
    data = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("설문 결과 캐시")
        verbose_name_plural = _("설문 결과 캐시")

    def __str__(self):
        return f"{self.survey} ({self.response_count})"


def task_evidence_upload_to(instance, filename: str) -> str:
    """A random folder: a stored name tells nothing and cannot be guessed."""
    return f"survey-evidence/{uuid.uuid4().hex}/{Path(filename).name}"


class ImprovementTask(models.Model):
    """A follow-up action from a result, tracked to done and published as "you said, we did"."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("계획")
        IN_PROGRESS = "in_progress", _("진행 중")
        DONE = "done", _("완료")

    survey = models.ForeignKey(Survey, verbose_name=_("설문"), on_delete=models.PROTECT, related_name="tasks")
    area = models.ForeignKey(Area, verbose_name=_("영역"), on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(_("개선 과제"), max_length=200)
    description = models.TextField(_("내용"), blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("담당 부서"), on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(Staff, verbose_name=_("담당자"), on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_("기한"))
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    # Private until the task is published: served by ``views.task_evidence``, never by /media/.
    evidence = models.FileField(
        _("근거 자료"), upload_to=task_evidence_upload_to, storage=private_storage, blank=True, max_length=300
    )
    result_note = models.TextField(_("조치 결과"), blank=True)
    published_at = models.DateTimeField(_("공개 시각"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("개선 과제")
        verbose_name_plural = _("개선 과제")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title
