"""Django settings for taizhang, read from ``TAIZHANG_*`` environment variables.

Every variable has a safe default for the embedded mode (one bureau, one machine, SQLite in
``$TAIZHANG_HOME/var``). See README.md, "Configuration", for the list.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from taizhang import conf

PACKAGE_DIR = Path(__file__).resolve().parent
HOME = conf.env_home()
VAR_DIR = conf.var_dir(HOME)

SECRET_KEY = conf.env_secret_key("TAIZHANG_SECRET_KEY", VAR_DIR)
DEBUG = conf.env_bool("TAIZHANG_DEBUG", False)
ALLOWED_HOSTS = conf.env_list("TAIZHANG_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = conf.env_list("TAIZHANG_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin with taizhang's site: the bureau administrator's, behind its sign-in.
    "taizhang.access.apps.TaizhangAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "taizhang.ledger",
    "taizhang.bulletin",
    "taizhang.web",
    "taizhang.access",
    "taizhang.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "taizhang.access.middleware.IdleSessionMiddleware",
    # Who the audit record names for the request's changes: after the user is known, and
    # after an idle session has ended, so that a request it signed out is not recorded
    # under the user it no longer acts for.
    "taizhang.audit.middleware.AuditContextMiddleware",
    "taizhang.access.middleware.ActingUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "taizhang.urls"
WSGI_APPLICATION = "taizhang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = conf.env_database_url(
    "TAIZHANG_DATABASE_URL", f"sqlite:///{VAR_DIR / 'taizhang.sqlite3'}"
)
_database = dj_database_url.parse(DATABASE_URL, conn_max_age=0)
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["OPTIONS"] = {
        # WAL lets readers (pages, bulletins) run while an import writes; IMMEDIATE takes the
        # write lock at BEGIN so two writers queue instead of failing half-way with "locked".
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
else:
    _database["CONN_MAX_AGE"] = conf.env_int("TAIZHANG_DB_CONN_MAX_AGE", 60)
    _database["CONN_HEALTH_CHECKS"] = True
    # A server that never answers would hold a request thread (and /healthz) for minutes;
    # a connect_timeout in the URL's query still wins.
    _database.setdefault("OPTIONS", {}).setdefault("connect_timeout", 10)
    # JIT compilation costs PostgreSQL ~1.5 s on every bulletin of a large ledger (its one
    # statement is estimated above the JIT thresholds) and saves nothing on queries of this
    # size: the bulletin takes 0.35 s without it (docs/performance.md). "options" in the
    # URL's query still wins.
    _database["OPTIONS"].setdefault("options", "-c jit=off")
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Signing in -----------------------------------------------------------------------------
# Argon2 first: new and changed passwords are hashed with it; older hashes are upgraded when
# their user next signs in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Lockout by user name and by address, failures counted and lock held for the same minutes.
AUTHENTICATION_BACKENDS = ["taizhang.access.backends.LockoutBackend"]
LOCKOUT_FAILURES = conf.env_int("TAIZHANG_LOCKOUT_FAILURES", 5, minimum=1)
LOCKOUT_MINUTES = conf.env_int("TAIZHANG_LOCKOUT_MINUTES", 15, minimum=1)
# A session unused this long is signed out (IdleSessionMiddleware); the cookie expires with it.
SESSION_IDLE_MINUTES = conf.env_int("TAIZHANG_SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# A second factor (TOTP) for the bureau administrator, security administrator and auditor;
# anyone may set one up. The demo database needs none (taizhang demo marks it).
REQUIRE_2FA = conf.env_bool("TAIZHANG_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "taizhang"
LOGIN_URL = "access:signin"
LOGIN_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time ----------------------------------------------------------------------
# Chinese first: most users read Chinese; English is first-class beside it.
# The language of the command line and of pages until a user picks one (TAIZHANG_LANGUAGE).
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LANGUAGE_CODE = conf.env_choice("TAIZHANG_LANGUAGE", "zh-hans", [code for code, _name in LANGUAGES])
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True  # stored in UTC
TIME_ZONE = conf.env_time_zone("TAIZHANG_TIME_ZONE", "Asia/Shanghai")  # shown in local time

# --- Static files (served by WhiteNoise; nothing loads from the internet) -----------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise warns on every start when the directory is missing (before the first collectstatic).
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = conf.env_bool("TAIZHANG_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# --- Audit record ---------------------------------------------------------------------------
# The hash of the audit chain: sha256, or sm3 (GB/T 32905) where national cryptography is
# required. Start-up fails if this machine's OpenSSL cannot compute the one chosen.
AUDIT_HASH = conf.env_choice("TAIZHANG_AUDIT_HASH", "sha256", ["sha256", "sm3"])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": conf.env_log_level("TAIZHANG_LOG_LEVEL", "INFO")},
}
