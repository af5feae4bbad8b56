"""The office's pages get the shopper pages' care: axe-core in Chromium finds no serious or
critical violation on the certificate list, a certificate, a producer's page and the 403."""

import datetime
import json

import pytest

from catalogue.rules import today_in_vietnam
from tests.browser_support import AXE
from tests.editor_support import signed_in_page
from tests.factories import CertificateFactory, UserFactory, sellable_product
from tests.office_support import office_user  # noqa: F401  fixture


def _tab(browser, live_server, user):
    # axe is injected as a script tag; the pages' CSP rightly refuses inline scripts.
    return signed_in_page(browser, live_server, user, bypass_csp=True)


def _serious(page, url: str) -> list[dict]:
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [{"rule": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.skipif(not AXE.exists(), reason="needs axe-core from npm (make install-dev runs npm ci)")
@pytest.mark.django_db(transaction=True)
def test_office_pages_have_no_serious_accessibility_violations(browser, live_server, office_user):
    from catalogue.reference import ensure_reference_data

    ensure_reference_data()
    product = sellable_product(title="Cà phê Buôn Ma Thuột")
    pending = CertificateFactory(product=product, number="DL-CHO-1", status="pending",
                                 issued_on=today_in_vietnam() - datetime.timedelta(days=3))
    office = _tab(browser, live_server, office_user)
    shopper = _tab(browser, live_server, UserFactory())

    found = {name: problems for name, problems in {
        "certificate list": _serious(office, f"{live_server.url}/van-phong/chung-nhan/"),
        "filtered list": _serious(office, f"{live_server.url}/van-phong/chung-nhan/?q=dak+lak&stars=9"),
        "certificate": _serious(office, f"{live_server.url}/van-phong/chung-nhan/{pending.pk}/"),
        "producer": _serious(office, f"{live_server.url}/van-phong/chu-the/{product.producer.pk}/"),
        "403": _serious(shopper, f"{live_server.url}/van-phong/chung-nhan/"),
        "403 English": _serious(shopper, f"{live_server.url}/en/van-phong/chung-nhan/"),
    }.items() if problems}

    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
