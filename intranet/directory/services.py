"""Writes to the staff directory (the HR import lives in ``imports.py``)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.client_address import client_address
from intranet.locks import transaction_lock

from .models import LockOut, PersonalDataAccess, Staff


@transaction.atomic
def staff_profile_update(*, staff: Staff, form) -> Staff:
    """Save a validated profile form; the search key follows the changed fields."""
    staff = form.save(commit=False)
    staff.save()
    return staff


def personal_data_access_record(
    *, viewer: Staff, subject: Staff, fields: tuple[str, ...], purpose: str, request
) -> None:
    """Log that an HR admin saw another person's personal fields, and why (append-only)."""
    PersonalDataAccess.objects.create(
        viewer=viewer,
        subject=subject,
        fields=",".join(fields),
        purpose=purpose,
        ip_address=client_address(request),
        path=request.get_full_path()[:300],
    )


def lockout_record(*, username: str, ip_address: str | None, request=None) -> LockOut | None:
    """Keep a lasting record of a log-in lock-out and tell the person, once per lock-out.

    django-axes reports a lock-out again on every refused attempt while it lasts; a record of the
    same account and address within the cool-off is the same lock-out, so nothing new is written
    or sent. The person learns from which address, and that they can still log in elsewhere.
    Two failures arriving together (two log-in requests at once) look for the record under one
    lock of that account and address, so exactly one of them writes it and tells the person.
    """
    with transaction.atomic():
        transaction_lock(f"lockout:{username}:{ip_address}")
        return _lockout_record_once(username=username, ip_address=ip_address, request=request)


def _lockout_record_once(*, username: str, ip_address: str | None, request) -> LockOut | None:
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    if LockOut.objects.filter(username=username, ip_address=ip_address, locked_at__gte=since).exists():
        return None
    staff = Staff.objects.filter(user__username=username).first() if username else None
    meta = request.META if request is not None else {}
    record = LockOut.objects.create(
        username=(username or "")[:150],
        staff=staff,
        ip_address=ip_address,
        user_agent=meta.get("HTTP_USER_AGENT", "")[:255],
        path=(request.path if request is not None else "")[:300],
    )
    if staff is not None:
        from intranet.home.services import notification_send

        notification_send(
            recipient=staff,
            key=f"directory.lockout.{record.pk}",
            title=_("로그인 시도가 반복되어 계정이 잠겼습니다"),
            body=_(
                "%(address)s 주소에서 비밀번호가 %(limit)d번 틀려, 이 주소에서의 로그인이 "
                "%(hours)d시간 동안 막혔습니다. 다른 곳에서는 평소처럼 로그인할 수 있습니다. "
                "본인이 시도한 것이 아니라면 인사 담당자에게 알려 주십시오."
            )
            % {
                "address": ip_address or _("알 수 없는"),
                "limit": settings.AXES_FAILURE_LIMIT,
                "hours": settings.AXES_COOLOFF_TIME,
            },
        )
    return record
