from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catalogue import views as catalog_views
from cms import admin_views as cms_admin_views
from cms import producer_views
from cms import urls as cms_urls
from graphql_api.catalogue.thumbnails import thumbnail_view
from graphql_api.views import graphql_view
from pos import public_views as pos_public_views
from pos import urls as pos_urls
from producers.urls import office_patterns, producer_urls
from search import api as search_api
from search.views import search_page
from storefront import accounts, languages
from storefront.observability import metrics
from storefront.views import healthz

# Two kinds of URL. Machine, back-office and language-neutral ones stay unprefixed. Pages a
# shopper, producer, office or counter meets are in Vietnamese at their plain path and in
# English under /en/ (i18n_patterns, prefix_default_language=False): the URL alone decides
# the language, so links are shareable and cacheable and both languages can be indexed.
oscar_patterns = apps.get_app_config("oscar").urls[0]
oscar_dashboard = next(p for p in oscar_patterns if str(p.pattern) == "dashboard/")
producer_patterns = (producer_urls + [
    path("cau-chuyen/", producer_views.story_create, name="stories"),
], "producer_area")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),  # loopback scrapers only
    path("i18n/setlang/", languages.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("cms/logout/", accounts.wagtail_logout),
    path("cms/pages/", include(cms_admin_views)),  # moderation decisions one at a time
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Search and the editorial read API: JSON, answer in any language
    path("api/search/", search_api.search, name="api_search"),
    path("api/search/suggest/", search_api.suggest, name="api_search_suggest"),
    # Saleor-compatible GraphQL API
    path("graphql/", graphql_view, name="graphql"),
    path("graphql/thumbnails/<int:image_pk>/<int:size>/<str:fmt>/", thumbnail_view, name="graphql_thumbnail"),
    # GS1 Digital Link printed in the stamps' QR codes
    re_path(r"^01/(?P<gtin>\d{8}|\d{12,14})/?$", pos_public_views.gs1_product, name="pos_gs1"),
    path("", include("cms.urls")),  # /api/cms/v2/, /sitemap.xml
    oscar_dashboard,
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    # Logging out takes a POST, logging in takes a username or an e-mail (storefront/accounts.py),
    # before Oscar's routes.
    path("accounts/logout/", accounts.LogoutView.as_view()),
    path("accounts/login/", accounts.AccountAuthView.as_view()),
    # The home page is Wagtail's; Oscar's own "" route only redirects to it.
    path("", wagtail_views.serve, {"path": ""}, name="home"),
    path("tim-kiem/", search_page, name="ocop_search"),
    # Oscar's own search and offer pages would list what is not on sale
    path("search/", catalog_views.retired_search),
    re_path(r"^offers/(?P<slug>[\w-]+)/$", catalog_views.OfferDetailView.as_view()),
    # Producer area and program office
    path("nha-san-xuat/", include(producer_patterns)),
    path("van-phong/", include(office_patterns)),
    # Points of sale and stamp verification
    path("pos/", include(pos_urls.counter_patterns)),
    path("verify/", include(pos_urls.verify_patterns)),
    path("", include(pos_urls.public_patterns)),
    path("", include(cms_urls.page_patterns)),  # combo to basket
    path("", include([p for p in oscar_patterns if p is not oscar_dashboard])),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
