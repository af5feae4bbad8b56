from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from cms import views
from cms.api import api_router
from cms.sitemaps import sitemaps

# Pages a shopper meets: in both languages (config/urls.py puts them under i18n_patterns).
page_patterns = [
    path("combo/<int:page_id>/them-vao-gio/", views.combo_add, name="cms_combo_add"),
]

urlpatterns = [
    path("api/cms/v2/", api_router.urls),
    # One sitemap: live pages and sellable products (50,000 a page, the protocol limit; ?p=2 for more).
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="cms_sitemap"),
]
