"""Producer-area benchmark: a producer with 2,000 products and 5,000 order lines.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_prod .venv/bin/python benchmarks/producer.py

Migrates, creates (once) a benchmark producer whose products come through the bulk import
(5,000 rows into a second producer are timed too: target < 60 s), and orders holding
5,000 of its lines among other producers' lines; then prints p50/p95 server time and SQL
queries per page. Targets (PostgreSQL): product list and order-line list p95 ≤ 100 ms, and
the same query count on the first and a late page. Exits 1 when a target is missed.
"""

import argparse
import io
import sys
import time

from _harness import measure, report, setup_django

PRODUCTS = 2000
LINES = 5000


def _csv(prefix: str, n: int) -> io.BytesIO:
    rows = ["sku,title,category,price,stock,weight_grams,description"]
    rows += [f"{prefix}-{i:05d},Sản phẩm thử {prefix} {i},tra,{10000 + i * 10},{i % 90},{200 + i},Mô tả {i}"
             for i in range(n)]
    return io.BytesIO(("\n".join(rows) + "\n").encode())


def _ensure_data():
    import random
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone
    from oscar.core.loading import get_model

    from catalogue.reference import ensure_reference_data
    from checkout import statuses
    from producers.importing import import_products

    Country = get_model("address", "Country")
    Line = get_model("order", "Line")
    Order = get_model("order", "Order")
    Partner = get_model("partner", "Partner")
    Producer = get_model("catalogue", "Producer")
    Province = get_model("catalogue", "Province")
    ShippingAddress = get_model("order", "ShippingAddress")
    StockRecord = get_model("partner", "StockRecord")

    ensure_reference_data()
    province = Province.objects.get(slug="lam-dong")

    def producer(slug):
        found = Producer.objects.filter(slug=slug).first()
        if found:
            return found
        partner = Partner.objects.create(name=slug, code=slug)
        return Producer.objects.create(name=f"HTX {slug}", slug=slug, kind="cooperative",
                                       partner=partner, province=province)

    bench, other, timed = producer("bench-chu-the"), producer("bench-khac"), producer("bench-nhap")
    user, _ = get_user_model().objects.get_or_create(username="bench-chuthe")
    bench.partner.users.add(user)
    for target, n in ((bench, PRODUCTS), (other, 50)):
        if not StockRecord.objects.filter(partner=target.partner).exists():
            import_products(producer=target, fileobj=_csv(target.slug, n), filename="bench.csv")

    start = time.perf_counter()
    result = import_products(producer=timed, fileobj=_csv("T", 5000), filename="bench-5000.csv")
    import_seconds = time.perf_counter() - start
    print(f"import 5,000 rows: {import_seconds:.1f} s ({result.created} created, {result.updated} updated)"
          f"  target < 60 s {'met' if import_seconds < 60 else 'MISSED'}")

    have = Line.objects.filter(partner=bench.partner).count()
    if have < LINES:
        rng = random.Random(8)
        ours = list(StockRecord.objects.filter(partner=bench.partner).select_related("product"))
        theirs = list(StockRecord.objects.filter(partner=other.partner).select_related("product"))
        vietnam = Country.objects.get(iso_3166_1_a2="VN")
        with transaction.atomic():
            made = have
            n = 0
            while made < LINES:
                n += 1
                address = ShippingAddress.objects.create(first_name="Khách", line1="1 Lê Lợi", state="Lâm Đồng",
                                                         country=vietnam, phone_number="+84912345678")
                picks = [rng.choice(ours) for _ in range(rng.randint(1, 3))] + [rng.choice(theirs)]
                total = sum(sr.price for sr in picks)
                order = Order.objects.create(
                    number=f"B{n:07d}-{have}", currency="VND", total_incl_tax=total, total_excl_tax=total,
                    shipping_incl_tax=0, shipping_excl_tax=0, status=statuses.PAID,
                    guest_email="khach@example.vn", shipping_address=address,
                    date_placed=timezone.now() - timezone.timedelta(days=rng.randint(0, 120)))
                lines = []
                for sr in picks:
                    lines.append(Line(
                        order=order, partner=sr.partner, partner_name=sr.partner.name, partner_sku=sr.partner_sku,
                        stockrecord=sr, product=sr.product, title=sr.product.title, quantity=1,
                        line_price_incl_tax=sr.price, line_price_excl_tax=sr.price,
                        line_price_before_discounts_incl_tax=sr.price,
                        line_price_before_discounts_excl_tax=sr.price, unit_price_incl_tax=sr.price,
                        unit_price_excl_tax=sr.price, num_allocated=1,
                        status=rng.choice(["", "confirmed", "packed", "shipped", "delivered"])))
                    if sr.partner_id == bench.partner_id:
                        made += 1
                Line.objects.bulk_create(lines)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return user, bench


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()

    setup_django()
    from django.core.management import call_command
    from django.test import Client
    from oscar.core.loading import get_model

    call_command("migrate", verbosity=0)
    user, bench = _ensure_data()
    Line = get_model("order", "Line")
    client = Client()
    client.force_login(user)
    order_number = Line.objects.filter(partner=bench.partner).order_by("-pk").values_list(
        "order__number", flat=True).first()
    print(f"producer: {bench.products.count()} products, "
          f"{Line.objects.filter(partner=bench.partner).count()} order lines")
    rows = [
        measure(client, "products page 1", "/nha-san-xuat/san-pham/", requests=args.requests),
        measure(client, "products page 40", "/nha-san-xuat/san-pham/?page=40", requests=args.requests),
        measure(client, "order lines page 1", "/nha-san-xuat/don-hang/", requests=args.requests),
        measure(client, "order lines page 100", "/nha-san-xuat/don-hang/?page=100", requests=args.requests),
        measure(client, "order detail", f"/nha-san-xuat/don-hang/{order_number}/", requests=args.requests),
        measure(client, "home (overview, chart)", "/nha-san-xuat/", requests=args.requests),
    ]
    targets = {"products page 1": 100, "products page 40": 100, "order lines page 1": 100,
               "order lines page 100": 100}
    ok = report("Producer area benchmark, 2,000 products and 5,000 order lines", rows, targets)
    same = rows[0].queries == rows[1].queries and rows[2].queries == rows[3].queries
    print(f"constant queries across pages: {'yes' if same else 'NO'}")
    return 0 if ok and same else 1


if __name__ == "__main__":
    sys.exit(main())
