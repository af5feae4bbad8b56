"""Account mutations: ``accountRegister``, ``confirmAccount``, ``requestPasswordReset``,
``setPassword``.

Registration goes through Oscar's own ``EmailUserCreationForm`` (Django's password
validators), so the API accepts exactly what the web's sign-up accepts. Neither registration
nor password reset tells who has an account: a known e-mail gets the same answer as a new one
(its owner is e-mailed instead), and both are throttled per client address and per e-mail
address, so they can be used neither to probe nor to flood someone's mailbox."""

import hashlib
from urllib.parse import urlencode, urlparse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from oscar.core.loading import get_class

from core.throttle import client_ip, count_in_window
from graphql_api.account import auth
from graphql_api.common.budget import TooManyRequests

EmailUserCreationForm = get_class("customer.forms", "EmailUserCreationForm")

PASSWORD_CODES = {
    "password_too_short": "PASSWORD_TOO_SHORT", "password_too_common": "PASSWORD_TOO_COMMON",
    "password_entirely_numeric": "PASSWORD_ENTIRELY_NUMERIC", "password_too_similar": "PASSWORD_TOO_SIMILAR",
}


THROTTLE_SECONDS = 3600
# E-mails one address may be sent per hour, whoever asks: a confirmation, a notice or a reset.
EMAILS_PER_RECIPIENT = 3


def _error(field, code, message):
    return {"field": field, "code": code, "message": str(message)}


def redirect_allowed(url: str | None, request) -> bool:
    """A link we e-mail may only point at our own host or a configured storefront origin."""
    if not url:
        return False
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return False
    origin = f"{parsed.scheme}://{parsed.netloc}"
    return origin in settings.GRAPHQL_CORS_ORIGINS or parsed.netloc == request.get_host()


def check_throttle(*, request, action: str, email: str | None = None) -> None:
    """Count the attempt per client address (``GRAPHQL_ACCOUNT_EMAILS_PER_HOUR``) and, when it
    sends mail, per recipient (``EMAILS_PER_RECIPIENT``); raise ``TooManyRequests`` past either.
    Counted first, so parallel requests cannot overshoot."""
    if count_in_window(f"graphql-{action}", client_ip(request), seconds=THROTTLE_SECONDS) \
            > settings.GRAPHQL_ACCOUNT_EMAILS_PER_HOUR:
        raise TooManyRequests("Too many attempts from this address; try again in an hour.")
    if email is None:
        return
    recipient = hashlib.sha256(email.strip().lower().encode()).hexdigest()  # a safe cache key
    if count_in_window(f"graphql-{action}-to", recipient, seconds=THROTTLE_SECONDS) > EMAILS_PER_RECIPIENT:
        raise TooManyRequests("Too many e-mails requested for this address; try again in an hour.")


def account_register(*, request, data: dict) -> dict:
    if data.get("redirectUrl") and not redirect_allowed(data["redirectUrl"], request):
        return {"errors": [_error("redirectUrl", "INVALID", "This URL is not allowed.")]}
    check_throttle(request=request, action="register", email=data.get("email") or "")
    form = EmailUserCreationForm(data={"email": data.get("email", ""), "password1": data.get("password", ""),
                                       "password2": data.get("password", "")})
    owner = get_user_model().objects.filter(email__iexact=(data.get("email") or "").strip()).first()
    errors = _form_errors(form, known_email=owner is not None)
    if errors:
        return {"errors": errors}
    confirm = settings.GRAPHQL_CONFIRM_ACCOUNTS
    if confirm and not redirect_allowed(data.get("redirectUrl"), request):
        return {"errors": [_error("redirectUrl", "REQUIRED", "A confirmation page URL is required.")]}
    if owner is not None:
        _notify_owner(owner, password=data["password"])
        return {"errors": []}
    with transaction.atomic():
        user = form.save()
        user.first_name, user.last_name = data.get("firstName") or "", data.get("lastName") or ""
        user.is_active = not confirm
        user.save(update_fields=["first_name", "last_name", "is_active"])
        if confirm:
            _send_link(user, data["redirectUrl"], "Xác nhận tài khoản OCOP", "Mở liên kết sau để kích hoạt tài khoản:")
    return {"errors": []}


def _form_errors(form, *, known_email: bool) -> list[dict]:
    """The form's errors in Saleor's shape. For a known e-mail the only e-mail error is
    "already exists": it is left out, so the answer is the one a new address gets."""
    if form.is_valid():
        return []
    errors = []
    for field, problems in form.errors.as_data().items():
        name = "password" if field.startswith("password") else field
        if name == "email" and known_email:
            continue
        for problem in problems:
            code = PASSWORD_CODES.get(problem.code, "INVALID_PASSWORD") if name == "password" else "INVALID"
            errors.append(_error(name, code, " ".join(problem.messages)))
    return errors


def _notify_owner(owner, *, password: str) -> None:
    """Saleor's answer with confirmation on: the caller sees a success, the account is not
    touched, and its owner learns that someone tried. Hashing the password as a sign-up
    would keeps the answer's timing the same too."""
    make_password(password)
    transaction.on_commit(lambda: send_mail(
        "Tài khoản OCOP của bạn", "Ai đó vừa đăng ký tài khoản mới bằng địa chỉ e-mail này, nhưng bạn đã có "
        "tài khoản. Nếu đó là bạn, hãy đăng nhập hoặc đặt lại mật khẩu.\n", None, [owner.email], fail_silently=True))


def _send_link(user, redirect_url: str, subject: str, intro: str) -> None:
    """E-mail ``redirect_url?email=…&token=…`` (Django's one-time token) after the commit."""
    link = f"{redirect_url}{'&' if '?' in redirect_url else '?'}" + urlencode(
        {"email": user.email, "token": default_token_generator.make_token(user)})
    transaction.on_commit(lambda: send_mail(subject, f"{intro}\n{link}\n", None, [user.email], fail_silently=True))


def confirm_account(*, email: str, token: str) -> dict:
    """Activate an API sign-up. One answer for an unknown e-mail and a bad token, so the API
    does not tell who has an account."""
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None or not default_token_generator.check_token(user, token):
        return {"user": None, "errors": [_error("token", "INVALID", "Invalid or expired token.")]}
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return {"user": user, "errors": []}


def request_password_reset(*, request, email: str, redirect_url: str) -> dict:
    """Always answers without error for an unknown e-mail: the API must not tell who has an
    account (Saleor answers NOT_FOUND; this shop deliberately does not)."""
    if not redirect_allowed(redirect_url, request):
        return {"errors": [_error("redirectUrl", "INVALID", "This URL is not allowed.")]}
    check_throttle(request=request, action="password-reset", email=email)
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is not None:
        _send_link(user, redirect_url, "Đặt lại mật khẩu OCOP", "Mở liên kết sau để đặt mật khẩu mới:")
    return {"errors": []}


def set_password(*, request, email: str, password: str, token: str) -> dict:
    check_throttle(request=request, action="set-password")
    failed = {"token": None, "refreshToken": None}
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return {**failed, "errors": [_error("token", "INVALID", "Invalid or expired token.")]}
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return {**failed, "errors": [_error("password", PASSWORD_CODES.get(e.code, "INVALID_PASSWORD"), e.messages[0])
                                     for e in exc.error_list]}
    user.set_password(password)
    user.save(update_fields=["password"])
    return {"token": auth.issue(user, kind="access", request=request),
            "refreshToken": auth.issue(user, kind="refresh", request=request), "errors": []}


def external_auth_unavailable() -> dict:
    """Saleor signs in through an external provider (OIDC…) with an authentication plugin;
    this deployment configures none, so every plugin id is unknown. Saleor itself answers an
    empty result for an unknown plugin; a clear error tells the client what to do instead."""
    return {"errors": [_error("pluginId", "NOT_FOUND", "No external authentication plugin is configured: "
                                                       "sign in with e-mail and password (tokenCreate).")]}
