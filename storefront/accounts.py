"""Storefront account views that differ from Oscar's for safety."""

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_class
from wagtail.admin.views.account import LogoutView as WagtailLogoutView

OscarLogoutView = get_class("customer.views", "LogoutView")
OscarAccountAuthView = get_class("customer.views", "AccountAuthView")
EmailAuthenticationForm = get_class("customer.forms", "EmailAuthenticationForm")


class LoginForm(EmailAuthenticationForm):
    """Oscar's form takes only an e-mail; the demo accounts (and staff) sign in by username,
    which storefront.auth_backends.TimingSafeLoginBackend accepts beside the e-mail."""

    username = forms.CharField(label=_("E-mail hoặc tên đăng nhập"), max_length=254)


class AccountAuthView(OscarAccountAuthView):
    login_form_class = LoginForm


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


# Wagtail refuses a GET with 405 but still deletes the session cookie in that response, so a
# cross-site GET would sign an editor out of the browser; refuse it before Wagtail's view runs.
wagtail_logout = require_POST(WagtailLogoutView.as_view())
