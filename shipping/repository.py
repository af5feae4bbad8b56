from functools import lru_cache

from oscar.apps.shipping import repository
from oscar.core.loading import get_model

from shipping.methods import ExpressDelivery, StandardDelivery
from shipping.regions import region_for

Province = get_model("catalogue", "Province")


@lru_cache(maxsize=64)
def province_slug_for(name: str) -> str | None:
    """The current province named ``name`` (as stored in an address's ``state``). The 34
    provinces change only by migration, so a process keeps what it looked up: checkout
    asks for the shipping methods several times per request."""
    return Province.objects.filter(merged_into__isnull=True, name=name).values_list("slug", flat=True).first()


class Repository(repository.Repository):
    """Standard and express delivery priced by the destination's region; a basket of
    tourism vouchers only gets Oscar's ``NoShippingRequired`` (handled by the base class)."""

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        slug = province_slug_for(shipping_addr.state) if shipping_addr and shipping_addr.state else None
        region = region_for(slug) if slug else None
        return [StandardDelivery(region), ExpressDelivery(region)]
