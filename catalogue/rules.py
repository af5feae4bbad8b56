"""OCOP rules that need no database: stars from score, certificate validity dates."""

import calendar
import datetime

from django.utils import timezone

STARS_MIN = 3
STARS_MAX = 5
CERTIFICATE_VALIDITY_MONTHS = 36

# Council score out of 100 → stars (Decision 148/QĐ-TTg): below 50 is not certified.
_SCORE_BANDS = ((90, 5), (70, 4), (50, 3))


def stars_for_score(score: int) -> int | None:
    """Stars the council's score earns, or None below 50 (not certified)."""
    if not 0 <= score <= 100:
        raise ValueError(f"score must be 0–100, got {score}")
    for floor, stars in _SCORE_BANDS:
        if score >= floor:
            return stars
    return None


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole months, clamped to the month's end (29/2 + 12 → 28/2)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def today_in_vietnam() -> datetime.date:
    """Today's date in Asia/Ho_Chi_Minh (the project's TIME_ZONE), whatever the server's."""
    return timezone.localdate()
