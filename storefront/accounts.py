"""Storefront account views that differ from Oscar's for safety."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from oscar.core.loading import get_class

OscarLogoutView = get_class("customer.views", "LogoutView")


class LogoutView(OscarLogoutView):
    """Oscar logs out on GET, so any page could sign a shopper out with an <img> tag. Here a
    GET only asks (a page with a POST form, CSRF-protected); the POST logs out."""

    http_method_names = ["get", "post", "head", "options"]

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(self.url)
        return TemplateResponse(request, "oscar/customer/logout_confirm.html")

    def post(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
