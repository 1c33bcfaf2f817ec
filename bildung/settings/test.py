"""Test settings: fast hashing, local-memory cache, inline tasks unless a test starts a worker."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_SECONDS = 0  # tests of the page cache (tests/cache/) switch it on
SEARCH_CACHE_SECONDS = 0  # tests/search/test_result_cache.py switches it on
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ARTIFACTS_DIR = BASE_DIR / "test-artifacts"  # noqa: F405
ARTIFACTS_DIR.mkdir(exist_ok=True)  # a fresh clone has none; the SQLite test database lives here
MEDIA_ROOT = ARTIFACTS_DIR / "media"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# No request limit unless a test sets one (tests/api/test_http.py checks the 429).
SEARCH_THROTTLE_RATE = AUTOCOMPLETE_THROTTLE_RATE = None
SEARCH_PAGE_RATE_LIMIT = FORM_RATE_LIMIT = ""
# A file-backed SQLite test database, so tests can hand it to a subprocess (the import kill
# test); PostgreSQL test databases are reachable by name anyway.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(ARTIFACTS_DIR / "test.sqlite3")}  # noqa: F405
