"""Leader interviews "국장님, DM 왔습니다": staff questions, their moderation, and the episodes.

Anonymous means unlinkable, as in the survey engine: a question row has a random UUID key (no
sequence that follows the order of sending), only the *date* it was sent, and for an anonymous
question no asker. Nothing is written on the identity side when someone asks (no session value,
no log row, no notification). ``submission_key`` is the random token of the form the question
came from: it makes a double submit harmless and is never stored next to a person.
"""

import uuid

from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from intranet.directory.models import Staff

QUESTION_MAX_LENGTH = 1000
ANSWER_MAX_LENGTH = 5000


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("검토 대기")
        SELECTED = "selected", _("선정")
        ANSWERED = "answered", _("답변 완료")
        MERGED = "merged", _("중복 병합")
        DECLINED = "declined", _("반려")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    leader = models.ForeignKey(
        Staff, verbose_name=_("받는 리더"), on_delete=models.PROTECT, related_name="interview_questions"
    )
    text = models.TextField(_("질문"), max_length=QUESTION_MAX_LENGTH)
    is_anonymous = models.BooleanField(_("익명"), default=True)
    asker = models.ForeignKey(
        Staff,
        verbose_name=_("보낸 사람"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interview_questions_asked",
    )
    asked_on = models.DateField(_("보낸 날"))
    submission_key = models.UUIDField(unique=True, editable=False)
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.PENDING)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("병합된 질문"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    decline_reason = models.CharField(_("반려 사유"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        Staff,
        verbose_name=_("검토한 사람"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("검토한 날"), null=True, blank=True)
    answer = models.TextField(_("답변"), max_length=ANSWER_MAX_LENGTH, blank=True)
    answered_on = models.DateField(_("답변한 날"), null=True, blank=True)
    episode = models.ForeignKey(
        "InterviewPage",
        verbose_name=_("실린 회차"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )

    # Wagtail's reference index would add a row with a sequential id, naming the question, each
    # time one is sent: an order of sending outside this table. Questions are left out of it.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("인터뷰 질문")
        verbose_name_plural = _("인터뷰 질문")
        ordering = ["asked_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="interview_anonymous_has_no_asker",
                condition=Q(is_anonymous=True, asker__isnull=True)
                | Q(is_anonymous=False, asker__isnull=False),
            ),
            models.CheckConstraint(
                name="interview_merged_points_to_kept",
                condition=Q(status="merged", duplicate_of__isnull=False)
                | (~Q(status="merged") & Q(duplicate_of__isnull=True)),
            ),
            models.CheckConstraint(
                name="interview_declined_has_reason",
                condition=~Q(status="declined") | ~Q(decline_reason=""),
            ),
            models.CheckConstraint(
                name="interview_answered_has_answer",
                condition=~Q(status="answered") | ~Q(answer=""),
            ),
            models.CheckConstraint(
                name="interview_episode_only_when_answered",
                condition=Q(episode__isnull=True) | Q(status="answered"),
            ),
        ]
        indexes = [models.Index(fields=["leader", "status"])]

    def __str__(self):
        return self.text[:40]

    @property
    @admin.display(description=_("보낸 사람"))
    def asker_label(self) -> str:
        return str(_("익명")) if self.is_anonymous else self.asker.name


class InterviewPage(Page):
    """One episode: the leader's answers to the questions chosen for it.

    Questions are attached when the episode is published (``services.episode_publish`` or a
    publish in the admin, see ``signals.py``); publishing tells the askers of named questions.
    """

    episode_number = models.PositiveIntegerField(_("회차"), unique=True)
    leader = models.ForeignKey(
        Staff, verbose_name=_("리더"), on_delete=models.PROTECT, related_name="interview_episodes"
    )
    intro = RichTextField(_("소개글"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("episode_number"),
        FieldPanel("leader"),
        FieldPanel("intro"),
    ]

    parent_page_types = ["newsroom.NewsroomIndexPage"]
    subpage_types = []
    template = "newsroom_interviews/interview_page.html"

    class Meta:
        verbose_name = _("리더 인터뷰 회차")
        verbose_name_plural = _("리더 인터뷰 회차")

    @classmethod
    def clean_parent_page_models(cls):
        # Until the newsroom home page model is merged in, the string cannot be resolved: the
        # admin then offers no place to create an episode instead of failing on every listing.
        try:
            return super().clean_parent_page_models()
        except LookupError:
            return []

    def get_context(self, request, *args, **kwargs):
        from .selectors import episode_questions

        context = super().get_context(request, *args, **kwargs)
        context["answered"] = episode_questions(page=self)
        return context
