"""Point-of-sale benchmark: counter lookups, recording a sale, and /verify/.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_pos_bench .venv/bin/python benchmarks/pos.py

Migrates, seeds the demo, generates --products products (once) and stocks a benchmark point
of sale with 2,000 of them; then prints p50/p95 server time and SQL queries of: a scanned
SKU (into a basket of up to 8 lines, a new basket every 8 scans), a scanned product barcode (UPC), a scanned stamp QR (verification link), a name search; recording a
cash sale (the POST that places it, after one scan filled the basket); and /verify/ for
valid, expired-or-revoked and unknown numbers. Targets: lookup p95 ≤ 30 ms, sale p95
≤ 150 ms (PostgreSQL), /verify/ p95 ≤ 30 ms. Exits 1 when a target is missed.
"""

import argparse
import sys
import time
from decimal import Decimal

from _harness import Measurement, measure, report, setup_django

SHELF = 2000


def _ensure_data(products: int):
    from django.core.management import call_command
    from django.db import transaction
    from oscar.core.loading import get_model

    from catalogue.rules import today_in_vietnam
    from pos.models import PointOfSale, PosStaff
    from tests.factories import UserFactory

    Certificate = get_model("catalogue", "Certificate")
    Partner = get_model("partner", "Partner")
    Product = get_model("catalogue", "Product")
    Province = get_model("catalogue", "Province")
    StockRecord = get_model("partner", "StockRecord")

    if not PointOfSale.objects.filter(slug="bench-pos").exists():
        call_command("seed_demo", "--password", "bench-ocop-2026", verbosity=0)
        if Product.objects.count() < products:
            call_command("generate_catalog", "--products", str(products), "--seed", "1", verbosity=0)
        with transaction.atomic():
            pos = PointOfSale.objects.create(
                slug="bench-pos", name="Điểm bán thử tải", kind="ocop_centre",
                province=Province.objects.get(slug="lam-dong"), partner=Partner.objects.create(name="Điểm bán thử tải"),
                address="1 Lê Lợi")
            valid = (Certificate.objects.valid_on(today_in_vietnam()).filter(product__structure="standalone")
                     .values_list("product_id", flat=True).order_by("product_id").distinct()[:SHELF])
            StockRecord.objects.bulk_create([
                StockRecord(partner=pos.partner, product_id=pk, partner_sku=f"BENCH-{i:05d}", price_currency="VND",
                            price=Decimal("100000"), num_in_stock=1_000_000)
                for i, pk in enumerate(valid)])
            user = UserFactory(username="bench-diemban")
            PosStaff.objects.create(user=user, point_of_sale=pos)
    pos = PointOfSale.objects.get(slug="bench-pos")
    return pos, PosStaff.objects.get(point_of_sale=pos).user


def _timed_posts(client, name, url, data_for, *, requests, warmup=20, before=None) -> Measurement:
    from django.db import connection

    for i in range(warmup):  # a server process in steady state: warm caches and connections
        if before:
            before(i)
        client.post(url, data_for(i))
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    if before:
        before(-1)
    with connection.execute_wrapper(count):
        response = client.post(url, data_for(-1))
    times = []
    for i in range(requests):
        if before:
            before(i)
        start = time.perf_counter()
        answer = client.post(url, data_for(i))
        times.append((time.perf_counter() - start) * 1000)
        if answer.status_code == 302:  # a browser follows the redirect (and reads the messages)
            client.get(answer["Location"])
    return Measurement(name, times, len(executed), response.status_code)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--products", type=int, default=20000)
    args = parser.parse_args()

    setup_django()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings
    from oscar.core.loading import get_model

    override_settings(OCOP_VERIFY_PER_MINUTE=10**9).enable()
    call_command("migrate", verbosity=0)
    pos, user = _ensure_data(args.products)
    Certificate = get_model("catalogue", "Certificate")
    records = list(pos.partner.stockrecords.select_related("product").order_by("pk")[:args.requests + 30])
    client = Client()
    client.force_login(user)
    print(f"point of sale: {pos.partner.stockrecords.count()} stock records; "
          f"{get_model('catalogue', 'Product').objects.count()} products")

    def clear(i):
        if i % 8 == 0:  # a new customer every 8 scans: baskets of up to 8 lines, like a counter's
            client.post("/pos/moi/")

    rows = [
        _timed_posts(client, "scan SKU", "/pos/quet/", lambda i: {"code": records[i].partner_sku},
                     requests=args.requests, before=clear),
        _timed_posts(client, "scan product barcode", "/pos/quet/", lambda i: {"code": records[i].product.upc},
                     requests=args.requests, before=clear),
        _timed_posts(client, "scan stamp QR", "/pos/quet/", lambda i: {
            "code": "https://ocop.example.vn/verify/" + records[i].product.certificates.values_list(
                "number", flat=True).first() + "/"}, requests=args.requests, before=clear),
        measure(client, "search by name", "/pos/?q=mắm", requests=args.requests),
    ]

    def fill(i):
        client.post("/pos/quet/", {"code": records[i].partner_sku})

    def sale_data(_i):
        return {"basket": client.session.get(f"pos_basket_{pos.pk}"), "method": "cash", "tendered": "1000000"}

    rows.append(_timed_posts(client, "record a cash sale", "/pos/ban/", sale_data, requests=args.requests,
                             before=fill))
    valid = Certificate.objects.valid_on(__import__("catalogue.rules").rules.today_in_vietnam()).first().number
    lapsed = Certificate.objects.exclude(status="verified").filter(status="revoked").values_list(
        "number", flat=True).first() or valid
    anonymous = Client()
    rows += [
        measure(anonymous, "verify valid", f"/verify/{valid}/", requests=args.requests),
        measure(anonymous, "verify revoked", f"/verify/{lapsed}/", requests=args.requests),
    ]
    unknown = measure(anonymous, "verify unknown (404)", "/verify/KHONG-CO-9999/", requests=args.requests)
    unknown.status = 200 if unknown.status == 404 else unknown.status  # 404 is the right answer here
    rows.append(unknown)
    targets = {"scan SKU": 30, "scan product barcode": 30, "scan stamp QR": 30, "record a cash sale": 150,
               "verify valid": 30, "verify revoked": 30, "verify unknown (404)": 30}
    for row in rows:  # a scan answers with a redirect to the counter, a sale with one to its receipt
        if row.status == 302:
            row.status = 200
    return 0 if report("Point of sale and verification", rows, targets) else 1


if __name__ == "__main__":
    sys.exit(main())
