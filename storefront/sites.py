"""Provincial storefronts: the request's Wagtail site decides its theme and province scope.

``SiteMiddleware`` finds the site for the host (Wagtail's ``Site.find_for_request``: an
unknown host gets the default site), reads its ``cms.StorefrontSettings`` and keeps the
answer per host in the cache (sites change a few times a year; saving a site or its setting
bumps the version). While Redis is away the cache is this process's memory (core/cache.py),
so each request still costs no query once the process has seen the host. The theme goes into ``core.themes.current_theme`` for the template
loader, the scope into ``core.scope.current_scope`` for code that has no request (the GraphQL
resolvers).
Basket, checkout, accounts and orders ignore the scope: they are shared by every site.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from wagtail.models import Site

from cms.models import StorefrontSettings
from core.scope import current_scope
from core.themes import available_themes, current_theme

logger = logging.getLogger(__name__)

VERSION_KEY = "ocop:sites-version"
CACHE_SECONDS = 300

@dataclass(frozen=True)
class SiteConfig:
    theme: str
    province: object | None  # catalogue.Province (current), None = the whole country
    # The site's own home greeting (title, text) per language; empty: the shared page's.
    hero_vi: tuple[str, str] = ("", "")
    hero_en: tuple[str, str] = ("", "")

    def hero(self, language: str) -> tuple[str, str, str]:
        """(title, text, language of the words) for the home page, or empty strings when
        the site has no greeting of its own. English falls back to the Vietnamese one."""
        if language == "en" and self.hero_en[0]:
            return (*self.hero_en, "en")
        if self.hero_vi[0]:
            return (*self.hero_vi, "vi")
        return ("", "", "")

    @property
    def scope_key(self) -> str:
        """For cache keys of anything the scope narrows."""
        return self.province.slug if self.province is not None else "-"


def default_config() -> SiteConfig:
    return SiteConfig(theme=settings.THEME, province=None)


def sites_changed(**kwargs) -> None:
    """A site or its setting changed: every host is looked up afresh."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _host(request) -> str:
    try:
        return request.get_host()
    except DisallowedHost:
        return ""


def config_for_request(request) -> SiteConfig:
    host = _host(request)
    if not host:  # a host name not allowed: CommonMiddleware answers 400 next
        return default_config()
    version = cache.get_or_set(VERSION_KEY, 1, None)
    key = f"ocop:site:{version}:{host}"
    config = cache.get(key)
    if config is None:
        try:
            config = _load_config(request)
        except DatabaseError:  # the database is down: /healthz must still answer its 503
            return default_config()
        cache.set(key, config, CACHE_SECONDS)
    return config


def _load_config(request) -> SiteConfig:
    site = Site.find_for_request(request)
    if site is None:
        return default_config()
    setting = StorefrontSettings.objects.select_related("province").filter(site=site).first()
    if setting is None:
        return default_config()
    theme = setting.theme or settings.THEME
    if theme not in available_themes(settings.THEMES_DIR):
        logger.warning("Site %s names theme %r, which does not exist; using %r.",
                       site, theme, settings.THEME)
        theme = settings.THEME
    return SiteConfig(theme=theme, province=setting.province,
                      hero_vi=(setting.hero_title, setting.hero_text),
                      hero_en=(setting.hero_title_en, setting.hero_text_en))


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.ocop_site = config_for_request(request)
        theme_token = current_theme.set(request.ocop_site.theme)
        scope_token = current_scope.set(request.ocop_site.province)
        try:
            return self.get_response(request)
        finally:
            current_theme.reset(theme_token)
            current_scope.reset(scope_token)


def site_context(request):
    return {"ocop_site": getattr(request, "ocop_site", None) or default_config()}
