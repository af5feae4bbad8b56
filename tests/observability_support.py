"""Error reporting under test: Sentry's SDK with a transport that keeps the events in a list
(the boundary to the outside world), and a URL whose view fails."""

import pytest
import sentry_sdk
from django.urls import path
from sentry_sdk.transport import Transport


class KeptEvents(Transport):
    """Keeps every event instead of sending it."""

    events: list = []

    def capture_envelope(self, envelope) -> None:
        event = envelope.get_event()
        if event is not None:
            self.events.append(event)


def _boom(request):
    return 1 / 0


urlpatterns = [path("__boom__/", _boom)]


@pytest.fixture
def sentry_events(settings):
    """Sentry initialised as settings do with SENTRY_DSN set; yields the events it captured."""
    from storefront.observability import configure_error_reporting

    settings.ROOT_URLCONF = __name__
    KeptEvents.events = []
    configure_error_reporting(dsn="https://public@sentry.invalid/1", environment="test",
                              transport=KeptEvents)
    yield KeptEvents.events
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


@pytest.fixture
def json_log():
    """The root logger also writes through the production JSON formatter and request-id
    filter (as settings build them) into a buffer; yields a function returning the lines."""
    import io
    import json
    import logging
    from logging.config import DictConfigurator

    from storefront.observability import RequestIdFilter, logging_config

    config = logging_config(log_format="json", level="INFO")
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(DictConfigurator(config).configure_formatter(config["formatters"]["json"]))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    root.removeHandler(handler)
