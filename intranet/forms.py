"""Core forms that belong to no module."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's log-in form with one clear Korean sentence for a failed log-in (Django's own
    reads "사용자 이름와/과 …" while the field is labelled 아이디)."""

    error_messages = {
        "invalid_login": _("아이디 또는 비밀번호가 맞지 않습니다. 대소문자를 확인하고 다시 입력해 주세요."),
        "inactive": _("사용이 중지된 계정입니다. 인사 담당자에게 문의해 주세요."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("아이디")
        self.fields["password"].label = _("비밀번호")

    def get_invalid_login_error(self):
        """The agency directory's reason when it gave one (down, no staff record: see
        ``intranet/directory/ldap_login.py``), else the usual sentence."""
        refusal = getattr(self.request, "_ieum_login_refusal", None)
        if refusal:
            return ValidationError(refusal, code="directory_refusal")
        return super().get_invalid_login_error()
