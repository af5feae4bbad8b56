"""Authentication backends: login throttling first, then login by e-mail or username that
does not tell, by its timing, which accounts exist."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from oscar.apps.customer.utils import normalise_email


class TimingSafeLoginBackend(ModelBackend):
    """One login field for both: the README's demo accounts are usernames, shoppers who
    registered know their e-mail. Oscar's EmailBackend returned at once for an unknown
    e-mail, without hashing, while a known one cost a full hash: measurable from outside.
    Here every attempt costs one hash per matching account and one for no account."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        login = (username if username is not None else kwargs.get("email")) or ""
        login = login.strip()
        if not login or password is None:
            return None
        match = Q(username=login)
        if "@" in login:
            match |= Q(email__iexact=normalise_email(login))
        users = list(get_user_model().objects.filter(match))
        if not users:
            get_user_model()().set_password(password)
            return None
        # Django does not make e-mails unique: an account counts only if exactly one matches.
        accepted = [user for user in users if user.check_password(password) and self.user_can_authenticate(user)]
        return accepted[0] if len(accepted) == 1 else None


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login that comes with a request (all four login
    forms pass one). Oscar's registration authenticates the account it has just created
    without a request, as Django's test ``client.login()`` does; django-axes would raise
    there, and there is nothing to throttle: no one is guessing a password."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
