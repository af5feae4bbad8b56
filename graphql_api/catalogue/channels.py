"""Channels: ``default-channel`` (VND, Vietnam) is the whole shop, and every provincial
storefront (a Wagtail site whose ``cms.StorefrontSettings`` names a province) is a channel
too, slug = the province's slug (``lam-dong``), name = the site's name.

A provincial channel narrows the catalogue to its province, like the provincial site's own
pages (``catalogue.selectors.in_scope``). The list is read once and cached under the site
config's version key (``storefront.sites.VERSION_KEY``), which saving a site or its setting
bumps, so a request reads it from the database at most once and usually not at all.
"""

from dataclasses import dataclass

from django.core.cache import cache

from cms.models import StorefrontSettings
from graphql_api.common.ids import InvalidID, int_pk, to_global_id
from storefront.sites import CACHE_SECONDS, VERSION_KEY

# A provincial channel's pk is its province's pk plus this: stable while the province
# exists (renaming the site or moving its setting keeps the id) and never 1 (the default).
PROVINCIAL_PK_OFFSET = 1000
SHOWN_SLUG_CHARS = 100  # an unknown slug is echoed in the error, cut to this length


class UnknownChannel(Exception):
    def __init__(self, slug):
        super().__init__(f"Channel with '{str(slug)[:SHOWN_SLUG_CHARS]}' slug does not exist.")


@dataclass(frozen=True)
class Channel:
    pk: int = 1
    slug: str = "default-channel"
    name: str = "Việt Nam"
    province: object | None = None  # catalogue.Province of a provincial storefront
    currency_code: str = "VND"
    country_code: str = "VN"
    country_name: str = "Việt Nam"

    def as_graphql(self) -> dict:
        country = {"code": self.country_code, "country": self.country_name, "vat": None}
        return {
            "id": to_global_id("Channel", self.pk), "slug": self.slug, "name": self.name,
            "isActive": True, "currencyCode": self.currency_code, "countries": [country],
            "defaultCountry": country,
        }


DEFAULT_CHANNEL = Channel()


def _load_provincial() -> list[Channel]:
    settings = (StorefrontSettings.objects.filter(province__isnull=False)
                .select_related("site", "province").order_by("province__slug", "pk"))
    channels = {}
    for setting in settings:  # two sites of one province: the first setting names the channel
        province = setting.province
        channels.setdefault(province.slug, Channel(
            pk=PROVINCIAL_PK_OFFSET + province.pk, slug=province.slug,
            name=setting.site.site_name or province.name, province=province))
    return list(channels.values())


def provincial_channels() -> list[Channel]:
    version = cache.get_or_set(VERSION_KEY, 1, None)
    key = f"ocop:graphql-channels:{version}"
    channels = cache.get(key)
    if channels is None:
        channels = _load_provincial()
        cache.set(key, channels, CACHE_SECONDS)
    return channels


def all_channels() -> list[Channel]:
    """The default channel first, then the provincial storefronts by slug."""
    return [DEFAULT_CHANNEL, *provincial_channels()]


def channel_for(slug: str | None) -> Channel | None:
    """The channel named by ``slug``; ``None`` when none is given (then pricing is null)."""
    if slug is None:
        return None
    if slug == DEFAULT_CHANNEL.slug:  # the common case needs neither cache nor database
        return DEFAULT_CHANNEL
    for channel in provincial_channels():
        if channel.slug == slug:
            return channel
    raise UnknownChannel(slug)


def channel_by_id(global_id: str) -> Channel | None:
    try:
        pk = int_pk(global_id, "Channel")
    except (InvalidID, ValueError):
        return None
    return next((c for c in all_channels() if c.pk == pk), None)


def checkout_channel(slug: str) -> Channel:
    """A checkout's channel; a provincial storefront removed since then leaves the whole shop."""
    try:
        return channel_for(slug) or DEFAULT_CHANNEL
    except UnknownChannel:
        return DEFAULT_CHANNEL
