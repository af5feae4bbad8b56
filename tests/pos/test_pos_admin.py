"""The program office manages points of sale, their staff and their stock in Django's admin."""

import pytest
from django.contrib.auth.models import Permission

from pos.models import PosStockRecord
from tests.factories import UserFactory, sellable_product
from tests.pos_support import point_of_sale, shelf

pytestmark = pytest.mark.django_db


def test_the_office_sees_and_adds_point_of_sale_stock_but_not_online_stock(client, reference_data):
    pos = point_of_sale()
    product = sellable_product()
    shelf(pos, product, sku="MUINE-001")
    office = UserFactory(is_staff=True)
    office.user_permissions.add(*Permission.objects.filter(codename__in=[
        "view_pointofsale", "change_pointofsale", "view_posstockrecord", "add_posstockrecord",
        "change_posstockrecord"]))
    client.force_login(office)

    listing = client.get("/admin/pos/posstockrecord/")
    assert listing.status_code == 200
    assert [r.partner_sku for r in listing.context["cl"].result_list] == ["MUINE-001"]

    other = sellable_product()
    response = client.post("/admin/pos/posstockrecord/add/", {
        "partner": pos.partner_id, "product": other.pk, "partner_sku": "MUINE-002", "price_currency": "VND",
        "price": "99000", "num_in_stock": "7"})
    assert response.status_code == 302
    assert PosStockRecord.objects.get(partner_sku="MUINE-002").num_in_stock == 7
    refused = client.post("/admin/pos/posstockrecord/add/", {
        "partner": product.producer.partner_id, "product": other.pk, "partner_sku": "X", "price_currency": "VND",
        "price": "1", "num_in_stock": "1"})
    assert refused.status_code == 200 and refused.context["adminform"].form.errors["partner"]
    assert client.get(f"/admin/pos/pointofsale/{pos.pk}/change/").status_code == 200
