"""The per-role URL matrix that every permission test runs (DESIGN.md: permissions are tested per
role for every URL). Registered as a pytest plugin in tests/conftest.py for the ``client_for``
fixture; a module imports the vocabulary and the checks from here.

A matrix is data: one row per URL, the expected answer for each kind of visitor. ``"*"`` is any
visitor not named in the row. Answers: a status code; ``LOGIN``, 302 to the site's log-in page;
and the two ways of saying no inside ``/admin/``: ``NO_ADMIN``, 302 to the site's home with a
Korean message (signed in, but no admin access: intranet/admin_access.py), and ``ADMIN_DENIED``,
302 to the admin home with an error message (admin access, but not this screen; Wagtail turns
PermissionDenied into that).

Every URL pattern of the resolver must have an expected answer somewhere: the site's in the
``MATRIX``/``GETS``/``POSTS`` of a ``tests/**/test_*permissions.py`` module (concrete URLs, resolved
to their pattern), the admin's in that module's ``ADMIN_ROUTES`` (keyed by pattern, run by
``check_routes``). tests/core/test_url_coverage.py fails on a pattern that none declares.
"""

import functools
import importlib
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from intranet.roles import Role
from tests.factories import StaffFactory

ANONYMOUS, SUPERUSER = "anonymous", "superuser"
VISITORS = [ANONYMOUS, *(role.value for role in Role), SUPERUSER]
LOGIN, NO_ADMIN, ADMIN_DENIED = "login", "no admin", "admin denied"
ADMIN_LOGIN = NO_ADMIN  # the former name (staff without admin rights once met Wagtail's log-in)

# Roles whose group lacks wagtailadmin.access_admin (intranet/migrations/0001_roles.py).
WITHOUT_ADMIN = {Role.STAFF: NO_ADMIN, Role.PROGRAMME_OWNER: NO_ADMIN}


def cases(matrix: dict) -> list:
    """One test case per URL of ``matrix`` and kind of visitor."""
    return [pytest.param(url, visitor, id=f"{url} {visitor}") for url in matrix for visitor in VISITORS]


def visitor_client(login_as, visitor: str, **staff_fields) -> Client:
    """A client for one kind of visitor, with its staff record as ``client.staff`` (an anonymous
    visitor has one too, not logged in, so that rows can name "the visitor's own" things)."""
    if visitor == ANONYMOUS:
        client = Client()
        client.staff = StaffFactory(**staff_fields)
        return client
    client = login_as(*([] if visitor in (Role.STAFF, SUPERUSER) else [visitor]), **staff_fields)
    if visitor == SUPERUSER:
        client.staff.user.is_superuser = True
        client.staff.user.save(update_fields=["is_superuser"])
    return client


@pytest.fixture
def client_for(login_as):
    """``client_for(visitor)``: ``visitor_client`` for a visitor named 김민수."""

    def make(visitor: str) -> Client:
        return visitor_client(login_as, visitor, name="김민수")

    return make


def assert_answer(response, row: dict, path: str, visitor: str) -> None:
    """The response is the answer a matrix row gives ``visitor`` (``"*"``: any visitor not named)."""
    want = row.get(visitor, row["*"])
    if want == LOGIN:
        assert response.status_code == 302, (path, visitor, response.status_code)
        assert response["Location"].startswith("/accounts/login/?next="), (path, visitor)
    elif want == NO_ADMIN:
        assert (response.status_code, response.get("Location")) == (302, "/"), (path, visitor)
        assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"], (path, visitor)
    elif want == ADMIN_DENIED:
        assert (response.status_code, response.get("Location")) == (302, "/admin/"), (
            path,
            visitor,
            response.status_code,
        )
        assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"], (path, visitor)
    elif isinstance(want, str) and want.startswith("/"):  # 302 to a place of its own
        assert response.status_code == 302, (path, visitor, response.status_code)
        assert response["Location"].startswith(want), (path, visitor, response["Location"])
    else:
        assert response.status_code == want, (path, visitor, response.status_code)


# --- every pattern of the resolver ---------------------------------------------------------------


def _join(route1: str, route2: str) -> str:
    """Django's own join of nested routes (``URLResolver._join_route``), so that a declared route
    equals ``resolve(path).route``."""
    return route2 if not route1 else route1 + route2.removeprefix("^")


@functools.cache
def url_routes() -> frozenset[str]:
    """Every URL pattern the project serves, as ``resolve(path).route`` spells it."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = _join(prefix, str(pattern.pattern))
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route

    return frozenset(walk(get_resolver().url_patterns, ""))


PAGE_ROUTE = r"^((?:[\w\-]+/)*)$"  # Wagtail's page serving: any path no other pattern takes
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_FILLERS = ("1", str(uuid.UUID(int=1)), "x")


def route_of(url: str) -> str:
    """The pattern a matrix URL (``{placeholders}`` and all) resolves to. A placeholder ending in
    ``_url`` (or ``{episode}``) stands for a Wagtail page; any other is tried as a number, a UUID
    and a word until a pattern other than page serving takes it."""
    path = url.split("?")[0]
    names = _PLACEHOLDER.findall(path)
    if path.startswith("{") and (names[0].endswith("_url") or names[0] == "episode"):
        return PAGE_ROUTE
    match = None
    for filler in _FILLERS:
        try:
            match = resolve(_PLACEHOLDER.sub(filler, path))
        except Resolver404:
            continue
        if match.route != PAGE_ROUTE:
            return match.route
    if match is None:
        raise AssertionError(f"{url} resolves to no pattern")
    return match.route


def matrix_modules() -> list:
    """The modules that declare expected answers: ``tests/**/test_*permissions.py``."""
    root = Path(__file__).resolve().parent
    names = sorted(
        ".".join(("tests", *path.relative_to(root).with_suffix("").parts))
        for path in root.rglob("test_*permissions.py")
    )
    return [importlib.import_module(name) for name in names]


def declared_routes() -> dict[str, str]:
    """Each declared pattern and the module that declares it."""
    declared = {}
    for module in matrix_modules():
        for name in ("MATRIX", "GETS", "POSTS"):
            for url in getattr(module, name, {}):
                declared.setdefault(route_of(url), module.__name__)
        for route in getattr(module, "ADMIN_ROUTES", {}):
            declared.setdefault(route, module.__name__)
    return declared


# --- admin routes: one row per pattern, the objects filled into its arguments --------------------


@dataclass
class Row:
    """The expected answers for one pattern; ``args`` names the object (a key of the world) for each
    URL argument, or gives the value itself (``=value``); ``query`` is appended."""

    want: dict
    args: dict = field(default_factory=dict)
    query: str = ""
    path: str = ""  # a concrete path, for regex patterns whose arguments have no names
    last: bool = False  # run after every other row (a log-out ends the visitor's session)

    def url(self, route: str, world: dict) -> str:
        if self.path:
            return self.path.format(**{k: getattr(v, "pk", v) for k, v in world.items()})

        def value(match):
            name = match.group(2)
            source = self.args.get(name, name)
            if source.startswith("="):
                return source[1:]
            return str(getattr(world[source], "pk", world[source]))

        path = "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)
        query = self.query.format(**{k: getattr(v, "pk", v) for k, v in world.items()})
        return path + (f"?{query}" if query else "")


def admin_row(owners: dict, **kwargs) -> Row:
    """A row for an admin screen: anonymous visitors go to the site's log-in, staff without admin
    rights to the site's home, the ``owners`` get their answer and every other admin role is
    denied (``owners`` may give ``"*"`` for the rest)."""
    return Row(want={ANONYMOUS: LOGIN, **WITHOUT_ADMIN, "*": ADMIN_DENIED, **owners}, **kwargs)


SNIPPET_VIEWS = {  # view name -> the action whose holders open it
    "list": "any",
    "list_results": "any",
    "usage": "any",
    "history": "any",
    "history_results": "any",
    "inspect": "any",
    "add": "add",
    "edit": "change",
    "delete": "delete",
    "choose": "choose",
    "choose_results": "choose",
    "chosen": "choose",
    "chosen_multiple": "choose",
    "create": "create",
}


def snippet_routes(
    label: str,
    *,
    extra: dict | None = None,
    answers: dict | None = None,
    views: dict | None = None,
    **holders,
) -> dict:
    """The rows of every pattern of the snippet ``label`` (``"app.model"``), its chooser's
    included: ``holders`` names, per action (``any``, ``add``, ``change``, ``delete``, ``choose``,
    ``create``), the visitors who are let in (superusers are named where they are); ``answers``
    overrides the answer of a view name; ``views`` the visitors let into one view name; ``extra``
    gives rows for the viewset's own views (by name).
    A view name this does not know fails: its expectation must be declared."""
    app_label, model_name = label.split(".")
    prefixes = (
        f"admin/snippets/{app_label}/{model_name}/",
        f"admin/snippets/choose/{app_label}/{model_name}/",
    )
    rows = {}
    for route in sorted(url_routes()):
        if not route.startswith(prefixes):
            continue
        name = resolve_name(route)
        args = {"pk": label}
        if name in (extra or {}):
            rows[route] = extra[name]
            continue
        let_in = (views or {}).get(name, holders.get(SNIPPET_VIEWS[name], ()))
        rows[route] = admin_row(dict.fromkeys(let_in, (answers or {}).get(name, 200)), args=args)
    return rows


MODEL_VIEWSET_VIEWS = (
    "",
    "results/",
    "new/",
    "edit/<int:pk>/",
    "delete/<int:pk>/",
    "history/<int:pk>/",
    "history-results/<int:pk>/",
    "usage/<int:pk>/",
)


def model_viewset_routes(prefix: str, owners: dict, label: str) -> dict:
    """The rows of every screen of a Wagtail ``ModelViewSet`` registered as ``prefix``: its
    ``owners`` get their answer, the rest what ``admin_row`` fills in; ``label`` names the world's
    object for ``<pk>``."""
    return {f"admin/{prefix}/{view}": admin_row(owners, args={"pk": label}) for view in MODEL_VIEWSET_VIEWS}


def resolve_name(route: str) -> str:
    """The URL name of an admin route (the chooser's ``choose``, a viewset's ``edit`` ...)."""
    return _route_names()[route]


@functools.cache
def _route_names() -> dict[str, str]:
    def walk(patterns, prefix):
        for pattern in patterns:
            route = _join(prefix, str(pattern.pattern))
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route, pattern.name

    return dict(walk(get_resolver().url_patterns, ""))


def admin_visitors(login_as) -> dict:
    """A client for every kind of visitor, each with its own staff record and department."""
    from tests.factories import DepartmentFactory

    return {v: visitor_client(login_as, v, department=DepartmentFactory()) for v in VISITORS}


def _answer(response) -> str:
    """A short name for an answer, for the failure report."""
    location = response.get("Location", "")
    if response.status_code != 302:
        return str(response.status_code)
    if location == "/admin/":
        return ADMIN_DENIED
    if location == "/":
        return NO_ADMIN
    if location.startswith("/accounts/login/?next="):
        return LOGIN
    return f"302 {location}"


def route_chunks(rows: dict, size: int = 60) -> list:
    """``rows`` as test parameters of ``size`` rows each, so that test workers share a long matrix."""
    items = sorted(rows.items())
    return [
        pytest.param(dict(items[i : i + size]), id=f"rows{i // size + 1}") for i in range(0, len(items), size)
    ]


def check_routes(clients: dict, rows: dict, world: dict) -> None:
    """GET every row's URL as every visitor; all wrong answers are reported together."""
    failures = []
    for route, row in sorted(rows.items(), key=lambda item: item[1].last):
        path = row.url(route, world)
        for visitor, client in clients.items():
            client.raise_request_exception = False
            client.cookies.pop("messages", None)  # each answer's own message, not the last one's
            response = client.get(path)
            try:
                assert_answer(response, row.want, path, visitor)
            except AssertionError:
                want = row.want.get(visitor, row.want["*"])
                failures.append(f"{route} | {path} | {visitor} | want {want} | got {_answer(response)}")
    assert not failures, "\n".join(failures)
