"""Certificate expiry: lapsed certificates' products leave sale (listings and search are
told), and producers are reminded 30 and 7 days ahead, once per threshold."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue.freshness import catalogue_changed
from catalogue.rules import today_in_vietnam
from producers.models import ExpiryReminder

Certificate = get_model("catalogue", "Certificate")


def reminder_days() -> tuple[int, ...]:
    return tuple(getattr(settings, "OCOP_EXPIRY_REMINDER_DAYS", (30, 7)))


@dataclass
class ExpiryReport:
    delisted: int = 0
    reminders: int = 0


def _recipients(producer) -> list[str]:
    emails = [u.email for u in producer.partner.users.all() if u.email and u.is_active]
    if producer.email:
        emails.append(producer.email)
    return sorted(set(emails))


def _send_reminder(certificate) -> bool:
    producer = certificate.product.producer
    recipients = _recipients(producer)
    if not recipients:
        return False
    expires = f"{certificate.expires_on:%d/%m/%Y}"
    send_mail(
        _("Chứng nhận OCOP %(n)s hết hạn ngày %(d)s") % {"n": certificate.number, "d": expires},
        _("Chứng nhận %(n)s của sản phẩm “%(p)s” hết hạn ngày %(d)s. Sau ngày này sản phẩm "
          "tự ngừng bán cho đến khi có chứng nhận mới được xác minh. Nộp chứng nhận mới tại "
          "khu vực chủ thể: /nha-san-xuat/chung-nhan/nop/") % {
            "n": certificate.number, "p": certificate.product.title, "d": expires},
        None, recipients, fail_silently=True)
    return True


def expire_certificates(*, day: datetime.date | None = None) -> ExpiryReport:
    day = day or today_in_vietnam()
    report = ExpiryReport()
    # Certificates that lapsed yesterday (or were missed since): their products may have
    # left sale today. Listings already filter by date; this tells the cache and search.
    lapsed = list(Certificate.objects.filter(status=Certificate.Status.VERIFIED,
                                             expires_on__lt=day, expires_on__gte=day - datetime.timedelta(days=7))
                  .values_list("product_id", flat=True))
    if lapsed:
        with transaction.atomic():
            catalogue_changed(lapsed)
        report.delisted = len(set(lapsed))
    thresholds = sorted(reminder_days())
    due = (Certificate.objects.filter(status=Certificate.Status.VERIFIED, expires_on__gt=day,
                                      expires_on__lte=day + datetime.timedelta(days=thresholds[-1]))
           .select_related("product__producer__partner")
           .prefetch_related("product__producer__partner__users"))
    for certificate in due:
        remaining = (certificate.expires_on - day).days
        days = next(d for d in thresholds if remaining <= d)  # the nearest threshold only
        try:
            with transaction.atomic():
                ExpiryReminder.objects.create(certificate=certificate, days_before=days)
        except IntegrityError:
            continue  # already reminded at this threshold
        if _send_reminder(certificate):
            report.reminders += 1
    return report
