"""Wagtail admin views the shop changes: a page's moderation decisions one at a time.

Two clicks on "Approve and publish" (a double click, two tabs) used to race: both passed
Wagtail's check that the workflow was in progress, the first finished it, and the second
found no task left (``'NoneType' object has no attribute 'on_action'``, a 500) or saved one
more draft. Each decision now locks the page row first and reads the workflow afresh; a
decision on a page no longer in moderation changes nothing and says so.
"""

from functools import wraps

from django.db import transaction
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.urls import pages as wagtail_page_urls
from wagtail.models import Page


def _wagtail_view(name: str):
    return next(p.callback for p in wagtail_page_urls.urlpatterns if getattr(p, "name", None) == name)


def one_decision_at_a_time(view, *, is_decision):
    """``view`` with its moderation decisions (``is_decision(request)``) serialised per page."""

    @wraps(view)
    def wrapper(request, *args, page_id, **kwargs):
        if request.method != "POST" or not is_decision(request):
            return view(request, *args, page_id=page_id, **kwargs)
        with transaction.atomic():
            page = Page.objects.select_for_update().filter(pk=page_id).first()
            if page is not None and not page.workflow_in_progress:
                messages.warning(request, _("“%(title)s” đã được duyệt hoặc trả lại; thao tác lần nữa không "
                                            "thay đổi gì.") % {"title": page.get_admin_display_title()})
                return redirect("wagtailadmin_pages:edit", page_id)
            return view(request, *args, page_id=page_id, **kwargs)

    return wrapper


# Before Wagtail's own routes in config.urls; Wagtail's names still reverse to these paths.
urlpatterns = [
    path("<int:page_id>/edit/", one_decision_at_a_time(
        _wagtail_view("edit"), is_decision=lambda request: "action-workflow-action" in request.POST)),
    path("workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/", one_decision_at_a_time(
        _wagtail_view("workflow_action"), is_decision=lambda request: True)),
]
