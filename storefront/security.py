"""Who is trying to log in, as django-axes counts them: the account, whatever name it is
typed under (the client's address: core.throttle).

django-axes keys failures by one string, the name as typed. The login backend accepts a
username or an e-mail, so five guesses typed as ``bientap`` and five more typed as
``bientap@ocop.local`` were ten guesses at one account, and a success under one name wiped
the other's count. Here failures are still recorded under the name as typed (folded), but a
lock is judged per account: over every name that reaches it."""

import unicodedata

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import render

# AccessAttempt.username holds 255 characters; no account has a longer name or e-mail.
MAX_LOGIN_LENGTH = 255


def typed_login(text: str | None) -> str:
    """A login name folded, so that case, compatibility forms and surrounding spaces never
    make a fresh name for the counter."""
    return unicodedata.normalize("NFKC", text or "").strip().casefold()[:MAX_LOGIN_LENGTH]


def login_username(request, credentials) -> str:
    """The name typed into any login form (Oscar's e-mail form, the dashboard's, Wagtail's,
    Django admin's and GraphQL's tokenCreate all authenticate with ``username``), folded."""
    raw = (credentials or {}).get("username")
    if raw is None:
        raw = request.POST.get("username") or request.POST.get("login-username") or ""
    return typed_login(raw)


def _accounts_reached(login: str) -> list[tuple[str, str]]:
    """(username, e-mail) of every account ``login`` can sign in to, in any case: a
    superset of what storefront.auth_backends accepts, so no spelling escapes the count."""
    if not login:
        return []
    match = Q(username__iexact=login) | Q(email__iexact=login)
    return list(get_user_model().objects.filter(match).values_list("username", "email"))


def account_spellings(account: tuple[str, str]) -> frozenset[str]:
    """The folded names under which guesses at this account are recorded."""
    return frozenset(typed_login(name) for name in account if name)


def spelling_groups(login: str) -> list[frozenset[str]]:
    """One group of names per account the typed name reaches (a name that reaches none is
    its own group): a group's failures together decide that account's lock."""
    accounts = _accounts_reached(login)
    if not accounts:
        return [frozenset({login})]
    return [account_spellings(account) | {login} for account in accounts]


class AccountLockHandler(AxesDatabaseHandler):
    """django-axes' database handler (shared by every web process), with the username part
    of a lock counted per account (``spelling_groups``) and a success clearing only the
    failures of its own account, not the client address's guesses at other accounts."""

    def filter_user_attempts(self, request, credentials=None) -> list:
        login = get_client_username(request, credentials)
        parameters = get_client_parameters(login, request.axes_ip_address, request.axes_user_agent,
                                           request, credentials)
        attempts = []
        for filters in parameters:
            if "username" not in filters:
                attempts.append(AccessAttempt.objects.filter(**filters))
                continue
            others = {key: value for key, value in filters.items() if key != "username"}
            attempts += [AccessAttempt.objects.filter(username__in=group, **others)
                         for group in spelling_groups(login)]
        return attempts

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful login (``credentials`` carry the account's username): forget
        the failures recorded under names that reach this account and no other one."""
        username = (credentials or {}).get("username")
        account = get_user_model().objects.filter(username=username).values_list("username", "email").first()
        if account is None:
            return 0
        own = [name for name in account_spellings(account) if _accounts_reached(name) == [account]]
        count, _ = AccessAttempt.objects.filter(username__in=own).delete()
        return count


def lockout_response(request, original_response, credentials):
    """What a locked-out login answers. An API that already answered the lock in its own
    format (GraphQL's tokenCreate: Saleor's LOGIN_ATTEMPT_DELAYED, in JSON) keeps its
    answer; a login form gets the lockout page with 429."""
    if original_response is not None and original_response.get("Content-Type", "").startswith("application/json"):
        return original_response
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials),
        "cooloff_timedelta": get_cool_off(request),
    }
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE)
