from django.apps import apps
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catalog import views as catalog_views
from catalog.pos import urls as pos_urls
from catalog.producer_area.urls import office_patterns, producer_patterns
from catalog.search import api as search_api
from catalog.search.views import search_page
from storefront import accounts
from storefront.graphql_api.thumbnails import thumbnail_view
from storefront.graphql_api.views import graphql_view
from storefront.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Logging out takes a POST, logging in takes a username or an e-mail (storefront/accounts.py),
    # before Oscar's and Wagtail's routes.
    path("accounts/logout/", accounts.LogoutView.as_view()),
    path("accounts/login/", accounts.AccountAuthView.as_view()),
    path("cms/logout/", accounts.wagtail_logout),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The home page is Wagtail's; Oscar's own "" route only redirects to it.
    path("", wagtail_views.serve, {"path": ""}, name="home"),
    # Search (issue 3), before Oscar's own search URLs
    path("api/search/", search_api.search, name="api_search"),
    path("api/search/suggest/", search_api.suggest, name="api_search_suggest"),
    path("tim-kiem/", search_page, name="ocop_search"),
    # Oscar's own search and offer pages would list what is not on sale (issue 7)
    path("search/", catalog_views.retired_search),
    re_path(r"^offers/(?P<slug>[\w-]+)/$", catalog_views.OfferDetailView.as_view()),
    # Producer area and program office (issue 8)
    path("nha-san-xuat/", include(producer_patterns)),
    # Saleor-compatible GraphQL API (issue 12)
    path("graphql/", graphql_view, name="graphql"),
    path("graphql/thumbnails/<int:image_pk>/<int:size>/<str:fmt>/", thumbnail_view, name="graphql_thumbnail"),
    path("van-phong/", include(office_patterns)),
    # Points of sale and stamp verification (issue 10)
    path("pos/", include(pos_urls.counter_patterns)),
    path("verify/", include(pos_urls.verify_patterns)),
    path("", include(pos_urls.public_patterns)),
    # Editorial pages (issue 9): combo to basket, read API /api/cms/v2/, /sitemap.xml
    path("", include("cms.urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
urlpatterns += [path("", include(wagtail_urls))]
