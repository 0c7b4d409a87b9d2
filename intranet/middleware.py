"""Korean first (the language is Korean unless the person chose another one), the refusal of
input no view can handle (a NUL character) and admin creates that happen once."""

import logging
import os
import traceback

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from intranet.locks import transaction_lock

logger = logging.getLogger(__name__)


class KoreanFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but the browser's Accept-Language is ignored.

    Staff browsers are often set to English; the agency's working language is Korean, so only an
    explicit choice (the language cookie set by the switcher) changes it.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


class BadInputMiddleware:
    """Answers 400 with a short Korean message to a request whose address, query or cookies hold
    a NUL character, before any view or database sees it.

    PostgreSQL cannot store or compare a string containing NUL (the driver raises), so ``%00`` in
    a path or a search word turned into a 500 wherever a view looked the text up. No legitimate
    address needs the character; refusing it once here covers every URL, present and future.
    (Forms refuse it on their own: Django's CharField validates it away with a form error.)
    Bytes that are not UTF-8 are not refused: Django decodes them with replacement characters.

    A read (GET, HEAD) whose address or query names a record with a value its key cannot hold
    (a number beyond the database's integers, text where the key is a number or a UUID) names
    nothing: the lookup's conversion error becomes a 404, in our views and in Wagtail's (its
    choosers take the key as text). Writes are not touched: a bad value there is a bug to see.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request):
            return HttpResponseBadRequest(
                _("주소나 검색어에 쓸 수 없는 문자(NUL)가 들어 있습니다. 주소를 확인해 주세요."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method in ("GET", "HEAD") and _is_lookup_conversion_error(exception):
            logger.warning("Lookup of an impossible value on %s: %r", request.path, exception)
            raise Http404(_("찾는 항목이 없습니다. 주소의 번호를 확인해 주세요.")) from exception
        return None


def _is_lookup_conversion_error(exception) -> bool:
    """The ORM could not turn a looked-up value into the column's type (SQLite: a number too
    large; PostgreSQL: out of range or invalid input; any: not a number / not a UUID)."""
    if isinstance(exception, DataError):
        return True
    if not isinstance(exception, (OverflowError, ValueError, ValidationError)):
        return False
    frames = traceback.extract_tb(exception.__traceback__)
    return any(
        f"{os.sep}django{os.sep}db{os.sep}" in frame.filename
        and (frame.name in ("get_prep_value", "to_python") or isinstance(exception, OverflowError))
        for frame in frames
    )


def _holds_nul(request) -> bool:
    if "\x00" in request.path or "\x00" in request.path_info:
        return True
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return True
    return any("\x00" in key or "\x00" in value for key, value in request.COOKIES.items())


class AdminCreateOnceMiddleware:
    """Two submits of one admin "add" form (Wagtail's autosave of a new page or snippet racing the
    editor's own save, or a double click) create one record, and the other gets the form's Korean
    error, never a 500.

    Both submits used to pass validation before either had saved: two pages under one parent then
    took the same tree path (or the same month of card news) and the database's unique constraint
    raised. Each POST to an admin add view now runs in one transaction holding a lock named after
    what it creates into (the parent page for pages, the model for everything else): the second
    submit waits, then validates against what the first saved (``intranet.locks``). Should a
    unique constraint still raise (a write from elsewhere), the answer is a Korean message.
    Listed last in ``MIDDLEWARE``, so every other middleware's ``process_view`` has run.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        lock_name = _admin_create_lock_name(request, view_kwargs)
        if lock_name is None:
            return None
        try:
            with transaction.atomic():
                transaction_lock(lock_name)
                return view_func(request, *view_args, **view_kwargs)
        except IntegrityError:
            logger.warning("A create on %s met a unique constraint", request.path, exc_info=True)
            message = _("같은 항목이 방금 저장되어 이번 저장은 하지 않았습니다. 목록에서 확인해 주세요.")
            if "application/json" in request.headers.get("Accept", ""):  # Wagtail's autosave
                return JsonResponse(
                    {"success": False, "error_code": "conflict", "error_message": message}, status=409
                )
            messages.error(request, message)
            return redirect(request.get_full_path())


def _admin_create_lock_name(request, view_kwargs) -> str | None:
    match = request.resolver_match
    if request.method != "POST" or match is None or not request.path_info.startswith("/admin/"):
        return None
    if match.view_name == "wagtailadmin_pages:add":
        return f"page-children:{view_kwargs.get('parent_page_id')}"
    if match.url_name == "add":  # snippets and model viewsets: one lock per model
        return f"create:{match.namespace}"
    return None
