"""The shared staff directory: every reference to a person in Ieum points at ``Staff``.

The user account is only for logging in. Staff leave by deactivation, never by deletion, so
history in every module keeps its people (foreign keys to Staff use PROTECT).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.korean import person_search_key
from intranet.models import AppendOnlyModel, AppendOnlyQuerySet

from .cache import directory_cache_clear

extension_validator = RegexValidator(r"^[0-9\-]{2,15}$", _("내선번호는 숫자와 '-'만 쓸 수 있습니다."))
phone_validator = RegexValidator(r"^[0-9\-+ ]{7,20}$", _("전화번호 형식이 올바르지 않습니다."))


class Department(models.Model):
    """A node of the department tree, keyed by the HR system's department code."""

    code = models.CharField(_("부서코드"), max_length=20, unique=True)
    name = models.CharField(_("부서명"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("상위부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    head = models.ForeignKey(
        "Staff",
        verbose_name=_("부서장"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_departments",
    )
    sort_order = models.PositiveIntegerField(_("정렬 순서"), default=0)
    is_active = models.BooleanField(_("사용 중"), default=True)

    class Meta:
        verbose_name = _("부서")
        verbose_name_plural = _("부서")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="department_not_own_parent"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        directory_cache_clear()

    def get_absolute_url(self):
        return reverse("directory:list") + f"?department={self.pk}"

    @classmethod
    def choice_rows(cls, queryset) -> tuple[tuple[str, str], ...]:
        """(pk, label) rows for a long select, two teams of one name told apart by their parent."""
        from .selectors import department_choice_rows

        return department_choice_rows(queryset)

    def get_org_url(self):
        return reverse("directory:org_unit", kwargs={"code": self.code})


# The fields a staff member's search key is made of, besides the department's name.
STAFF_SEARCH_FIELDS = (
    "name",
    "name_en",
    "employee_number",
    "grade",
    "position",
    "job_title",
    "skills",
    "email",
)


def staff_search_key(values: dict, *, department_name: str) -> str:
    """``Staff.search_key`` from field values (a missing field counts as empty): what
    ``Staff.build_search_key`` stores, and what the HR import writes without building a model."""
    email = values.get("email", "")
    return person_search_key(
        name=values.get("name", ""),
        name_en=values.get("name_en", ""),
        extra=[
            values.get("employee_number", ""),
            department_name,
            values.get("grade", ""),
            values.get("position", ""),
            values.get("job_title", ""),
            values.get("skills", ""),
            email.split("@")[0] if email else "",
        ],
    )


class Staff(models.Model):
    """A member of staff, keyed by employee number (사번)."""

    employee_number = models.CharField(_("사번"), max_length=20, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("로그인 계정"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    name = models.CharField(_("성명"), max_length=50)
    name_en = models.CharField(_("영문성명"), max_length=100, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    grade = models.CharField(_("직급"), max_length=30, blank=True)
    position = models.CharField(_("직위"), max_length=30, blank=True)
    job_title = models.CharField(_("담당업무"), max_length=200, blank=True)
    email = models.EmailField(_("이메일"), blank=True)
    extension = models.CharField(_("내선번호"), max_length=15, blank=True, validators=[extension_validator])
    mobile = models.CharField(_("휴대전화"), max_length=20, blank=True, validators=[phone_validator])
    hired_on = models.DateField(_("입사일"), null=True, blank=True)
    photo = models.ImageField(_("사진"), upload_to="staff-photos/", blank=True)
    skills = models.CharField(
        _("전문 분야"), max_length=300, blank=True, help_text=_("쉼표로 구분해 적습니다.")
    )
    bio = models.TextField(_("소개"), blank=True, max_length=2000)
    email_notifications = models.BooleanField(_("알림 이메일 받기"), default=True)
    is_active = models.BooleanField(_("재직 중"), default=True)
    search_key = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Fields only the person and HR admins may see; other HR views are logged.
    PERSONAL_FIELDS = ("mobile",)
    # Fields a person may change on their own profile.
    SELF_EDITABLE_FIELDS = (
        "photo",
        "job_title",
        "extension",
        "mobile",
        "skills",
        "bio",
        "email_notifications",
    )
    # Fields that make a profile complete, with the message shown when one is missing.
    COMPLETENESS_FIELDS = ("photo", "job_title", "extension", "skills", "bio")

    class Meta:
        verbose_name = _("직원")
        verbose_name_plural = _("직원")
        ordering = ["name", "employee_number"]
        indexes = [models.Index(fields=["is_active", "name"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = self.build_search_key()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)
        directory_cache_clear()

    def get_absolute_url(self):
        return reverse("directory:profile", kwargs={"employee_number": self.employee_number})

    def build_search_key(self) -> str:
        department_name = self.department.name if self.department_id else ""
        return staff_search_key(
            {field: getattr(self, field) for field in STAFF_SEARCH_FIELDS}, department_name=department_name
        )

    @property
    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.split(",") if s.strip()]

    @property
    def missing_profile_fields(self) -> list[str]:
        return [f for f in self.COMPLETENESS_FIELDS if not getattr(self, f)]

    @property
    def completeness_percent(self) -> int:
        total = len(self.COMPLETENESS_FIELDS)
        return round(100 * (total - len(self.missing_profile_fields)) / total)


class PersonalDataAccess(AppendOnlyModel):
    """Evidence that an HR admin saw another person's personal fields: who, whose, which fields,
    when, from which client address and why. Nobody edits or deletes it, through the site, the
    admin or (on PostgreSQL) SQL; rows leave only by the retention procedure of the README."""

    class Purpose(models.TextChoices):
        HR_WORK = "hr_work", _("인사 업무 처리")
        EMERGENCY = "emergency", _("비상 연락")
        PAY_BENEFITS = "pay_benefits", _("급여·복리후생 처리")
        SUBJECT_REQUEST = "subject_request", _("본인 요청 처리")
        AUDIT = "audit", _("감사·법령에 따른 요구")

    viewer = models.ForeignKey(Staff, verbose_name=_("열람자"), on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey(Staff, verbose_name=_("대상자"), on_delete=models.PROTECT, related_name="+")
    fields = models.CharField(_("열람 항목"), max_length=200)
    # Empty only for entries written before a purpose was asked.
    purpose = models.CharField(_("열람 목적"), max_length=30, choices=Purpose.choices, blank=True)
    ip_address = models.GenericIPAddressField(_("접속 주소"), null=True, blank=True)
    path = models.CharField(_("화면"), max_length=300)
    accessed_at = models.DateTimeField(_("열람 시각"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("개인정보 열람 기록")
        verbose_name_plural = _("개인정보 열람 기록")
        ordering = ["-accessed_at"]

    def __str__(self):
        return f"{self.viewer} → {self.subject}"


class LockOut(AppendOnlyModel):
    """One log-in lock-out: which account, from which client address, when. Kept for good (the
    lock itself, in django-axes, is lifted at the next good log-in or after the cool-off)."""

    username = models.CharField(_("사용자 이름"), max_length=150)
    staff = models.ForeignKey(
        Staff, verbose_name=_("직원"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ip_address = models.GenericIPAddressField(_("접속 주소"), null=True, blank=True)
    user_agent = models.CharField(_("브라우저"), max_length=255, blank=True)
    path = models.CharField(_("화면"), max_length=300, blank=True)
    locked_at = models.DateTimeField(_("잠긴 시각"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("로그인 잠금 기록")
        verbose_name_plural = _("로그인 잠금 기록")
        ordering = ["-locked_at"]
        indexes = [models.Index(fields=["username", "ip_address", "locked_at"])]

    def __str__(self):
        return f"{self.username} @ {self.ip_address}"


class ImportRun(models.Model):
    """The audit record of one HR import: who, when, what file, what it did."""

    class Kind(models.TextChoices):
        DEPARTMENTS = "departments", _("부서")
        STAFF = "staff", _("직원")

    class Status(models.TextChoices):
        QUEUED = "queued", _("대기")
        RUNNING = "running", _("진행 중")
        DONE = "done", _("완료")
        REJECTED = "rejected", _("거부")
        FAILED = "failed", _("오류")

    class Source(models.TextChoices):
        FILE = "file", _("파일")
        DIRECTORY = "directory", _("기관 디렉터리")

    kind = models.CharField(_("종류"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    # A file uploaded or given to a command, or a read of the agency directory (ldap_sync.py).
    source = models.CharField(_("출처"), max_length=20, choices=Source.choices, default=Source.FILE)
    dry_run = models.BooleanField(_("시험 실행"), default=False)
    deactivate_missing = models.BooleanField(_("파일에 없는 직원 퇴직 처리"), default=False)
    uploaded_by = models.ForeignKey(
        Staff, verbose_name=_("실행자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("파일명"), max_length=255)
    file_path = models.CharField(max_length=500, blank=True, editable=False)
    checksum = models.CharField(_("SHA-256"), max_length=64)
    total_rows = models.PositiveIntegerField(_("행 수"), default=0)
    processed_rows = models.PositiveIntegerField(_("처리한 행"), default=0)
    created_count = models.PositiveIntegerField(_("추가"), default=0)
    updated_count = models.PositiveIntegerField(_("변경"), default=0)
    unchanged_count = models.PositiveIntegerField(_("변경 없음"), default=0)
    deactivated_count = models.PositiveIntegerField(_("퇴직 처리"), default=0)
    errors = models.JSONField(_("오류"), default=list, blank=True)
    created_at = models.DateTimeField(_("실행 시각"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("종료 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("인사 자료 가져오기 기록")
        verbose_name_plural = _("인사 자료 가져오기 기록")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.file_name}"

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status in (self.Status.DONE, self.Status.REJECTED) else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))


class DirectoryRole(models.Model):
    """A role the agency directory gave a person at log-in (group DN → role, settings
    ``IEUM_LDAP_ROLE_GROUPS``). A role given in Ieum by hand has no such row: the log-in adds
    and takes away only the roles recorded here, and the admin shows the two sources apart."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("로그인 계정"),
        on_delete=models.CASCADE,
        related_name="directory_roles",
    )
    group = models.ForeignKey(
        "auth.Group", verbose_name=_("역할"), on_delete=models.CASCADE, related_name="+"
    )
    group_dn = models.CharField(_("디렉터리 그룹"), max_length=500)
    granted_at = models.DateTimeField(_("부여 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("디렉터리에서 받은 역할")
        verbose_name_plural = _("디렉터리에서 받은 역할")
        ordering = ["user__username", "group__name"]
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="directory_role_once_per_user")]

    def __str__(self):
        return f"{self.user} · {self.group}"
