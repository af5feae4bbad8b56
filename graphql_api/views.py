"""``/graphql/``: POST JSON ``{query, variables, operationName}``, GET for queries
(introspection), CORS for the configured storefront origins.

Identity comes only from a ``Authorization: Bearer`` JWT, never from the session cookie,
so a page on another origin cannot act as a logged-in shopper (no CSRF exposure).

With DEBUG on, a browser opening the endpoint (a GET preferring HTML, without ``query``) gets
GraphiQL, vendored under static/graphiql/ (``make graphiql``); with DEBUG off there is no
HTML page at all."""

import json
import logging

from ariadne import format_error, graphql_sync
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from catalogue.rules import today_in_vietnam
from graphql_api.account.auth import AuthError
from graphql_api.catalogue.channels import UnknownChannel
from graphql_api.common.ids import InvalidID
from graphql_api.common.limits import cached_validator, cost_rules, prepared
from graphql_api.schema import schema
from partner.strategy import Selector

logger = logging.getLogger(__name__)

# Exceptions whose message is meant for the client; any other is logged and hidden.
CLIENT_ERRORS = (InvalidID, UnknownChannel, AuthError)


def error_formatter(error, debug: bool = False) -> dict:
    original = getattr(error, "original_error", None)
    if original is not None and not isinstance(original, CLIENT_ERRORS) and type(original).__name__ != "GraphQLError":
        logger.error("GraphQL resolver failed", exc_info=original)
        formatted = format_error(error, False)
        formatted["message"] = "Internal Server Error"
        formatted.pop("extensions", None)
        return formatted
    formatted = format_error(error, False)
    if not isinstance(original, AuthError) and not isinstance(error, AuthError):
        formatted.pop("extensions", None)
    else:
        formatted["extensions"] = (original or error).extensions
    return formatted


def _cors(request, response):
    origin = request.headers.get("Origin")
    if origin and origin in settings.GRAPHQL_CORS_ORIGINS:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type, Authorization, Authorization-Bearer"
        response["Access-Control-Max-Age"] = "86400"
        response["Vary"] = "Origin"
    return response


def _bad_request(message: str, status: int = 400):
    return JsonResponse({"errors": [{"message": message}]}, status=status)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _read_request(request):
    if request.method == "GET":
        data = {"query": request.GET.get("query"), "operationName": request.GET.get("operationName")}
        variables = request.GET.get("variables")
        try:
            data["variables"] = json.loads(variables) if variables else None
        except ValueError:
            return None, "Variables are invalid JSON."
        return data, None
    if request.content_type != "application/json":
        return None, "Send the query as JSON (Content-Type: application/json)."
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return None, "Unable to parse query."
    if not isinstance(data, dict):
        return None, "The request body must be a JSON object."
    return data, None


@csrf_exempt
def graphql_view(request):
    if request.method == "OPTIONS":
        return _cors(request, HttpResponse(status=204))
    if request.method not in ("GET", "POST"):
        return _cors(request, _bad_request("Use GET or POST.", status=405))
    if _wants_graphiql(request):
        return render(request, "graphql_api/graphiql.html", {"endpoint": reverse("graphql")})
    data, problem = _read_request(request)
    if problem is None:
        problem = _check_shape(data)
    if problem is None and request.method == "GET" and "mutation" in (data.get("query") or "").split("{")[0]:
        problem = "Mutations are sent with POST."
    if problem:
        return _cors(request, _bad_request(problem))
    context = {
        "request": request,
        "day": today_in_vietnam(),
        "strategy": Selector().strategy(request),
        "channel": None,
    }
    success, result = graphql_sync(
        schema, data, context_value=context, debug=False, introspection=True, error_formatter=error_formatter,
        query_parser=lambda _, data: prepared(schema, data["query"])[0],
        query_validator=cached_validator(data["query"]),
        validation_rules=cost_rules(data.get("variables"), data.get("operationName")),
    )
    return _cors(request, JsonResponse(result, status=200 if success else 400,
                                       json_dumps_params={"ensure_ascii": False}))


def _wants_graphiql(request) -> bool:
    """A developer's browser on the endpoint, DEBUG only: a GET with ``query`` stays an API
    call, and a client that does not prefer HTML (``*/*``, JSON) gets the API's answer."""
    return (settings.DEBUG and request.method == "GET" and "query" not in request.GET
            and request.get_preferred_type(["application/json", "text/html"]) == "text/html")


def _check_shape(data: dict) -> str | None:
    if not isinstance(data.get("query"), str) or not data["query"].strip():
        return "Must provide a query string."
    if data.get("variables") is not None and not isinstance(data["variables"], dict):
        return "Variables must be a JSON object."
    if data.get("operationName") is not None and not isinstance(data["operationName"], str):
        return "operationName must be a string."
    if _has_nul(data):
        return "Null characters are not allowed."
    return None
