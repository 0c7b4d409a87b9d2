"""A throw-away OpenLDAP server (Debian's ``slapd``) for the directory log-in and sync tests.

``slapd_server`` (session fixture) makes a folder of its own, a CA and a server certificate
(``openssl``, EC keys: milliseconds), a ``slapd.conf`` that demands TLS for every operation
(``security tls=1``: a client that skips StartTLS is refused, so the tests prove it is used),
loads ``tests/directory/ldap/agency.ldif`` offline with ``slapadd`` and starts ``slapd`` on a free
port of 127.0.0.1. Each xdist worker gets its own server. Start-up takes well under a second.

``scripts/ensure-ldap.sh server`` installs ``slapd`` (``make test`` and ``.ci/run`` call it). The
tests are skipped, with the reason, only where it cannot be installed (not root or no apt-get);
in CI a missing ``slapd`` is a failure.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LDIF = ROOT / "tests" / "directory" / "ldap" / "agency.ldif"
SLAPD = Path("/usr/sbin/slapd")
SLAPADD = Path("/usr/sbin/slapadd")
SCHEMAS = ("core", "cosine", "inetorgperson", "nis")

SUFFIX = "dc=agency,dc=example"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "root-secret"
READER_DN = f"cn=ieum-reader,ou=system,{SUFFIX}"
READER_PASSWORD = "reader-secret"
PEOPLE_BASE = f"ou=people,{SUFFIX}"
GROUP_BASE = f"ou=groups,{SUFFIX}"
# OpenLDAP has no standard "disabled" flag: the agency's convention goes in the people filter.
PEOPLE_FILTER = "(&(objectClass=inetOrgPerson)(!(employeeType=disabled)))"

CONFIG = """\
{includes}
modulepath /usr/lib/ldap
moduleload back_mdb.la
pidfile {dir}/slapd.pid
argsfile {dir}/slapd.args
TLSCACertificateFile {dir}/ca.crt
TLSCertificateFile {dir}/server.crt
TLSCertificateKeyFile {dir}/server.key
security tls=1
sizelimit 5000

database mdb
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_password}
directory {dir}/data
maxsize 10485760
index objectClass,uid,employeeNumber eq

access to attrs=userPassword
  by anonymous auth
  by * none
access to *
  by dn.exact="{reader_dn}" read
  by self read
  by * none
"""


@dataclass
class SlapdServer:
    """One running ``slapd``: its address, CA certificate and folder."""

    folder: Path
    port: int = 0
    process: subprocess.Popen | None = None
    log: list[str] = field(default_factory=list)

    @property
    def uri(self) -> str:
        return f"ldap://127.0.0.1:{self.port}"

    @property
    def ca_file(self) -> Path:
        return self.folder / "ca.crt"

    def environment(self, **extra: str) -> dict[str, str]:
        """The ``IEUM_LDAP_*`` variables an agency would set, pointed at this server."""
        values = {
            "IEUM_LDAP_SERVER_URI": self.uri,
            "IEUM_LDAP_START_TLS": "true",
            "IEUM_LDAP_CA_CERT_FILE": str(self.ca_file),
            "IEUM_LDAP_BIND_DN": READER_DN,
            "IEUM_LDAP_BIND_PASSWORD": READER_PASSWORD,
            "IEUM_LDAP_USER_BASE": PEOPLE_BASE,
            "IEUM_LDAP_LOGIN_ATTRIBUTE": "uid",
            "IEUM_LDAP_PEOPLE_FILTER": PEOPLE_FILTER,
            "IEUM_LDAP_GROUP_BASE": GROUP_BASE,
            "IEUM_LDAP_GROUP_TYPE": "groupOfNames",
            "IEUM_LDAP_TIMEOUT": "2",
        }
        values.update(extra)
        return values

    def admin(self):
        """A python-ldap connection bound as the directory's root (to change entries in a test)."""
        import ldap

        connection = ldap.initialize(self.uri, bytes_mode=False)
        connection.set_option(ldap.OPT_X_TLS_CACERTFILE, str(self.ca_file))
        connection.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_DEMAND)
        connection.set_option(ldap.OPT_X_TLS_NEWCTX, 0)
        connection.start_tls_s()
        connection.simple_bind_s(ROOT_DN, ROOT_PASSWORD)
        return connection

    def start(self) -> "SlapdServer":
        self._certificates()
        (self.folder / "data").mkdir()
        includes = "\n".join(f"include /etc/ldap/schema/{name}.schema" for name in SCHEMAS)
        (self.folder / "slapd.conf").write_text(
            CONFIG.format(
                includes=includes,
                dir=self.folder,
                suffix=SUFFIX,
                root_dn=ROOT_DN,
                root_password=ROOT_PASSWORD,
                reader_dn=READER_DN,
            )
        )
        self._run([str(SLAPADD), "-q", "-f", str(self.folder / "slapd.conf"), "-l", str(LDIF)])
        self.port = _free_port()
        self.process = subprocess.Popen(
            [str(SLAPD), "-d", "0", "-f", str(self.folder / "slapd.conf"), "-h", self.uri],
            stdout=subprocess.DEVNULL,
            stderr=(self.folder / "slapd.log").open("wb"),
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"slapd stopped: {(self.folder / 'slapd.log').read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("slapd did not start listening within 15 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _certificates(self) -> None:
        """A CA and a server certificate for 127.0.0.1, made now (never a key kept in the repo)."""
        d = self.folder
        self._run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
             "-nodes", "-days", "2", "-subj", "/CN=Ieum test CA", "-keyout", f"{d}/ca.key",
             "-out", f"{d}/ca.crt"]
        )  # fmt: skip
        self._run(
            ["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-subj", "/CN=127.0.0.1", "-keyout", f"{d}/server.key", "-out", f"{d}/server.csr"]
        )  # fmt: skip
        (d / "san.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
        self._run(
            ["openssl", "x509", "-req", "-in", f"{d}/server.csr", "-CA", f"{d}/ca.crt",
             "-CAkey", f"{d}/ca.key", "-CAcreateserial", "-days", "2", "-extfile", f"{d}/san.ext",
             "-out", f"{d}/server.crt"]
        )  # fmt: skip

    @staticmethod
    def _run(command: list[str]) -> None:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode:
            raise RuntimeError(f"{command[0]} failed: {result.stderr[-2000:]}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def slapd_available() -> str | None:
    """None when slapd can run here, else why not (after trying to install it where we may)."""
    if SLAPD.is_file() and SLAPADD.is_file() and shutil.which("openssl"):
        return None
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["sh", str(ROOT / "scripts" / "ensure-ldap.sh"), "server"], check=False)
        if SLAPD.is_file() and SLAPADD.is_file() and shutil.which("openssl"):
            return None
        return "Debian's slapd could not be installed (scripts/ensure-ldap.sh server failed)."
    return (
        "Debian's slapd is not installed and cannot be installed here (needs root and apt-get): "
        "sudo apt-get install slapd ldap-utils"
    )


@pytest.fixture(scope="session")
def slapd_server():
    problem = slapd_available()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"{problem} CI must install it (scripts/ensure-ldap.sh server).")
        pytest.skip(problem)
    server = SlapdServer(folder=Path(tempfile.mkdtemp(prefix="ieum-slapd-"))).start()
    yield server
    server.stop()


@pytest.fixture
def use_directory(settings, slapd_server):
    """Point Ieum at the test directory for one test: ``use_directory(**extra_environment)`` reads
    the variables through the same code as production settings (``directory_settings``)."""
    from intranet.settings.directory_ldap import BACKEND, directory_settings

    def apply(server=None, **extra):
        values = directory_settings((server or slapd_server).environment(**extra))
        for name, value in values.items():
            setattr(settings, name, value)
        backends = [b for b in settings.AUTHENTICATION_BACKENDS if b != BACKEND]
        settings.AUTHENTICATION_BACKENDS = [backends[0], BACKEND, *backends[1:]]
        return slapd_server

    return apply


@pytest.fixture
def directory_entry(slapd_server):
    """Change an entry for one test and put it back afterwards:
    ``directory_entry(dn, {"employeeType": ["disabled"]})``; ``None`` values delete the attribute;
    ``directory_entry(dn, attrs, add=True)`` adds a new entry (deleted afterwards)."""
    import ldap
    import ldap.modlist

    admin = slapd_server.admin()
    undo = []

    def change(dn, attrs, add=False):
        encoded = {k: None if v is None else [x.encode() for x in v] for k, v in attrs.items()}
        if add:
            admin.add_s(dn, ldap.modlist.addModlist(encoded))
            undo.append(lambda: admin.delete_s(dn))
            return
        [(_dn, before)] = admin.search_s(dn, ldap.SCOPE_BASE, attrlist=list(attrs))
        after = {k: v for k, v in {**before, **encoded}.items() if v is not None}
        admin.modify_s(dn, ldap.modlist.modifyModlist(before, after))
        undo.append(lambda: admin.modify_s(dn, ldap.modlist.modifyModlist(after, before)))

    yield change
    for step in reversed(undo):
        step()
    admin.unbind_s()
