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

import http.client
from contextvars import ContextVar

from csp import middleware as csp_middleware
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import mark_safe

_admin_request: ContextVar = ContextVar("ieum_admin_request", default=None)

# The admin's address per URL configuration and script prefix (``reverse`` is some sixty Python
# calls, and every request asks whether it is an admin request).
_admin_prefixes: dict = {}


def _admin_prefix() -> str:
    key = (get_urlconf(), get_script_prefix())
    prefix = _admin_prefixes.get(key)
    if prefix is None:
        prefix = reverse("wagtailadmin_home")
        if len(_admin_prefixes) < 16:
            _admin_prefixes[key] = prefix
    return prefix


admin_prefix = lazy(_admin_prefix, str)


# The policy texts built so far, per kind (report-only or not), additions and whether the
# response has a nonce: the policy depends on nothing else but the nonce itself, which is put in
# where the placeholder stands.
_policies: dict = {}
POLICY_LIMIT = 16
_NONCE_PLACEHOLDER = "\x00nonce\x00"


def _policies_clear(*, setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "ROOT_URLCONF":
        _policies.clear()
        _admin_prefixes.clear()


setting_changed.connect(_policies_clear, dispatch_uid="intranet.csp.policies_clear")


def _frozen(directives):
    """``directives`` (a response's ``@csp_update`` dict of lists) as a key, or ``None`` when a
    value is not a plain list or tuple of strings (then the policy is built every time)."""
    if directives is None:
        return ()
    frozen = []
    for name, value in directives.items():
        if value is not None and not (
            isinstance(value, (list, tuple)) and all(type(item) is str for item in value)
        ):
            return None
        frozen.append((name, None if value is None else tuple(value)))
    return tuple(frozen)


def _policy(config, update, replace, nonce, report_only: bool) -> str:
    """django-csp's ``build_policy``, built once per process for each kind and additions."""
    frozen = _frozen(update) if config is None and replace is None else None
    if frozen is None:
        return build_policy(config, update, replace, nonce, report_only)
    key = (report_only, frozen, bool(nonce))
    policy = _policies.get(key)
    if policy is None:
        placeholder = _NONCE_PLACEHOLDER if nonce else None
        policy = build_policy(update=update, nonce=placeholder, report_only=report_only)
        if len(_policies) < POLICY_LIMIT:
            _policies[key] = policy
    return policy.replace(_NONCE_PLACEHOLDER, nonce) if nonce else policy


class CSPMiddleware(csp_middleware.CSPMiddleware):
    """django-csp's middleware, with the policy text kept instead of built for every response
    (twice: the policy and the report-only one, about 330 Python calls a request).

    The same headers as django-csp's: its ``process_response`` with ``_policy`` above in place
    of ``build_policy(**asdict(parts))`` (``tests/core/test_csp.py`` compares them)."""

    def process_response(self, request, response):
        exempted_debug_codes = (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND)
        if response.status_code in exempted_debug_codes and settings.DEBUG:
            return response
        nonce = getattr(request, "_csp_nonce", None)
        for report_only, header, exempt, setting in (
            (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            suffix = "_ro" if report_only else ""
            policy_text = _policy(
                getattr(response, "_csp_config" + suffix, None),
                getattr(response, "_csp_update" + suffix, None),
                getattr(response, "_csp_replace" + suffix, None),
                nonce,
                report_only,
            )
            if policy_text and header not in response and getattr(response, exempt, False) is False:
                policy = getattr(settings, setting, None) or {}
                prefixes = policy.get("EXCLUDE_URL_PREFIXES", None) or ()
                if not request.path_info.startswith(tuple(prefixes)):
                    response[header] = policy_text
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = csp_middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response


class AdminScriptNonceMiddleware:
    """Makes the request reachable by the admin's script templates, on admin URLs only, and
    gives admin responses the admin's one addition to the policy (``IEUM_ADMIN_CSP_UPDATE``).

    Goes after ``CSPMiddleware`` (django-csp's, above), which creates ``request.csp_nonce`` before and
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
