"""What a notification e-mail says. How and when it is sent is ``services``' business; this
module only builds the message, so that every e-mail's link is absolute (``intranet.links``)."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from intranet.links import absolute_url

from .models import Notification


def notification_email_content(notification: Notification) -> tuple[str, str]:
    """(subject, body) of the e-mail for a notification, in Korean, its link absolute."""
    with translation.override("ko"):
        subject = _("[이음] %(title)s") % {"title": notification.title}
        parts = [notification.body.strip()] if notification.body.strip() else []
        if notification.url:
            parts.append(_("바로 가기: %(url)s") % {"url": absolute_url(notification.url)})
        settings_url = absolute_url(
            reverse("directory:profile_edit", args=[notification.recipient.employee_number])
        )
        parts.append(
            _("알림 메일은 내 프로필 편집의 '알림 이메일 받기'에서 끌 수 있습니다: %(url)s")
            % {"url": settings_url}
        )
    return subject, "\n\n".join(parts) + "\n"
