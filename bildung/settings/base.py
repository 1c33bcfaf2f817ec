"""Settings shared by every environment. Every deployment value comes from the environment."""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from bildung.cache import redis_cache
from search.cluster_config import backend_settings

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Front ends on other origins may read the JSON API; nothing else is shared cross-origin.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "X-Search-Backend"]

SITE_NAME = env("SITE_NAME", default="Bildung in Magdeburg")
SITE_CITY = env("SITE_CITY", default="Magdeburg")

INSTALLED_APPS = [
    "home",
    "articles",
    "offers",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.api.v2",
    "wagtail_headless_preview",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
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
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "csp",
    "axes",
    # optional two-factor login (home/two_factor: German texts, admin-only middleware)
    "home.two_factor",
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_celery_results",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # outside the page cache, so cached pages carry the headers too (home/security.py)
    "csp.middleware.CSPMiddleware",
    "home.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # before sessions and auth: a cached page costs one cache read (home/page_cache.py)
    "home.page_cache.PageCacheMiddleware",
    # the request's site and root paths from one cache read (home/site_scope.py)
    "home.site_scope.SiteScopeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bildung.language_urls.ReadableLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # an admin user with an authenticator app must give its code (home/two_factor)
    "home.two_factor.middleware.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # last: turns a locked-out login into the lockout page (django-axes)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bildung.urls"
WSGI_APPLICATION = "bildung.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Redis down: pages are served uncached rather than failing (bildung/cache.py)
    CACHES = {
        "default": redis_cache(REDIS_URL),
        # Wagtail finds renditions here before it asks the database; shared by all
        # processes, so a rendition deleted by one is gone for every other.
        "renditions": {
            **redis_cache(REDIS_URL),
            "KEY_PREFIX": "bildung-renditions",
            "TIMEOUT": 86_400,
        },
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Page cache for anonymous visitors (home/page_cache.py) and the front cache's lifetime for
# pages (nginx takes it from X-Accel-Expires); 0 switches both off. Purges on publish keep
# pages current; the lifetime bounds what no purge catches (offers expiring at midnight).
# Without Redis each process has its own cache and a purge reaches only one: keep it short.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600 if REDIS_URL else 30)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_MAX_QUERY_LENGTH = 200
PAGE_CACHE_SKIP_PATHS = (
    r"^/(admin|django-admin|dokumente|api/v2/search|api/v2/page_preview)/"
    r"|^/(leichte-sprache/)?suche/"  # search: every query is logged, results span the site
)
PAGE_CACHE_API_LISTING_PATHS = ["/api/v2/pages/"]  # purged with every page change
PAGE_CACHE_OFFER_API_PATHS = ["/api/v2/offers/"]  # purged with every offer change
# Purges on publish (wagtail.contrib.frontend_cache): this application's cache always, nginx
# too when FRONTEND_CACHE_PURGE_URL names its purge server (deploy/nginx/bildung.conf).
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL", default="")
WAGTAILFRONTENDCACHE = {"application": {"BACKEND": "home.page_cache.ApplicationCacheBackend"}}
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE["nginx"] = {
        "BACKEND": "home.page_cache.NginxPurgeBackend",
        "LOCATION": FRONTEND_CACHE_PURGE_URL,
    }
WAGTAILFRONTENDCACHE_LANGUAGES = []  # the language is in the path already

# Login protection (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account from
# one address, that account is locked for that address for AXES_COOLOFF_MINUTES. Keyed by both
# so that nobody can lock an editor out from elsewhere; every failure and lockout is logged
# (logger "axes"). `manage.py axes_reset_username NAME` lifts a lockout early.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "home.security.client_ip"  # the visitor behind nginx
AXES_RESET_ON_SUCCESS = True

# Two-factor login (wagtail-2fa, TOTP authenticator apps), optional per editor: whoever adds a
# device under "Zwei-Faktor-Geräte" in the account menu is asked for its code at every admin
# login; groups given the permission "Enable 2FA" must set one up first. django-otp throttles
# wrong codes per device.
WAGTAIL_2FA_REQUIRED = True
WAGTAIL_2FA_OTP_TOTP_NAME = SITE_NAME
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar requests to a third party from the admin
AXES_LOCKOUT_TEMPLATE = "login_locked.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_USERNAME_FORM_FIELD = "username"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# German public site: German UI, Berlin time, German formats.
LANGUAGE_CODE = "de"
# Plain language ("Leichte Sprache"): German with a private-use subtag. A valid BCP 47 tag
# whose primary subtag keeps screen readers on German; "de-LS" would claim Lesotho.
PLAIN_LANGUAGE_CODE = "de-x-ls"
PLAIN_LANGUAGE_URL_PREFIX = "leichte-sprache"
LANGUAGES = [("de", "Deutsch"), (PLAIN_LANGUAGE_CODE, "Leichte Sprache")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["bildung.formats"]

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("de", _("Deutsch")), (PLAIN_LANGUAGE_CODE, _("Leichte Sprache"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static_collected")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "home.CreditedImage"
WAGTAILDOCS_DOCUMENT_MODEL = "home.SizedDocument"
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "ods",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "mp4",
    "webm",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Formats Pillow checks by content; no SVG (it can carry script). 40 megapixels at most, so a
# small file cannot unpack into gigabytes (decompression bomb).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents are checked by content too (home/upload_checks.py): an HTML file named .pdf is
# refused.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.upload_checks.CheckedDocumentForm"
WAGTAILEMBEDS_FINDERS = []  # no third-party embeds: every asset is served by the site
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_COMMENTS_ENABLED = True
# Search: Elasticsearch 8 (ELASTICSEARCH_URL) or OpenSearch 3 (OPENSEARCH_URL) with a German
# analysis chain; without either, the database serves (see search/README in the main README).
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
OPENSEARCH_URL = env("OPENSEARCH_URL", default="")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {"default": backend_settings(ELASTICSEARCH_URL, "elasticsearch")}
elif OPENSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {"default": backend_settings(OPENSEARCH_URL, "opensearch")}
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            "SEARCH_CONFIG": "german",
        }
    }

# Celery: with no broker configured, tasks run inline in the calling process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TIMEZONE = TIME_ZONE
# Task results (and failures) in the database, for the report Berichte → Hintergrundaufgaben.
CELERY_RESULT_BACKEND = env(
    "CELERY_RESULT_BACKEND", default="django-db" if CELERY_BROKER_URL else None
)
CELERY_RESULT_EXTENDED = True  # keep task names and arguments with each result
CELERY_RESULT_EXPIRES = datetime.timedelta(days=30)  # celery.backend_cleanup deletes older ones
CELERY_TASK_TRACK_STARTED = True
# Static beat schedule (celery -A bildung beat); home/task_report.py describes each entry.
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled": {
        "task": "home.publish_scheduled",
        "schedule": 60.0,
        "options": {"expires": 55},  # a stopped worker does not pile up runs
    },
    "expire-offers-daily": {
        "task": "offers.expire_offers",
        "schedule": crontab(hour=2, minute=15),
    },
    "rebuild-search-nightly": {
        "task": "search.rebuild",
        "schedule": crontab(hour=3, minute=30),
    },
    "clean-query-log-weekly": {
        "task": "search.clean_query_log",
        "schedule": crontab(hour=4, minute=0, day_of_week=1),
    },
    "send-form-notifications": {
        "task": "home.send_form_notifications",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "celery.backend_cleanup": {
        "task": "celery.backend_cleanup",
        "schedule": crontab(hour=4, minute=30),
    },
}

# Headless front end: with HEADLESS_PREVIEW_URL set, editors preview drafts there
# (wagtail-headless-preview, home/headless.py); without it Wagtail renders the preview.
HEADLESS_PREVIEW_URL = env("HEADLESS_PREVIEW_URL", default="")
WAGTAIL_HEADLESS_PREVIEW = (
    {"CLIENT_URLS": {"default": HEADLESS_PREVIEW_URL}} if HEADLESS_PREVIEW_URL else {}
)

# JSON API (/api/v2/, home/api/): per-client limits on search (rate "N/second|minute|hour|day",
# counted in the default cache), a short public browser/proxy cache, and how many reverse
# proxies put the client's address into X-Forwarded-For (0: use the connection's address).
SEARCH_THROTTLE_RATE = env("SEARCH_THROTTLE_RATE", default="60/minute")
AUTOCOMPLETE_THROTTLE_RATE = env("AUTOCOMPLETE_THROTTLE_RATE", default="300/minute")
API_CACHE_MAX_AGE = env.int("API_CACHE_MAX_AGE", default=60)
WAGTAILAPI_LIMIT_MAX = 50
# Search answers cached for this long (search/result_cache.py): any change to the index, the
# vocabularies, synonyms or promotions makes them stale at once, so the lifetime only bounds
# what no signal reports. Off without Redis: processes with their own memory would not see
# each other's changes.
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=60 if REDIS_URL else 0)
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,  # "format" is an offer filter, not a renderer choice
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "UNICODE_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bildungsportal – öffentliche Schnittstelle",
    "DESCRIPTION": (
        "Lesender Zugriff auf Seiten, Bilder, Dokumente, Bildungsangebote und die Suche. "
        'Alle Antworten sind JSON; Fehler kommen als {"error": "…", "field": "…"}.'
    ),
    "VERSION": "2",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v2",
    "PREPROCESSING_HOOKS": ["home.api.public_api_only"],
}

# Security headers (SECURITY.md). Public pages run no inline script or style and load nothing
# from elsewhere; Wagtail's admin needs inline script and style, so it has no policy of ours.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Per-visitor limits (django-ratelimit, counted in the default cache; "N/s|m|h|d", empty: off)
# on the search page and on form submissions; the JSON API has its own (SEARCH_THROTTLE_RATE).
SEARCH_PAGE_RATE_LIMIT = env("SEARCH_PAGE_RATE_LIMIT", default="60/m")
FORM_RATE_LIMIT = env("FORM_RATE_LIMIT", default="5/m")
RATELIMIT_IP_META_KEY = "home.security.client_ip"
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = True  # with the cache down, the limits count nothing
# A mail server that hangs must not hold a visitor's form submission; notifications that
# could not be sent wait in the outbox (home.FormNotification) for the next attempt.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# e.g. smtp://user:password@mail.example.org:587 (or submission://… for STARTTLS)
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="bildung@example.org")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail logs every task run and every save at INFO; keep command output readable.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", default="WARNING")},
        # the search clients log every HTTP request at INFO
        "elastic_transport": {"level": "WARNING"},
        "elasticsearch": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
    },
}
