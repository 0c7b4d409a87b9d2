"""The production Content Security Policy, defined once: the staff site never gets a nonce or
'unsafe-inline' for scripts; the admin's own inline start-up scripts carry the response's nonce;
no other origin (Gravatar) is named."""

import ast
import re
from pathlib import Path

from django.conf import settings

from intranet.settings import security
from newsroom.selectors import newsroom_index

SHARED = [
    "CONTENT_SECURITY_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
]


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_the_policy_and_headers_are_defined_once_and_the_tests_use_them():
    for name in SHARED:
        assert getattr(settings, name) == getattr(security, name), name
    for module in ("production", "test", "dev"):
        tree = ast.parse((Path(security.__file__).parent / f"{module}.py").read_text())
        assigned = {
            t.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            for t in node.targets
            if isinstance(t, ast.Name)
        }
        assert not assigned & {*SHARED, "IEUM_ADMIN_CSP_UPDATE"}, module
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


def test_staff_pages_allow_no_inline_script(login_as):
    response = login_as().get("/search/?q=교육")
    policy = directives(response)
    assert policy["script-src"] == "script-src 'self' 'report-sample'"
    assert "style-src-elem" not in policy and "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_inline_scripts_carry_the_nonce_of_their_response(login_as):
    from intranet.roles import Role

    editor = login_as(Role.EDITOR)
    editor.staff.user.email = "editor@agency.example"
    editor.staff.user.save(update_fields=["email"])
    response = editor.get(f"/admin/pages/add/newsroom/cardnewsissuepage/{newsroom_index().pk}/")
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", directives(response)["script-src"])[1]
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    executable = [attrs for attrs in inline if "application/json" not in attrs]
    assert len(executable) >= 3  # the cover chooser, the card chooser, the InlinePanel
    assert all(f'nonce="{nonce}"' in attrs for attrs in executable), executable
    assert "gravatar" not in html
    # The one admin addition: <style> elements (Draftail), never inline script or style attributes.
    assert directives(response)["style-src-elem"] == "style-src-elem 'self' 'unsafe-inline'"
    assert "unsafe-inline" not in directives(response)["script-src"]

    other = editor.get(f"/admin/pages/add/newsroom/cardnewsissuepage/{newsroom_index().pk}/")
    assert f"'nonce-{nonce}'" not in other["Content-Security-Policy"]  # a fresh nonce each time


def test_a_nonce_is_never_handed_out_outside_an_admin_request():
    from intranet.csp import admin_script_nonce

    assert admin_script_nonce() == ""
