"""Who may open which Wagtail admin screen, on top of Wagtail's own checks (issue 12 §3, issue 15 §4).

Wagtail checks a snippet viewset's permissions on its list and edit screens, but its choosers, the
site-history and page-type reports, bulk actions and the generic page, link and tag endpoints are
open to anyone who may enter the admin: a committee secretary could list whom HR looked up through
the personal-data log's chooser. ``admin_urlpatterns_guard`` wraps every view of Wagtail's admin URLs
(``intranet/urls.py``) in one check, so a new viewset is covered without doing anything:

- staff who may not enter the admin are sent to the site's home with a Korean message, not to a
  second, Wagtail-branded log-in page; the admin's log-in sends everyone else to the site's;
- a snippet's chooser is for the holders of the snippet's permissions (its viewset's policy, so
  "nobody deletes the access log" holds here too) and for the roles a viewset names in
  ``chooser_roles``: the roles whose own forms choose that snippet;
- bulk actions on snippets ask the snippet's viewset policy, not Django's bare permissions;
- the other screens are given a rule in ``URL_RULES`` by URL name; a name not there keeps
  Wagtail's own check.

A denial is Wagtail's own: back to the admin home with a message (or 403 to a script).
"""

from collections.abc import Callable
from functools import update_wrapper

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied, user_has_any_page_permission

ACCESS_ADMIN = "wagtailadmin.access_admin"
SNIPPET_CHOOSER_NAMESPACE = "wagtailsnippetchoosers_"
LOGIN_NAME = "wagtailadmin_login"
# Screens that Wagtail itself serves without admin access (the log-in is handled apart).
OPEN_NAMES = frozenset(
    {
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
    }
)


def superuser(user) -> bool:
    return user.is_superuser


def page_editor(user) -> bool:
    """Roles given a part of the page tree (editors: the newsroom; learning admins: the education
    site): the page chooser, link choosers, block previews, page reports and the pages API."""
    return user_has_any_page_permission(user)


def nobody(user) -> bool:
    return False


PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id")
PAGE_ACTIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]


def page_allowed(user, kwargs: dict) -> bool:
    """A page's own screens are for those with a permission on that page: Wagtail forgets to ask
    on some (the workflow-cancellation and move confirmations showed any page to any admin role)."""
    from wagtail.models import Page
    from wagtail.permissions import page_permission_policy

    if not page_editor(user):
        return False
    for key in PAGE_KWARGS:
        if key in kwargs:
            page = Page.objects.filter(pk=kwargs[key]).first()
            if page is not None and not page_permission_policy.user_has_any_permission_for_instance(
                user, PAGE_ACTIONS, page
            ):
                return False
    return True


def media_user(policy_path: str) -> Callable:
    def check(user) -> bool:
        from django.utils.module_loading import import_string

        policy = import_string(policy_path)
        return policy.user_has_any_permission(user, ["add", "change", "delete", "choose"])

    return check


images_user = media_user("wagtail.images.permissions.permission_policy")
documents_user = media_user("wagtail.documents.permissions.permission_policy")

# URL name (with its namespace) -> who may open it. Reports that list everyone's work (site history,
# page types across the whole tree) are the superuser's; reports about pages, the page chooser and
# the helpers of the page editor are for those who edit pages.
URL_RULES: dict[str, Callable] = {
    "wagtailadmin_reports:site_history": superuser,
    "wagtailadmin_reports:site_history_results": superuser,
    "wagtailadmin_reports:page_types_usage": superuser,
    "wagtailadmin_reports:page_types_usage_results": superuser,
    "wagtailadmin_reports:aging_pages": page_editor,
    "wagtailadmin_reports:aging_pages_results": page_editor,
    "wagtailadmin_reports:locked_pages": page_editor,
    "wagtailadmin_reports:locked_pages_results": page_editor,
    "wagtailadmin_reports:workflow": page_editor,
    "wagtailadmin_reports:workflow_results": page_editor,
    "wagtailadmin_reports:workflow_tasks": page_editor,
    "wagtailadmin_reports:workflow_tasks_results": page_editor,
    "wagtailadmin_choose_page": page_editor,
    "wagtailadmin_choose_page_child": page_editor,
    "wagtailadmin_choose_page_search": page_editor,
    "wagtailadmin_choose_page_chosen_multiple": page_editor,
    "wagtailadmin_choose_page_external_link": page_editor,
    "wagtailadmin_choose_page_email_link": page_editor,
    "wagtailadmin_choose_page_phone_link": page_editor,
    "wagtailadmin_choose_page_anchor_link": page_editor,
    "wagtailadmin_tag_autocomplete": page_editor,
    "wagtailadmin_tag_model_autocomplete": page_editor,
    "wagtailadmin_block_preview": page_editor,
    "wagtailadmin_pages:search": page_editor,
    "wagtailadmin_pages:search_results": page_editor,
    "wagtailadmin_pages:type_use": page_editor,
    "wagtailadmin_pages:type_use_results": page_editor,
    "wagtailadmin_explore_root": page_editor,
    "wagtailadmin_explore": page_editor,
    "wagtailadmin_explore_results": page_editor,
    "wagtailadmin_api:pages:listing": page_editor,
    "wagtailadmin_api:pages:detail": page_editor,
    "wagtailadmin_api:pages:find": page_editor,
    "wagtailadmin_api:pages:action": page_editor,
    "wagtailadmin_api:images:listing": images_user,
    "wagtailadmin_api:images:detail": images_user,
    "wagtailadmin_api:images:find": images_user,
    "wagtailadmin_api:documents:listing": documents_user,
    "wagtailadmin_api:documents:detail": documents_user,
    "wagtailadmin_api:documents:find": documents_user,
    "wagtailembeds:chooser": page_editor,
    "wagtailembeds:chooser_upload": page_editor,
    "wagtailimages_chooser:choose": images_user,
    "wagtailimages_chooser:choose_results": images_user,
    "wagtailimages_chooser:chosen": images_user,
    "wagtailimages_chooser:chosen_multiple": images_user,
    "wagtailimages_chooser:create": images_user,
    "wagtailimages_chooser:select_format": images_user,
    "wagtaildocs_chooser:choose": documents_user,
    "wagtaildocs_chooser:choose_results": documents_user,
    "wagtaildocs_chooser:chosen": documents_user,
    "wagtaildocs_chooser:chosen_multiple": documents_user,
    "wagtaildocs_chooser:create": documents_user,
    "wagtailadmin_workflows:task_chooser": superuser,
    "wagtailadmin_workflows:task_chooser_results": superuser,
    "wagtailadmin_workflows:task_chooser_create": superuser,
    "wagtailadmin_workflows:task_chosen": superuser,
    "wagtailforms:index": superuser,
    "wagtailforms:index_results": superuser,
    "wagtailforms:list_submissions": superuser,
    "wagtailforms:list_submissions_results": superuser,
    "wagtailforms:delete_submissions": superuser,
    "wagtailadmin_error_test": nobody,  # Wagtail's deliberate error page
}


def _snippet_viewset(app_label: str, model_name: str):
    from django.apps import apps
    from wagtail.snippets.models import get_snippet_models

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return model.snippet_viewset if model in get_snippet_models() else None


def snippet_chooser_allowed(user, viewset) -> bool:
    """The holders of any of the snippet's permissions, and the roles whose forms choose it."""
    from intranet.roles import has_role

    if viewset.permission_policy.user_has_any_permission(user, ["add", "change", "delete", "view"]):
        return True
    return any(has_role(user, role) for role in getattr(viewset, "chooser_roles", ()))


def _snippet_chooser_rule(namespace: str, name: str) -> Callable:
    def check(user) -> bool:
        from wagtail.snippets.models import get_snippet_models

        for model in get_snippet_models():
            viewset = model.snippet_viewset
            if viewset.get_chooser_admin_url_namespace() == namespace:
                if name == "create":  # the chooser's "create" tab: whoever may add one (the policy's word)
                    return viewset.permission_policy.user_has_permission(user, "add")
                return snippet_chooser_allowed(user, viewset)
        return user.is_superuser  # a chooser this module does not know: nobody else

    return check


BULK_ACTIONS = {"delete": "delete", "publish": "publish", "unpublish": "publish"}


def bulk_action_allowed(user, ids: list, *, app_label: str, model_name: str, action: str) -> bool:
    """A snippet's bulk action asks its viewset's policy (Wagtail asks Django's bare permission,
    which a superuser always holds: the access log must not be erasable that way); pages are for
    page editors; anything else keeps Wagtail's check."""
    from django.apps import apps
    from wagtail.models import Page

    viewset = _snippet_viewset(app_label, model_name)
    if viewset is not None:
        return viewset.permission_policy.user_has_permission(user, BULK_ACTIONS.get(action, "change"))
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return True  # Wagtail answers 404
    if issubclass(model, Page):  # every chosen page must be the visitor's (Wagtail lists the others)
        return page_editor(user) and all(page_allowed(user, {"page_id": pk}) for pk in ids if pk.isdigit())
    return True


def _to_site_home(request):
    messages.error(
        request,
        _("관리 화면은 담당 역할이 있는 직원만 쓸 수 있습니다. 필요하면 담당 부서에 권한을 요청하세요."),
    )
    return redirect("/")


def _to_site_login(request, target: str):
    """The site's own log-in (it checks ``next`` itself before following it)."""
    return redirect_to_login(target, resolve_url(settings.LOGIN_URL))


def _guard(view, *, name: str, namespace: str):
    full_name = f"{namespace}:{name}" if namespace and name else name or ""
    if namespace.startswith(SNIPPET_CHOOSER_NAMESPACE):
        rule = _snippet_chooser_rule(namespace, name)
    else:
        rule = URL_RULES.get(full_name)

    def guarded(request, *args, **kwargs):
        user = request.user
        if full_name == LOGIN_NAME:
            if not user.is_authenticated:
                return _to_site_login(request, request.GET.get("next") or "/admin/")
            if not user.has_perm(ACCESS_ADMIN):
                return _to_site_home(request)
            return view(request, *args, **kwargs)
        if full_name in OPEN_NAMES:
            return view(request, *args, **kwargs)
        if not user.is_authenticated:
            return _to_site_login(request, request.get_full_path())
        if not user.has_perm(ACCESS_ADMIN):
            return _to_site_home(request)
        if rule is not None and not rule(user):
            return permission_denied(request)
        if namespace == "wagtailadmin_pages" and not page_allowed(user, kwargs):
            return permission_denied(request)
        if full_name == "wagtail_bulk_action" and not bulk_action_allowed(
            user, request.GET.getlist("id"), **kwargs
        ):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return update_wrapper(guarded, view)


def admin_urlpatterns_guard(urlpatterns, namespace: str = ""):
    """Wrap every view of ``urlpatterns`` (Wagtail's admin URLs) in the role check, in place."""
    for pattern in urlpatterns:
        if hasattr(pattern, "url_patterns"):
            inner = pattern.namespace or ""
            admin_urlpatterns_guard(
                pattern.url_patterns, f"{namespace}:{inner}".strip(":") if inner else namespace
            )
        elif getattr(pattern, "callback", None):
            pattern.callback = _guard(pattern.callback, name=pattern.name or "", namespace=namespace)
    return urlpatterns
