"""seed_demo: three points of sale in the demo provinces with stock; diemban works at one."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from pos.models import PointOfSale, PosStaff


@pytest.mark.django_db
def test_seed_creates_three_stocked_points_of_sale_and_the_counter_account(seeded_demo):
    points = list(PointOfSale.objects.order_by("slug"))
    assert [p.province.slug for p in points] == ["dak-lak", "vinh-long", "lam-dong"]
    for pos in points:
        records = pos.partner.stockrecords.all()
        assert records.count() >= 3 and all(r.num_in_stock > 0 for r in records)
        assert all(r.product.producer.partner_id != pos.partner_id for r in records)
    staff = PosStaff.objects.get(user__username="diemban")
    assert staff.point_of_sale.slug == "ocop-mui-ne" and not staff.user.is_staff

    client = Client()
    client.force_login(staff.user)
    record = staff.point_of_sale.partner.stockrecords.order_by("pk").first()
    client.post(reverse("pos:scan"), {"code": record.partner_sku})
    page = client.get(reverse("pos:counter"))
    assert [line.product_id for line in page.context["lines"]] == [record.product_id]

    out = StringIO()
    call_command("seed_demo", "--password", "mat-khau-demo", stdout=out)
    assert "nothing new" in out.getvalue() and PointOfSale.objects.count() == 3
