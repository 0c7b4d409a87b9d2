"""Log-in with the agency directory against a real slapd (tests/ldap_server.py, StartTLS required
by the server): the real log-in form and the real backend (docs/ldap.md)."""

import socket
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from intranet.directory.ldap_login import BACKEND_PATH
from intranet.directory.models import DirectoryRole, LockOut, Staff
from intranet.roles import Role
from intranet.settings.directory_ldap import directory_settings
from tests.factories import DepartmentFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

MINSU = "uid=minsu.kim,ou=people,dc=agency,dc=example"
HR_GROUP = "cn=hr-admins,ou=groups,dc=agency,dc=example"
PLANNERS = "cn=planners,ou=groups,dc=agency,dc=example"
WRONG = "아이디 또는 비밀번호가 맞지 않습니다."
CONTACT_HR = "이음에 직원 정보가 없습니다. 인사 담당자에게 문의해 주세요."
DOWN = "기관 디렉터리(로그인 서버)에 연결할 수 없어"


def log_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


@pytest.fixture
def agency(db):
    """The two teams of the LDIF and the staff records HR imported for two of its people."""
    education = DepartmentFactory(code="EDU", name="교육운영팀")
    DepartmentFactory(code="PLAN", name="기획예산팀")
    minsu = StaffFactory(employee_number="20190001", name="김민수", department=education)
    jiwoo = StaffFactory(employee_number="20200002", name="이지우", department=education)
    return {"minsu": minsu, "jiwoo": jiwoo}


def test_without_directory_settings_nothing_changes():
    assert directory_settings({}) == {"IEUM_LDAP_ENABLED": False}
    from django.conf import settings

    assert BACKEND_PATH not in settings.AUTHENTICATION_BACKENDS


def test_the_right_password_signs_in_and_joins_the_staff_record_by_employee_number(use_directory, agency):
    use_directory()
    client = Client()
    answer = log_in(client, "minsu.kim", "Minsu-pass-1")
    assert answer.status_code == 302 and signed_in(client)
    assert client.session[BACKEND_SESSION_KEY] == BACKEND_PATH
    minsu = Staff.objects.select_related("user").get(pk=agency["minsu"].pk)
    assert minsu.user.username == "minsu.kim" and not minsu.user.has_usable_password()
    assert minsu.user.email == "minsu.kim@agency.example"
    assert minsu.user.groups.filter(name=Role.STAFF).exists()
    home = client.get("/")
    assert "김민수님, 반갑습니다" in home.content.decode()
    assert home.wsgi_request.user._ieum_staff == minsu


def test_an_existing_log_in_account_of_the_person_is_kept(use_directory, agency):
    use_directory()
    account = UserFactory(username="mskim-old")
    Staff.objects.filter(pk=agency["minsu"].pk).update(user=account)
    client = Client()
    assert log_in(client, "minsu.kim", "Minsu-pass-1").status_code == 302
    assert client.session[SESSION_KEY] == str(account.pk)


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("minsu.kim", "not-her-password"),  # wrong password
        ("nobody.here", "Minsu-pass-1"),  # unknown user
        ("junghoon.choi", "Junghoon-pass-4"),  # disabled in the directory (right password)
        ("sangwoo.han", "Sangwoo-pass-6"),  # a leaver: outside the people base
        ("*)(uid=*", "Minsu-pass-1"),  # filter injection: a name, not a filter
        ("*", "Minsu-pass-1"),
        ("minsu.kim)(uid=*", "Minsu-pass-1"),
    ],
)
def test_refusals_say_the_usual_korean_sentence(use_directory, agency, username, password):
    use_directory()
    StaffFactory(employee_number="20180004", name="최정훈")
    StaffFactory(employee_number="20150006", name="한상우")
    client = Client()
    answer = log_in(client, username, password)
    assert answer.status_code == 200 and not signed_in(client)
    assert WRONG in answer.content.decode()


def test_a_local_password_no_longer_signs_in_an_ordinary_person(use_directory, agency, password):
    use_directory()
    account = UserFactory(username="local.person")
    StaffFactory(user=account)
    client = Client()
    assert log_in(client, "local.person", password).status_code == 200 and not signed_in(client)


def test_no_staff_record_is_refused_with_contact_hr(use_directory, agency):
    use_directory()
    client = Client()
    answer = log_in(client, "seoyeon.park", "Seoyeon-pass-3")
    assert answer.status_code == 200 and not signed_in(client)
    assert CONTACT_HR in answer.content.decode()
    assert not Staff.objects.filter(employee_number="20210003").exists()


def test_a_setting_allows_creating_the_staff_record_from_the_entry(use_directory, agency):
    use_directory(IEUM_LDAP_CREATE_STAFF="true")
    client = Client()
    assert log_in(client, "seoyeon.park", "Seoyeon-pass-3").status_code == 302
    created = Staff.objects.select_related("department", "user").get(employee_number="20210003")
    assert (created.name, created.department.code, created.position) == ("박서연", "PLAN", "주무관")
    assert created.user.username == "seoyeon.park"
    assert "박서연" in created.search_key and "ㅂㅅㅇ" in created.search_key


def test_the_employee_number_attribute_is_configurable(use_directory, agency):
    """Here the 사번 is read from `title` (an agency whose directory keeps it elsewhere)."""
    use_directory(IEUM_LDAP_EMPLOYEE_NUMBER_ATTRIBUTE="title")
    StaffFactory(employee_number="주무관", name="김민수")
    client = Client()
    assert log_in(client, "minsu.kim", "Minsu-pass-1").status_code == 302
    assert Staff.objects.get(employee_number="주무관").user.username == "minsu.kim"


def test_groups_give_roles_at_each_log_in_and_hand_given_roles_stay(use_directory, agency, directory_entry):
    use_directory(IEUM_LDAP_ROLE_GROUPS=f'{{"{HR_GROUP}": "HR admin", "{PLANNERS}": "planner"}}')
    planner = Group.objects.get(name=Role.PLANNER)
    leader = Group.objects.get(name=Role.LEADER)
    # 김민수 already holds "leader" and "planner" by hand; the directory puts her in hr-admins only.
    minsu_account = UserFactory(username="minsu.kim", roles=[Role.STAFF, Role.LEADER, Role.PLANNER])
    Staff.objects.filter(pk=agency["minsu"].pk).update(user=minsu_account)

    assert log_in(Client(), "minsu.kim", "Minsu-pass-1").status_code == 302
    names = set(minsu_account.groups.values_list("name", flat=True))
    assert names == {Role.STAFF, Role.LEADER, Role.PLANNER, Role.HR_ADMIN}
    [grant] = DirectoryRole.objects.filter(user=minsu_account)
    assert (grant.group.name, grant.group_dn) == (Role.HR_ADMIN, HR_GROUP.lower())

    # She leaves hr-admins and joins planners: the directory's role goes, the hand-given stay,
    # and "planner" (held by hand already) is not recorded as the directory's.
    directory_entry(HR_GROUP, {"member": ["uid=jiwoo.lee,ou=people,dc=agency,dc=example"]})
    directory_entry(PLANNERS, {"member": [MINSU]})
    assert log_in(Client(), "minsu.kim", "Minsu-pass-1").status_code == 302
    names = set(minsu_account.groups.values_list("name", flat=True))
    assert names == {Role.STAFF, Role.LEADER, Role.PLANNER}
    assert not DirectoryRole.objects.filter(user=minsu_account).exists()
    assert planner in minsu_account.groups.all() and leader in minsu_account.groups.all()


def test_the_admin_shows_hand_given_and_directory_roles_apart(use_directory, agency, login_as):
    hr = login_as(Role.HR_ADMIN)  # a local session, made before the directory is configured
    use_directory(IEUM_LDAP_ROLE_GROUPS=f'{{"{PLANNERS}": "planner"}}')
    jiwoo_account = UserFactory(username="jiwoo.lee", roles=[Role.STAFF, Role.EDITOR])
    Staff.objects.filter(pk=agency["jiwoo"].pk).update(user=jiwoo_account)
    assert log_in(Client(), "jiwoo.lee", "Jiwoo-pass-2").status_code == 302

    listing = hr.get("/admin/snippets/directory/staff/?q=이지우").content.decode()
    assert "직접 준 역할" in listing and "디렉터리가 준 역할" in listing
    row = listing[listing.index("20200002") :]
    row = row[: row.index("</tr>")]
    assert row.index("뉴스룸 편집자") < row.index("성과 기획자")  # by hand, then from the directory
    roles = hr.get("/admin/snippets/directory/directoryrole/").content.decode()
    assert "jiwoo.lee" in roles and PLANNERS.lower() in roles


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers (a hung directory)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"ldap://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


@pytest.mark.parametrize("down", ["refused", "hangs"])
def test_directory_down_refuses_fast_in_korean_and_the_local_superuser_still_signs_in(
    use_directory, agency, silent_server, password, down
):
    uri = f"ldap://127.0.0.1:{_unused_port()}" if down == "refused" else silent_server
    use_directory(IEUM_LDAP_SERVER_URI=uri, IEUM_LDAP_TIMEOUT="1")
    client = Client()
    started = time.monotonic()
    answer = log_in(client, "minsu.kim", "Minsu-pass-1")
    elapsed = time.monotonic() - started
    assert answer.status_code == 200 and not signed_in(client)
    assert DOWN in answer.content.decode()
    assert elapsed < 3, f"the refusal took {elapsed:.1f} s"

    UserFactory(username="breakglass", is_superuser=True, is_staff=True)
    admin = Client()
    started = time.monotonic()
    assert log_in(admin, "breakglass", password).status_code == 302 and signed_in(admin)
    assert time.monotonic() - started < 3


def test_a_certificate_not_signed_by_the_configured_ca_is_refused(use_directory, agency, tmp_path):
    """StartTLS checks the server's certificate: another CA (here: a self-made one) refuses."""
    import subprocess

    other = tmp_path / "other-ca.crt"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-days", "1", "-subj", "/CN=Another CA", "-keyout", str(tmp_path / "k"), "-out", str(other)],
        check=True, capture_output=True,
    )  # fmt: skip
    use_directory(IEUM_LDAP_CA_CERT_FILE=str(other))
    client = Client()
    answer = log_in(client, "minsu.kim", "Minsu-pass-1")
    assert not signed_in(client) and DOWN in answer.content.decode()


def test_the_lock_out_still_applies_to_directory_log_ins(use_directory, agency):
    use_directory()
    attacker = Client(REMOTE_ADDR="192.0.2.10")
    for _attempt in range(5):
        log_in(attacker, "minsu.kim", "guess")
    answer = log_in(attacker, "minsu.kim", "Minsu-pass-1")
    assert not signed_in(attacker) and answer.status_code == 429
    assert LockOut.objects.filter(username="minsu.kim", ip_address="192.0.2.10").exists()
    owner = Client(REMOTE_ADDR="192.0.2.20")
    assert log_in(owner, "minsu.kim", "Minsu-pass-1").status_code == 302 and signed_in(owner)


@pytest.mark.parametrize(
    "start", [datetime(2026, 3, 2, 9, 0, tzinfo=UTC), datetime(2027, 12, 31, 23, 59, tzinfo=UTC)]
)
def test_an_account_disabled_in_the_directory_loses_its_live_session(
    use_directory, agency, directory_entry, start
):
    use_directory(IEUM_LDAP_RECHECK_SECONDS="60")
    with time_machine.travel(start, tick=False) as clock:
        client = Client()
        assert log_in(client, "minsu.kim", "Minsu-pass-1").status_code == 302
        assert client.get("/directory/").status_code == 200  # checked now: enabled, cached 60 s
        directory_entry(MINSU, {"employeeType": ["disabled"]})
        assert client.get("/directory/").status_code == 200  # within the cached minute
        clock.shift(timedelta(seconds=61))
        answer = client.get("/directory/", follow=True)
        assert answer.redirect_chain[0][0] == "/accounts/login/?next=/directory/"
        assert not signed_in(client)
        assert "사용이 중지된 계정이라 로그아웃되었습니다" in answer.content.decode()


def test_with_no_cache_the_very_next_request_is_refused(use_directory, agency, directory_entry):
    use_directory(IEUM_LDAP_RECHECK_SECONDS="0")
    client = Client()
    assert log_in(client, "minsu.kim", "Minsu-pass-1").status_code == 302
    assert client.get("/directory/").status_code == 200
    directory_entry(MINSU, {"employeeType": ["disabled"]})
    assert client.get("/directory/").status_code == 302 and not signed_in(client)


def test_a_directory_outage_does_not_sign_live_sessions_out(use_directory, agency):
    use_directory(IEUM_LDAP_RECHECK_SECONDS="0")
    client = Client()
    assert log_in(client, "minsu.kim", "Minsu-pass-1").status_code == 302
    use_directory(IEUM_LDAP_SERVER_URI=f"ldap://127.0.0.1:{_unused_port()}", IEUM_LDAP_RECHECK_SECONDS="0")
    assert client.get("/directory/").status_code == 200 and signed_in(client)


def test_a_role_map_naming_an_unknown_role_fails_the_system_check(settings):
    from intranet.directory.checks import directory_role_groups_check

    settings.IEUM_LDAP_ROLE_GROUPS = {HR_GROUP: "HR admin"}
    assert directory_role_groups_check(None) == []
    settings.IEUM_LDAP_ROLE_GROUPS = {HR_GROUP: "HR admins"}
    [error] = directory_role_groups_check(None)
    assert error.id == "ieum.E101" and "HR admins" in error.msg


def test_the_active_directory_example_of_the_readme_reads_as_meant():
    import ldap
    from django_auth_ldap.config import NestedActiveDirectoryGroupType

    values = directory_settings(
        {
            "IEUM_LDAP_SERVER_URI": "ldaps://dc1.agency.local:636",
            "IEUM_LDAP_USER_BASE": "OU=Staff,DC=agency,DC=local",
            "IEUM_LDAP_LOGIN_ATTRIBUTE": "sAMAccountName",
            "IEUM_LDAP_PEOPLE_FILTER": "(&(objectCategory=person)(objectClass=user)"
            "(!(userAccountControl:1.2.840.113556.1.4.803:=2)))",
            "IEUM_LDAP_EMPLOYEE_NUMBER_ATTRIBUTE": "employeeID",
            "IEUM_LDAP_GROUP_BASE": "OU=Groups,DC=agency,DC=local",
            "IEUM_LDAP_GROUP_TYPE": "activeDirectory",
            "IEUM_LDAP_ROLE_GROUPS": '{"CN=Ieum-HR,OU=Groups,DC=agency,DC=local": "HR admin"}',
        }
    )
    assert values["IEUM_LDAP_ENABLED"] and values["AUTH_LDAP_START_TLS"] is False  # LDAPS: TLS already
    assert values["IEUM_LDAP_ATTRIBUTES"]["employee_number"] == "employeeID"
    assert isinstance(values["AUTH_LDAP_GROUP_TYPE"], NestedActiveDirectoryGroupType)
    search = values["AUTH_LDAP_USER_SEARCH"]
    assert search.filterstr.endswith("(sAMAccountName=%(user)s))")
    options = values["AUTH_LDAP_CONNECTION_OPTIONS"]
    assert options[ldap.OPT_X_TLS_REQUIRE_CERT] == ldap.OPT_X_TLS_DEMAND
    assert options[ldap.OPT_NETWORK_TIMEOUT] == 3 and list(options)[-1] == ldap.OPT_X_TLS_NEWCTX
    with pytest.raises(ValueError, match="IEUM_LDAP_GROUP_TYPE"):
        directory_settings(
            {
                **{"IEUM_LDAP_SERVER_URI": "ldap://x", "IEUM_LDAP_USER_BASE": "o=x"},
                "IEUM_LDAP_GROUP_TYPE": "nis",
            }
        )
