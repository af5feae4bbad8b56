"""Saleor's JWT authentication: ``tokenCreate``, ``tokenRefresh``, ``me``.

Tokens are HS256 with the project's SECRET_KEY, carry ``exp`` and ``iss`` (the absolute URL
of /graphql/ with its trailing slash, which @saleor/auth-sdk compares with the URL it calls)
and a fingerprint of the password hash, so a password change invalidates every token."""

import datetime
import hashlib

import jwt
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.urls import reverse
from django.utils import timezone
from graphql import GraphQLError

ALGORITHM = "HS256"


class AuthError(GraphQLError):
    """An invalid or expired bearer token; the code is where Saleor's clients look."""

    def __init__(self, message: str, code: str):
        super().__init__(message, extensions={"exception": {"code": code}})


def issuer(request) -> str:
    return request.build_absolute_uri(reverse("graphql"))


def _fingerprint(user) -> str:
    return hashlib.sha256(f"{user.pk}:{user.password}".encode()).hexdigest()[:20]


def issue(user, *, kind: str, request) -> str:
    now = timezone.now()
    ttl = settings.GRAPHQL_JWT_ACCESS_TTL if kind == "access" else settings.GRAPHQL_JWT_REFRESH_TTL
    payload = {
        "iat": int(now.timestamp()), "exp": int((now + ttl).timestamp()), "iss": issuer(request),
        "type": kind, "user_id": f"{user.pk}", "email": user.email, "token": _fingerprint(user),
        "is_staff": user.is_staff,
    }
    return jwt.encode(payload, settings.SECRET_KEY, algorithm=ALGORITHM)


def decode(token: str, *, kind: str, request):
    """The token's user; ``AuthError`` (Saleor's codes) when expired, forged or revoked."""
    try:
        payload = jwt.decode(token, settings.SECRET_KEY, algorithms=[ALGORITHM], issuer=issuer(request),
                             options={"require": ["exp", "iss"]})
    except jwt.ExpiredSignatureError:
        raise AuthError("Signature has expired", "ExpiredSignatureError") from None
    except jwt.PyJWTError:
        raise AuthError("Invalid token", "InvalidTokenError") from None
    if payload.get("type") != kind:
        raise AuthError("Invalid token", "InvalidTokenError")
    user = get_user_model().objects.filter(pk=payload.get("user_id"), is_active=True).first()
    if user is None or payload.get("token") != _fingerprint(user):
        raise AuthError("Invalid token", "InvalidTokenError")
    return user


def bearer_token(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() in ("bearer", "jwt") and token.strip() else None


def request_user(context):
    """The user of the request's bearer token (None without one), decoded once."""
    if "user" not in context:
        token = bearer_token(context["request"])
        context["user"] = decode(token, kind="access", request=context["request"]) if token else None
    return context["user"]


def token_create(*, request, email: str, password: str) -> dict:
    """Saleor's tokenCreate, behind the login lock every form has (django-axes through
    ``authenticate``). A lock answers Saleor's LOGIN_ATTEMPT_DELAYED here, in JSON; the flag
    is cleared first because one document may hold several aliased tokenCreates, and each
    answers for its own account."""
    request.axes_locked_out = False
    user = authenticate(request, username=email, email=email, password=password)
    if user is None and request.axes_locked_out:
        return _login_delayed(request)
    if user is None:
        return {"token": None, "refreshToken": None, "errors": [{
            "field": "email", "code": "INVALID_CREDENTIALS",
            "message": "Please, enter valid credentials"}]}
    if not user.is_active:
        return {"token": None, "refreshToken": None, "errors": [{
            "field": "email", "code": "INACTIVE", "message": "Account inactive."}]}
    return {"token": issue(user, kind="access", request=request),
            "refreshToken": issue(user, kind="refresh", request=request), "errors": []}


def _login_delayed(request) -> dict:
    until = timezone.now() + get_cool_off(request)
    return {"token": None, "refreshToken": None, "errors": [{
        "field": None, "code": "LOGIN_ATTEMPT_DELAYED",
        "message": f"Logging has been suspended till {until.isoformat()} due to too many failed login attempts."}]}


def token_refresh(*, request, refresh_token: str | None) -> dict:
    if not refresh_token:
        return {"token": None, "errors": [{"field": "refreshToken", "code": "JWT_MISSING_TOKEN",
                                           "message": "Missing refreshToken"}]}
    try:
        user = decode(refresh_token, kind="refresh", request=request)
    except AuthError as exc:
        code = "JWT_SIGNATURE_EXPIRED" if exc.extensions["exception"]["code"] == "ExpiredSignatureError" \
            else "JWT_INVALID_TOKEN"
        return {"token": None, "errors": [{"field": "refreshToken", "code": code, "message": exc.message}]}
    return {"token": issue(user, kind="access", request=request), "errors": []}


__all__ = ["datetime"]
