"""Catalogue benchmark: home, listing (page 1 and 50) and product detail on a large catalogue.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench .venv/bin/python benchmarks/catalogue.py

Migrates the database, seeds the demo (idempotent), generates products up to --products,
then prints p50/p95 server time and the SQL query count per page. Target (PostgreSQL):
p95 ≤ 40 ms for the listings and the product page. Exits 1 when a target is missed.
"""

import argparse
import sys

from _harness import measure, report, setup_django


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()

    setup_django()
    from django.core.management import call_command
    from django.test import Client

    from catalogue.sellable import sellable_products
    from demo.seeding import generate_catalog, seed_demo

    call_command("migrate", verbosity=0)
    seed_demo(password="ocop-demo-2026")
    made = generate_catalog(products=args.products, seed=1)
    # Listings run the search: its documents must match the catalogue whatever an earlier
    # (interrupted) run left behind.
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)
    print(f"catalogue: {sellable_products().count()} sellable products ({made} generated now)")

    client = Client()
    product = sellable_products().order_by("-date_created", "-id").first()
    rows = [
        measure(client, "home /", "/", requests=args.requests),
        measure(client, "listing page 1", "/catalogue/", requests=args.requests),
        measure(client, "listing page 50", "/catalogue/?page=50", requests=args.requests),
        measure(client, "province listing", "/catalogue/tinh/lam-dong/", requests=args.requests),
        measure(client, "listing 4★ by price", "/catalogue/?stars=4&sort=price", requests=args.requests),
        measure(Client(HTTP_HOST="lamdong.localhost"), "Lâm Đồng site listing", "/catalogue/",
                requests=args.requests),
        measure(client, "product detail", product.get_absolute_url(), requests=args.requests),
    ]
    targets = {name: 40 for name in ("listing page 1", "listing page 50", "province listing", "product detail")}
    return 0 if report(f"Catalogue benchmark, {args.products} generated products", rows, targets) else 1


if __name__ == "__main__":
    sys.exit(main())
