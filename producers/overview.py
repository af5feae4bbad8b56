"""The producer's home: sales by week and top products over 90 days (drawn as a
server-rendered SVG, no script, no CDN), low stock, certificates and their expiry."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Sum
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone
from django.utils.html import escape
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam
from producers.models import LineStatus

Certificate = get_model("catalogue", "Certificate")
Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")

DAYS = 90
LOW_STOCK = 5


@dataclass
class Overview:
    weeks: list[tuple[datetime.date, Decimal]]
    top: list[dict]
    low_stock: list
    certificates: list
    chart_svg: str


def _week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def sales_lines(producer, *, since):
    return (Line.objects.filter(partner_id=producer.partner_id, order__date_placed__gte=since)
            .exclude(status=LineStatus.CANCELLED))


def weekly_sales(producer, *, today: datetime.date) -> list[tuple[datetime.date, Decimal]]:
    since = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=DAYS),
                                                          datetime.time.min))
    rows = (sales_lines(producer, since=since)
            .annotate(week=TruncWeek("order__date_placed")).values("week")
            .annotate(total=Sum("line_price_incl_tax")).values_list("week", "total").order_by())
    totals: dict[datetime.date, Decimal] = {}
    for week, amount in rows:  # weeks start on Monday, in Vietnam's time (TIME_ZONE)
        day = timezone.localtime(week).date() if isinstance(week, datetime.datetime) else week
        totals[_week_start(day)] = totals.get(_week_start(day), Decimal(0)) + (amount or 0)
    first = _week_start(today - datetime.timedelta(days=DAYS))
    weeks = []
    week = first
    while week <= today:
        weeks.append((week, totals.get(week, Decimal(0))))
        week += datetime.timedelta(days=7)
    return weeks


def bar_chart_svg(weeks: list[tuple[datetime.date, Decimal]], *, width=640, height=200) -> str:
    peak = max((amount for _w, amount in weeks), default=Decimal(0)) or Decimal(1)
    n = max(len(weeks), 1)
    gap, bottom = 4, 20
    bar = (width - gap * (n + 1)) / n
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'class="ocop-chart" aria-label="Doanh số theo tuần, {DAYS} ngày">']
    for i, (week, amount) in enumerate(weeks):
        h = float(amount / peak) * (height - bottom - 10)
        x = gap + i * (bar + gap)
        y = height - bottom - h
        label = escape(f"{week:%d/%m}: {int(amount):,} ₫".replace(",", "."))
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#2e7d32">'
                     f'<title>{label}</title></rect>')
        if i % 2 == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - 5}" font-size="9">{week:%d/%m}</text>')
    parts.append("</svg>")
    return "".join(parts)


def overview(producer, *, today: datetime.date | None = None) -> Overview:
    today = today or today_in_vietnam()
    weeks = weekly_sales(producer, today=today)
    since = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=DAYS),
                                                          datetime.time.min))
    top = list(sales_lines(producer, since=since).values("product_id", "title")
               .annotate(quantity=Sum("quantity"), revenue=Sum("line_price_incl_tax"))
               .order_by("-revenue")[:5])
    low = list(StockRecord.objects.filter(partner_id=producer.partner_id)
               .annotate(free=F("num_in_stock") - Coalesce(F("num_allocated"), 0))
               .filter(free__lte=LOW_STOCK).select_related("product").order_by("free", "pk")[:10])
    certificates = list(Certificate.objects.filter(product__producer=producer)
                        .select_related("product").order_by("expires_on")[:10])
    return Overview(weeks=weeks, top=top, low_stock=low, certificates=certificates,
                    chart_svg=bar_chart_svg(weeks))
