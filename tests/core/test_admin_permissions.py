"""Who gets what on Wagtail's own admin URLs, per role (the runner of tests/permissions.py).

Editors own the newsroom's part of the page tree, images and documents; learning admins the
education site's pages. Those two use the page explorer, the page and link choosers and the page
reports; nobody else does. Users, groups, sites, collections, workflows, redirects, settings, form
submissions, the site-history and page-type reports are the superuser's. Every admin role has its
home, its account and the admin's own scripts. ``{issue}`` is a card-news issue in the newsroom.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.models import Collection, Site, Task, Workflow

from intranet.roles import Role
from tests.newsroom import builders
from tests.permissions import (
    ANONYMOUS,
    LOGIN,
    SUPERUSER,
    WITHOUT_ADMIN,
    Row,
    admin_row,
    admin_visitors,
    check_routes,
    route_chunks,
)

EVERY_ADMIN = admin_row({"*": 200})
SUPER = admin_row({SUPERUSER: 200})
PAGES = admin_row({Role.EDITOR: 200, Role.LEARNING_ADMIN: 200, SUPERUSER: 200})
ISSUE = {"page_id": "issue", "parent_page_id": "issue"}
ISSUE_EDITORS = admin_row({Role.EDITOR: 200, SUPERUSER: 200}, args=ISSUE)
MEDIA = {Role.EDITOR: 200, SUPERUSER: 200}
# Committee secretaries (the ceremony photo) and planners (the annual report's photos) upload and
# choose images, not documents.
IMAGE_MEDIA = {**MEDIA, Role.COMMITTEE_SECRETARY: 200, Role.PLANNER: 200}
IMAGE_ARGS = {"image_id": "image", "pk": "image"}
IMAGES = admin_row(IMAGE_MEDIA, args=IMAGE_ARGS)
# An image someone else uploaded: secretaries choose it but do not edit, delete or inspect it.
IMAGES_TO_CHANGE = admin_row(MEDIA, args=IMAGE_ARGS)
DOCUMENTS = admin_row(MEDIA, args={"document_id": "document", "doc_id": "document", "pk": "document"})
NOBODY = admin_row({})


def rows(want: Row, *routes: str) -> dict:
    return dict.fromkeys(routes, want)


ADMIN_ROUTES = {
    **rows(
        EVERY_ADMIN,
        "admin/",
        "admin/account/",
        "admin/test404/",
    ),
    "admin/dismissibles/": EVERY_ADMIN,
    "admin/logout/": admin_row({"*": 405}, last=True),  # POST only (a GET still ends the session)
    "admin/failwhale/": NOBODY,  # Wagtail's deliberate error page
    # An unknown admin address: Wagtail's log-in (which sends on to the site's), else 404.
    "admin/.*/$": Row(
        want={ANONYMOUS: "/admin/login/?next=", **WITHOUT_ADMIN, "*": 404}, path="/admin/no-such-screen/"
    ),
    # Wagtail's icons, script catalogue and password reset for everyone signed in; the admin's
    # log-in sends everyone else to the site's own.
    "admin/sprite/": Row(want={ANONYMOUS: LOGIN, "*": 200}),
    "admin/jsi18n/": Row(want={ANONYMOUS: LOGIN, "*": 200}),
    "admin/login/": Row(want={ANONYMOUS: LOGIN, **WITHOUT_ADMIN, "*": 302}),
    "admin/password_reset/": Row(want={ANONYMOUS: LOGIN, "*": 200}),
    "admin/password_reset/done/": Row(want={ANONYMOUS: LOGIN, "*": 200}),
    "admin/password_reset/confirm/<uidb64>/<token>/": Row(
        want={ANONYMOUS: LOGIN, "*": 200}, path="/admin/password_reset/confirm/x/y/"
    ),
    "admin/password_reset/complete/": Row(want={ANONYMOUS: LOGIN, "*": 200}),
    # Pages: the explorer, search and reports for page editors; a page's own screens for its editors.
    # Wagtail sends a page editor to their own part of the tree.
    "admin/pages/": admin_row({Role.EDITOR: 302, Role.LEARNING_ADMIN: 302, SUPERUSER: 200}),
    **rows(
        PAGES,
        "admin/pages/search/",
        "admin/pages/search/results/",
        "admin/choose-page/",
        "admin/choose-page/search/",
        "admin/choose-page/chosen-multiple/",
        "admin/choose-external-link/",
        "admin/choose-email-link/",
        "admin/choose-phone-link/",
        "admin/choose-anchor-link/",
        "admin/tag-autocomplete/",
        "admin/embeds/chooser/",
        "admin/embeds/chooser/upload/",
        "admin/reports/aging-pages/",
        "admin/reports/aging-pages/results/",
        "admin/reports/workflow/",
        "admin/reports/workflow/results/",
        "admin/reports/workflow_tasks/",
        "admin/reports/workflow_tasks/results/",
        "admin/api/main/pages/",
    ),
    **rows(  # Wagtail asks for the unlock permission, which learning admins do not hold
        admin_row(MEDIA), "admin/reports/locked/", "admin/reports/locked/results/"
    ),
    **rows(  # without their parameters
        admin_row({Role.EDITOR: 404, Role.LEARNING_ADMIN: 404, SUPERUSER: 404}),
        "admin/block-preview/",
        "admin/api/main/pages/find/",
    ),
    "admin/api/main/images/find/": admin_row(
        {Role.EDITOR: 404, Role.COMMITTEE_SECRETARY: 404, Role.PLANNER: 404, SUPERUSER: 404}
    ),
    "admin/api/main/documents/find/": admin_row({Role.EDITOR: 404, SUPERUSER: 404}),
    "admin/choose-page/<int:parent_page_id>/": admin_row(
        {Role.EDITOR: 200, Role.LEARNING_ADMIN: 200, SUPERUSER: 200}, args=ISSUE
    ),
    "admin/api/main/pages/<int:pk>/": admin_row(
        {Role.EDITOR: 200, Role.LEARNING_ADMIN: 404, SUPERUSER: 200}, args={"pk": "issue"}
    ),
    "admin/api/main/pages/<int:pk>/action/<str:action_name>/": admin_row(
        {Role.EDITOR: 405, Role.LEARNING_ADMIN: 405, SUPERUSER: 405},
        args={"pk": "issue", "action_name": "=copy"},
    ),
    "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/": admin_row(  # images have no tags here
        {Role.EDITOR: 404, Role.LEARNING_ADMIN: 404, SUPERUSER: 404},
        args={"app_name": "=wagtailimages", "model_name": "=image"},
    ),
    **rows(  # a learning admin is sent to the education site's part of the tree
        admin_row({Role.EDITOR: 200, Role.LEARNING_ADMIN: 302, SUPERUSER: 200}, args=ISSUE),
        "admin/pages/<int:parent_page_id>/",
        "admin/pages/<int:parent_page_id>/results/",
    ),
    "admin/pages/<int:parent_page_id>/add_subpage/": admin_row(MEDIA, args={"parent_page_id": "index"}),
    **rows(  # GET is not how these work: lock and unlock are POSTs, the revisions list moved
        admin_row({Role.EDITOR: 405, SUPERUSER: 405}, args=ISSUE),
        "admin/pages/<int:page_id>/lock/",
        "admin/pages/<int:page_id>/unlock/",
    ),
    "admin/pages/<int:page_id>/revisions/": admin_row({Role.EDITOR: 302, SUPERUSER: 302}, args=ISSUE),
    "admin/pages/<int:page_id>/convert_alias/": admin_row({Role.EDITOR: 404, SUPERUSER: 404}, args=ISSUE),
    **rows(
        ISSUE_EDITORS,
        "admin/pages/<int:page_id>/usage/",
        "admin/pages/<int:page_id>/edit/",
        "admin/pages/<int:page_id>/edit/preview/",
        "admin/pages/<int:page_id>/view_draft/",
        "admin/pages/<int:page_id>/delete/",
        "admin/pages/<int:page_id>/unpublish/",
        "admin/pages/<int:page_id>/copy/",
        "admin/pages/<int:page_id>/privacy/",
        "admin/pages/<int:page_id>/workflow_history/",
        "admin/pages/<int:page_id>/history/",
        "admin/pages/<int:page_id>/history/results/",
        "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
    ),
    "admin/pages/<int:page_to_move_id>/move/": admin_row(MEDIA, args={"page_to_move_id": "issue"}),
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": admin_row(
        MEDIA, args={"page_to_move_id": "issue", "destination_id": "index"}
    ),
    "admin/pages/<int:page_to_move_id>/set_position/": admin_row(MEDIA, args={"page_to_move_id": "issue"}),
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/": admin_row(  # noqa: E501
        MEDIA,
        args={
            "content_type_app_name": "=newsroom",
            "content_type_model_name": "=cardnewsissuepage",
            "parent_page_id": "index",
        },
    ),
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/": admin_row(  # noqa: E501
        MEDIA,
        args={
            "content_type_app_name": "=newsroom",
            "content_type_model_name": "=cardnewsissuepage",
            "parent_page_id": "index",
        },
    ),
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/": admin_row(
        {Role.EDITOR: 200, Role.LEARNING_ADMIN: 200, SUPERUSER: 200},
        args={"content_type_app_name": "=newsroom", "content_type_model_name": "=cardnewsissuepage"},
    ),
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/": admin_row(
        {Role.EDITOR: 200, Role.LEARNING_ADMIN: 200, SUPERUSER: 200},
        args={"content_type_app_name": "=newsroom", "content_type_model_name": "=cardnewsissuepage"},
    ),
    "admin/pages/create/<slug:app_label>/<slug:model_name>": admin_row(  # one possible parent: straight to it
        {Role.EDITOR: "/admin/pages/add/", Role.LEARNING_ADMIN: 200, SUPERUSER: "/admin/pages/add/"},
        args={"app_label": "=newsroom", "model_name": "=cardnewsissuepage"},
    ),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/": admin_row(
        MEDIA, args={"page_id": "issue", "revision_id": "revision"}
    ),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/": admin_row(
        MEDIA, args={"page_id": "issue", "revision_id": "revision"}
    ),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/": admin_row(
        MEDIA, args={"page_id": "issue", "revision_id": "revision"}
    ),
    "admin/pages/(\\d+)/revisions/compare/(live|earliest|\\d+)\\.\\.\\.(live|latest|\\d+)/$": admin_row(
        MEDIA, path="/admin/pages/{issue}/revisions/compare/earliest...latest/"
    ),
    # No workflow runs on the issue: its task state and workflow state do not exist.
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": admin_row(
        {Role.EDITOR: 404, SUPERUSER: 404},
        args={"page_id": "issue", "action_name": "=approve", "task_state_id": "task_state"},
    ),
    "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/": admin_row(  # noqa: E501
        {Role.EDITOR: 404, SUPERUSER: 404},
        args={"page_id": "issue", "action_name": "=approve", "task_state_id": "task_state"},
    ),
    "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/": admin_row(
        {}, args={"page_id": "issue", "task_id": "task"}
    ),
    "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": admin_row(
        {Role.EDITOR: 404, SUPERUSER: 404}, args={"page_id": "issue", "workflow_state_id": "workflow_state"}
    ),
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": admin_row(
        MEDIA,
        args={"app_label": "=wagtailcore", "model_name": "=page", "action": "=delete"},
        query="id={issue}",
    ),
    # Editing sessions answer only POSTs (the editor's own script).
    "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/": admin_row(  # noqa: E501
        {"*": 405},
        args={
            "app_label": "=wagtailcore",
            "model_name": "=page",
            "object_id": "issue",
            "session_id": "session",
        },
    ),
    "admin/editing-sessions/release/<int:session_id>/": admin_row({"*": 405}, args={"session_id": "session"}),
    # Images and documents: the editors'; images also the committee secretaries' and planners'.
    **rows(
        admin_row(IMAGE_MEDIA),
        "admin/images/",
        "admin/images/results/",
        "admin/images/add/",
        "admin/images/multiple/add/",
        "admin/images/chooser/",
        "admin/images/chooser/results/",
        "admin/images/chooser/chosen-multiple/",
        "admin/images/chooser/create/",
        "admin/api/main/images/",
    ),
    **rows(
        admin_row(MEDIA),
        "admin/documents/",
        "admin/documents/results/",
        "admin/documents/add/",
        "admin/documents/multiple/add/",
        "admin/documents/chooser/",
        "admin/documents/chooser/results/",
        "admin/documents/chooser/chosen-multiple/",
        "admin/documents/chooser/create/",
        "admin/api/main/documents/",
    ),
    **rows(
        IMAGES_TO_CHANGE,
        "admin/images/<int:image_id>/",
        "admin/images/<int:image_id>/delete/",
        "admin/images/usage/<int:image_id>/",
    ),
    **rows(
        IMAGES,
        "admin/images/chooser/chosen/<str:pk>/",
        "admin/images/chooser/<int:image_id>/select_format/",
        "admin/api/main/images/<int:pk>/",
    ),
    "admin/images/<int:image_id>/preview/<str:filter_spec>/": admin_row(
        MEDIA, args={"image_id": "image", "filter_spec": "=original"}
    ),
    # The URL generator is off (Wagtail answers 404 to all); the multiple uploader's steps are POSTs.
    **rows(
        admin_row({"*": 404}, args={"image_id": "image"}),
        "admin/images/<int:image_id>/generate_url/",
        "admin/images/<int:image_id>/generate_url/output/",
    ),
    **rows(
        admin_row(
            {"*": 405}, args={"image_id": "image", "doc_id": "document", "uploaded_file_id": "uploaded_file"}
        ),
        "admin/images/multiple/<int:image_id>/",
        "admin/images/multiple/<int:image_id>/delete/",
        "admin/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/",
        "admin/images/multiple/delete_upload/<int:uploaded_file_id>/",
        "admin/documents/multiple/<int:doc_id>/",
        "admin/documents/multiple/<int:doc_id>/delete/",
        "admin/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/",
        "admin/documents/multiple/delete_upload/<int:uploaded_file_id>/",
    ),
    **rows(
        DOCUMENTS,
        "admin/documents/edit/<int:document_id>/",
        "admin/documents/delete/<int:document_id>/",
        "admin/documents/usage/<int:document_id>/",
        "admin/documents/chooser/chosen/<str:pk>/",
        "admin/api/main/documents/<int:pk>/",
    ),
    # The superuser's: the whole site's history and structure, people and groups, sites,
    # collections, workflows, redirects, settings and form submissions (Ieum has no form pages).
    **rows(
        SUPER,
        "admin/reports/site-history/",
        "admin/reports/site-history/results/",
        "admin/reports/page-types-usage/",
        "admin/reports/page-types-usage/results/",
        "admin/collections/",
        "admin/collections/add/",
        "admin/workflows/list/",
        "admin/workflows/list/results/",
        "admin/workflows/add/",
        "admin/workflows/tasks/index/",
        "admin/workflows/tasks/index/results/",
        "admin/workflows/task_chooser/",
        "admin/workflows/task_chooser/results/",
        "admin/workflows/task_chooser/create/",
        "admin/forms/",
        "admin/forms/results/",
        "admin/redirects/",
        "admin/redirects/results/",
        "admin/redirects/add/",
        "admin/redirects/import/",
        "admin/sites/",
        "admin/sites/results/",
        "admin/sites/new/",
        "admin/users/",
        "admin/users/results/",
        "admin/users/new/",
        "admin/groups/",
        "admin/groups/results/",
        "admin/groups/new/",
    ),
    **{
        route: admin_row({SUPERUSER: 200}, args={"pk": "collection", "collection_id": "collection"})
        for route in ("admin/collections/<int:pk>/", "admin/collections/<int:collection_id>/privacy/")
    },
    # Wagtail looks the collection up among those the visitor may delete: 404 to the others.
    "admin/collections/<int:pk>/delete/": admin_row({"*": 404, SUPERUSER: 200}, args={"pk": "collection"}),
    **{
        route: admin_row(
            {SUPERUSER: 200}, args={"pk": "workflow", "page_pk": "issue", "workflow_pk": "workflow"}
        )
        for route in (
            "admin/workflows/disable/<int:pk>/",
            "admin/workflows/edit/<int:pk>/",
            "admin/workflows/usage/<int:pk>/",
            "admin/workflows/usage/<int:pk>/results/",
        )
    },
    **{  # POSTs only, and Wagtail says so before asking who asks
        route: admin_row({"*": 405}, args={"pk": "workflow", "page_pk": "issue", "workflow_pk": "workflow"})
        for route in (
            "admin/workflows/enable/<int:pk>/",
            "admin/workflows/remove/<int:page_pk>/",
            "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/",
        )
    },
    **{
        route: admin_row({SUPERUSER: 200}, args={"pk": "task", "task_id": "task"})
        for route in (
            "admin/workflows/tasks/edit/<int:pk>/",
            "admin/workflows/tasks/disable/<int:pk>/",
            "admin/workflows/task_chooser/<int:task_id>/",
        )
    },
    "admin/workflows/tasks/enable/<int:pk>/": admin_row({"*": 405}, args={"pk": "task"}),
    # Wagtail's snippet index has nothing to list (every snippet has its own menu); one task type.
    "admin/snippets/": NOBODY,
    "admin/workflows/tasks/select_type/": admin_row({SUPERUSER: "/admin/workflows/tasks/add/"}),
    "admin/redirects/import/process/": admin_row({SUPERUSER: 405}),
    "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/": admin_row(
        {SUPERUSER: 200}, args={"app_label": "=wagtailcore", "model_name": "=groupapprovaltask"}
    ),
    # Ieum has no form pages: the issue is none.
    "admin/forms/submissions/<int:page_id>/": admin_row({SUPERUSER: 404}, args={"page_id": "issue"}),
    "admin/forms/submissions/<int:page_id>/results/": admin_row({SUPERUSER: 404}, args={"page_id": "issue"}),
    "admin/forms/submissions/<int:page_id>/delete/": admin_row({}, args={"page_id": "issue"}),
    **{
        route: admin_row({SUPERUSER: 200}, args={"redirect_id": "redirect"})
        for route in ("admin/redirects/<int:redirect_id>/", "admin/redirects/<int:redirect_id>/delete/")
    },
    # Ieum registers no settings models.
    "admin/settings/<slug:app_name>/<slug:model_name>/": admin_row(
        {"*": 404}, args={"app_name": "=wagtailcore", "model_name": "=site"}
    ),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": admin_row(
        {"*": 404}, args={"app_name": "=wagtailcore", "model_name": "=site", "pk": "site"}
    ),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/": admin_row(
        {"*": 404}, args={"app_name": "=wagtailcore", "model_name": "=site", "pk": "site"}
    ),
    **{
        f"admin/{kind}/{view}/<int:pk>/": admin_row({SUPERUSER: 200}, args={"pk": obj})
        for kind, obj in (("sites", "site"), ("users", "user"), ("groups", "group"))
        for view in ("edit", "delete", "history", "history-results", "usage")
    },
    "admin/sites/copy/<int:pk>/": admin_row({SUPERUSER: 200}, args={"pk": "site"}),
    "admin/users/copy/<int:pk>/": admin_row({SUPERUSER: 200}, args={"pk": "user"}),
}


def world() -> dict:
    from wagtail.admin.models import EditingSession
    from wagtail.models import UploadedFile

    issue = builders.issue(cards=1)
    revision = issue.save_revision()
    workflow = Workflow.objects.first() or Workflow.objects.create(name="검토")
    task = Task.objects.first()
    collection = Collection.get_first_root_node().add_child(name="보도자료")
    document = Document.objects.create(title="보도자료", file=ContentFile(b"%PDF-1.4", name="a.pdf"))
    superuser = User.objects.filter(is_superuser=True).first()
    return {
        "issue": issue,
        "index": issue.get_parent(),
        "revision": revision,
        "image": builders.image(),
        "document": document,
        "collection": collection,
        "workflow": workflow,
        "task": task,
        "task_state": 999999,
        "workflow_state": 999999,
        "redirect": Redirect.objects.create(old_path="/old", redirect_link="/new"),
        "site": Site.objects.get(is_default_site=True),
        "user": User.objects.exclude(is_superuser=True).first(),
        "group": Group.objects.get(name=Role.EDITOR),
        "uploaded_file": UploadedFile.objects.create(
            file=ContentFile(builders.png(), name="u.png"), uploaded_by_user=superuser
        ),
        "session": EditingSession.objects.create(
            user=superuser, content_object=issue, last_seen_at=dt.datetime.now(dt.UTC)
        ),
    }


@pytest.mark.parametrize("rows", route_chunks(ADMIN_ROUTES))
def test_admin_routes(login_as, rows):
    check_routes(admin_visitors(login_as), rows, world())
