"""Points of sale for tests: a point of sale (its own Oscar partner), its stock of a
product, and a counter account that belongs to it."""

from decimal import Decimal

from oscar.core.loading import get_model

from pos.models import PointOfSale, PosStaff
from tests.factories import PartnerFactory, StockRecordFactory, UserFactory

Province = get_model("catalogue", "Province")


def point_of_sale(*, slug="ocop-mui-ne", name="Cửa hàng OCOP Mũi Né", province="lam-dong", **kwargs):
    return PointOfSale.objects.create(
        slug=slug, name=name, kind=PointOfSale.Kind.TOURIST_SITE, province=Province.objects.get(slug=province),
        partner=PartnerFactory(name=name), address="Đường Nguyễn Đình Chiểu, Mũi Né",
        opening_hours="7:00–21:00", **kwargs)


def shelf(pos, product, *, num_in_stock=5, price=Decimal("120000"), sku=None):
    return StockRecordFactory(product=product, partner=pos.partner, num_in_stock=num_in_stock, price=price,
                              **({"partner_sku": sku} if sku else {}))


def counter_user(pos, username="diemban1"):
    user = UserFactory(username=username)
    PosStaff.objects.create(user=user, point_of_sale=pos)
    return user
