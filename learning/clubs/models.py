"""Study clubs (학습 동호회): members, a leader, a meeting log and competition entries.

Membership is history: leaving sets ``left_at`` and joining again is a new row, so a club's past
members (and who attended its meetings) are never lost. The leader counts as a member.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.directory.models import Staff
from intranet.korean import format_korean_date


class Club(models.Model):
    name = models.CharField(_("동호회 이름"), max_length=100, unique=True)
    description = models.TextField(_("소개"), max_length=3000, blank=True)
    leader = models.ForeignKey(
        Staff, verbose_name=_("리더"), on_delete=models.PROTECT, related_name="led_clubs"
    )
    is_open = models.BooleanField(
        _("가입 가능"), default=True, help_text=_("켜 두면 직원이 직접 가입하고 탈퇴할 수 있습니다.")
    )
    founded_on = models.DateField(_("만든 날"), null=True, blank=True)
    created_at = models.DateTimeField(_("만든 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("학습 동호회")
        verbose_name_plural = _("학습 동호회")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("learning_clubs:detail", kwargs={"pk": self.pk})


class Membership(models.Model):
    club = models.ForeignKey(
        Club, verbose_name=_("동호회"), on_delete=models.PROTECT, related_name="memberships"
    )
    staff = models.ForeignKey(
        Staff, verbose_name=_("회원"), on_delete=models.PROTECT, related_name="club_memberships"
    )
    joined_at = models.DateTimeField(_("가입 시각"), auto_now_add=True)
    left_at = models.DateTimeField(_("탈퇴 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("동호회 회원")
        verbose_name_plural = _("동호회 회원")
        ordering = ["club", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["club", "staff"], condition=Q(left_at__isnull=True), name="club_member_once"
            ),
            models.CheckConstraint(
                condition=Q(left_at__isnull=True) | Q(left_at__gte=models.F("joined_at")),
                name="club_member_left_after_joined",
            ),
        ]

    def __str__(self):
        return f"{self.club} · {self.staff}"


class Meeting(models.Model):
    club = models.ForeignKey(
        Club, verbose_name=_("동호회"), on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField(_("모임 날짜"))
    topic = models.CharField(_("주제"), max_length=200)
    notes = models.TextField(_("내용"), max_length=5000, blank=True)
    attendees = models.ManyToManyField(
        Staff, verbose_name=_("참석자"), blank=True, related_name="club_meetings"
    )
    recorded_by = models.ForeignKey(
        Staff, verbose_name=_("기록자"), on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(_("기록 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("동호회 모임")
        verbose_name_plural = _("동호회 모임")
        ordering = ["club", "-held_on", "-pk"]
        indexes = [models.Index(fields=["club", "held_on"])]

    def __str__(self):
        return f"{format_korean_date(self.held_on)} {self.topic}"


class CompetitionEntry(models.Model):
    club = models.ForeignKey(
        Club, verbose_name=_("동호회"), on_delete=models.PROTECT, related_name="competition_entries"
    )
    competition = models.CharField(_("대회"), max_length=200)
    entry_title = models.CharField(_("출품작"), max_length=200)
    held_on = models.DateField(_("대회 날짜"))
    team = models.ManyToManyField(
        Staff, verbose_name=_("참가 회원"), blank=True, related_name="competition_entries"
    )
    result = models.CharField(
        _("결과·수상"), max_length=100, blank=True, help_text=_("예: 우수상, 본선 진출")
    )
    recorded_by = models.ForeignKey(
        Staff, verbose_name=_("기록자"), on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(_("기록 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("경진대회 참가")
        verbose_name_plural = _("경진대회 참가")
        ordering = ["club", "-held_on", "-pk"]

    def __str__(self):
        return f"{self.competition} · {self.entry_title}"
