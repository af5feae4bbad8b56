"""Who reaches which area: producers their own (``producer_for``), the office by permission."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from producers.selectors import is_office, producer_for


def producer_required(view):
    """Sets ``request.producer`` (the only producer the view may touch) or refuses."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        request.producer = producer_for(request.user)
        return view(request, *args, **kwargs)

    return wrapper


def office_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_office(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
