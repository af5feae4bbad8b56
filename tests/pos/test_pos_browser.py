"""The counter on a tablet in a real browser (Debian's Chromium driven by Playwright): a
USB scanner's keystrokes, the change shown as cash is typed, one sale for a double tap, the
receipt; and the camera reading a stamp's QR (a fake camera showing a QR code)."""

import io
from decimal import Decimal

import pytest
import segno
from django.test import Client
from PIL import Image

from pos.documents import verify_url
from pos.models import PosSale
from tests.factories import sellable_product
from tests.pos_support import counter_user, point_of_sale, shelf

TABLET = {"width": 1024, "height": 768}


def _fake_camera(tmp_path, text: str):
    """A Y4M video (what Chromium's fake camera plays) of one QR code on white."""
    width, height = 640, 480
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=8, border=4)
    qr = Image.open(io.BytesIO(out.getvalue())).convert("L")
    qr.thumbnail((440, 440))
    frame = Image.new("L", (width, height), 255)
    frame.paste(qr, ((width - qr.width) // 2, (height - qr.height) // 2))
    path = tmp_path / "qr.y4m"
    chroma = bytes([128]) * (width * height // 4)
    with open(path, "wb") as f:
        f.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(10):
            f.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)
    return path


@pytest.fixture
def counter(live_server):
    """A point of sale with a product on its shelf, and its counter account's session."""
    pos = point_of_sale()
    product = sellable_product(title="Nước mắm nhĩ Phan Thiết")
    shelf(pos, product, num_in_stock=5, price=Decimal("85000"), sku="MUINE-001")
    client = Client()
    client.force_login(counter_user(pos))
    return product, client.cookies["sessionid"].value


@pytest.fixture
def chromium_args(counter, tmp_path):
    """The shared browser with a fake camera showing the product's stamp."""
    product, _ = counter
    video = _fake_camera(tmp_path, verify_url(product.certificates.get().number))
    return ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}"]


@pytest.fixture
def counter_page(browser, live_server, counter):
    product, session = counter
    context = browser.new_context(viewport=TABLET, has_touch=True)
    context.grant_permissions(["camera"], origin=live_server.url)
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.csp_errors = errors
    return page, product


@pytest.mark.django_db(transaction=True)
def test_a_cash_sale_on_a_tablet_with_a_usb_scanner(counter_page, live_server):
    page, product = counter_page
    page.goto(f"{live_server.url}/pos/")
    # A USB scanner is a keyboard: the code field has the focus, the scanner types and presses Enter.
    assert page.evaluate("document.activeElement.id") == "pos-code"
    page.keyboard.type("MUINE-001")
    page.keyboard.press("Enter")
    page.wait_for_selector(".pos-lines")
    assert "Nước mắm nhĩ Phan Thiết" in page.locator(".pos-lines").inner_text()

    page.fill("#pos-tendered", "100000")
    assert page.locator("#pos-change").inner_text().replace("\xa0", " ") == "15.000 ₫"
    button = page.get_by_role("button", name="Thu tiền mặt và hoàn tất")
    box = button.bounding_box()
    assert box["height"] >= 44  # touch-sized
    button.dblclick()  # a double tap

    page.wait_for_url("**/pos/hoa-don/*/")
    receipt = page.locator("body").inner_text().replace("\xa0", " ")
    assert product.certificates.get().number in receipt and "15.000 ₫" in receipt
    assert PosSale.objects.count() == 1
    assert not [e for e in page.csp_errors if "Content Security Policy" in e]


@pytest.mark.parametrize("decoder", ["native", "jsqr-fallback"])
@pytest.mark.django_db(transaction=True)
def test_the_camera_reads_a_stamp_qr_into_the_basket(counter_page, live_server, decoder):
    page, product = counter_page
    if decoder == "jsqr-fallback":  # a browser without BarcodeDetector (Firefox, Safari)
        page.add_init_script("delete window.BarcodeDetector;")
    page.goto(f"{live_server.url}/pos/")
    if decoder == "native" and not page.evaluate("'BarcodeDetector' in window"):
        pytest.skip("this Chromium has no BarcodeDetector")
    page.get_by_role("button", name="Quét bằng camera").click()
    page.wait_for_selector(".pos-lines", timeout=15000)
    assert "Nước mắm nhĩ Phan Thiết" in page.locator(".pos-lines").inner_text()
    assert not [e for e in page.csp_errors if "Content Security Policy" in e]
