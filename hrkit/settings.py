"""Django settings, read once from the environment.

Every knob a deployment turns is an environment variable; nothing else needs
editing. With nothing set, hrkit runs on an SQLite file in the data folder.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("HRKIT_DATA_DIR", PROJECT_DIR / "data")).resolve()
# Only the account that runs hrkit may look inside: the folder holds the
# database and the secret key. (A folder that already exists keeps its mode.)
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _create_private_file(path: Path, content: str = "") -> bool:
    """Create the file readable by its owner alone from its first byte, if it is new.

    A chmod afterwards would leave a moment when anyone could read it; O_EXCL
    means two processes starting together never both write it.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w") as new_file:
        new_file.write(content)
    return True


def _secret_key() -> str:
    """The key from SECRET_KEY, or one generated once and kept in the data folder.

    Keeping it on disk means sessions and signed tokens survive a restart of a
    development or single-machine install without anyone handling a secret.
    """
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = DATA_DIR / "secret_key"
    _create_private_file(key_file, secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("HRKIT_DEBUG")
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "ninja",
    "hrkit.core",
    "hrkit.directory",
    "hrkit.saferuse",
    "hrkit.language",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, whose files are compressed already; see its module for BREACH.
    "hrkit.core.compression.GZipWithoutCsrfTokenMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "hrkit.core.middleware.ApiErrorShapeMiddleware",
    "hrkit.language.middleware.CheckerRateMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hrkit.urls"
WSGI_APPLICATION = "hrkit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hrkit.core.context_processors.site",
            ],
        },
    },
]

_DEFAULT_SQLITE = f"sqlite:///{DATA_DIR / 'hrkit.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _DEFAULT_SQLITE), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite would create the file world-readable (0644 under the usual
    # umask), and its -wal and -shm files take the database file's mode: an
    # empty file made private first is a valid empty database.
    if str(DATABASES["default"]["NAME"]) != ":memory:":
        _create_private_file(Path(DATABASES["default"]["NAME"]))
    # WAL lets the web workers read while an import writes; IMMEDIATE avoids
    # "database is locked" when two writers start a transaction together.
    # Connections are kept (per worker thread) as with PostgreSQL: opening one
    # and setting its pragmas cost more than a whole search.
    DATABASES["default"]["OPTIONS"] = {
        # Memory-mapped reads spare a system call per page on a large directory.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-32000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif (
    DATABASES["default"]["ENGINE"].endswith("postgresql")
    and os.environ.get("HRKIT_PG_PREPARE", "1") != "0"
):
    # Server-side binding lets psycopg prepare a statement it runs often, so
    # PostgreSQL stops planning the locator's queries again on every search
    # (planning cost more than running them). Behind PgBouncer in transaction
    # pooling mode prepared statements break: set HRKIT_PG_PREPARE=0 there.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: a locked-out account or client is refused before its
# password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Staff sign-in is locked after this many wrong passwords within the cool-off
# time, both for the account and for the client that tried (either one
# reaching the limit locks).
AXES_FAILURE_LIMIT = int(os.environ.get("HRKIT_LOGIN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The lock lifts by itself after the cool-off; failed attempts older than
# that are deleted at the next sign-in (see docs/security.md to unlock sooner).
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("HRKIT_LOGIN_COOLOFF_MINUTES", "30")))
# Failures are not forgiven by a later success: signing in to one's own
# account would otherwise clear the client's count against every other one.
AXES_RESET_ON_SUCCESS = False
# The database handler: every gunicorn worker sees the same count.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Clients are kept as a keyed hash, never as their address, and a successful
# sign-in leaves no record at all.
AXES_CLIENT_IP_CALLABLE = "hrkit.core.security.login_client_key"
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_LOCKOUT_TEMPLATE = "core/login_locked.html"
AXES_HTTP_RESPONSE_CODE = 429

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("HRKIT_LANGUAGE", "en")
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# A preference cookie, not a tracker: it holds only "en" or "es".
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = os.environ.get("HRKIT_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True
# A web address typed without a scheme is read as https (Django 6's default, opted into now).
FORMS_URLFIELD_ASSUME_HTTPS = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Files found in the apps' folders would take the place of the collected
# ones and be sent uncompressed: outside debug mode only the collected (and
# compressed) copies are served, which `hrkit serve` collects before it starts.
WHITENOISE_USE_FINDERS = DEBUG

LOGIN_URL = "/admin/login/"
# A refused form (missing or stale CSRF cookie) gets an hrkit page, translated.
CSRF_FAILURE_VIEW = "hrkit.core.views.csrf_failure"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = _env_bool("HRKIT_HTTPS")
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
# Public forms that keep nothing set no CSRF cookie at all; the staff pages'
# cookie ends with the browser session, so it is never a lasting identifier.
CSRF_COOKIE_AGE = None
LANGUAGE_COOKIE_SECURE = SECURE_SSL_REDIRECT
if SECURE_SSL_REDIRECT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000

# Access logs are off in `hrkit serve`; application logs never carry a query
# string or a client address (see hrkit.core.logs).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"private": {"()": "hrkit.core.logs.AddressScrubber"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["private"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("HRKIT_LOG_LEVEL", "WARNING")},
    "loggers": {
        # django.request logs the path with its query on 4xx/5xx: that would
        # record what a person searched for, so only errors of the server go out.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}

# The language checker's per-client counters (django-ratelimit) live here, one
# window long, keyed by a hash of the address. In memory each worker counts on
# its own, so with two workers a client gets up to twice the rate: still enough
# to keep one client from holding the workers, with no cache server to run.
# (django-ratelimit is not an installed app: its only part that needs to be is
# a check that asks for memcached or Redis.)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATELIMIT_USE_CACHE = "default"

# --- hrkit's own settings --------------------------------------------------
HRKIT = {
    # The program's own name and contact line, shown in every page's header
    # and footer and in the admin; the logo text defaults to the name.
    "PROGRAM_NAME": os.environ.get("HRKIT_PROGRAM_NAME", "hrkit"),
    "LOGO_TEXT": os.environ.get("HRKIT_LOGO_TEXT", ""),
    "CONTACT": os.environ.get("HRKIT_CONTACT", ""),
    # The number to call in an overdose emergency, in the footer of every page.
    "EMERGENCY_NUMBER": os.environ.get("HRKIT_EMERGENCY_NUMBER", "911"),
    # gunicorn replaces a worker after this many requests (give or take the
    # jitter, so workers do not all restart together): memory a worker took
    # for one large request goes back to the system. Not fewer: a flood of
    # cheap refusals (a client past the checker's rate) would otherwise
    # restart workers every few seconds, and the locator's requests would
    # wait on each restart (bench/checker_under_load.py).
    "MAX_REQUESTS": int(os.environ.get("HRKIT_MAX_REQUESTS", "10000")),
    "MAX_REQUESTS_JITTER": int(os.environ.get("HRKIT_MAX_REQUESTS_JITTER", "1000")),
    # Reverse proxies in front of hrkit that append to X-Forwarded-For; 0 reads
    # the connection's own address. Used to tell sign-in clients apart.
    "PROXY_COUNT": int(os.environ.get("HRKIT_PROXY_COUNT", "0")),
    # Entries not verified for this many days show on the staff stale list.
    "STALE_AFTER_DAYS": int(os.environ.get("HRKIT_STALE_AFTER_DAYS", "180")),
    # Map tiles: the list works without them; set empty to turn the map off.
    "MAP_TILE_URL": os.environ.get(
        "HRKIT_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    ),
    "MAP_ATTRIBUTION": os.environ.get("HRKIT_MAP_ATTRIBUTION", "&copy; OpenStreetMap contributors"),
    # Optional geocoder (Nominatim/Pelias search URL) for place names; never
    # needed: ZIP codes and coordinates are resolved offline.
    "GEOCODER_URL": os.environ.get("HRKIT_GEOCODER_URL", ""),
    # Region (ISO 3166 two letters) that directory phone numbers without a
    # +country code are read in; short numbers such as 988 are this region's.
    "PHONE_REGION": os.environ.get("HRKIT_PHONE_REGION", "US"),
    # The language checker's page and API (the `hrkit lint` command has no
    # limits): every limit is checked before the work it bounds starts.
    "LANGUAGE_LIMITS": {
        # Characters checked in one request, typed or read from a file
        # (about a 100-page report).
        "MAX_CHARS": int(os.environ.get("HRKIT_LANGUAGE_MAX_CHARS", "500000")),
        "MAX_UPLOAD_BYTES": int(os.environ.get("HRKIT_LANGUAGE_MAX_UPLOAD_MB", "5")) * 1024 * 1024,
        # Findings listed in one answer; the rest are counted.
        "MAX_FINDINGS": int(os.environ.get("HRKIT_LANGUAGE_MAX_FINDINGS", "200")),
        "MAX_PDF_PAGES": int(os.environ.get("HRKIT_LANGUAGE_MAX_PDF_PAGES", "300")),
        # A .docx is a zip: its parts' sizes once unpacked, and how many.
        "MAX_UNPACKED_BYTES": int(os.environ.get("HRKIT_LANGUAGE_MAX_UNPACKED_MB", "30"))
        * 1024
        * 1024,
        "MAX_ZIP_MEMBERS": int(os.environ.get("HRKIT_LANGUAGE_MAX_ZIP_MEMBERS", "2000")),
        # A file is read in a separate process with this much time and memory.
        "READ_SECONDS": float(os.environ.get("HRKIT_LANGUAGE_READ_SECONDS", "5")),
        "READ_MEMORY_BYTES": int(os.environ.get("HRKIT_LANGUAGE_READ_MEMORY_MB", "512"))
        * 1024
        * 1024,
        # Checks per client (page and API together), e.g. "20/m" or "200/h".
        "RATE": os.environ.get("HRKIT_LANGUAGE_RATE", "20/m"),
        # Checks one worker runs at once; more are told to try again, so the
        # worker's other threads stay free for the locator.
        "CHECKS_AT_ONCE": int(os.environ.get("HRKIT_LANGUAGE_CHECKS_AT_ONCE", "1")),
    },
}

# --- Content-Security-Policy (django-csp) -----------------------------------
# No inline script or style anywhere; images may also come from the map's tile
# server. Read after HRKIT, whose MAP_TILE_URL it needs.
from hrkit.core.security import content_security_policy  # noqa: E402

CONTENT_SECURITY_POLICY = {"DIRECTIVES": content_security_policy(str(HRKIT["MAP_TILE_URL"]))}
