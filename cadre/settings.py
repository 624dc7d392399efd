"""One environment-driven settings module.

CADRE_ENV selects the profile: "development" (default: the embedded SQLite demo),
"test", or "production" (secrets and hosts must come from the environment).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

CADRE_ENV = os.environ.get("CADRE_ENV", "development")
PRODUCTION = CADRE_ENV == "production"
DEBUG = os.environ.get("CADRE_DEBUG", "0" if PRODUCTION else "1") == "1"

DATA_DIR = Path(os.environ.get("CADRE_DATA_DIR", PROJECT_DIR / "var"))

SECRET_KEY = os.environ.get("CADRE_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("CADRE_SECRET_KEY must be set in production.")
    SECRET_KEY = "development-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("CADRE_ALLOWED_HOSTS", "" if PRODUCTION else "*").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CADRE_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "axes",
    "cadre.core",
    "cadre.audit",
    "cadre.orgs",
    "cadre.people",
    "cadre.decisions",
    "cadre.campaigns",
    "cadre.ballots",
    "cadre.panels",
    "cadre.appointments",
    "cadre.reserve",
    "cadre.documents",
    "cadre.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cadre.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cadre.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cadre.core.context_processors.cadre",
            ],
        },
    },
]

# Form fields are rendered from templates, so that cadre/templates/django/forms/field.html
# can lay them out for Pico CSS.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "cadre.wsgi.application"

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "cadre.sqlite3",
            "OPTIONS": {
                # WAL lets readers go on while one writer commits; IMMEDIATE takes the
                # write lock at BEGIN so concurrent writers queue instead of failing
                # with "database is locked" half-way through a transaction.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    # Deleted rows are overwritten, so a closed ballot's old place cannot be
                    # read back from free pages (see ballots.services.evaluation_close).
                    " PRAGMA secure_delete=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
            },
            # Each worker keeps its connection instead of reopening it (and re-running the
            # pragmas) for every request.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"

# Login throttling (django-axes): five wrong passwords for one account from one address lock
# that pair out for 15 minutes; a good login clears the count. Kept in the database, so every
# app server sees the same count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "cadre.core.net.client_address"
# How many reverse proxies (nginx) stand in front of the app servers: 1 in the deploy/ recipe.
CADRE_TRUSTED_PROXIES = int(os.environ.get("CADRE_TRUSTED_PROXIES", "0"))
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    # Development serves from the apps' folders; whitenoise still expects the root to exist.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"

# Roster imports of 10,000 staff post well over Django's default of 1,000 fields only as
# files, but the preview form carries one checkbox per change.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
# Tests run background jobs at once, inside the request (see cadre.core.jobs).
CADRE_JOBS_INLINE = os.environ.get("CADRE_JOBS_INLINE", "0") == "1"
ROSTER_UPLOAD_MAX_BYTES = int(os.environ.get("CADRE_ROSTER_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CADRE_REDIS_URL"],
        }
        if os.environ.get("CADRE_REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cadre_cache",
        }
    )
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Scripts and styles come only from our own vendored files: no inline script or style, no
# other origin (schools run closed intranets anyway). Images may be data: URIs (QR codes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    # Behind nginx with TLS (the default), everything is HTTPS only. A school's single
    # intranet server without a certificate sets CADRE_HTTPS=0 and says so on purpose.
    HTTPS = os.environ.get("CADRE_HTTPS", "1") == "1"
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
    if HTTPS:
        SECURE_SSL_REDIRECT = True
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        SECURE_HSTS_SECONDS = int(os.environ.get("CADRE_HSTS_SECONDS", "31536000"))
        # The bureau's other hosts under the same domain are not ours to force onto HTTPS,
        # and an intranet host cannot be on the browsers' preload list.
        SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
    else:
        SILENCED_SYSTEM_CHECKS = [
            "security.W004",  # HSTS
            "security.W008",  # SSL redirect
            "security.W012",  # secure session cookie
            "security.W016",  # secure CSRF cookie
        ]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CADRE_LOG_LEVEL", "WARNING")},
}

CADRE_SITE_NAME = _("Cadre")

# The key of the voting codes' HMAC. Without it a stolen database does not let anyone test
# guesses of codes offline.
CADRE_BALLOT_KEY = os.environ.get("CADRE_BALLOT_KEY", "")
if not CADRE_BALLOT_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("CADRE_BALLOT_KEY must be set in production.")
    CADRE_BALLOT_KEY = "development-only-ballot-key"
