"""Counter views: only a point of sale's own staff, each limited to its own point of sale."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from pos.selectors import point_of_sale_for


def pos_staff_required(view):
    """Sets ``request.point_of_sale`` (the only one the view may touch) or refuses."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        request.point_of_sale = point_of_sale_for(request.user)
        if request.point_of_sale is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
