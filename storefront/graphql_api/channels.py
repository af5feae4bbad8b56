"""One channel, ``default-channel`` (VND, Vietnam): the whole shop."""

from dataclasses import dataclass

from storefront.graphql_api.ids import to_global_id


class UnknownChannel(Exception):
    def __init__(self, slug):
        super().__init__(f"Channel with '{slug}' slug does not exist.")


@dataclass(frozen=True)
class Channel:
    pk: int = 1
    slug: str = "default-channel"
    name: str = "Việt Nam"
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


def channel_for(slug: str | None) -> Channel | None:
    """The channel named by ``slug``; ``None`` when none is given (then pricing is null)."""
    if slug is None:
        return None
    if slug != DEFAULT_CHANNEL.slug:
        raise UnknownChannel(slug)
    return DEFAULT_CHANNEL
