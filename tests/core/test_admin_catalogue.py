"""The Korean admin catalogue (issue 15 §4.1): intranet/locale_admin gives Korean for the Wagtail
admin strings Wagtail's own ko catalogue leaves English, wins over Wagtail's catalogues (Python and
JavaScript), keeps every placeholder, is compiled, and a snippet chooser's texts follow the
request's language. The browser walk of every role's screens is tests/e2e/test_admin_korean.py."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.views.i18n import DjangoTranslation, JavaScriptCatalog

from tests.core.test_catalogue import PLACEHOLDER, read_po

ADMIN_LOCALE = Path(settings.BASE_DIR) / "intranet" / "locale_admin" / "ko" / "LC_MESSAGES"
HANGUL = range(0xAC00, 0xD7A4)
PLACEHOLDER_FULL = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
TAG = re.compile(r"<[^>]+>")


def entries(domain):
    return read_po(ADMIN_LOCALE / f"{domain}.po")[1]


def test_admin_catalogue_comes_after_ieums_own_and_before_the_apps():
    paths = [Path(p) for p in settings.LOCALE_PATHS]
    assert paths[0] == Path(settings.BASE_DIR) / "intranet" / "locale"  # makemessages writes here
    assert ADMIN_LOCALE.parents[1] in paths


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_entry_is_korean_and_keeps_its_placeholders(domain):
    found = entries(domain)
    assert len(found) > (500 if domain == "django" else 20)
    for entry in found:
        text = entry.msgstr[0]
        if re.search("[A-Za-z]", TAG.sub("", PLACEHOLDER_FULL.sub("", entry.msgid))):  # has words
            assert any(ord(c) in HANGUL for c in text), entry.msgid
        source = entry.msgid_plural or entry.msgid  # ko has one plural form: the plural's
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), entry.msgid
        assert sorted(set(PLACEHOLDER.findall(text))) == sorted(set(PLACEHOLDER.findall(source)))


def test_gettext_answers_in_korean_for_wagtails_untranslated_strings():
    with translation.override("ko"):
        for entry in entries("django"):
            if entry.msgid_plural is None and entry.msgctxt is None:
                assert translation.gettext(entry.msgid) == entry.msgstr[0], entry.msgid
        assert translation.gettext("The page could not be saved due to validation errors.") == (
            "검증 오류 때문에 페이지를 저장하지 못했습니다."
        )
        assert translation.gettext("Bulk actions") == "일괄 작업"  # replaces Wagtail's 대부분의 움직임
    with translation.override("en"):
        assert translation.gettext("Keyboard shortcuts") == "Keyboard shortcuts"


def test_wagtails_javascript_catalogue_has_the_korean():
    view = JavaScriptCatalog(packages=["wagtail.admin"], domain="djangojs")
    view.translation = DjangoTranslation(
        "ko", domain="djangojs", localedirs=view.get_paths(["wagtail.admin"])
    )
    catalogue = view.get_catalog()
    assert catalogue["Autosave in progress…"] == "자동 저장하는 중…"
    assert catalogue["%(num)s error"] == ["오류 %(num)s개"]
    assert catalogue["Actions"] == "작업"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_admin_catalogue_matches_po(domain):
    expected = {}
    for entry in entries(domain):
        if entry.msgid_plural is None:
            expected[entry.msgid] = entry.msgstr[0]
        else:
            expected[(entry.msgid, 0)] = entry.msgstr[0]
    with (ADMIN_LOCALE / f"{domain}.mo").open("rb") as fh:
        compiled = {k: v for k, v in gettext.GNUTranslations(fh)._catalog.items() if k != ""}
    stale = {k for k in expected.keys() | compiled.keys() if expected.get(k) != compiled.get(k)}
    assert not stale, f"{domain}.mo is out of date: run `make messages` ({sorted(map(str, stale))[:5]})"


def test_snippet_chooser_texts_follow_the_request_language():
    """Wagtail builds the widget once at start-up; its texts must not freeze in that language."""
    from wagtail import hooks

    from intranet.directory.models import Department

    hooks.search_for_hooks()  # registers the snippet viewsets, as the first admin request does
    widget = Department.snippet_viewset.chooser_viewset.widget_class
    with translation.override("ko"):
        assert str(widget.choose_one_text) == "부서 선택"
        assert str(widget.choose_another_text) == "다른 부서 선택"
    with translation.override("en"):
        assert str(widget.choose_one_text) == "Choose Department"
