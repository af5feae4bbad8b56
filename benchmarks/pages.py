"""Editorial pages benchmark: home, province, story and combo pages on a large catalogue.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench .venv/bin/python benchmarks/pages.py

Migrates the database, seeds the demo (idempotent: 34 province pages, stories, combos),
generates products up to --products, then prints p50/p95 server time and the SQL query count
per page. Target (PostgreSQL): p95 ≤ 80 ms for each page. Exits 1 when a target is missed.
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
    from cms.models import GiftComboPage, ProductStoryPage, ProvincePage
    from demo.seeding import generate_catalog, seed_demo

    call_command("migrate", verbosity=0)
    seed_demo(password="ocop-demo-2026")
    made = generate_catalog(products=args.products, seed=1)
    print(f"catalogue: {sellable_products().count()} sellable products ({made} generated now)")

    client = Client()
    province = ProvincePage.objects.live().get(province__slug="lam-dong")
    story = ProductStoryPage.objects.live().order_by("pk").first()
    combo = GiftComboPage.objects.live().order_by("pk").first()
    rows = [
        measure(client, "home /", "/", requests=args.requests),
        measure(client, "province page", province.url, requests=args.requests),
        measure(client, "story page", story.url, requests=args.requests),
        measure(client, "combo page", combo.url, requests=args.requests),
        measure(client, "story index", "/cau-chuyen/", requests=args.requests),
        measure(client, "combo index (filtered)", "/combo-qua-tang/?dip=tet", requests=args.requests),
    ]
    targets = {"home /": 80, "province page": 80, "story page": 80, "combo page": 80}
    return 0 if report(f"Editorial pages benchmark, {args.products} generated products", rows, targets) else 1


if __name__ == "__main__":
    sys.exit(main())
