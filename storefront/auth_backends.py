"""Authentication backends: login throttling first, then login by e-mail that does not tell,
by its timing, which e-mails have accounts."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from oscar.apps.customer.auth_backends import EmailBackend
from oscar.apps.customer.utils import normalise_email


class TimingSafeEmailBackend(EmailBackend):
    """Oscar's EmailBackend returns at once for an unknown e-mail, without hashing the password,
    while a known e-mail costs a full hash: the difference is measurable from outside. Here an
    unknown e-mail costs one hash too, as Django's ModelBackend does for an unknown username."""

    def _authenticate(self, request, email=None, password=None, *args, **kwargs):
        user = super()._authenticate(request, email, password, *args, **kwargs)
        if user is None and password is not None:
            candidate = email if email is not None else kwargs.get("username")
            clean_email = normalise_email(candidate) if candidate else ""
            if "@" in clean_email and not get_user_model().objects.filter(email__iexact=clean_email).exists():
                get_user_model()().set_password(password)
        return user


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login that comes with a request (all four login
    forms pass one). Oscar's registration authenticates the account it has just created
    without a request, as Django's test ``client.login()`` does; django-axes would raise
    there, and there is nothing to throttle: no one is guessing a password."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
