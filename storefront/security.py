"""Who is trying to log in, as django-axes counts them (the client's address: core.throttle)."""


def login_username(request, credentials) -> str:
    """The account typed into any login form (Oscar's e-mail form, the dashboard's, Wagtail's,
    Django admin's all authenticate with ``username``), folded so that changing the case of
    an e-mail does not buy five more tries."""
    raw = (credentials or {}).get("username")
    if raw is None:
        raw = request.POST.get("username") or request.POST.get("login-username") or ""
    return raw.strip().lower()
