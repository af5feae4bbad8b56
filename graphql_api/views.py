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
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from graphql import GraphQLError, OperationType, get_operation_ast

from catalogue.rules import today_in_vietnam
from graphql_api.account.auth import AuthError, request_user
from graphql_api.catalogue.channels import UnknownChannel
from graphql_api.common import budget
from graphql_api.common.ids import InvalidID
from graphql_api.common.limits import MAX_COST, cached_validator, operation_cost, prepared
from graphql_api.common.time_budget import statement_timeout, timed_out
from graphql_api.schema import schema
from partner.strategy import Selector

logger = logging.getLogger(__name__)

# Exceptions whose message is meant for the client; any other is logged and hidden.
CLIENT_ERRORS = (InvalidID, UnknownChannel, AuthError, budget.TooManyRequests)
# Errors whose extensions (a code) are part of the answer.
CODED_ERRORS = (AuthError, budget.TooManyRequests)
TOO_BIG = "The request body is too large."


def error_formatter(error, debug: bool = False) -> dict:
    original = getattr(error, "original_error", None)
    if original is not None and not isinstance(original, CLIENT_ERRORS) and type(original).__name__ != "GraphQLError":
        logger.error("GraphQL resolver failed", exc_info=original)
        formatted = format_error(error, False)
        formatted["message"] = "Internal Server Error"
        formatted.pop("extensions", None)
        return formatted
    formatted = format_error(error, False)
    if not isinstance(original, CODED_ERRORS) and not isinstance(error, CODED_ERRORS):
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
    except RequestDataTooBig:
        return None, TOO_BIG
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
    if problem:
        return _cors(request, _bad_request(problem, status=413 if problem == TOO_BIG else 400))
    context = {"request": request, "day": today_in_vietnam(), "strategy": Selector().strategy(request),
               "channel": None}
    try:
        return _cors(request, _answer(request, data, context))
    except budget.TooManyRequests as exc:
        response = JsonResponse({"errors": [exc.formatted]}, status=429)
        response["Retry-After"] = str(budget.retry_after())
        return _cors(request, response)
    except GraphQLError as exc:  # a syntax error or a limit, before anything ran
        return _cors(request, JsonResponse({"errors": [format_error(exc, False)]}, status=400))


def _answer(request, data: dict, context: dict):
    """Budget, parse, method, cost, then run: each step refuses before the dearer next one."""
    user = _bearer_user(context)
    client = budget.client_of(request, user)
    budget.check_budget(client)
    try:
        document = prepared(schema, data["query"]).document
        operation = get_operation_ast(document, data.get("operationName"))  # the one that would run
        if request.method == "GET" and operation is not None and operation.operation is not OperationType.QUERY:
            response = _bad_request("Mutations are sent with POST.", status=405)
            response["Allow"] = "POST"
            return response
        cost = operation_cost(schema, document, operation, data.get("variables")).cost if operation else 1
    except GraphQLError:
        budget.spend(client, MAX_COST)  # refused work is charged in full: abuse costs the abuser
        raise
    budget.spend(client, max(cost, 1))
    anonymous_query = user is None and operation is not None and operation.operation is OperationType.QUERY
    return _execute(data, context, anonymous_query=anonymous_query)  # without an operation, graphql-core says why


def _bearer_user(context):
    """The bearer token's user; an invalid token is anonymous here (its error comes with the answer)."""
    try:
        return request_user(context)
    except AuthError:
        context.pop("user", None)
        return None


def _execute(data: dict, context: dict, *, anonymous_query: bool):
    timeouts, throttled = [], []

    def format_and_note(error, debug=False):
        if timed_out(error):
            timeouts.append(error)
        if isinstance(getattr(error, "original_error", None), budget.TooManyRequests):
            throttled.append(error)
        return error_formatter(error, debug)

    milliseconds = settings.GRAPHQL_ANONYMOUS_STATEMENT_TIMEOUT_MS if anonymous_query else 0
    with statement_timeout(milliseconds):
        success, result = graphql_sync(
            schema, data, context_value=context, debug=False, introspection=True, error_formatter=format_and_note,
            query_parser=lambda _, data: prepared(schema, data["query"]).document,
            query_validator=cached_validator(data["query"]),
        )
    if timeouts:
        return JsonResponse({"errors": [{"message": "The query took too long and was stopped.",
                                         "extensions": {"code": "QUERY_TIMEOUT"}}]}, status=503)
    status = 429 if throttled else 200 if success else 400
    return JsonResponse(result, status=status, json_dumps_params={"ensure_ascii": False})


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
