"""Signs out a session whose account was disabled in the agency directory (docs/ldap.md)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login


class DirectorySessionMiddleware:
    """Only for sessions signed in through the directory, and only when it is configured: one
    session read otherwise. The check is cached per person (``IEUM_LDAP_RECHECK_SECONDS``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "IEUM_LDAP_ENABLED", False):
            from .ldap_login import BACKEND_PATH, SIGNED_OUT_DISABLED, session_account_active

            if (
                request.session.get(BACKEND_SESSION_KEY) == BACKEND_PATH
                and request.user.is_authenticated
                and not session_account_active(request.user)
            ):
                logout(request)
                messages.error(request, SIGNED_OUT_DISABLED)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)
