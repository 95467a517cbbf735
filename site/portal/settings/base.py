"""Settings shared by every environment. Nothing secret lives here."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PORTAL_DIR = Path(__file__).resolve().parent.parent
SITE_DIR = PORTAL_DIR.parent
BASE_DIR = SITE_DIR.parent

INSTALLED_APPS = [
    "cms",
    "cms.council",
    "cms.catalogue",
    "participation",
    "participation.accounts",
    "participation.comments",
    "participation.forums",
    "participation.follows",
    "participation.feedback",
    "participation.ledger",
    "search",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "participation.accounts.apps.UsersConfig",  # wagtail.users with our user forms
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
    "rest_framework.authtoken",
    "django_tasks",
    "django_tasks_db",
    "captcha",
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
    # Static files straight from the web process, before sessions or locale are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.api_language.APILanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the zero-setup default; production sets DATABASE_URL (PostgreSQL).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default; Redis for cache and sessions when REDIS_URL is set.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "shafaf",
            "OPTIONS": {
                # Redis on the same network answers in under a millisecond: waiting longer
                # than half a second only makes a hung Redis cost more before the breaker
                # below takes it as down.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                # Redis down means a slower site, not a broken one: reads miss, writes are
                # dropped and logged; /readyz still reports it.
                "IGNORE_EXCEPTIONS": True,
                # After a connection error or timeout, skip Redis for a few seconds instead
                # of waiting out the timeout on every call (portal/cache.py).
                "CLIENT_CLASS": "portal.cache.CircuitBreakerClient",
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Sessions read from Redis and are written through to the database, so none is lost
    # when Redis restarts or is flushed.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (mail, search indexing, reminders) goes through Django's tasks API. By
# default it runs at once, inside the request: nothing else to start. SHAFAF_TASKS=database
# queues it in the database for `manage.py db_worker` (production's default, see
# deploy/), so a slow mail server never slows a citizen down and nothing queued is lost
# when a process restarts.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_setting(choice):
    """The TASKS setting for SHAFAF_TASKS=``choice``."""
    if choice not in TASK_BACKENDS:
        raise ImproperlyConfigured(f"SHAFAF_TASKS must be one of {', '.join(TASK_BACKENDS)}.")
    return {"default": {"BACKEND": TASK_BACKENDS[choice]}}


TASKS = tasks_setting(os.environ.get("SHAFAF_TASKS", "immediate"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Persian first, English second. Times are stored in UTC and shown in Tehran time.
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"

# Content-Security-Policy for the public site: scripts and styles from our own origin only,
# no inline code (budget line depths are classes, the poll chart uses SVG attributes).
# Wagtail's admin relies on inline scripts and styles, so it is left out; documents get
# Wagtail's own "default-src 'none'" when served inline. Embedded videos (EmbedBlock) load
# in frames from the hosts in CSP_FRAME_HOSTS.
CSP_FRAME_HOSTS = os.environ.get(
    "CSP_FRAME_HOSTS",
    "https://www.youtube.com https://www.youtube-nocookie.com https://www.aparat.com",
).split()
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/documents/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_HOSTS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Page editors can exceed Django's default of 1000 form fields (budget line items).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = os.environ.get("SHAFAF_SITE_NAME", "شفاف")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's database backend with Persian normalization (see search/backends/database/).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
# Search at scale: with a URL, Elasticsearch replaces the database search (search/backends/elasticsearch).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "shafaf-pages")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
# Recordings and their captions for the videos and audio section (cms/models/media.py).
WAGTAILDOCS_EXTENSIONS += ["mp4", "webm", "ogv", "mp3", "ogg", "oga", "opus", "m4a", "wav", "vtt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# Filter forms on the public site offer "All" rather than dashes when nothing is chosen.
FILTERS_EMPTY_CHOICE_LABEL = _("All")

# Items per page on the public index pages.
SHAFAF_PAGE_SIZE = 12

SHAFAF_CURRENCIES = [("IRR", _("Iranian rial"))]

# Public forms: a honeypot always; a captcha (django-simple-captcha) when this is on.
SHAFAF_CAPTCHA = os.environ.get("SHAFAF_CAPTCHA", "") == "1"

# == Open data (OCDS releases and bulk exports: cms/ocds, cms/exports) ==
# The licence stated in every OCDS package and bulk export. CC BY 4.0 by default: an open
# licence (opendefinition.org conformant) as OCDS recommends; a city may choose another.
SHAFAF_DATA_LICENSE_NAME = os.environ.get("SHAFAF_DATA_LICENSE_NAME", "CC BY 4.0")
SHAFAF_DATA_LICENSE_URL = os.environ.get(
    "SHAFAF_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
# The OCID prefix the Open Contracting Partnership assigns to a publisher ("ocds-" + six
# characters). The placeholder marks data as not yet registered; set the real one in production.
SHAFAF_OCDS_PREFIX = os.environ.get("SHAFAF_OCDS_PREFIX", "ocds-xxxxxx")
# Who publishes the data (the municipality): its name and a URI identifying it. The URI
# defaults to the site's base URL.
SHAFAF_PUBLISHER_NAME = os.environ.get("SHAFAF_PUBLISHER_NAME", WAGTAIL_SITE_NAME)
SHAFAF_PUBLISHER_URI = os.environ.get("SHAFAF_PUBLISHER_URI", WAGTAILADMIN_BASE_URL)
# A page describing what is published, when and how (OCDS publicationPolicy); optional.
SHAFAF_PUBLICATION_POLICY_URL = os.environ.get("SHAFAF_PUBLICATION_POLICY_URL", "")
# Items per page of the OCDS release and record lists.
SHAFAF_OCDS_PAGE_SIZE = 100

# == Open data / HTTP (feeds, sitemap, OpenAPI, CORS, caching headers) ==
INSTALLED_APPS += [
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "corsheaders",
    "drf_spectacular",
]
# Right after static files: CORS answers preflights before anything else runs; the
# conditional GET middleware hashes the finished body and turns matches into 304s; the
# caching headers middleware sees every cookie and Vary set by the middleware below it.
_AFTER_STATIC = MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
MIDDLEWARE[_AFTER_STATIC:_AFTER_STATIC] = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "portal.page_cache.PageCacheMiddleware",
    "portal.http_caching.CachingHeadersMiddleware",
]
# Anyone may read the public open-data APIs (and Open311) from a browser, without cookies.
# Preflights allow only reads, so no browser page elsewhere can write through them;
# participation's API, which takes session cookies, gets no CORS headers at all.
CORS_URLS_REGEX = r"^/(api/(v2|search|ocds|exports|council|services|schema)|open311/v2)/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# Seconds a shared cache or browser may keep an anonymous visitor's page or API answer.
SHAFAF_CACHE_MAX_AGE = int(os.environ.get("SHAFAF_CACHE_MAX_AGE", "300"))
# Anonymous visitors' public pages kept whole in the cache, forgotten on every change
# (portal/page_cache.py, wired by the portal app); SHAFAF_PAGE_CACHE=0 turns it off.
INSTALLED_APPS += ["portal"]
SHAFAF_PAGE_CACHE = os.environ.get("SHAFAF_PAGE_CACHE", "1") == "1"
SHAFAF_PAGE_CACHE_SECONDS = int(os.environ.get("SHAFAF_PAGE_CACHE_SECONDS", SHAFAF_CACHE_MAX_AGE))
REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "portal.openapi.PortalAutoSchema"
SPECTACULAR_SETTINGS = {
    "TITLE": "Shafaf API",
    "DESCRIPTION": (
        "Open data of the municipality: pages (news, events, laws, tenders, projects, "
        "budgets), documents, images, search and participation. Version 2 is stable at "
        "/api/v2/; a breaking change would be published under /api/v3/ next to it."
    ),
    "VERSION": "2",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["portal.openapi.skip_wagtail_endpoints"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.openapi.add_documented_endpoints",
    ],
    "TAGS": [
        {"name": "pages", "description": "Published pages of every type (Wagtail API v2)."},
        {"name": "documents", "description": "Published documents (Wagtail API v2)."},
        {"name": "images", "description": "Images (Wagtail API v2)."},
        {"name": "districts", "description": "Municipal districts."},
        {"name": "search", "description": "Full-text search and autocomplete."},
        {"name": "participation", "description": "Polls and other citizen participation."},
        {"name": "ocds", "description": "Tenders as Open Contracting (OCDS 1.1) releases."},
        {"name": "exports", "description": "Bulk downloads of published data."},
        {"name": "council", "description": "City council: members, meetings, votes."},
        {"name": "services", "description": "Municipal services and their fees."},
        {"name": "open311", "description": "Service requests (Open311 GeoReport v2)."},
    ],
}

# == accounts ==
# Citizens sign in with their email address; django-axes refuses an email (or username)
# from an address after repeated failures, and must come first among the backends.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "participation.accounts.backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Last, as axes requires: it turns a flagged lockout into the lockout response.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AXES_FAILURE_LIMIT = int(os.environ.get("SHAFAF_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Every spelling of an email address counts against the one account it belongs to.
AXES_USERNAME_CALLABLE = "participation.accounts.backends.lockout_username"
AXES_LOCKOUT_CALLABLE = "participation.accounts.views.auth.locked_out"
# With Redis (production), failures are counted in the cache under hashed keys: no table of
# citizens' addresses. Without it, a per-process memory cache would under-count, so the
# database keeps the failed attempts (only those: no log of successful sign-ins).
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if os.environ.get("REDIS_URL")
    else "axes.handlers.database.AxesDatabaseHandler"
)
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# The same address as the rate limits see (REMOTE_ADDR, set by the trusted proxy).
AXES_CLIENT_IP_CALLABLE = "participation.accounts.backends.lockout_ip"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"
SHAFAF_EMAIL_VERIFICATION_DAYS = 3
SHAFAF_SMS_BACKEND = os.environ.get("SHAFAF_SMS_BACKEND", "participation.accounts.sms.LogBackend")
# Contact details of ended cases, failed sign-ins and mailed digests older than this are
# purged daily (manage.py purge_personal_data, participation/retention.py).
SHAFAF_PERSONAL_DATA_RETENTION_DAYS = int(
    os.environ.get("SHAFAF_PERSONAL_DATA_RETENTION_DAYS", "365")
)
