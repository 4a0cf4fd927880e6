"""Settings, driven by the environment.

DATABASE_URL   database (default: SQLite file var/tdkt.sqlite3, WAL mode)
TDKT_DATA_DIR  where the SQLite database, the task queue and uploads live (default ./var)
SECRET_KEY     a deployment's key; without it the application runs as on one machine (`make run`): a key kept
               in TDKT_DATA_DIR/secret_key, plain HTTP, e-mail printed on the console
DEBUG          "1" for development (Django's error pages with tracebacks); off by default, also under `make run`
ALLOWED_HOSTS  comma-separated host names
EMAIL_HOST …   the SMTP server for reminders (required when DEBUG is off, or EMAIL_BACKEND)
SECURE_*       HTTPS settings, on by default when DEBUG is off (see the README's deployment section)
TDKT_PUBLIC_URL        the address the public reaches (certificates' QR codes lead there)
TDKT_SIGNING_P12 …     the body's signing certificate (PKCS#12) and its password (TDKT_SIGNING_PASSWORD)
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("TDKT_DATA_DIR", BASE_DIR / "var"))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# One machine (`make run`, a ward's laptop): no SECRET_KEY in the environment. A deployment sets it.
LOCAL = "SECRET_KEY" not in os.environ
# Off unless asked for: a person never sees a traceback, also under `make run` (developers set DEBUG=1).
DEBUG = _env_bool("DEBUG", False)


def _secret_key():
    if not LOCAL:
        return os.environ["SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "treebeard",
    "axes",
    "huey.contrib.djhuey",
    "core",
    "jobs",
    "accounts",
    "audit",
    "org",
    "rulebook",
    "records",
    "initiatives",
    "exemplars",
    "clusters",
    "reports",
    "portal",
    "decisions",
    "eligibility",
    "dossiers",
    "council",
    "api",
    "plans",
    "movements",
    "registration",
    "notifications",
    "backup",
    "throttle",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files without DEBUG (vendored, never a CDN): from STATIC_ROOT after collectstatic, or from the
    # apps' folders on one machine.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes last: it must see the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tdkt.urls"
WSGI_APPLICATION = "tdkt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "tdkt.context_processors.nav",
                "notifications.context_processors.notifications",
            ],
            "builtins": ["core.templatetags.vn"],
        },
    }
]

# --- database -------------------------------------------------------------
SQLITE_PATH = DATA_DIR / "tdkt.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"), conn_max_age=0
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
    # lock at BEGIN so two writers queue instead of failing half-way. A writer
    # waits up to SQLITE_BUSY_TIMEOUT seconds (default 60) for another's write:
    # the longest write, a 100,000-row import, holds the lock about 12 s.
    _busy = int(os.environ.get("SQLITE_BUSY_TIMEOUT", "60"))
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": _busy,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; "
            # Freed space is overwritten with zeros, not left with its old rows (the ballot's secrecy, council/disk.py).
            "PRAGMA secure_delete=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TDKT_TEST_SQLITE") or None}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if os.environ.get("TDKT_TEST_DB_NAME"):
        DATABASES["default"]["TEST"] = {"NAME": os.environ["TDKT_TEST_DB_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- authentication ---------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = 8 * 3600

# django-axes: five wrong passwords for one user name lock that account for a while.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

# --- internationalisation ---------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- static files: vendored, never from a CDN -------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
WHITENOISE_USE_FINDERS = LOCAL or DEBUG
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# --- content security policy: everything is served from here -----------------
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- background work: huey behind Django's tasks API ------------------------
# Set explicitly: left unset huey silently expects Redis.
HUEY = {
    "huey_class": "huey.SqliteHuey",
    "name": "tdkt",
    "filename": str(DATA_DIR / "huey.sqlite3"),
    "immediate": _env_bool("HUEY_IMMEDIATE", False),
    "consumer": {"workers": 2, "worker_type": "thread"},
}
# huey ships a backend for Django's tasks API: code enqueues with django.tasks, huey runs it.
TASKS = {"default": {"BACKEND": "huey.contrib.djhuey.tasks_backend.HueyBackend"}}

# --- e-mail (reminders) -------------------------------------------------------
# EMAIL_HOST names the SMTP server (EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
# EMAIL_USE_TLS / EMAIL_USE_SSL, EMAIL_TIMEOUT beside it). In development mail is printed
# on the console; with DEBUG off there is no silent console: set EMAIL_HOST, or name a
# backend with EMAIL_BACKEND (…dummy.EmailBackend to run without e-mail, knowingly).
_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_CONSOLE = "django.core.mail.backends.console.EmailBackend"


def _mailer():
    backend = os.environ.get("EMAIL_BACKEND") or (_SMTP if os.environ.get("EMAIL_HOST") else _CONSOLE if LOCAL or DEBUG else None)
    if backend is None:
        raise RuntimeError(
            "EMAIL_HOST (the SMTP server for reminders) must be set when DEBUG is off; "
            "to run without e-mail set EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend")
    mailer = {"BACKEND": backend}
    if backend == _SMTP:
        options = {"host": os.environ.get("EMAIL_HOST", "localhost"), "port": int(os.environ.get("EMAIL_PORT", "0")) or None,
                   "username": os.environ.get("EMAIL_HOST_USER", ""), "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                   "use_tls": _env_bool("EMAIL_USE_TLS", False), "use_ssl": _env_bool("EMAIL_USE_SSL", False),
                   "timeout": float(os.environ.get("EMAIL_TIMEOUT", "30"))}
        mailer["OPTIONS"] = {k: v for k, v in options.items() if v not in (None, "")}
    return mailer


MAILERS = {"default": _mailer()}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tdkt@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- HTTPS: on by default in a deployment (SECRET_KEY set, DEBUG off) -------------
# Behind a reverse proxy that ends TLS, set SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto
# (the proxy must set that header itself, overwriting any sent by the client).
_HTTPS = not (LOCAL or DEBUG)
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", _HTTPS)
SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", _HTTPS)
CSRF_COOKIE_SECURE = _env_bool("CSRF_COOKIE_SECURE", _HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600) if _HTTPS else "0"))
# Subdomains of the application's host too (turn off if one of them is served over plain HTTP);
# "preload" only allows a submission to the browsers' list, it submits nothing.
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    # "X-Forwarded-Proto" (as nginx writes it) or Django's "HTTP_X_FORWARDED_PROTO".
    _header = os.environ["SECURE_PROXY_SSL_HEADER"].strip().upper().replace("-", "_").removeprefix("HTTP_")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _header, "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Demo accounts share this password (printed by `make run`).
DEMO_PASSWORD = os.environ.get("TDKT_DEMO_PASSWORD", "thidua@2025")

# Lockout is per account, as asked of the login: locking by IP address too would
# lock a whole ward office that shares one address behind NAT.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# A province's own titles and awards (rulebook/data/packs/<name>.toml), loaded into the rulebook after `migrate`.
TDKT_PROVINCE_PACKS = [p for p in os.environ.get("TDKT_PROVINCE_PACKS", "ha-noi").split(",") if p.strip()]

# Reminders go out this many working days before a milestone, and on the day.
TDKT_REMINDER_WORKING_DAYS = [int(x) for x in os.environ.get("TDKT_REMINDER_WORKING_DAYS", "5,1").split(",") if x]

# From this month on, pages that take a year of achievement (a new dossier, ratings, eligibility) open on the current
# year; before it, on the year just ended (core.years.review_year). December: the year-end review has begun.
TDKT_REVIEW_FROM_MONTH = int(os.environ.get("TDKT_REVIEW_FROM_MONTH", "12"))

# The public address: a certificate's QR code leads to TDKT_PUBLIC_URL/xac-minh/<code>/.
TDKT_PUBLIC_URL = os.environ.get("TDKT_PUBLIC_URL", "http://127.0.0.1:8000")
# The body's signing certificate (PKCS#12): when set, decisions and certificates are signed (pyHanko).
TDKT_SIGNING_P12 = os.environ.get("TDKT_SIGNING_P12", "")
TDKT_SIGNING_PASSWORD = os.environ.get("TDKT_SIGNING_PASSWORD", "")

# Flood protection of the public forms (throttle/): "N/unit" is at most N in each second (s),
# minute (min), hour (h) or day (d); "off" turns a limit off. See the README's deployment section.
TDKT_THROTTLE_COMMENTS_PER_ADDRESS = os.environ.get("TDKT_THROTTLE_COMMENTS_PER_ADDRESS", "10/h")
TDKT_THROTTLE_COMMENTS_PER_DISCLOSURE = os.environ.get("TDKT_THROTTLE_COMMENTS_PER_DISCLOSURE", "60/h")
TDKT_THROTTLE_VERIFY_PER_ADDRESS = os.environ.get("TDKT_THROTTLE_VERIFY_PER_ADDRESS", "20/min")
# How many reverse proxies of ours stand in front and append to X-Forwarded-For (0: REMOTE_ADDR is the client).
TDKT_TRUSTED_PROXIES = int(os.environ.get("TDKT_TRUSTED_PROXIES", "0"))

# The upload guard (core/uploads.py): every uploaded or imported file.
TDKT_UPLOAD_MAX_MB = float(os.environ.get("TDKT_UPLOAD_MAX_MB", "10"))
TDKT_UPLOAD_MAX_UNPACKED_MB = float(os.environ.get("TDKT_UPLOAD_MAX_UNPACKED_MB", "100"))
TDKT_UPLOAD_MAX_RATIO = float(os.environ.get("TDKT_UPLOAD_MAX_RATIO", "100"))
TDKT_UPLOAD_MAX_ROWS = int(os.environ.get("TDKT_UPLOAD_MAX_ROWS", "200000"))
TDKT_UPLOAD_MAX_CELL_CHARS = int(os.environ.get("TDKT_UPLOAD_MAX_CELL_CHARS", "32767"))
TDKT_UPLOAD_MAX_COLUMNS = int(os.environ.get("TDKT_UPLOAD_MAX_COLUMNS", "500"))
FILE_UPLOAD_HANDLERS = [
    "core.uploads.SizeLimitUploadHandler",  # past TDKT_UPLOAD_MAX_MB nothing more is kept
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
