"""Monthly statement per producer: paid lines, refunds, the shop's commission and, for
household producers, the tax the platform withholds for them (Decree 117/2025/NĐ-CP:
1% VAT + 0.5% PIT by default). CSV and PDF are drawn from the same ``Statement``."""

import datetime
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from oscar.core.loading import get_model

from checkout import statuses
from checkout.models import Refund, RefundLine
from producers.csvsafe import csv_bytes

Line = get_model("order", "Line")
Producer = get_model("catalogue", "Producer")

PAID_STATUSES = (statuses.PAID, statuses.SHIPPING, statuses.COMPLETE)
FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"


def _percent(name: str, default: str) -> Decimal:
    return Decimal(str(getattr(settings, name, default)))


def _dong(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


@dataclass
class StatementLine:
    order_number: str
    date: datetime.date
    sku: str
    title: str
    quantity: int
    amount: Decimal
    refunded: bool


@dataclass
class Statement:
    producer: object
    month: datetime.date
    lines: list[StatementLine] = field(default_factory=list)
    gross: Decimal = Decimal(0)
    refunds: Decimal = Decimal(0)
    net: Decimal = Decimal(0)
    commission_percent: Decimal = Decimal(0)
    commission: Decimal = Decimal(0)
    vat_percent: Decimal = Decimal(0)
    vat_withheld: Decimal = Decimal(0)
    pit_percent: Decimal = Decimal(0)
    pit_withheld: Decimal = Decimal(0)
    payout: Decimal = Decimal(0)

    def summary(self) -> list[tuple[str, Decimal]]:
        return [
            ("Doanh thu dòng đã thanh toán", self.gross),
            ("Hoàn tiền", -self.refunds),
            ("Doanh thu thuần", self.net),
            (f"Phí sàn ({self.commission_percent}%)", -self.commission),
            (f"Thuế GTGT khấu trừ ({self.vat_percent}%)", -self.vat_withheld),
            (f"Thuế TNCN khấu trừ ({self.pit_percent}%)", -self.pit_withheld),
            ("Số tiền chuyển cho chủ thể", self.payout),
        ]


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = month.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
            datetime.datetime.combine(end, datetime.time.min, tzinfo=tz))


def build_statement(*, producer, month: datetime.date) -> Statement:
    """Lines of paid orders placed in the month; lines of orders cancelled after money was
    taken count as sale and refund there too (the older path). Then the refunds the office
    made (checkout/payments/refunds.py) that settled in the month, Vietnam time, whatever the order's
    month: accounting counts a refund when the money went back. Each is a row of its own,
    with a negative amount. Three queries, however many lines."""
    start, end = month_bounds(month)
    statement = Statement(producer=producer, month=month.replace(day=1))
    lines = (Line.objects.filter(partner_id=producer.partner_id, order__date_placed__gte=start,
                                 order__date_placed__lt=end)
             .filter(order__status__in=PAID_STATUSES + (statuses.CANCELLED, statuses.REFUNDED))
             .select_related("order").prefetch_related("order__sources")
             .order_by("order__date_placed", "pk"))
    for line in lines:
        cancelled = line.order.status == statuses.CANCELLED
        if cancelled and not any(s.amount_debited > 0 for s in line.order.sources.all()):
            continue  # cancelled before any money moved: neither sale nor refund
        statement.lines.append(StatementLine(
            order_number=line.order.number, date=timezone.localtime(line.order.date_placed).date(),
            sku=line.partner_sku, title=line.title, quantity=line.quantity,
            amount=line.line_price_incl_tax, refunded=cancelled))
        statement.gross += line.line_price_incl_tax
        if cancelled:
            statement.refunds += line.line_price_incl_tax
    # A cancelled order's whole lines already went back above, in its own month; a refund
    # record of them would count them twice.
    refunded = (RefundLine.objects.filter(line__partner_id=producer.partner_id, refund__state=Refund.State.SUCCEEDED,
                                          refund__settled_at__gte=start, refund__settled_at__lt=end)
                .exclude(line__order__status=statuses.CANCELLED)
                .select_related("refund", "line__order").order_by("refund__settled_at", "pk"))
    for row in refunded:
        statement.lines.append(StatementLine(
            order_number=row.line.order.number, date=timezone.localtime(row.refund.settled_at).date(),
            sku=row.line.partner_sku, title=row.line.title, quantity=row.quantity,
            amount=-row.amount, refunded=True))
        statement.refunds += row.amount
    statement.net = statement.gross - statement.refunds
    statement.commission_percent = _percent("OCOP_COMMISSION_PERCENT", "5")
    statement.commission = _dong(statement.net * statement.commission_percent / 100)
    if producer.kind == Producer.Kind.HOUSEHOLD:
        statement.vat_percent = _percent("OCOP_HOUSEHOLD_VAT_PERCENT", "1")
        statement.pit_percent = _percent("OCOP_HOUSEHOLD_PIT_PERCENT", "0.5")
        statement.vat_withheld = _dong(statement.net * statement.vat_percent / 100)
        statement.pit_withheld = _dong(statement.net * statement.pit_percent / 100)
    statement.payout = statement.net - statement.commission - statement.vat_withheld - statement.pit_withheld
    return statement


def statement_csv(statement: Statement) -> bytes:
    rows = [[line.order_number, line.date.isoformat(), line.sku, line.title, line.quantity,
             int(line.amount), "hoàn tiền" if line.refunded else "đã thanh toán"] for line in statement.lines]
    rows.append([])
    rows.extend([label, "", "", "", "", int(amount), ""] for label, amount in statement.summary())
    return csv_bytes(["don_hang", "ngay", "ma_hang", "san_pham", "so_luong", "thanh_tien", "loai"], rows)


def _money(amount: Decimal) -> str:
    return f"{int(amount):,} ₫".replace(",", ".")


def statement_pdf(statement: Statement) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.set_font_size(14)
    pdf.cell(0, 8, f"Sao kê tháng {statement.month:%m/%Y}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font_size(10)
    pdf.cell(0, 6, f"{statement.producer.name} ({statement.producer.get_kind_display()})",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    widths = (25, 22, 83, 12, 40)
    for text, width in zip(("Đơn", "Ngày", "Sản phẩm", "SL", "Thành tiền"), widths):
        pdf.cell(width, 6, text, border=1)
    pdf.ln()
    for line in statement.lines:
        title = (line.title[:48] + "…") if len(line.title) > 49 else line.title
        if line.refunded:
            title = "[hoàn] " + title
        for text, width in zip((line.order_number, f"{line.date:%d/%m/%Y}", title, str(line.quantity),
                                _money(line.amount)), widths):
            pdf.cell(width, 6, text, border=1)
        pdf.ln()
    pdf.ln(4)
    for label, amount in statement.summary():
        pdf.cell(120, 6, label)
        pdf.cell(62, 6, _money(amount), align="R", new_x="LMARGIN", new_y="NEXT")
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()
