"""Settings, read from the environment with working local defaults.

Safe by default: DEBUG unset means production, which refuses to start without SECRET_KEY
and ALLOWED_HOSTS. Local work sets DEBUG=1 (`make demo` and `make test` do): SQLite in the
project folder, the database search backend, no Stripe keys. Production sets SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL and the integrations it uses.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from oscar.defaults import *  # noqa: F401,F403  Oscar's settings, overridden below

from config.databases import REPLICA, replica_database, with_pool
from config.env import env_bool, env_int, env_list, env_required, env_str, other_processes
from config.object_storage import media_origin, s3_storages
from core.cache import cache_settings
from core.themes import available_themes, check_theme
from storefront.observability import configure_error_reporting, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
_LOCAL_HINT = "(production is the default; set DEBUG=1 for local development)"

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "local-development-only-not-a-secret")
    # ".localhost": the provincial demo sites (lamdong.localhost) resolve to this machine.
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", ".localhost", "testserver"])
else:
    SECRET_KEY = env_required("SECRET_KEY", f"when DEBUG=0 {_LOCAL_HINT}")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        env_required("ALLOWED_HOSTS", f"when DEBUG=0, comma-separated {_LOCAL_HINT}")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests on the demo server wait for the write lock instead of failing:
    # a transaction takes the lock when it begins (IMMEDIATE; a deferred one that read first
    # cannot wait for it and fails at once with "database is locked"), and the WAL journal
    # lets readers go on while one writes (an in-memory test database ignores it).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
# Past one machine (config/databases.py): a pool per process (DATABASE_POOL=min:max), a
# health check before reusing a kept connection, and an optional read replica for catalogue
# and search reads (config/db_router.py).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("DATABASE_CONN_HEALTH_CHECKS", True)
DATABASES["default"] = with_pool(DATABASES["default"], env_str("DATABASE_POOL"))
if env_str("DATABASE_REPLICA_URL"):
    DATABASES[REPLICA] = replica_database(env_str("DATABASE_REPLICA_URL"), primary=DATABASES["default"],
                                          pool=env_str("DATABASE_POOL"))
    DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    # Oscar; forks sit at the top under their labels: catalogue, partner, basket, shipping,
    # checkout, dashboard (and dashboard.orders)
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "partner.apps.PartnerConfig",
    "basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    "graphql_api.apps.GraphqlApiConfig",  # Saleor-compatible API
    # Wagtail
    "cms.apps.CmsConfig",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.sitemaps",  # /sitemap.xml, read API
    "django.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
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
    "django_tasks",
    "django_tasks_db",
    "storefront.apps.StorefrontConfig",
    "axes",
    "csp",
    "producers.apps.ProducerAreaConfig",  # producer area, program office
    "pos.apps.PosConfig",  # points of sale (/pos/), stamp verification (/verify/)
    "search.apps.SearchConfig",
    "demo.apps.DemoConfig",
    "django_prometheus",
]

MIDDLEWARE = [
    # First: every later log line of the request carries its id; metrics time the whole stack.
    "storefront.observability.RequestIdMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "storefront.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "storefront.middleware.RejectNulBytesMiddleware",
    # The request's Wagtail site: its theme and province scope (storefront/sites.py).
    "storefront.sites.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Language from the URL: /en/... English, unprefixed Vietnamese (config/urls.py).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "storefront.middleware.FriendlyNotFoundMiddleware",  # DEBUG only: the theme's 404, not the URL list
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content Security Policy (django-csp) on every response, DEBUG or not, so a violation shows
# up in development first. The storefront runs no inline script: its JavaScript is in
# themes/<THEME>/static, data passes through data- attributes and json_script. Inline
# styles stay allowed (Oscar's and Wagtail's templates use style attributes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# Stripe.js only where card payment happens (the checkout), with what Stripe's guide asks.
CSP_STRIPE_PREFIXES = ("/checkout/", "/en/checkout/")
CSP_STRIPE = {
    "script-src": ["https://js.stripe.com", "https://*.js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
}
# Oscar's dashboard and Wagtail's admin ship inline scripts and handlers we do not own
# (checked in Chromium: without them the dashboard has no jQuery and Wagtail's page explorer
# stops); only under these prefixes script-src also allows 'unsafe-inline', and Wagtail's
# preview may frame its own pages. Django's admin runs under the strict policy.
# See storefront/middleware.py.
CSP_BACK_OFFICE_PREFIXES = ("/dashboard/", "/cms/")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# Themes (core/themes.py): the default theme, checked at start-up; a Wagtail site may
# choose another one (cms.StorefrontSettings), whose templates fall back to the default's.
THEMES_DIR = BASE_DIR / "themes"
THEME = check_theme(env_str("THEME", "ocop"), THEMES_DIR)

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                ("core.themes.CachedLoader", [
                    "core.themes.ThemeLoader",
                    "django.template.loaders.app_directories.Loader",
                ]),
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
                "catalogue.context_processors.navigation",
                "pos.context_processors.points_of_sale",
                "storefront.sites.site_context",
            ],
        },
    }
]

AUTHENTICATION_BACKENDS = [
    # First: refuses every login form's attempt while its account or IP is locked out.
    "storefront.auth_backends.LoginThrottleBackend",
    # E-mail or username, one password hash per attempt; a ModelBackend, so permissions too.
    "storefront.auth_backends.TimingSafeLoginBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# Login throttling (django-axes, database handler: shared by every web process). After
# LOGIN_FAILURE_LIMIT failures for one account (under any name that reaches it: username or
# e-mail, any case) or from one IP, every login form refuses that account or IP for
# LOGIN_LOCKOUT_MINUTES, with the right password too: 429 and
# themes/<THEME>/templates/ocop/lockout.html; GraphQL tokenCreate answers Saleor's
# LOGIN_ATTEMPT_DELAYED. See storefront/security.py.
AXES_HANDLER = "storefront.security.AccountLockHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own
AXES_USERNAME_CALLABLE = "storefront.security.login_username"
AXES_CLIENT_IP_CALLABLE = "core.throttle.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "ocop/lockout.html"
AXES_LOCKOUT_CALLABLE = "storefront.security.lockout_response"
# Behind N reverse proxies the client's address is the N-th from the right in
# X-Forwarded-For; 0 (default) uses the connection's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Our own strings are written in Vietnamese: locale/<lang> holds their catalogues (made by
# `make messages`), locale/oscar/vi our Vietnamese for the Oscar strings a shopper meets
# (Oscar's own are stiff or missing), locale/wagtail/vi the Wagtail admin strings an editor
# meets that Wagtail's Vietnamese lacks. `make` compiles them (.mo files are not committed).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "oscar", BASE_DIR / "locale" / "wagtail"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
SITE_ID = 1

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Every theme's static files; each theme namespaces its own under static/<name>/.
STATICFILES_DIRS = [THEMES_DIR / name / "static" for name in available_themes(THEMES_DIR)
                    if (THEMES_DIR / name / "static").is_dir()]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Certificate scans: never under MEDIA_ROOT, never served directly (catalogue/storage.py).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    # Product images, Wagtail images and documents, thumbnails.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Certificate scans (catalogue/storage.py).
    "private": {"BACKEND": "catalogue.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Object storage: MEDIA_STORAGE=s3 puts media in a bucket and certificate scans in a private
# one (config/object_storage.py, the S3_* variables); local disk is the default.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "local")
if MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3'; got {MEDIA_STORAGE!r}")
if MEDIA_STORAGE == "s3":
    STORAGES.update(s3_storages())
    # Pages show images from the bucket's (or the CDN's) origin.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(media_origin())

DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# Redis when REDIS_URL is set: its errors are cache misses served from process memory
# (core/cache.py), so a dead cache server slows the shop, never stops it. Production with
# more than one process (web workers, or a task worker) needs it: a local-memory cache
# would give each process its own rate limits and its own idea of what changed.
if not DEBUG and not env_str("REDIS_URL") and (_others := other_processes()):
    raise ImproperlyConfigured(
        f"REDIS_URL must be set when DEBUG=0 with {' and '.join(_others)}: with the "
        "local-memory cache each process keeps its own rate limits and cached pages."
    )
CACHES = {
    "default": (
        cache_settings(env_str("REDIS_URL"))
        if env_str("REDIS_URL")
        # Room for a large catalogue's cached cards (the default keeps 300 entries).
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20000}}
    )
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "OCOP Việt Nam <no-reply@ocop.local>")

# Background work (search indexing, e-mail). Production: TASKS_BACKEND=
# django_tasks_db.DatabaseBackend and a `manage.py db_worker` process beside the web ones.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# Oscar
OSCAR_SHOP_NAME = "OCOP Việt Nam"
OSCAR_SHOP_TAGLINE = "Mỗi xã một sản phẩm"
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_HOMEPAGE = "/"
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_CATALOGUE_USE_POSTGRES_MATERIALISED_VIEWS = False
# Oscar's review stars would be confused with OCOP stars.
OSCAR_HIDDEN_FEATURES = ["reviews", "wishlists"]
# Oscar still installs Haystack; our listing and search do not use it, so it never indexes.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# Thumbnails: sorl-thumbnail, its key-value store in the cache first (no query when warm).
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
THUMBNAIL_QUALITY = 82

# Search: "database" (default) or "elasticsearch" (an Elasticsearch 8/9 or OpenSearch 2/3
# cluster; SEARCH_ENGINE=opensearch speaks to OpenSearch through opensearch-py, search/backends/clients.py).
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "database")
SEARCH_ENGINE = env_str("SEARCH_ENGINE", "elasticsearch")
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "ocop-products")  # an alias
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 5)  # seconds

# Wagtail
WAGTAIL_SITE_NAME = OSCAR_SHOP_NAME
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Pages are localised: editors copy a page to English (simple_translation); a page without
# an English copy is served from the Vietnamese tree.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# No outside services from the admin either (the policy would block them anyway):
# no Gravatar pictures, no release check against releases.wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Page slugs are hyphenated ASCII like every other URL of the shop; Vietnamese letters fold
# (cms/slugs.py), so "Đắk Lắk" becomes dak-lak in the browser and on the server alike.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Stripe; card payment is offered only when both keys are set
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")

# Saleor-compatible GraphQL API: browser storefronts allowed to call /graphql/
# (exact origins, comma-separated); Saleor's dummy payment gateway only when switched on.
GRAPHQL_CORS_ORIGINS = env_list("GRAPHQL_CORS_ORIGINS")
GRAPHQL_DUMMY_GATEWAY = env_bool("GRAPHQL_DUMMY_GATEWAY", False)
# API sign-ups stay inactive until confirmAccount (the web's sign-up is not affected).
GRAPHQL_CONFIRM_ACCOUNTS = env_bool("GRAPHQL_CONFIRM_ACCOUNTS", False)
GRAPHQL_JWT_ACCESS_TTL = timedelta(minutes=env_int("GRAPHQL_JWT_ACCESS_MINUTES", 5))
GRAPHQL_JWT_REFRESH_TTL = timedelta(days=env_int("GRAPHQL_JWT_REFRESH_DAYS", 30))
# Abuse budgets (docs/graphql.md, "Limits"): query cost per client and minute (anonymous by
# address, signed-in by account), each anonymous query's SQL statements stopped after this many
# milliseconds on PostgreSQL (0 = off), and sign-ups / password-reset e-mails per address and hour.
GRAPHQL_ANONYMOUS_COST_PER_MINUTE = env_int("GRAPHQL_ANONYMOUS_COST_PER_MINUTE", 60_000)
GRAPHQL_USER_COST_PER_MINUTE = env_int("GRAPHQL_USER_COST_PER_MINUTE", 30_000)
GRAPHQL_ANONYMOUS_STATEMENT_TIMEOUT_MS = env_int("GRAPHQL_ANONYMOUS_STATEMENT_TIMEOUT_MS", 3000)
GRAPHQL_ACCOUNT_EMAILS_PER_HOUR = env_int("GRAPHQL_ACCOUNT_EMAILS_PER_HOUR", 10)

# Checkout. Vietnamese addresses have no postcode and no district since 2025.
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "state", "country")
# Order statuses are codes (labels in checkout/statuses.py, translated for display).
OSCAR_INITIAL_ORDER_STATUS = "pending-payment"
OSCAR_ORDER_STATUS_PIPELINE = {
    "pending-payment": ("paid", "shipping", "cancelled"),
    "paid": ("shipping", "complete", "cancelled", "refunded"),
    "shipping": ("paid", "complete", "cancelled", "refunded"),
    "complete": ("refunded",),
    "cancelled": (),
    "refunded": (),  # set by a full refund only (checkout/payments/refunds.py), not offered by hand
}
# Unpaid orders stop holding stock (manage.py expire_unpaid_orders, every 15 minutes), and
# placement is limited per client address and per phone number.
OCOP_TRANSFER_EXPIRY_HOURS = env_int("TRANSFER_EXPIRY_HOURS", 48)
OCOP_CARD_EXPIRY_MINUTES = env_int("CARD_EXPIRY_MINUTES", 60)
OCOP_PLACEMENTS_PER_CLIENT_PER_HOUR = env_int("PLACEMENTS_PER_CLIENT_PER_HOUR", 10)
OCOP_UNPAID_ORDERS_PER_PHONE = env_int("UNPAID_ORDERS_PER_PHONE", 3)
# Standard delivery by destination region, whole đồng; free from the threshold up.
OCOP_SHIPPING_RATES = {"north": 30000, "central": 35000, "south": 30000}
OCOP_EXPRESS_SURCHARGE = 25000
OCOP_FREE_SHIPPING_THRESHOLD = env_int("FREE_SHIPPING_THRESHOLD", 500000)
# VietQR transfer: offered when a bank BIN and account are set (a demo account under DEBUG).
VIETQR_BANK_BIN = env_str("VIETQR_BANK_BIN", "970436" if DEBUG else "")
VIETQR_BANK_NAME = env_str("VIETQR_BANK_NAME", "Vietcombank" if DEBUG else "")
VIETQR_ACCOUNT_NUMBER = env_str("VIETQR_ACCOUNT_NUMBER", "0011000000000" if DEBUG else "")
VIETQR_ACCOUNT_NAME = env_str("VIETQR_ACCOUNT_NAME", "VP DIEU PHOI OCOP (DEMO)" if DEBUG else "")

# Producer area and program office. Line statuses are codes; producers move
# their own lines forward (producers/services.py LINE_TRANSITIONS).
OSCAR_LINE_STATUS_PIPELINE = {
    "": ("confirmed", "cancelled"),
    "confirmed": ("packed", "cancelled"),
    "packed": ("shipped", "cancelled"),
    "shipped": ("delivered",),
    "delivered": (),
    "cancelled": (),
}
OCOP_MAX_UPLOAD_BYTES = env_int("OCOP_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
OCOP_EXPIRY_REMINDER_DAYS = (30, 7)
OCOP_COMMISSION_PERCENT = env_str("OCOP_COMMISSION_PERCENT", "5")
OCOP_HOUSEHOLD_VAT_PERCENT = env_str("OCOP_HOUSEHOLD_VAT_PERCENT", "1")  # Decree 117/2025/NĐ-CP
OCOP_HOUSEHOLD_PIT_PERCENT = env_str("OCOP_HOUSEHOLD_PIT_PERCENT", "0.5")
# A card refund Stripe has not answered after this many minutes may be sent again (checkout/payments/refunds.py).
OCOP_REFUND_RETRY_AFTER_MINUTES = env_int("OCOP_REFUND_RETRY_AFTER_MINUTES", 10)

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Every cookie the shop sets goes over HTTPS only. HttpOnly where no script reads it:
    # session, basket and history are HttpOnly already (Django's and Oscar's defaults), the
    # language cookie here; the CSRF cookie stays readable because Oscar's dashboard script
    # takes the token from it.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    OSCAR_BASKET_COOKIE_SECURE = True
    OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True

# Logs: JSON lines on stdout (production's default) or text on stderr, each with the request
# id (storefront/observability.py); errors to Sentry when SENTRY_DSN is set; Prometheus
# metrics at /metrics for METRICS_ALLOWED_NETWORKS only (docs/operations.md).
LOGGING = logging_config(log_format=env_str("LOG_FORMAT", "text" if DEBUG else "json"),
                         level=env_str("LOG_LEVEL", "INFO"))
if env_str("SENTRY_DSN"):
    configure_error_reporting(dsn=env_str("SENTRY_DSN"),
                              environment=env_str("SENTRY_ENVIRONMENT", "production"))
METRICS_ALLOWED_NETWORKS = env_list("METRICS_ALLOWED_NETWORKS", ["127.0.0.0/8", "::1/128"])
# Probes and scrapers speak plain HTTP to gunicorn on loopback (nginx is the HTTPS edge).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
