"""Program-office benchmark: the certificate list at 20,000 certificates.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_office .venv/bin/python benchmarks/office.py

Migrates, seeds the demo (idempotent) and generates products up to --products (each with its
certificate, as ``generate_catalog`` makes them), then prints p50/p95 server time and SQL
queries for the office's certificate list as the office account ``vanphong`` uses it: first
and a late page, a search with and without diacritics, the filters, a producer's page.
Target (PostgreSQL): every list page p95 ≤ 80 ms, the same query count on the first and a late page.
Exits 1 when a target is missed.
"""

import argparse
import sys

from _harness import measure, report, seeded_catalogue, setup_django

LIST = "/van-phong/chung-nhan/"
PAGES = {
    "list page 1": LIST,
    "list page 300": f"{LIST}?page=300",
    "search 'dak lak'": f"{LIST}?q=dak+lak",
    "search 'Đắk Lắk cà phê'": f"{LIST}?q=%C4%90%E1%BA%AFk+L%E1%BA%AFk+c%C3%A0+ph%C3%AA",
    "search a number": f"{LIST}?q=OCOP-2024",
    "expiring within 90 days": f"{LIST}?expiry=90",
    "expired": f"{LIST}?expiry=expired",
    "5 stars, verified": f"{LIST}?stars=5&status=verified",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()

    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from oscar.core.loading import get_model

    seeded_catalogue(products=args.products)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    Certificate = get_model("catalogue", "Certificate")
    Producer = get_model("catalogue", "Producer")
    client = Client()
    client.force_login(get_user_model().objects.get(username="vanphong"))
    producer = Producer.objects.order_by("pk").first()
    print(f"certificates: {Certificate.objects.count()}")

    rows = [measure(client, name, url, requests=args.requests) for name, url in PAGES.items()]
    rows.append(measure(client, "producer page", f"/van-phong/chu-the/{producer.pk}/", requests=args.requests))
    ok = report(f"Office certificate list, {Certificate.objects.count():,} certificates", rows,
                {name: 80 for name in PAGES})
    # A search that finds nothing skips the page's query (the count says 0); what must not
    # change is the count from one full page to another.
    same = rows[0].queries == rows[1].queries
    print(f"same queries on page 1 and page 300: {'yes' if same else 'NO'} ({rows[0].queries}, {rows[1].queries})")
    return 0 if ok and same else 1


if __name__ == "__main__":
    sys.exit(main())
