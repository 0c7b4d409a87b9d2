"""The education site: a Wagtail home for education, course pages, dated sessions, enrolments with
a first-come waitlist, the append-only audit of every enrolment change, and completion records.

Seats are counted, never stored: a session's seats taken are its enrolments in a seat-holding
state. Every write that can take or free a seat locks the session row first (``services.py``), so
the count read under the lock is the truth; the unique (session, staff) constraint keeps one
enrolment per person per session whatever the code does.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from intranet.directory.models import Staff
from intranet.korean import format_korean_date
from intranet.models import AppendOnlyModel


class Category(models.TextChoices):
    IN_HOUSE = "in_house", _("직무 교육")
    EXPERT_LECTURE = "expert_lecture", _("전문가 특강")
    IT_TRAINING = "it_training", _("정보화 교육")
    SPECIALISED = "specialised", _("전문 과정")
    EXTERNAL = "external", _("외부 학회·세미나")
    STUDY_CLUB = "study_club", _("학습 동호회")


class NewsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("제목"), max_length=200)
    date = blocks.DateBlock(label=_("날짜"), required=False)
    body = blocks.TextBlock(label=_("내용"), required=False)

    class Meta:
        label = _("교육 소식")
        icon = "doc-full"


class LearningHomePage(Page):
    """The education site's front page (/learning/): news written by learning admins and the
    courses they feature. The catalogue and the screens beneath it are Django views."""

    intro = RichTextField(_("안내 문구"), blank=True, features=["bold", "italic", "link"])
    news = StreamField([("news", NewsBlock())], verbose_name=_("교육 소식"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("news"),
        InlinePanel("featured_courses", label=_("추천 과정")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["learning.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("교육 홈")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.learning_home(page=self, user=request.user))
        return context


class FeaturedCourse(Orderable):
    home = ParentalKey(LearningHomePage, on_delete=models.CASCADE, related_name="featured_courses")
    course = models.ForeignKey(
        "learning.CoursePage", verbose_name=_("과정"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("추천 과정")


class CoursePage(Page):
    """One course of a year's programme. Learning admins edit it in Wagtail; its sessions, seats
    and enrolments are plain models managed on the education site."""

    category = models.CharField(_("분류"), max_length=20, choices=Category.choices)
    year = models.PositiveSmallIntegerField(_("연도"), default=2025)
    summary = models.CharField(_("요약"), max_length=300, blank=True)
    description = RichTextField(_("과정 소개"), blank=True)
    goals = models.TextField(_("학습 목표"), blank=True)
    audience = models.CharField(_("대상"), max_length=200, blank=True)
    instructor = models.ForeignKey(
        Staff,
        verbose_name=_("강사(직원)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="courses_taught",
    )
    instructor_name = models.CharField(_("강사(외부)"), max_length=100, blank=True)
    hours = models.DecimalField(_("교육 시간"), max_digits=5, decimal_places=1, default=0)
    is_mandatory = models.BooleanField(_("필수 과정"), default=False)
    requires_approval = models.BooleanField(
        _("부서장 승인 필요"),
        default=False,
        help_text=_("신청하면 부서장이나 교육 관리자가 승인해야 확정됩니다."),
    )

    class FeedbackMode(models.TextChoices):
        ANONYMOUS = "anonymous", _("익명")
        IDENTIFIED = "identified", _("실명")

    feedback_mode = models.CharField(
        _("만족도 조사 방식"),
        max_length=20,
        choices=FeedbackMode.choices,
        default=FeedbackMode.ANONYMOUS,
        help_text=_("첫 차수를 수료 처리할 때 이 방식으로 만족도 조사를 엽니다(연 뒤에는 바뀌지 않음)."),
    )
    previous_course = models.ForeignKey(
        "self",
        verbose_name=_("지난해 과정"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_courses",
        help_text=_("이 과정을 만든 지난해 과정(검토 결정)을 고릅니다."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("year"),
                FieldPanel("is_mandatory"),
                FieldPanel("requires_approval"),
            ],
            heading=_("분류"),
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("goals"),
        FieldPanel("audience"),
        MultiFieldPanel([FieldPanel("instructor"), FieldPanel("instructor_name")], heading=_("강사")),
        FieldPanel("hours"),
        FieldPanel("feedback_mode"),
        FieldPanel("previous_course"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("category"),
    ]
    parent_page_types = ["learning.LearningHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("교육 과정")
        verbose_name_plural = _("교육 과정")
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="course_hours_not_negative"),
        ]

    @property
    def instructor_display(self) -> str:
        return self.instructor.name if self.instructor_id else self.instructor_name

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.course_detail(course=self, user=request.user))
        return context


class Session(models.Model):
    """A dated run of a course. The enrolment window, the cancellation cut-off and the waitlist
    promotion cut-off are all instants; after the promotion cut-off a freed seat stays free."""

    course = models.ForeignKey(
        CoursePage, verbose_name=_("과정"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(_("차수명"), max_length=100, blank=True, help_text=_("예: 1차, 오전반"))
    starts_at = models.DateTimeField(_("시작"))
    ends_at = models.DateTimeField(_("종료"))
    place = models.CharField(_("장소"), max_length=200, blank=True)
    online_url = models.URLField(_("온라인 주소"), blank=True)
    capacity = models.PositiveIntegerField(_("정원"))
    waitlist_enabled = models.BooleanField(_("대기자 받기"), default=True)
    enrol_opens_at = models.DateTimeField(_("신청 시작"))
    enrol_closes_at = models.DateTimeField(_("신청 마감"))
    cancel_cutoff_at = models.DateTimeField(_("취소 마감"))
    promotion_cutoff_at = models.DateTimeField(_("대기자 승격 마감"))
    last_queue_number = models.PositiveIntegerField(default=0, editable=False)
    completed_at = models.DateTimeField(_("수료 처리 시각"), null=True, blank=True, editable=False)
    completed_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("교육 차수")
        verbose_name_plural = _("교육 차수")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(enrol_closes_at__gte=models.F("enrol_opens_at")),
                name="session_window_ordered",
            ),
        ]

    def __str__(self):
        label = self.title or format_korean_date(self.starts_at)
        return f"{self.course.title} ({label})"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("종료는 시작보다 뒤여야 합니다.")
        if self.enrol_opens_at and self.enrol_closes_at and self.enrol_closes_at < self.enrol_opens_at:
            errors["enrol_closes_at"] = _("신청 마감은 신청 시작보다 뒤여야 합니다.")
        if self.pk and self.capacity is not None:
            taken = self.enrolments.filter(state__in=Enrolment.SEAT_STATES).count()
            if self.capacity < taken:
                errors["capacity"] = _("이미 %(taken)s명이 신청해서 정원을 그보다 줄일 수 없습니다.") % {
                    "taken": taken
                }
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at


class Enrolment(models.Model):
    """One person's place in one session. A waitlisted person's position is their
    ``queue_number`` rank: numbers come from the locked session's counter, so they follow the
    order in which the requests reached the lock (first come, first served)."""

    class State(models.TextChoices):
        ENROLLED = "enrolled", _("신청 완료")
        WAITLISTED = "waitlisted", _("대기")
        PENDING = "pending", _("승인 대기")
        CANCELLED = "cancelled", _("취소")
        ATTENDED = "attended", _("출석")
        ABSENT = "absent", _("결석")
        COMPLETED = "completed", _("수료")

    # A pending request holds its seat, so that approving it can never overfill the session.
    SEAT_STATES = (State.ENROLLED, State.PENDING, State.ATTENDED, State.ABSENT, State.COMPLETED)
    ACTIVE_STATES = (*SEAT_STATES, State.WAITLISTED)

    session = models.ForeignKey(
        Session, verbose_name=_("차수"), on_delete=models.PROTECT, related_name="enrolments"
    )
    staff = models.ForeignKey(
        Staff, verbose_name=_("신청자"), on_delete=models.PROTECT, related_name="enrolments"
    )
    state = models.CharField(_("상태"), max_length=20, choices=State.choices)
    queue_number = models.PositiveIntegerField(_("접수 번호"))
    created_at = models.DateTimeField(_("신청 시각"), auto_now_add=True)
    updated_at = models.DateTimeField(_("변경 시각"), auto_now=True)

    class Meta:
        verbose_name = _("수강 신청")
        verbose_name_plural = _("수강 신청")
        ordering = ["session", "queue_number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "staff"], name="enrolment_one_per_person_per_session"),
            models.UniqueConstraint(fields=["session", "queue_number"], name="enrolment_queue_number_unique"),
        ]
        indexes = [models.Index(fields=["session", "state"]), models.Index(fields=["staff", "state"])]

    def __str__(self):
        return f"{self.staff} · {self.session} · {self.get_state_display()}"

    @property
    def holds_seat(self) -> bool:
        return self.state in self.SEAT_STATES


class EnrolmentEvent(AppendOnlyModel):
    """Who changed an enrolment, when, from what to what, and why."""

    class Action(models.TextChoices):
        ENROL = "enrol", _("신청")
        WAITLIST = "waitlist", _("대기 등록")
        CANCEL = "cancel", _("취소")
        PROMOTE = "promote", _("대기자 승격")
        APPROVE = "approve", _("승인")
        REJECT = "reject", _("반려")
        BULK = "bulk", _("일괄 신청")
        ATTEND = "attend", _("출석")
        ABSENT = "absent", _("결석")
        COMPLETE = "complete", _("수료")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("처리"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("이전 상태"), max_length=20, blank=True)
    to_state = models.CharField(_("새 상태"), max_length=20)
    actor = models.ForeignKey(
        Staff, verbose_name=_("처리자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("사유"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("처리 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("수강 신청 이력")
        verbose_name_plural = _("수강 신청 이력")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.enrolment_id} {self.action} {self.to_state}"


class Completion(AppendOnlyModel):
    """A completion record: the hours a person earned and the code printed on the certificate."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="completion")
    staff = models.ForeignKey(
        Staff, verbose_name=_("수료자"), on_delete=models.PROTECT, related_name="completions"
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("과정"), on_delete=models.PROTECT, related_name="completions"
    )
    session = models.ForeignKey(
        Session, verbose_name=_("차수"), on_delete=models.PROTECT, related_name="completions"
    )
    hours = models.DecimalField(_("인정 시간"), max_digits=5, decimal_places=1)
    completed_on = models.DateField(_("수료일"))
    code = models.CharField(_("확인 번호"), max_length=20, unique=True)
    issued_by = models.ForeignKey(Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("수료 기록")
        verbose_name_plural = _("수료 기록")
        ordering = ["-completed_on", "pk"]
        indexes = [models.Index(fields=["completed_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="completion_hours_not_negative")
        ]

    def __str__(self):
        return f"{self.staff} · {self.course.title}"

    def get_absolute_url(self):
        return reverse("learning:verify", args=[self.code])


class CourseReview(models.Model):
    """The programme review's decision on a course for next year, with its reason."""

    class Decision(models.TextChoices):
        KEEP = "keep", _("유지")
        STRENGTHEN = "strengthen", _("강화")
        DROP = "drop", _("폐지")
        NEW = "new", _("신설")

    course = models.OneToOneField(
        CoursePage, verbose_name=_("과정"), on_delete=models.CASCADE, related_name="review"
    )
    decision = models.CharField(_("결정"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("사유"), max_length=2000)
    decided_by = models.ForeignKey(
        Staff, verbose_name=_("결정자"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("결정 시각"), auto_now=True)

    class Meta:
        verbose_name = _("과정 검토 결정")
        verbose_name_plural = _("과정 검토 결정")

    def __str__(self):
        return f"{self.course.title}: {self.get_decision_display()}"
