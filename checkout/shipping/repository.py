from oscar.apps.shipping import repository
from oscar.core.loading import get_model

from checkout.regions import region_for
from checkout.shipping.methods import ExpressDelivery, StandardDelivery

Province = get_model("catalogue", "Province")


def province_of(address) -> "Province | None":
    """The current province a shipping address names (stored by name in ``state``)."""
    if address is None or not address.state:
        return None
    return Province.objects.filter(merged_into__isnull=True, name=address.state).first()


class Repository(repository.Repository):
    """Standard and express delivery priced by the destination's region; a basket of
    tourism vouchers only gets Oscar's ``NoShippingRequired`` (handled by the base class)."""

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        province = province_of(shipping_addr)
        region = region_for(province.slug) if province else None
        return [StandardDelivery(region), ExpressDelivery(region)]
