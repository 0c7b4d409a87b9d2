"""Every write of study clubs: create, edit, join, leave, log a meeting, record an entry.

The leader and learning admins maintain a club; anyone may join or leave an open club."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Staff
from intranet.directory.sections import profile_sections_changed
from intranet.korean import fill
from intranet.roles import Role, has_role

from .models import Club, CompetitionEntry, Meeting, Membership


class ClubError(ValidationError):
    """A refusal with a Korean message (nothing was written)."""


def is_learning_admin(staff: Staff | None) -> bool:
    return staff is not None and staff.user_id is not None and has_role(staff.user, Role.LEARNING_ADMIN)


def can_manage(*, club: Club, staff: Staff | None) -> bool:
    return staff is not None and (club.leader_id == staff.pk or is_learning_admin(staff))


def _require_manager(club: Club, staff: Staff) -> None:
    if not can_manage(club=club, staff=staff):
        raise ClubError(_("동호회 리더와 교육 관리자만 고칠 수 있습니다."))


@transaction.atomic
def club_create(
    *,
    name: str,
    leader: Staff,
    description: str = "",
    is_open: bool = True,
    founded_on: dt.date | None = None,
) -> Club:
    if not name.strip():
        raise ClubError({"name": _("동호회 이름을 적어 주세요.")})
    if Club.objects.filter(name=name.strip()).exists():
        raise ClubError({"name": _("같은 이름의 동호회가 이미 있습니다.")})
    club = Club.objects.create(
        name=name.strip(), leader=leader, description=description, is_open=is_open, founded_on=founded_on
    )
    Membership.objects.create(club=club, staff=leader)
    return club


@transaction.atomic
def club_update(*, club: Club, by: Staff, description: str, is_open: bool) -> Club:
    _require_manager(club, by)
    club.description = description
    club.is_open = is_open
    club.save(update_fields=["description", "is_open"])
    return club


def club_join(*, club: Club, staff: Staff) -> Membership:
    """Join an open club; joining twice (a double click) returns the existing membership."""
    if not club.is_open and club.leader_id != staff.pk:
        raise ClubError(
            fill(
                _("'%(club)s'은(는) 지금 가입을 받지 않습니다. 리더에게 문의해 주세요."), {"club": club.name}
            )
        )
    current = Membership.objects.filter(club=club, staff=staff, left_at__isnull=True).first()
    if current:
        return current
    try:
        with transaction.atomic():
            return Membership.objects.create(club=club, staff=staff)
    except IntegrityError:  # another request joined at the same moment
        return Membership.objects.get(club=club, staff=staff, left_at__isnull=True)


@transaction.atomic
def club_leave(*, club: Club, staff: Staff) -> bool:
    """Leave a club (membership kept as history). The leader cannot leave their own club."""
    if club.leader_id == staff.pk:
        raise ClubError(_("리더는 탈퇴할 수 없습니다. 먼저 교육 관리자에게 리더 변경을 요청해 주세요."))
    if not club.is_open:
        raise ClubError(
            fill(
                _("'%(club)s'은(는) 지금 가입·탈퇴를 받지 않습니다. 리더에게 문의해 주세요."),
                {"club": club.name},
            )
        )
    left = Membership.objects.filter(club=club, staff=staff, left_at__isnull=True).update(
        left_at=timezone.now()
    )
    profile_sections_changed()  # ``update()`` sends no signal: the profile's clubs
    return bool(left)


def _members_only(club: Club, people, field: str) -> list[Staff]:
    people = list(people)
    member_ids = set(
        Membership.objects.filter(club=club, left_at__isnull=True).values_list("staff_id", flat=True)
    ) | {club.leader_id}
    outsiders = [p.name for p in people if p.pk not in member_ids]
    if outsiders:
        raise ClubError(
            {field: _("동호회 회원이 아닌 사람이 있습니다: %(names)s") % {"names": ", ".join(outsiders)}}
        )
    return people


@transaction.atomic
def meeting_log(
    *, club: Club, by: Staff, held_on: dt.date, topic: str, notes: str = "", attendees=()
) -> Meeting:
    _require_manager(club, by)
    if not topic.strip():
        raise ClubError({"topic": _("모임 주제를 적어 주세요.")})
    if held_on > timezone.localdate():
        raise ClubError({"held_on": _("아직 열리지 않은 모임은 기록할 수 없습니다.")})
    people = _members_only(club, attendees, "attendees")
    meeting = Meeting.objects.create(
        club=club, held_on=held_on, topic=topic.strip(), notes=notes, recorded_by=by
    )
    meeting.attendees.set(people)
    return meeting


@transaction.atomic
def entry_record(
    *, club: Club, by: Staff, competition: str, entry_title: str, held_on: dt.date, team=(), result: str = ""
) -> CompetitionEntry:
    _require_manager(club, by)
    errors = {}
    if not competition.strip():
        errors["competition"] = _("대회 이름을 적어 주세요.")
    if not entry_title.strip():
        errors["entry_title"] = _("출품작 이름을 적어 주세요.")
    if errors:
        raise ClubError(errors)
    people = _members_only(club, team, "team")
    entry = CompetitionEntry.objects.create(
        club=club,
        competition=competition.strip(),
        entry_title=entry_title.strip(),
        held_on=held_on,
        result=result.strip(),
        recorded_by=by,
    )
    entry.team.set(people)
    return entry
