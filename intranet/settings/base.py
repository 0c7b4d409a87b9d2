"""Settings shared by every environment.

Everything that differs between a laptop and production comes from the environment:
``DATABASE_URL`` and ``REDIS_URL`` override the embedded defaults (SQLite in WAL mode and
Celery's filesystem broker, both under ``var/``).
"""

import contextlib
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .directory_ldap import BACKEND as LDAP_BACKEND
from .directory_ldap import directory_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("IEUM_VAR_DIR", BASE_DIR / "var"))
# The embedded default keeps its database, mail, broker and cache here: make sure the folder is
# there whatever started the process (`IEUM_VAR_DIR=/somewhere make run`, a bare manage.py).
with contextlib.suppress(OSError):  # a read-only deployment that keeps nothing here
    VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-ieum")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]

INSTALLED_APPS = [
    "intranet",
    "intranet.directory",
    "intranet.home",
    "intranet.surveys",
    "performance",
    "learning",
    "learning.records",
    "learning.clubs",
    "newsroom",
    "newsroom.interviews",
    "newsroom.activity",
    "advisory",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tables2",
    "django_filters",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the database: a NUL in the address, query or cookies is a 400.
    "intranet.middleware.BadInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "intranet.middleware.KoreanFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A session signed in through the agency directory ends once the account is disabled there.
    "intranet.directory.middleware.DirectorySessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, with the policy text kept per process (intranet/csp.py).
    "intranet.csp.CSPMiddleware",
    # After CSPMiddleware: lets the admin's own inline scripts carry its nonce (intranet/csp.py).
    "intranet.csp.AdminScriptNonceMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lock-out into a clear response.
    "axes.middleware.AxesMiddleware",
    # Last of all for its process_view: a double submit of an admin "add" form creates once.
    "intranet.middleware.AdminCreateOnceMiddleware",
]

ROOT_URLCONF = "intranet.urls"
WSGI_APPLICATION = "intranet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "intranet" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "intranet.context_processors.navigation",
            ],
            # Korean dates and particles (kdate, kdatetime, josa) and absolute links in every template.
            "builtins": ["intranet.templatetags.ieum_korean", "intranet.templatetags.ieum_links"],
        },
    }
]


def database_from_environment(default_sqlite_path):
    """The DATABASES entry: ``DATABASE_URL`` when set, else SQLite in WAL mode."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": default_sqlite_path,
        "OPTIONS": {
            # WAL lets readers run beside the one writer; IMMEDIATE makes a writer take the
            # lock at BEGIN so two writers queue instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            ),
        },
    }


DATABASES = {"default": database_from_environment(VAR_DIR / "ieum.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "intranet.directory.auth.StaffModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The agency directory (LDAP / Active Directory), only when IEUM_LDAP_SERVER_URI is set: it then
# checks every password but the local superusers' (break-glass). See intranet/settings/directory_ldap.py.
DIRECTORY_LDAP = directory_settings(os.environ)
globals().update(DIRECTORY_LDAP)
if DIRECTORY_LDAP["IEUM_LDAP_ENABLED"]:
    AUTHENTICATION_BACKENDS.insert(1, LDAP_BACKEND)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# The agency's reverse proxies (addresses or networks, comma-separated): only these are believed
# when they name the client in X-Forwarded-For (intranet/client_address.py, the one reader).
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]

# django-axes: lock a (user name, client address) pair after repeated failures, on the site's and
# on the admin's log-in alike. A stranger guessing from one address locks only that address out of
# the account; the owner logs in from their own. Every lock-out is kept in directory.LockOut and
# the person is notified (intranet/directory/lockouts.py); an HR admin can unlock in the admin.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "intranet.client_address.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
SILENCED_SYSTEM_CHECKS: list[str] = []

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("한국어")), ("en", _("영어"))]
# Ieum's catalogues come before every app's (Wagtail's included). intranet/locale holds Ieum's own
# strings (`make messages` rewrites it: makemessages writes to the first entry, so it stays first);
# intranet/locale_admin holds Korean for the Wagtail admin strings Wagtail leaves untranslated
# (docs/accessibility.md). No msgid is in both, so their order changes no translation.
LOCALE_PATHS = [BASE_DIR / "intranet" / "locale", BASE_DIR / "intranet" / "locale_admin"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "intranet" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: imports are refused above IEUM_IMPORT_MAX_BYTES with a Korean message; the request
# limits sit just above it so the form, not Django, gets to say so.
IEUM_IMPORT_MAX_BYTES = 10 * 1024 * 1024
IEUM_IMPORT_ASYNC_ROWS = 5000
# An XLSX is a zip: refused before parsing if it would inflate past this, or any large part of it
# is compressed more than IEUM_XLSX_MAX_RATIO times (real sheets: about 15 times).
IEUM_XLSX_MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
IEUM_XLSX_MAX_RATIO = 100
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

WAGTAIL_SITE_NAME = "이음"
# The one address links that leave the site are built from (e-mail, feeds, calendars; see
# intranet/links.py). `make run` sets it to its own address; Wagtail's admin links use it too.
IEUM_SITE_URL = os.environ.get(
    "IEUM_SITE_URL", os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
).rstrip("/")
WAGTAILADMIN_BASE_URL = IEUM_SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents go out only through /documents/<id>/<name> (the collection's privacy is checked there,
# and /media/ refuses the documents folder), always as downloads, and only of these types: no
# HTML, script or SVG that a browser could run. Images stay Wagtail's raster types (no SVG).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "hwp", "hwpx", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv", "zip",
]  # fmt: skip
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

DJANGO_TABLES2_TEMPLATE = "includes/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "data-table"}

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ieum@agency.example")
# A mail server that hangs must not hold an outbox claim for ever (home.services.SENDING_LEASE).
EMAIL_TIMEOUT = 60

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "intranet.redis_cache.KeptClientRedisCache", "LOCATION": REDIS_URL}}
else:
    # One cache for every process of the embedded default (web, worker, commands): an import run
    # by the worker or a command must invalidate the figures the web process shows. Files under
    # var/ need no server; intranet/caching.py keeps values in each process's memory per
    # generation, so a page reads one small token file, not the values.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

CELERY_BROKER_URL = REDIS_URL or "filesystem://"
# Redis redelivers a message nobody acknowledged after this many seconds (a worker killed mid-task):
# longer than any task runs or waits for its countdown (retry backoff tops out at 10 minutes), or a
# slow task would be run twice while still running. See docs/architecture.md, "Exactly once".
BROKER_VISIBILITY_TIMEOUT = int(os.environ.get("IEUM_BROKER_VISIBILITY_TIMEOUT", "3600"))
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "visibility_timeout": BROKER_VISIBILITY_TIMEOUT,
        # kombu looks for such messages every interval × throttle seconds (10 × 10 by default, the
        # first look at the worker's start): every 10 s here, so a lost task is back on the queue
        # within the timeout + 10 s rather than up to 100 s later (one small Redis range query).
        "unacked_restore_interval": 10,
        "unacked_restore_throttle": 1,
    }
    if REDIS_URL
    else {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
)
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("IEUM_CELERY_QUEUE", "ieum")
CELERY_TASK_IGNORE_RESULT = True
# Acknowledge after the task, and give a task back to the queue when its worker process dies:
# a lost worker means the work is redone, never silently dropped. Redoing is safe because every
# task with an outside effect records it first (notification rows, the mail outbox).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # The mail outbox: send mail whose task was lost; flag claims whose worker died (not resent).
    "outgoing-mail-flush": {
        "task": "intranet.home.tasks.outgoing_mail_flush_task",
        "schedule": crontab(minute="*/10"),
    },
    # Survey reminders: round 1 three days before the close, round 2 on the last day (idempotent).
    "survey-reminders": {
        "task": "intranet.surveys.tasks.survey_reminders_dispatch",
        "schedule": crontab(hour=9, minute=0),
    },
    # Surveys past their close are closed, released from the holding area and sealed (idempotent).
    "surveys-past-close": {
        "task": "intranet.surveys.tasks.surveys_past_close_dispatch",
        "schedule": crontab(minute="*/15"),
    },
    # Performance reminders: milestone due in 7 days, overdue, 30 days without an update (idempotent).
    "performance-reminders": {
        "task": "performance.tasks.programme_reminders_dispatch",
        "schedule": crontab(hour=8, minute=30),
    },
    # Education: sessions starting in three days (daily), certificates expiring within 30 days
    # (daily), the monthly hours digest to department heads (1st of the month).
    "learning-session-reminders": {
        "task": "learning.tasks.session_reminders_dispatch",
        "schedule": crontab(hour=8, minute=0),
    },
    "learning-certificate-expiry": {
        "task": "learning.records.tasks.certificate_expiry_reminders_dispatch",
        "schedule": crontab(hour=8, minute=10),
    },
    "learning-hours-digest": {
        "task": "learning.tasks.hours_digest_dispatch",
        "schedule": crontab(day_of_month=1, hour=7, minute=0),
    },
    # Advisory committee: terms ending in 60 and 30 days, overdue advice responses (idempotent).
    "advisory-term-reminders": {
        "task": "advisory.tasks.term_reminders_dispatch",
        "schedule": crontab(hour=8, minute=20),
    },
    "advisory-overdue-reminders": {
        "task": "advisory.tasks.overdue_reminders_dispatch",
        "schedule": crontab(hour=8, minute=40),
    },
    # Newsroom: the monthly card news digest to subscribers (once per issue per person).
    "newsroom-digest": {
        "task": "newsroom.tasks.digest_dispatch",
        "schedule": crontab(day_of_month=1, hour=9, minute=30),
    },
}
if DIRECTORY_LDAP.get("IEUM_LDAP_SYNC"):
    # Staff from the agency directory (validated first, all or nothing, leavers deactivated).
    CELERY_BEAT_SCHEDULE["directory-ldap-sync"] = {
        "task": "intranet.directory.tasks.directory_sync_task",
        "schedule": crontab(hour=int(os.environ.get("IEUM_LDAP_SYNC_HOUR", "5")), minute=15),
    }

# The Content Security Policy and the security headers: one definition for every environment.
from .security import *  # noqa: E402, F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "refusals_are_one_line": {"()": "intranet.log_filters.RefusalsAreOneLine"},
        "survey_links_redacted": {"()": "intranet.log_filters.SurveyLinksRedacted"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["survey_links_redacted"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "intranet": {"level": "INFO"},
        # One line per refused request, printed once (not again by Django's own console handler).
        "django.request": {
            "handlers": ["console"],
            "level": "WARNING",
            "propagate": False,
            "filters": ["refusals_are_one_line"],
        },
    },
}
