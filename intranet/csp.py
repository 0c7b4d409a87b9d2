"""Nonces for the inline scripts that Wagtail's admin renders, so the admin runs under the same
strict policy as the staff site (``script-src 'self'``, no ``'unsafe-inline'``).

Wagtail 7.4 still starts some widgets with an inline ``<script>`` (image, page and snippet
choosers, InlinePanel, the date pickers). Instead of allowing inline script, the templates and the
chooser widget that render those scripts give them the request's django-csp nonce; django-csp adds
``'nonce-…'`` to the header only for a response that asked for one. The nonce is handed out only
while an admin request renders (``AdminScriptNonceMiddleware``), and only by Wagtail's own script
templates: markup that reaches a page any other way (stored or reflected input) never carries it.
See docs/architecture.md, "Security".
"""

from contextvars import ContextVar

from django.conf import settings
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import mark_safe

_admin_request: ContextVar = ContextVar("ieum_admin_request", default=None)


def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


admin_prefix = lazy(_admin_prefix, str)


class AdminScriptNonceMiddleware:
    """Makes the request reachable by the admin's script templates, on admin URLs only, and
    gives admin responses the admin's one addition to the policy (``IEUM_ADMIN_CSP_UPDATE``).

    Goes after ``csp.middleware.CSPMiddleware``, which creates ``request.csp_nonce`` before and
    writes the header after the response (template responses included) is rendered here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin = request.path_info.startswith(str(admin_prefix()))
        token = _admin_request.set(request if admin else None)
        try:
            response = self.get_response(request)
        finally:
            _admin_request.reset(token)
        if admin and getattr(response, "_csp_update", None) is None:
            response._csp_update = settings.IEUM_ADMIN_CSP_UPDATE  # as django-csp's @csp_update
        return response


def admin_script_nonce() -> str:
    """The request's nonce while an admin page renders, else an empty string (no nonce)."""
    request = _admin_request.get()
    nonce = getattr(request, "csp_nonce", None) if request is not None else None
    return str(nonce) if nonce is not None else ""


def nonce_attribute() -> str:
    """`` nonce="…"`` for an admin inline script, or nothing (the script is then blocked)."""
    nonce = admin_script_nonce()
    return format_html(' nonce="{}"', nonce) if nonce else ""


def chooser_render_with_nonce(render):
    """Wraps ``BaseChooser.render`` (``{widget_html}<script>{js}</script>``, the js built from
    the field id and the viewset's options only) to give its trailing script the nonce."""

    def wrapped(self, name, value, attrs=None, renderer=None):
        html = render(self, name, value, attrs=attrs, renderer=renderer)
        head, opening, script = html.rpartition("<script>")
        if not opening or not script.endswith("</script>"):
            return html
        # ``html`` is Wagtail's own safe markup; only the nonce (base64) is inserted into it.
        return mark_safe(f"{head}<script{nonce_attribute()}>{script}")

    return wrapped
