"""The translation catalogues: English complete, Korean in step with it, compiled files current.

Source strings (msgids) are Korean; ``intranet/locale/ko`` holds msgstr = msgid and
``intranet/locale/en`` the English. The .po files are read with the small parser below (no
dependency); the committed .mo files are read with the standard library's ``gettext``.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import DepartmentFactory, StaffFactory

LOCALE = Path(settings.LOCALE_PATHS[0])
PLACEHOLDER = re.compile(r"%\((\w+)\)")


@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # 0 for a singular entry
    flags: set[str] = field(default_factory=set)

    @property
    def key(self):
        return (self.msgctxt, self.msgid, self.msgid_plural)


def read_po(path: Path) -> tuple[Entry, list[Entry]]:
    """Return the header entry and the other (non-obsolete) entries of a .po file."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        values: dict[str, str] = {}
        flags: set[str] = set()
        current = None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):  # comments, references, obsolete (#~) entries
                continue
            elif line.startswith('"'):
                values[current] += ast.literal_eval(line)
            elif line.strip():
                keyword, _, text = line.partition(" ")
                current = keyword
                values[current] = ast.literal_eval(text)
        if "msgid" not in values:
            continue
        msgstr = {0: values["msgstr"]} if "msgstr" in values else {}
        msgstr |= {int(k[7:-1]): v for k, v in values.items() if k.startswith("msgstr[")}
        entries.append(
            Entry(values["msgid"], values.get("msgid_plural"), values.get("msgctxt"), msgstr, flags)
        )
    header = entries.pop(0)
    assert header.msgid == "", f"{path}: the first entry must be the header"
    return header, entries


def po_path(language):
    return LOCALE / language / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def english():
    return read_po(po_path("en"))


@pytest.fixture(scope="module")
def korean():
    return read_po(po_path("ko"))


def describe(entry):
    return repr(entry.msgid)


# (a) every English entry is translated, not fuzzy, and keeps its placeholders


def test_english_catalogue_is_complete(english):
    header, entries = english
    assert "Language: en\n" in header.msgstr[0]
    assert "fuzzy" not in header.flags
    assert len(entries) > 100
    untranslated = [describe(e) for e in entries if not e.msgstr or not all(e.msgstr.values())]
    assert not untranslated, f"untranslated in en: {untranslated}"
    fuzzy = [describe(e) for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy in en: {fuzzy}"
    plural_forms = [describe(e) for e in entries if e.msgid_plural and sorted(e.msgstr) != [0, 1]]
    assert not plural_forms, f"English plurals need msgstr[0] and msgstr[1]: {plural_forms}"


def test_english_keeps_every_placeholder(english):
    _header, entries = english
    wrong = []
    for entry in entries:
        expected = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        for text in entry.msgstr.values():
            if set(PLACEHOLDER.findall(text)) != expected:
                wrong.append((entry.msgid, text))
    assert not wrong


def test_english_is_really_english(english):
    """No Korean left in an English msgstr, except the Korean examples the UI quotes on purpose
    (the demo's Korean search examples)."""
    _header, entries = english
    quoted = {"직원 검색(ㄱㅁㅅ, 교육을), 내 프로필 고치기, 알림"}
    hangul = re.compile(r"[가-힣]")
    leftover = [
        e.msgid
        for e in entries
        if e.msgid not in quoted and any(hangul.search(text) for text in e.msgstr.values())
    ]
    assert not leftover


# (b) the Korean catalogue has the same msgids, each translated as itself


def test_korean_catalogue_matches_english(english, korean):
    _en_header, en_entries = english
    _ko_header, ko_entries = korean
    en_keys = {e.key for e in en_entries}
    ko_keys = {e.key for e in ko_entries}
    assert en_keys - ko_keys == set(), "in en but not ko"
    assert ko_keys - en_keys == set(), "in ko but not en"
    assert len(en_keys) == len(en_entries) == len(ko_entries)


def test_korean_catalogue_is_the_identity(korean):
    header, entries = korean
    assert "Language: ko\n" in header.msgstr[0]
    assert "fuzzy" not in header.flags
    assert not [describe(e) for e in entries if "fuzzy" in e.flags]
    singular = [e for e in entries if not e.msgid_plural]
    assert [e.msgid for e in singular if e.msgstr[0] != e.msgid] == []


# (c) real pages in English


@pytest.fixture
def english_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_login_page_in_english(english_client, db):
    page = english_client.get(reverse("login")).content.decode()
    assert 'lang="en"' in page
    assert "Log in to Ieum" in page
    assert "이음 로그인" not in page
    assert "Password" in page


def test_korean_is_still_the_default(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "이음 로그인" in page
    assert "Log in to Ieum" not in page


def test_gettext_uses_the_catalogues():
    with translation.override("en"):
        assert translation.gettext("조직도") == "Organisation chart"
        assert translation.gettext("응답자 수가 적어 표시하지 않습니다") == "Not shown: too few respondents"
        assert translation.ngettext("직원 %(counter)s명", "직원 %(counter)s명", 1) % {"counter": 1} == (
            "1 staff member"
        )
        assert translation.ngettext("직원 %(counter)s명", "직원 %(counter)s명", 3) % {"counter": 3} == (
            "3 staff members"
        )
    with translation.override("ko"):
        assert translation.gettext("조직도") == "조직도"
        assert translation.gettext("영어") == "영어"


@pytest.fixture
def crowded_directory(login_as):
    team = DepartmentFactory(name="정보체계팀")
    StaffFactory.create_batch(30, department=team)
    return login_as()


def test_directory_table_pagination_in_korean(crowded_directory):
    page = crowded_directory.get("/directory/").content.decode()
    assert 'aria-label="표 쪽 이동"' in page
    assert re.search(r'rel="next">\s*다음\s*<span aria-hidden="true">&raquo;</span>', page)
    assert 'aria-current="page">1<' in page
    assert "Table navigation" not in page


def test_directory_in_english(crowded_directory):
    crowded_directory.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = crowded_directory.get("/directory/?page=2").content.decode()
    assert 'lang="en"' in page
    assert "Find people" in page
    assert 'aria-label="Table pagination"' in page
    assert "Previous" in page
    assert 'aria-current="page">2<' in page
    assert "직원 찾기" not in page


# (d) the committed .mo files are compiled from the current .po files


@pytest.mark.parametrize("language", ["en", "ko"])
def test_compiled_catalogue_matches_po(language):
    _header, entries = read_po(po_path(language))
    expected = {}
    for entry in entries:
        if "fuzzy" in entry.flags or not all(entry.msgstr.values()):
            continue  # msgfmt leaves these out
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            expected[msgid] = entry.msgstr[0]
        else:
            expected |= {(msgid, n): text for n, text in entry.msgstr.items()}
    mo = po_path(language).with_suffix(".mo")
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog  # the parsed .mo, as gettext reads it
    compiled = {key: value for key, value in compiled.items() if key != ""}  # "" is the header
    stale = {k for k in expected.keys() | compiled.keys() if expected.get(k) != compiled.get(k)}
    assert not stale, f"{mo} is out of date: run `make messages` (differs for {sorted(map(str, stale))[:5]})"
