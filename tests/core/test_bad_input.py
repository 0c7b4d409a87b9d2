"""Bad input never gives a 500: a bounded fuzz over every GET URL pattern of the site (as a
superuser and as plain staff) and of the admin (as a superuser, who reaches every admin screen),
with hostile path values and query parameters (NUL, very long text, bytes that are not UTF-8,
negative and huge numbers). Run on SQLite and on PostgreSQL (``DATABASE_URL``), where a NUL in a
text lookup used to raise.

Bounded: three rounds per pattern, not every combination of values; in the two value rounds each
pattern gets a sample of the hostile path values, drawn with a seed from the pattern itself (so a
failure reproduces, and the patterns together try every value)."""

import random
import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from intranet.directory.models import Department
from tests.factories import staff_with_login

HUGE = "9" * 30
LONG = "가" * 3000
LONG_SEGMENT = quote("가" * 300)  # a path segment: a whole address stays under the servers' limits
NOT_UTF8 = "%ff%fe%c3"
UUID = "00000000-0000-0000-0000-000000000000"
# GET patterns not sent: Wagtail's logout answers a GET with 405 but drops the session cookie.
NOT_SENT = ("admin/logout/",)

# Three rounds per pattern: the values a path converter may get (one drawn per pattern) and the
# query string sent. ``p`` and ``ordering`` are the admin's page and sort parameters.
ROUNDS = {
    "nul": ({"int": ("1",), "*": ("%00",)}, "q=%00&page=1"),
    "numbers": (
        {"int": (HUGE,), "*": ("-1", HUGE, LONG_SEGMENT)},
        f"page=-1&p=-1&year=-1&month=13&q={quote(LONG)}&sort=-nope&ordering=-nope&department=-1"
        "&status=-1&id=-1",
    ),
    "bytes": (
        {"int": ("0",), "*": (NOT_UTF8, "-1", HUGE)},
        f"page={HUGE}&p={HUGE}&year={HUGE}&month={HUGE}&q={NOT_UTF8}&sort={NOT_UTF8}"
        f"&ordering={NOT_UTF8}&department={HUGE}&id={HUGE}",
    ),
}
ROUTE_ARG = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _regex_to_path(regex: str, values: dict) -> str | None:
    """A concrete path for a simple regex pattern: each capturing group becomes a value (an int
    one when the group matches digits); ``None`` when what is left is still a regex."""
    out, i = [], 0
    while i < len(regex):
        if regex[i] == "(" and not regex.startswith("(?:", i):
            depth, j = 0, i
            while j < len(regex):
                depth += {"(": 1, ")": -1}.get(regex[j], 0) if regex[j - 1 : j] != "\\" else 0
                if depth == 0:
                    break
                j += 1
            group = regex[i : j + 1]
            out.append(values["int"] if r"\d" in group or "[0-9]" in group else values["*"])
            i = j + 1
            continue
        out.append(regex[i])
        i += 1
    path = "".join(out).lstrip("^").removesuffix(r"\Z").rstrip("$")
    path = re.sub(r"\\([./\-_])", r"\1", path)
    return None if re.search(r"[()\[\]*+?{}|\\]", path) else path


def _part(pattern, values: dict) -> str | None:
    if isinstance(pattern, RoutePattern):

        def value(match):
            converter = match["converter"] or "str"
            return UUID if converter == "uuid" else values.get(converter, values["*"])

        return ROUTE_ARG.sub(value, str(pattern._route))
    if isinstance(pattern, RegexPattern):
        return _regex_to_path(pattern._regex, values)
    return str(pattern)  # a locale prefix has none here


def url_templates(patterns=None, prefix=()) -> list[tuple]:
    """Every URL pattern of the resolver as the tuple of its pattern objects, outermost first."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        chain = (*prefix, entry.pattern)
        if isinstance(entry, URLResolver):
            found += url_templates(entry.url_patterns, chain)
        elif isinstance(entry, URLPattern):
            found.append(chain)
    return found


def route(chain: tuple) -> str:
    return "".join(str(pattern) for pattern in chain)


def concrete(chain: tuple, choices: dict) -> str | None:
    """The address of ``chain`` with one value per converter drawn from ``choices``, the draw
    seeded by the pattern."""
    draw = random.Random(route(chain))
    values = {converter: draw.choice(options) for converter, options in choices.items()}
    parts = [_part(pattern, values) for pattern in chain]
    return None if None in parts else "/" + "".join(parts)


def fuzz_chains() -> list[tuple]:
    return [chain for chain in url_templates() if not route(chain).startswith(NOT_SENT)]


def is_admin(chain: tuple) -> bool:
    return route(chain).startswith("admin/")


@pytest.fixture
def visitors(db):
    Department.objects.get_or_create(code="T0001", defaults={"name": "시험부서"})
    superuser = staff_with_login(name="관리자")
    superuser.user.is_superuser = True
    superuser.user.save(update_fields=["is_superuser"])
    staff = staff_with_login(name="김민수")
    clients = {}
    for name, person in (("superuser", superuser), ("staff", staff)):
        client = Client(raise_request_exception=False)
        client.force_login(person.user)
        clients[name] = client
    return clients


def test_no_get_url_answers_hostile_input_with_a_5xx(visitors, caplog):
    chains = fuzz_chains()
    unbuildable = [route(c) for c in chains if concrete(c, ROUNDS["numbers"][0]) is None]
    assert len(unbuildable) <= 3, f"patterns the fuzz cannot build a URL for: {unbuildable}"
    failures, nul_answers, sent = [], set(), {"site": 0, "admin": 0}
    for chain in chains:
        # The permission matrices check who may enter the admin; here its screens get the input.
        who_visits = ("superuser",) if is_admin(chain) else tuple(visitors)
        for round_name, (choices, query) in ROUNDS.items():
            path = concrete(chain, choices)
            if path is None:
                continue
            for who in who_visits:
                response = visitors[who].get(f"{path}?{query}")
                sent["admin" if is_admin(chain) else "site"] += 1
                if response.status_code >= 500:
                    failures.append((who, round_name, path[:120], response.status_code))
                if round_name == "nul":
                    nul_answers.add(response.status_code)
    admin_patterns = sum(map(is_admin, chains))
    assert admin_patterns > 400, admin_patterns  # the resolver really was walked, admin included
    assert sent["admin"] >= 3 * (admin_patterns - len(unbuildable)), sent
    assert sent["site"] > 500, sent
    assert not failures, f"{len(failures)} answers of 5xx:\n" + "\n".join(map(str, failures))
    assert nul_answers == {400}, nul_answers  # a NUL is refused before any view
    # Still logged in at the end: no GET dropped the session and turned the rest into redirects.
    assert "_auth_user_id" in visitors["superuser"].session


def test_a_nul_byte_gets_a_korean_400(visitors):
    client = visitors["staff"]
    for url in (
        "/search/?q=%00",
        "/directory/%00/",
        "/directory/org/%00/",
        "/performance/departments/%00/",
        "/learning/certificates/%00.pdf",
        "/media/%00",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "쓸 수 없는 문자" in response.content.decode()
    assert client.get("/search/?q=교육").status_code == 200  # ordinary input still passes
