"""What gets printed: QR codes (segno, locally), the receipt PDF, stamp sheets and shelf
labels (fpdf2 with the bundled DejaVu font, which has the Vietnamese letters)."""

from __future__ import annotations

import functools
import io
from decimal import Decimal

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from pos.selectors import product_verify_certificate
from producers.statements import FONT


def verify_url(number: str) -> str:
    """The absolute address a stamp's QR carries: the site's public address (SITE_URL), not
    whatever host a request came in on, since a printed stamp outlives any request."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("pos_verify:detail", kwargs={"number": number})


@functools.lru_cache(maxsize=2048)
def qr_svg(data: str, *, scale: int = 4) -> str:
    """Memoised: a product page draws its certificate's QR on every view (a third of the
    page's server time), and the same data always gives the same SVG."""
    return segno.make(data, error="m").svg_inline(scale=scale, border=2)


def _qr_png(data: str) -> io.BytesIO:
    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="png", scale=8, border=2)
    out.seek(0)
    return out


def money(amount: Decimal | None) -> str:
    return f"{int(amount or 0):,} ₫".replace(",", ".")


def _pdf(**kwargs):
    from fpdf import FPDF

    pdf = FPDF(**kwargs)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=9)
    pdf.set_auto_page_break(True, margin=4)
    return pdf


def _output(pdf) -> bytes:
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()


def receipt_lines(sale) -> list[dict]:
    """The receipt's lines, each with the certificate that made it sellable at the sale."""
    day = timezone.localtime(sale.order.date_placed).date()
    rows = []
    for line in sale.order.lines.select_related("product").prefetch_related("product__certificates"):
        certificate = product_verify_certificate(line.product, day=day) if line.product else None
        rows.append({"line": line, "certificate": certificate})
    return rows


def receipt_pdf(sale, rows) -> bytes:
    """80 mm roll: 72 mm printable, the page as long as the receipt."""
    height = 90 + 14 * len(rows)
    pdf = _pdf(unit="mm", format=(80, height))
    pdf.set_margins(4, 4, 4)
    pdf.add_page()
    pos = sale.point_of_sale
    pdf.set_font_size(11)
    pdf.multi_cell(72, 5, pos.name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font_size(8)
    pdf.multi_cell(72, 4, pos.address, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(72, 4, f"Hóa đơn {sale.order.number} · {timezone.localtime(sale.order.date_placed):%d/%m/%Y %H:%M}",
             align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for row in rows:
        line, certificate = row["line"], row["certificate"]
        pdf.multi_cell(72, 4, line.title, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(40, 4, f"{line.quantity} × {money(line.unit_price_incl_tax)}")
        pdf.cell(32, 4, money(line.line_price_incl_tax), align="R", new_x="LMARGIN", new_y="NEXT")
        if certificate is not None:
            pdf.cell(72, 4, f"OCOP {certificate.stars}★ · Chứng nhận số {certificate.number}",
                     new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    pdf.set_font_size(10)
    pdf.cell(40, 6, "Tổng cộng")
    pdf.cell(32, 6, money(sale.order.total_incl_tax), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font_size(8)
    pdf.cell(40, 4, sale.get_payment_display())
    pdf.cell(32, 4, sale.payment_reference, align="R", new_x="LMARGIN", new_y="NEXT")
    if sale.payment == sale.Payment.CASH:
        pdf.cell(40, 4, "Khách đưa")
        pdf.cell(32, 4, money(sale.amount_tendered), align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(40, 4, "Tiền thừa")
        pdf.cell(32, 4, money(sale.change_due), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.multi_cell(72, 4, "Kiểm tra tem OCOP: " + settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/verify/",
                   align="C", new_x="LMARGIN", new_y="NEXT")
    return _output(pdf)


def stamp_sheet_pdf(certificates) -> bytes:
    """A4, 3 × 5 stamps a page (60 × 52 mm): QR to the verification page, stars, number."""
    pdf = _pdf(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    cols, rows, w, h, left, top = 3, 5, 62, 54, 12, 12
    per_page = cols * rows
    for i, certificate in enumerate(certificates):
        if i % per_page == 0:
            pdf.add_page()
        col, row = (i % per_page) % cols, (i % per_page) // cols
        x, y = left + col * w, top + row * h
        pdf.rect(x, y, w - 2, h - 2)
        pdf.image(_qr_png(verify_url(certificate.number)), x=x + 2, y=y + 2, w=30, h=30)
        pdf.set_xy(x + 33, y + 4)
        pdf.set_font_size(12)
        pdf.cell(26, 6, "OCOP")
        pdf.set_xy(x + 33, y + 11)
        pdf.set_font_size(11)
        pdf.cell(26, 6, "★" * certificate.stars)
        pdf.set_xy(x + 33, y + 17)
        pdf.set_font_size(7)
        pdf.cell(26, 4, f"{certificate.stars} sao")
        pdf.set_xy(x + 2, y + 34)
        pdf.set_font_size(8)
        pdf.cell(w - 6, 4, f"Số: {certificate.number}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_xy(x + 2, y + 39)
        pdf.set_font_size(6)
        pdf.multi_cell(w - 6, 3, certificate.product.get_title()[:80])
    return _output(pdf)


def shelf_labels_pdf(items) -> bytes:
    """A4, 2 × 6 labels: name, price, stars and the QR to the verification page.
    ``items`` are (title, price, certificate)."""
    pdf = _pdf(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    cols, rows, w, h, left, top = 2, 6, 93, 45, 12, 10
    per_page = cols * rows
    for i, (title, price, certificate) in enumerate(items):
        if i % per_page == 0:
            pdf.add_page()
        col, row = (i % per_page) % cols, (i % per_page) // cols
        x, y = left + col * w, top + row * h
        pdf.rect(x, y, w - 2, h - 2)
        pdf.set_xy(x + 3, y + 3)
        pdf.set_font_size(10)
        pdf.multi_cell(52, 5, title[:70])
        pdf.set_xy(x + 3, y + 20)
        pdf.set_font_size(14)
        pdf.cell(52, 7, money(price))
        if certificate is not None:
            pdf.set_xy(x + 3, y + 29)
            pdf.set_font_size(10)
            pdf.cell(52, 5, "OCOP " + "★" * certificate.stars)
            pdf.set_xy(x + 3, y + 35)
            pdf.set_font_size(7)
            pdf.cell(52, 4, f"Số {certificate.number}")
            pdf.image(_qr_png(verify_url(certificate.number)), x=x + 57, y=y + 4, w=32, h=32)
    return _output(pdf)
