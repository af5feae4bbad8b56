"""make prod-check: the production topology on loopback, checked as a shopper, a producer and
an operator would find it.

    .venv/bin/python deploy/prod_check.py [--media s3|local] [--keep] [--only STEP ...]

Starts deploy/topology.py (nginx with TLS → two gunicorn "machines", the task worker, Redis,
osmem-server as the search engine, moto as the object store, a fresh PostgreSQL database;
migrated, seeded, indexed, static collected), then runs each step below and prints PASS or
FAIL with the reason. Exits 1 when any step fails. Stops everything it started, by process
group, and drops its databases, whatever happens. Loopback only.
"""

import argparse
import io
import json
import re
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shopper import CheckoutFailed, Shopper, order_number  # noqa: E402
from topology import ROOT, PYTHON, Topology  # noqa: E402

HEALTH_KEYS = {"status", "database", "cache", "search", "storage", "worker"}
PAGES = ("home", "listing", "search", "product")


class CheckFailed(AssertionError):
    """A step found the shop not as it must be."""


def check(condition, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


class ProdCheck:
    def __init__(self, topology: Topology):
        self.t = topology
        self.product = self._a_product()
        self.ward = self.t.sql("SELECT w.code FROM catalogue_ward w JOIN catalogue_province p ON p.id = w.province_id "
                               "WHERE p.slug = %s ORDER BY w.code LIMIT 1", ("lam-dong",))[0][0]

    def shopper(self, **options) -> Shopper:
        return Shopper(self.t.url, certificate=self.t.certificate, **options)

    def _a_product(self) -> dict:
        """A sellable product with a picture, as the public search API lists it."""
        response = requests.get(f"{self.t.url}/api/search/", params={"q": "nuoc mam", "page_size": 50},
                                verify=self.t.certificate, timeout=30)
        response.raise_for_status()
        results = [r for r in response.json()["results"] if r["image"]]
        check(results, "the search API lists no sellable product with a picture for 'nuoc mam'")
        return {"id": results[0]["id"], "path": results[0]["url"], "title": results[0]["title"]}

    def checkout(self, shopper: Shopper, email: str) -> str:
        return shopper.checkout_cod(product_id=self.product["id"], product_path=self.product["path"],
                                    province="lam-dong", ward=self.ward, email=email)

    def orders_for(self, pattern: str) -> list[tuple]:
        return self.t.sql("SELECT number, basket_id FROM order_order WHERE guest_email LIKE %s", (pattern,))

    # -- steps -------------------------------------------------------------------------------
    def step_health(self):
        """/healthz through nginx names every part, each "ok"."""
        response = requests.get(f"{self.t.url}/healthz", verify=self.t.certificate, timeout=30)
        body = response.json()
        check(response.status_code == 200, f"/healthz answered {response.status_code}: {body}")
        check(set(body) >= HEALTH_KEYS, f"/healthz keys {sorted(body)}, expected {sorted(HEALTH_KEYS)}")
        check(all(body[key] == "ok" for key in HEALTH_KEYS), f"/healthz: {body}")

    def step_https_and_headers(self):
        """Plain HTTP redirects to HTTPS; answers carry HSTS and nginx's request id."""
        plain = requests.get(f"http://localhost:{self.t.ports['http']}/catalogue/", allow_redirects=False, timeout=10)
        check(plain.status_code == 301 and plain.headers["Location"] == f"{self.t.url}/catalogue/",
              f"http:// answered {plain.status_code} {plain.headers.get('Location')}")
        page = requests.get(f"{self.t.url}/", verify=self.t.certificate, timeout=30)
        check(page.status_code == 200, f"/ answered {page.status_code}")
        check("max-age=" in page.headers.get("Strict-Transport-Security", ""), "no HSTS header")
        check(re.fullmatch(r"[0-9a-f]{32}", page.headers.get("X-Request-ID", "")),
              f"X-Request-ID {page.headers.get('X-Request-ID')!r} is not nginx's $request_id")

    def step_logs_carry_the_request_id(self):
        """One request id in nginx's access log and in a web machine's JSON access line."""
        request_id = requests.get(f"{self.t.url}/catalogue/", verify=self.t.certificate, timeout=30).headers["X-Request-ID"]
        time.sleep(0.5)
        nginx_lines = [json.loads(line) for line in (self.t.folder / "nginx" / "access.log").read_text().splitlines()]
        check(any(line["request_id"] == request_id for line in nginx_lines), "nginx's access log lacks the request id")
        app_lines = [json.loads(line) for name in ("web1", "web2")
                     for line in (self.t.folder / f"{name}.log").read_text().splitlines() if line.startswith("{")]
        mine = [line for line in app_lines if line.get("request_id") == request_id]
        check(any(line["logger"] == "storefront.access" and line["status"] == 200 for line in mine),
              "no JSON access line on either web machine with that request id")

    def step_metrics_not_public(self):
        """/metrics: 404 through nginx, Prometheus text straight from a gunicorn on loopback."""
        public = requests.get(f"{self.t.url}/metrics", verify=self.t.certificate, timeout=10)
        check(public.status_code == 404, f"/metrics through nginx answered {public.status_code}")
        direct = requests.get(f"http://127.0.0.1:{self.t.ports['web1']}/metrics", headers={"Host": "localhost"}, timeout=10)
        check(direct.status_code == 200 and "django_http_requests_total_by_method_total" in direct.text,
              f"/metrics on loopback answered {direct.status_code}")

    def step_browser_journey(self):
        """Chromium: home, search, a product whose picture loads, checkout cash on delivery."""
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            try:
                self._journey(browser.new_context(ignore_https_errors=True, locale="vi-VN").new_page())
            finally:
                browser.close()

    def _journey(self, page):
        page.goto(f"{self.t.url}/")
        check("OCOP" in page.title(), f"home title {page.title()!r}")
        search = page.locator('form[role="search"]').first.locator('input[name="q"]')
        search.fill("nuoc mam")
        search.press("Enter")
        page.wait_for_url(re.compile(r"q=nuoc(\+|%20)mam"))
        page.get_by_role("link", name=self.product["title"]).first.click()
        page.wait_for_load_state("load")
        image = page.locator("#ocop-gallery-main")
        check(image.count() == 1, "the product page has no main picture")
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete", arg=image.element_handle(), timeout=15000)
        width = image.evaluate("img => img.naturalWidth")
        check(width > 0, f"the product picture {image.get_attribute('src')} did not load (naturalWidth 0)")
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("Thêm vào giỏ hàng")).first.click()
        page.goto(f"{self.t.url}/checkout/")
        page.fill('input[name="username"]', "trinh-duyet@prod-check.vn")
        page.check('input[name="options"][value="anonymous"]')
        page.locator('form:has(input[name="username"]) button[type="submit"]').first.click()
        page.fill('input[name="first_name"]', "Hoàng Thị Mai")
        page.fill('input[name="phone_number"]', "0905 123 456")
        page.fill('input[name="line1"]', "12 Lê Duẩn")
        page.select_option('select[name="province"]', "lam-dong")
        page.wait_for_function("code => [...document.querySelectorAll('select[name=ward] option')].some(o => o.value === code)",
                               arg=self.ward)
        page.select_option('select[name="ward"]', self.ward)
        page.locator('form:has(input[name="line1"]) button[type="submit"]').first.click()
        if page.locator('input[name="method_code"], button[name="method_code"]').count():
            page.locator('form:has([name="method_code"]) button[type="submit"]').first.click()
        page.check('input[name="payment_method"][value="cod"]')
        page.locator('form:has(input[name="payment_method"]) button[type="submit"]').first.click()
        page.locator('form:has(input[value="place_order"]) button[type="submit"]').first.click()
        page.wait_for_url("**/checkout/thank-you/")
        orders = self.orders_for("trinh-duyet@prod-check.vn")
        check(len(orders) == 1, f"{len(orders)} orders in the database for the browser's checkout")
        check(orders[0][0] in page.content(), "the thank-you page does not show the order number")

    def step_producer_upload(self):
        """A producer signs in and uploads a picture through nginx; it is served back."""
        from PIL import Image

        producer = Shopper(self.t.url, certificate=self.t.certificate)
        producer.get("login-page", "/accounts/login/")
        login = producer.post_form("login", "/accounts/login/", {
            "login-username": "chuthe1", "login-password": self.t.password, "login_submit": "1"})
        check(login.status_code == 200 and "/accounts/login/" not in login.url, f"login ended on {login.url}")
        products = producer.get("products", "/nha-san-xuat/san-pham/")
        ids = re.findall(r"/nha-san-xuat/san-pham/(\d+)/", products.text)
        check(ids, f"the producer's product list shows no product (HTTP {products.status_code})")
        picture = io.BytesIO()
        Image.new("RGB", (640, 480), (200, 120, 40)).save(picture, format="JPEG")
        upload = producer.post_form("upload", f"/nha-san-xuat/san-pham/{ids[0]}/anh/", {"caption": "prod-check"},
                                    files={"image": ("prod-check.jpg", picture.getvalue(), "image/jpeg")})
        check(upload.status_code == 200, f"the upload answered {upload.status_code}")
        check(("Đã thêm ảnh" in upload.text), "the upload was not confirmed ('Đã thêm ảnh.')")
        names = self.t.sql("SELECT original FROM catalogue_productimage WHERE caption = %s", ("prod-check",))
        check(len(names) == 1, f"{len(names)} image rows with the upload's caption")
        served = requests.get(f"{self.t.url}/media/{names[0][0]}", verify=self.t.certificate, timeout=30)
        check(served.status_code == 200 and served.headers.get("Content-Type") == "image/jpeg",
              f"/media/{names[0][0]} answered {served.status_code} {served.headers.get('Content-Type')}")
        check(Image.open(io.BytesIO(served.content)).size == (640, 480), "the served picture is not the uploaded one")

    def step_machine_dies_mid_checkout(self):
        """Shoppers keep checking out while one gunicorn is killed: each ends with one order."""
        shoppers, outcomes, stop = 6, {}, threading.Event()

        def shop(i: int) -> None:
            n = 0
            while not stop.is_set():
                email = f"failover-{i}-{n}@prod-check.vn"
                try:
                    outcomes[email] = order_number(self.checkout(self.shopper(), email)) or "placed"
                except (CheckoutFailed, requests.RequestException) as exc:
                    outcomes[email] = f"FAILED: {exc}"
                n += 1

        threads = [threading.Thread(target=shop, args=(i,)) for i in range(shoppers)]
        for thread in threads:
            thread.start()
        time.sleep(4)
        self.t.kill("web1")
        time.sleep(8)
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        failed = {email: outcome for email, outcome in outcomes.items() if outcome.startswith("FAILED")}
        orders = self.orders_for("failover-%@prod-check.vn")
        per_basket = Counter(basket for _, basket in orders)
        self.t.start_web("web1")  # back for the steps after this one
        check(len(outcomes) >= shoppers * 2, f"only {len(outcomes)} checkouts ran")
        check(not failed, f"{len(failed)} of {len(outcomes)} checkouts failed: {list(failed.values())[:3]}")
        check(max(per_basket.values()) == 1, "a basket was placed twice")
        check(len(orders) == len(outcomes), f"{len(orders)} orders in the database for {len(outcomes)} checkouts")

    def step_cache_server_dies(self):
        """Redis killed: pages, /healthz and a checkout answer without a 5xx; Redis back, still none."""
        self.t.kill("redis")
        try:
            down = self._traffic("cache-down")
        finally:
            self.t.start_redis()
        up = self._traffic("cache-back")
        for label, errors in (("while Redis was down", down), ("after Redis came back", up)):
            check(not errors, f"{label}: {len(errors)} server errors, e.g. {errors[:3]}")

    def _traffic(self, label: str) -> list[str]:
        """A few rounds of every page, /healthz and one checkout; the 5xx answers seen."""
        shopper = self.shopper(retries=0)
        errors = []
        for _ in range(5):
            shopper.browse(product_path=self.product["path"], query="nuoc mam")
            shopper.get("healthz", "/healthz")
        try:
            self.checkout(shopper, f"{label}@prod-check.vn")
        except (CheckoutFailed, requests.RequestException) as exc:
            errors.append(f"checkout: {exc}")
        errors += [f"{a.name}: {a.status}" for a in shopper.answers if a.status >= 500 or a.status == 0]
        return errors

    def step_backup_restores(self):
        """deploy/backup.py of the shop's database, restored by deploy/restore.py into a new one."""
        backups = self.t.folder / "backups"
        result = subprocess.run([PYTHON, str(ROOT / "deploy" / "backup.py"), "--dir", str(backups)],
                                env=self.t.env(), capture_output=True, text=True, timeout=600)
        check(result.returncode == 0, f"backup.py: {result.stderr[-1000:]}")
        (manifest,) = backups.glob("ocop-*.json")
        target = self.t.database_url_for(f"{self.t.database}_restored")
        result = subprocess.run([PYTHON, str(ROOT / "deploy" / "restore.py"), str(manifest), "--database-url", target,
                                 "--create", "--media-root", str(self.t.folder / "restored-media")],
                                env=self.t.env(), capture_output=True, text=True, timeout=600)
        check(result.returncode == 0, f"restore.py: {result.stderr[-1000:]}")
        orders = json.loads(manifest.read_text())["tables"]["public.order_order"]
        check(orders > 0, "the backup holds no order")
        print(f"    {result.stdout.strip()} ({orders} orders)")


STEPS = [name for name in vars(ProdCheck) if name.startswith("step_")]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--media", choices=("s3", "local"), default="s3",
                        help="s3 (default, the production contract) or local (nginx reads MEDIA_ROOT)")
    parser.add_argument("--keep", action="store_true", help="keep the folder with the logs")
    parser.add_argument("--only", nargs="*", choices=[s.removeprefix("step_") for s in STEPS])
    args = parser.parse_args(argv)
    started = time.monotonic()
    failures, passed = [], []
    with Topology(media=args.media, keep=args.keep) as topology:
        print(f"topology up in {time.monotonic() - started:.0f} s at {topology.url} (folder {topology.folder})")
        run = ProdCheck(topology)
        for name in STEPS:
            if args.only and name.removeprefix("step_") not in args.only:
                continue
            step_started = time.monotonic()
            try:
                getattr(run, name)()
            except Exception as exc:  # noqa: BLE001  every step's failure is reported, then the next runs
                failures.append(name)
                detail = str(exc) if isinstance(exc, CheckFailed) else traceback.format_exc(limit=3)
                print(f"FAIL {name.removeprefix('step_')}: {detail}")
            else:
                passed.append(name)
                print(f"PASS {name.removeprefix('step_')} ({time.monotonic() - step_started:.1f} s)")
        if failures and args.keep:
            print(f"logs kept in {topology.folder}")
    print(f"prod-check took {time.monotonic() - started:.0f} s")
    print(f"prod-check: {len(passed)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
