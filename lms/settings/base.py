"""All settings, read from the environment with safe embedded defaults.

Environment variables (documented in README.md): DEBUG, SECRET_KEY, ALLOWED_HOSTS,
CSRF_TRUSTED_ORIGINS, DATABASE_URL, REDIS_URL, MEDIA_ROOT, STATIC_ROOT, EMAIL_URL-style settings
(EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
DEFAULT_FROM_EMAIL), SITE_URL, SECURE_SSL_REDIRECT, Q_WORKERS.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lms import storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only for local development: DEBUG on and no key given.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "lms.apps.LmsConfig",
    "courses.apps.CoursesConfig",
    "training.apps.TrainingConfig",
    "exams.apps.ExamsConfig",
    "credentials.apps.CredentialsConfig",
    "reports.apps.ReportsConfig",
    "assessments.apps.AssessmentsConfig",
    "api.apps.ApiConfig",
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
    "django_filters",
    "django_q",
    # django-ninja: listed so its docs page loads Swagger UI from our static files, not a CDN.
    "ninja",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]
if DEBUG:
    # `manage.py bench …`: benchmarks and load tools, for development and CI, never in production.
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.middleware.ContentSecurityPolicyMiddleware",
    "lms.middleware.DatabaseUnavailableMiddleware",
    "lms.middleware.ForcePasswordChangeMiddleware",
    "lms.middleware.StaffSessionExpiryMiddleware",
    "lms.middleware.AdminAccessMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the authenticated user and the final response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # site/ is not a Python package (it would shadow the standard library's `site`).
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.context_processors.platform",
                "lms.display.text_size",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'lms.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet (it is not in git).
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL and a busy timeout let the web server and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's JIT compiler spent about 2 s compiling the 100,000-row renewal report's
    # query before the first row (EXPLAIN ANALYZE), longer than it saved; this application's
    # queries are short or stream rows, so it is off for its connections.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # The server binds the parameters, and a query a connection has run five times is
    # prepared (psycopg's threshold): psycopg no longer quotes each value into the SQL text in
    # Python, and PostgreSQL plans the queries of every request (the user, the autosave) once
    # per connection (measured in docs/benchmarks.md). A connection pooler in transaction
    # mode that cannot keep prepared statements needs DATABASE_PREPARED_STATEMENTS=0.
    DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    # Per process: fine for what is only a cache, never for a count all processes must share
    # (rate limits count in the database then, see credentials.ratelimit).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public credential look-ups (page and photo) allowed per client IP and window of seconds,
# counted in Redis when REDIS_URL is set and in the database otherwise.
CREDENTIALS_VERIFY_RATE_LIMIT = int(os.environ.get("VERIFY_RATE_LIMIT", "30"))
CREDENTIALS_VERIFY_RATE_WINDOW = int(os.environ.get("VERIFY_RATE_WINDOW", "60"))

# REST API requests allowed per token (and client address) and window of seconds, counted
# like the verification limit above (Redis, else the database), so all processes share it.
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "600"))
API_RATE_WINDOW = int(os.environ.get("API_RATE_WINDOW", "60"))

# Delivered webhook events are kept this many days for the deliveries page, then purged nightly;
# an event not yet delivered is kept until it is.
WEBHOOK_KEEP_DAYS = int(os.environ.get("WEBHOOK_KEEP_DAYS", "90"))

# Webhooks go only to public addresses, and to these networks (comma-separated CIDRs, e.g. an
# agency system on the government intranet: 10.0.0.0/8). In development, this machine too.
WEBHOOK_ALLOWED_NETWORKS = [
    n.strip()
    for n in os.environ.get(
        "WEBHOOK_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128" if DEBUG else ""
    ).split(",")
    if n.strip()
]

Q_CLUSTER = {
    "name": "lms",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 600,
    # retry must exceed timeout, or a long task is handed out twice.
    "retry": 720,
    "max_attempts": 3,
    "catch_up": False,
    "label": _("Task queue"),
    "ack_failures": True,
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = 0.5

# Wagtail 8 runs its own background work (search index, reference index) through Django tasks.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lms.auth_backends.ProfileModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    # Generated initial passwords only (high entropy, must be changed at first login); see
    # docs/security.md. Django upgrades them to the first hasher at the first login.
    "lms.hashers.InitialPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "lms.validators.ChinesePasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Staff sessions expire after this many seconds of inactivity; learners keep theirs longer so a
# lesson read in pieces on a phone does not log them out.
STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("STAFF_SESSION_IDLE_SECONDS", str(30 * 60)))

# Reading a lesson (courses.reading): the share of its stated minutes a learner must spend on
# it before confirming, and the heartbeat interval that caps the time credited per beat.
COURSES_READING_FRACTION = float(os.environ.get("COURSES_READING_FRACTION", "0.5"))
COURSES_HEARTBEAT_SECONDS = int(os.environ.get("COURSES_HEARTBEAT_SECONDS", "15"))
# Share of a lesson video's length to watch before confirming the lesson (courses/video.py);
# empty: the reading fraction. The upload limit applies to the videos a lesson block accepts.
COURSES_VIDEO_FRACTION = (
    float(os.environ["COURSES_VIDEO_FRACTION"])
    if os.environ.get("COURSES_VIDEO_FRACTION", "").strip()
    else None
)
COURSES_VIDEO_MAX_BYTES = int(os.environ.get("COURSES_VIDEO_MAX_BYTES", str(200 * 1024 * 1024)))
SESSION_COOKIE_AGE = 14 * 24 * 3600
# Every request reads the session: with Redis configured it is read from the cache and written
# through to the database (a cache loss logs nobody out). Without Redis there is no cache that
# all server processes share, so sessions stay in the database alone.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# Failed logins are counted in the database, which every server process shares (axes' cache
# handler would count per process with the LocMemCache used when there is no Redis).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "lms" / "locale"]
# Dates read one way per language: ISO on English pages, Django's own on Chinese ones (pinned).
FORMAT_MODULE_PATH = ["lms.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic's target. WhiteNoise serves what is here before the source tree, so anything
# that collects for itself (bench exam's production server) uses a directory of its own.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(VAR_DIR / "media")))
# Files on the local disk under MEDIA_ROOT, or with S3_* set in a private bucket of an
# S3-compatible object store (lms/storage.py). Either way they are served only by the scoped
# views; S3_PRESIGN_SECONDS > 0 lets those views redirect to a signed URL instead of streaming.
S3_ENABLED = storage.s3_enabled()
S3_PRESIGN_SECONDS = storage.presign_seconds() if S3_ENABLED else 0
STORAGES = {
    "default": (
        storage.s3_storage()
        if S3_ENABLED
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# WhiteNoise serves straight from the finders when DEBUG is on, so `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Files a browser asks for at the site's root (favicon.ico), served by WhiteNoise as they are.
WHITENOISE_ROOT = BASE_DIR / "site" / "root"

# Uploads: photos and import files are size-limited by their own validators as well.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
PHOTO_MAX_BYTES = 2 * 1024 * 1024
IMPORT_MAX_BYTES = 20 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@lms.invalid")

# Security headers. Cookies are secure and HSTS is on whenever DEBUG is off.
# SECURE_COOKIES=0 only for plain-HTTP runs on loopback (the load benchmark).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
# Content-Security-Policy (django-csp): the platform's pages load only their own scripts,
# styles and images; nothing inline, nothing from a CDN. The admins get a looser policy in
# lms.middleware.ContentSecurityPolicyMiddleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
if S3_ENABLED:
    # Course images and videos from the content admin load from the store by signed URL.
    for _directive in ("img-src", "media-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive].append(storage.endpoint_origin())

SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a one-way door for the whole domain; the operator decides it (README).
    "security.W021",
    # X-Frame-Options is SAMEORIGIN, not DENY: Wagtail's page preview shows the page in a
    # same-origin iframe. Other origins still cannot frame the site.
    "security.W019",
]

# A background job (report, card batch …) with no sign of life for this long is taken to have
# lost its worker and is queued again (lms.jobs.services.jobs_requeue_stalled, every minute).
# REPORT_STALL_SECONDS is its former name, still read for deployments that set it.
JOB_STALL_SECONDS = int(
    os.environ.get("JOB_STALL_SECONDS", os.environ.get("REPORT_STALL_SECONDS", "300"))
)

WAGTAIL_SITE_NAME = "行政执法辅助人员培训考核平台"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "mp4", "webm", "vtt", "docx", "xlsx", "pptx", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
# Course documents go through Wagtail's login-required view: streamed, or with signed URLs on.
# Lesson videos do not: Wagtail's view answers a Range request with the whole file (a phone
# cannot seek), so the video block points at courses.views.lesson_video, which serves ranges.
WAGTAILDOCS_SERVE_METHOD = "redirect" if S3_PRESIGN_SECONDS else "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILEMBEDS_FINDERS = []  # no network lookups at run time; embeds are disabled

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
