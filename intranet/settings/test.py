"""Tests: fast hashing, mail in memory, SQLite in a file so that a live server thread and a
real Celery worker process can share it (pytest-django gives each xdist worker its own)."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory for in-process tests; a real worker process is pointed at a folder instead.
EMAIL_BACKEND = os.environ.get("IEUM_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("IEUM_EMAIL_FILE_PATH", str(VAR_DIR / "test" / "mail"))
(VAR_DIR / "test").mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # One file per test process, so that runs side by side never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test" / f"test-ieum-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("IEUM_TEST_DB_NAME", "test_ieum")}
AXES_ENABLED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test" / "media"
# Unit tests run tasks in-process; tests marked "worker" send them to a real worker process.
CELERY_TASK_ALWAYS_EAGER = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
STATIC_ROOT = None  # static files come from the finders; nothing is collected in tests
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Parallel test processes must not share a cache (each test starts by clearing its own), so the
# cache stays in process memory even when REDIS_URL points the broker at Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("IEUM_TEST_CACHE_DIR"):
    # A subprocess of a test that proves the embedded default's cache is shared across processes.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["IEUM_TEST_CACHE_DIR"],
        }
    }
# seed_demo in tests (the living demo at several dates, the browser walk) seeds the system-users'
# surveys at this fraction of the report's 2,278 and 12,575 respondents: the full size is half a
# million answers per run. The demo's own tests pin the full-size specs.
IEUM_DEMO_SYSTEM_SURVEY_FRACTION = 0.12
