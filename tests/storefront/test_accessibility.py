"""Accessibility and quality of the storefront: a crawler over the demo (every page reachable
from home has a title, one h1, labelled controls, alt text, the right lang, and no link to a
404), and axe-core inside Chromium on the pages every purchase passes through."""

import json
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.browser_support import AXE, DESKTOP, Journey, make_shop

# Back office, APIs, files and actions: not storefront pages a shopper reads.
SKIPPED_PREFIXES = ("/admin/", "/cms/", "/dashboard/", "/api/", "/graphql/", "/pos/", "/nha-san-xuat/",
                    "/van-phong/", "/media/", "/static/", "/i18n/", "/documents/", "/accounts/logout/",
                    "/basket/add/", "/sitemap.xml", "/healthz", "/verify/")
MAX_PAGES = 150
MAX_LINK_CHECKS = 400


class PageFacts(HTMLParser):
    """What the crawler checks, gathered in one pass over the HTML."""

    CONTROLS = {"input", "select", "textarea"}
    UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.title = ""
        self.h1 = 0
        self.images_without_alt = []
        self.links = []
        self.controls = []  # (id, has its own label)
        self.label_for = set()
        self._open_labels = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self.h1 += 1
        elif tag == "img" and "alt" not in a:
            self.images_without_alt.append(a.get("src"))
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "label":
            self._open_labels += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag in self.CONTROLS and a.get("type", "text") not in self.UNLABELLED_INPUT_TYPES:
            named = self._open_labels > 0 or any(a.get(k) for k in ("aria-label", "aria-labelledby", "title"))
            if a.get("aria-hidden") != "true":
                self.controls.append((a.get("id"), a.get("name"), named))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "label":
            self._open_labels = max(0, self._open_labels - 1)

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def unlabelled(self) -> list:
        return [name or control_id for control_id, name, named in self.controls
                if not named and control_id not in self.label_for]


def _storefront_path(href: str, current: str) -> str | None:
    url = urldefrag(urljoin(f"http://testserver{current}", href)).url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if path.startswith(SKIPPED_PREFIXES) else path


@pytest.mark.django_db
def test_every_demo_page_reachable_from_home_is_titled_labelled_and_linked(client, seeded_demo):
    queue, seen, problems, checked = deque(["/"]), {"/"}, [], 0
    pages = 0
    while queue and pages < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        checked += 1
        if response.status_code == 404:
            problems.append(f"{path}: 404")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        facts = PageFacts()
        facts.feed(response.content.decode())
        expected_lang = "en" if path.startswith("/en/") else "vi"
        if not facts.title.strip():
            problems.append(f"{path}: no <title>")
        if facts.h1 != 1:
            problems.append(f"{path}: {facts.h1} <h1>")
        if facts.images_without_alt:
            problems.append(f"{path}: <img> without alt: {facts.images_without_alt[:3]}")
        if facts.unlabelled():
            problems.append(f"{path}: unlabelled controls {facts.unlabelled()}")
        if facts.lang != expected_lang:
            problems.append(f"{path}: <html lang={facts.lang!r}>, expected {expected_lang!r}")
        for href in facts.links:
            link = _storefront_path(href, path)
            if link and link not in seen and len(seen) < MAX_LINK_CHECKS:
                seen.add(link)
                queue.append(link)
    # Links found after the page budget still must not be dead.
    for path in list(queue):
        if client.get(path).status_code == 404:
            problems.append(f"{path}: 404")

    print(f"\ncrawled {pages} pages, checked {len(seen)} links")
    assert pages >= 30
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(not AXE.exists(), reason="needs axe-core from npm (make install-dev runs npm ci)")
@pytest.mark.django_db(transaction=True)
def test_purchase_pages_have_no_serious_accessibility_violations(browser, live_server):
    data = make_shop(with_wards=False)
    # axe is injected as a script tag; the storefront's CSP rightly refuses inline scripts.
    journey = Journey(browser, "axe", viewport=DESKTOP, bypass_csp=True)
    page = journey.page
    found = {}

    def audit(name: str, path: str) -> None:
        page.goto(f"{live_server.url}{path}")
        journey.step(name)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => (await axe.run(document)).violations")
        serious = [v for v in result if v["impact"] in ("serious", "critical")]
        if serious:
            found[name] = [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
                            "nodes": [n["target"] for n in v["nodes"][:3]]} for v in serious]

    audit("home", "/")
    audit("listing", "/catalogue/")
    audit("product", data["coffee"].get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("button", name="Thêm vào giỏ hàng").first.click()
    audit("basket", "/basket/")
    audit("checkout", "/checkout/")

    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
