"""What an operator sees of a running shop: a request id that ties nginx's access log, our log
lines, the response and an error report together; log lines as JSON for a log collector;
Prometheus metrics for loopback scrapers only; error reports to Sentry when a DSN is set.

Imported by the settings (logging, Sentry), so nothing here may load models."""

import contextvars
import ipaddress
import logging
import re
import time
import uuid

import sentry_sdk
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import Http404
from django_prometheus.exports import ExportToDjangoView

access_log = logging.getLogger("storefront.access")

REQUEST_ID_HEADER = "X-Request-ID"
# What nginx's $request_id (32 hex digits) or another proxy's id looks like; anything else
# (a newline, a quote, a kilobyte) would travel into headers and log lines, so it is replaced.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

LOG_FORMATS = ("json", "text")


def current_request_id() -> str:
    """The id of the request this code runs for, "-" outside a request."""
    return _request_id.get()


class RequestIdMiddleware:
    """Takes the incoming X-Request-ID (set by nginx) when it is well formed, makes one
    otherwise, and echoes it on the response; logs one access line per request. First in
    MIDDLEWARE, so every later log line of the request carries the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        _request_id.set(request_id)  # until request_finished: Django logs 4xx/5xx after us
        sentry_sdk.set_tag("request_id", request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        access_log.info("%s %s %s", request.method, request.path, response.status_code, extra={
            "method": request.method, "path": request.path, "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1)})
        return response


@receiver(request_finished, dispatch_uid="storefront.observability.forget_request_id")
def _forget_request_id(**kwargs) -> None:
    _request_id.set("-")


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every record, for both log formats."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


def logging_config(*, log_format: str, level: str) -> dict:
    """Settings' LOGGING: JSON lines on stdout (one object per record: time, level, logger,
    message, request_id and any ``extra`` fields) or plain text on stderr."""
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}; got {log_format!r}")
    formatters = {
        "json": {"()": "pythonjsonlogger.json.JsonFormatter",
                 "fmt": "{asctime}{levelname}{name}{message}{request_id}", "style": "{",
                 "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"}},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {log_format: formatters[log_format]},
        "handlers": {"console": {
            "class": "logging.StreamHandler", "formatter": log_format, "filters": ["request_id"],
            "stream": "ext://sys.stdout" if log_format == "json" else "ext://sys.stderr"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # One line per background task is noise at INFO (the immediate backend runs many).
            "django_tasks": {"level": "WARNING"},
            # The Elasticsearch client logs every request at INFO; failures still show.
            "elastic_transport": {"level": "WARNING"},
            # django-axes logs every login attempt at INFO; lockouts are WARNING.
            "axes": {"level": "WARNING"},
            # Our access line says the same as runserver's own, with the request id.
            "django.server": {"level": "WARNING"},
        },
    }


def configure_error_reporting(*, dsn: str, environment: str, transport=None) -> None:
    """Sentry for unhandled errors and ERROR log lines, with no personal data: no cookies,
    no user, no client address (send_default_pii off). Each event carries the request id."""
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(dsn=dsn, environment=environment, integrations=[DjangoIntegration()],
                    send_default_pii=False, transport=transport)


def _may_scrape(request) -> bool:
    """Only a scraper on an allowed network, connecting directly: anything that came
    through nginx carries X-Forwarded-For (nginx also refuses /metrics itself)."""
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net) for net in settings.METRICS_ALLOWED_NETWORKS)


def metrics(request):
    """Prometheus metrics (django-prometheus), across the web processes of this machine
    when PROMETHEUS_MULTIPROC_DIR is set; a 404 for anyone else."""
    if not _may_scrape(request):
        raise Http404
    return ExportToDjangoView(request)
