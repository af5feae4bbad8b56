"""Writes of the program office that create things: producers and their invited accounts.
Decisions (verify, reject, revoke, suspend) are in ``producers.certification``."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core.text import vn_slugify
from producers.audit import audit_record
from producers.certification import check_can_manage_producers
from producers.models import AuditEntry, Invitation

Partner = get_model("partner", "Partner")
Producer = get_model("catalogue", "Producer")


@transaction.atomic
def producer_create(*, user, name: str, kind: str, province, former_province=None,
                    address: str = "", phone: str = "", email: str = "") -> "Producer":
    check_can_manage_producers(user=user)
    base = vn_slugify(name)[:100] or "chu-the"
    slug, n = base, 1
    while Producer.objects.filter(slug=slug).exists() or Partner.objects.filter(code=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    partner = Partner.objects.create(name=name[:128], code=slug)
    producer = Producer(name=name, slug=slug, kind=kind, partner=partner, province=province,
                        former_province=former_province, address=address, phone=phone, email=email)
    producer.full_clean()
    producer.save()
    audit_record(actor=user, action=AuditEntry.Action.PRODUCER_CREATED, obj=producer, producer=producer)
    return producer


@transaction.atomic
def producer_invite(*, user, producer, email: str) -> "Invitation":
    """An account for ``email`` in the producer (never staff), and an e-mail whose link sets
    its password. An existing account of another producer or of the office is refused."""
    check_can_manage_producers(user=user)
    User = get_user_model()
    email = User.objects.normalize_email(email.strip())
    account = User.objects.filter(email__iexact=email).first()
    if account is not None:
        if account.is_staff or account.is_superuser:
            raise ValidationError({"email": _("Tài khoản này là của văn phòng, không mời làm chủ thể.")})
        other = account.partners.exclude(pk=producer.partner_id).exists()
        if other:
            raise ValidationError({"email": _("Tài khoản này đã thuộc một chủ thể khác.")})
    else:
        username = email[:150]
        if User.objects.filter(username=username).exists():
            raise ValidationError({"email": _("Tên đăng nhập này đã có người dùng.")})
        account = User(username=username, email=email, is_staff=False)
        account.set_unusable_password()
        account.save()
    producer.partner.users.add(account)
    invitation = Invitation.objects.create(producer=producer, user=account, email=email, invited_by=user)
    audit_record(actor=user, action=AuditEntry.Action.PRODUCER_INVITED, obj=producer,
                 producer=producer, reason=email)
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("password-reset-confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(account.pk)),
        "token": default_token_generator.make_token(account)})
    transaction.on_commit(lambda: send_mail(
        _("Lời mời quản lý gian hàng %(name)s trên OCOP Việt Nam") % {"name": producer.name},
        _("Văn phòng OCOP mời bạn quản lý gian hàng của %(name)s.\n"
          "Đặt mật khẩu tại: %(link)s\nSau đó đăng nhập và vào khu vực chủ thể: /nha-san-xuat/") % {
            "name": producer.name, "link": link},
        None, [email], fail_silently=True))
    return invitation
