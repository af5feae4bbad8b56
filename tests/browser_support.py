"""Shared pieces of the browser journeys: Debian's Chromium through Playwright, screenshots
per step, the horizontal-overflow check, shop data built with the project's factories, and
the catalogue of our own msgids (to find Vietnamese left on English pages)."""

import ast
import os
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 # the provincial demo site's host name, without touching /etc/hosts
                 "--host-resolver-rules=MAP lamdong.localhost 127.0.0.1"]
NO_CHROMIUM = f"no Chromium at {CHROMIUM}: browser tests need Debian's chromium (apt-get install chromium)"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def chromium_args() -> list[str]:
    """Flags added to CHROMIUM_ARGS; a test module overrides this fixture for its own
    (the counter's fake camera)."""
    return []


@pytest.fixture
def browser(monkeypatch, chromium_args):
    """Debian's Chromium through Playwright, for one test: every browser test takes this
    fixture (tests/conftest.py makes it available everywhere). Skips only when Chromium is
    absent; Playwright itself is a requirement, so its absence fails."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test
    # itself are synchronous and safe. Undone after the test (the deploy check refuses it).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *chromium_args])
        yield chromium
        chromium.close()


class Journey:
    """One shopper's tab: each ``step`` saves a screenshot and, on a phone, checks that
    nothing is wider than the screen."""

    def __init__(self, browser, name: str, *, viewport=DESKTOP, **context_options):
        self.name = name
        self.phone = viewport["width"] < 600
        self.page = browser.new_context(viewport=viewport, locale="vi-VN", **context_options).new_page()
        self.steps = 0
        (ARTIFACTS / name).mkdir(parents=True, exist_ok=True)

    def step(self, label: str) -> None:
        self.page.wait_for_load_state("load")
        self.steps += 1
        self.page.screenshot(path=str(ARTIFACTS / self.name / f"{self.steps:02d}-{label}.png"), full_page=True)
        if self.phone:
            widths = self.page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]")
            assert widths[0] <= widths[1], f"{label}: page is {widths[0]}px wide on a {widths[1]}px screen"

    def text(self) -> str:
        return self.page.locator("body").inner_text().replace("\xa0", " ")  # babel's no-break space before ₫


def make_shop(with_wards: bool = True) -> dict:
    """Coffee from Đắk Lắk at 4★ and 3★ and from Lâm Đồng at 4★ (so each filter matters),
    fish sauce and squid for a combo, the home page tree and the wards for checkout."""
    from catalogue.models import Province
    from catalogue.reference import ensure_reference_data
    from tests.cms_support import page_tree
    from tests.factories import ProducerFactory, sellable_product

    if with_wards:
        ensure_reference_data()
    dak_lak = Province.objects.get(slug="dak-lak")
    lam_dong = Province.objects.get(slug="lam-dong")
    tree = page_tree()
    buon_ma_thuot = ProducerFactory(name="HTX Cà phê Ea Tu", province=dak_lak)
    return {
        "tree": tree,
        "coffee": sellable_product(title="Cà phê rang xay Buôn Ma Thuột", producer=buon_ma_thuot,
                                   price=Decimal("185000"), stars=4, score=78),
        "coffee_3": sellable_product(title="Cà phê hạt Robusta Ea Tu", producer=buon_ma_thuot,
                                     price=Decimal("120000"), stars=3, score=60),
        "coffee_elsewhere": sellable_product(title="Cà phê Arabica Cầu Đất",
                                             producer=ProducerFactory(name="HTX Cầu Đất", province=lam_dong),
                                             price=Decimal("210000"), stars=4, score=80),
        "fish_sauce": sellable_product(title="Nước mắm nhĩ Phan Thiết", price=Decimal("150000")),
        "squid": sellable_product(title="Mực một nắng Phan Thiết", price=Decimal("390000")),
    }


def our_msgids(language: str = "en") -> list[str]:
    """Our Vietnamese source strings that have a translation in ``language``'s catalogue,
    as a shopper would read them (placeholders cut out, so only literal runs are matched)."""
    po = (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    strings = []
    for entry in po.split("\n\n"):
        if "#, fuzzy" in entry:
            continue
        msgid = _po_field(entry, "msgid")
        msgstr = _po_field(entry, "msgstr") or _po_field(entry, r"msgstr\[0\]")
        if msgid and msgstr and msgid != msgstr:
            strings.extend(run for run in re.split(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>", msgid)
                           if len(run.strip()) >= 6 and re.search(r"[^\x00-\x7f]", run))
    return [run.strip() for run in strings]


def _po_field(entry: str, name: str) -> str:
    match = re.search(rf'^{name} ((?:".*"\n?)+)', entry, re.MULTILINE)
    if not match:
        return ""
    return "".join(ast.literal_eval(line) for line in match.group(1).splitlines() if line.startswith('"'))
