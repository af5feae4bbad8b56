"""GraphiQL on /graphql/, DEBUG only: a browser opening the endpoint gets the vendored
GraphiQL page (no CDN, the storefront's CSP); every other request is the API as before."""

import json
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_with_debug_a_browser_gets_graphiql_from_our_static_files(client, settings):
    settings.DEBUG = True
    response = client.get("/graphql/", HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    scripts = re.findall(r'<script src="/static/([^"]+)"', html)
    assert scripts == ["graphiql/react.production.min.js", "graphiql/react-dom.production.min.js",
                       "graphiql/graphiql.min.js", "graphql_api/graphiql.js"]
    styles = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html)
    assert styles == ["graphiql/graphiql.min.css", "graphql_api/graphiql.css"]
    for path in scripts + styles + ["graphiql/LICENSE-graphiql.txt", "graphiql/LICENSE-react.txt",
                                    "graphiql/LICENSE-react-dom.txt"]:
        assert finders.find(path), path
    assert '<script>' not in html  # no inline script: the strict CSP applies
    assert 'data-endpoint="/graphql/"' in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]


def test_the_vendored_bundle_names_no_missing_source_map():
    # The production static storage refuses a sourceMappingURL to a file that is not there.
    bundle = open(finders.find("graphiql/graphiql.min.js"), encoding="utf-8").read()
    assert "sourceMappingURL" not in bundle[-500:]


@pytest.mark.parametrize("accept", [BROWSER_ACCEPT, "*/*", "application/json"], ids=["browser", "any", "json"])
def test_without_debug_there_is_no_html_page(client, settings, accept):
    settings.DEBUG = False
    response = client.get("/graphql/", HTTP_ACCEPT=accept)
    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": "Must provide a query string."}]}


@pytest.mark.parametrize("accept", ["*/*", "application/json", "application/json, text/html"],
                         ids=["any", "json", "json-first"])
def test_with_debug_clients_that_do_not_prefer_html_get_the_api(client, settings, accept):
    settings.DEBUG = True
    response = client.get("/graphql/", HTTP_ACCEPT=accept)
    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": "Must provide a query string."}]}


def test_with_debug_a_get_with_a_query_and_a_post_are_the_api(client, settings):
    settings.DEBUG = True
    get = client.get("/graphql/", {"query": "{ __typename }"}, HTTP_ACCEPT=BROWSER_ACCEPT)
    assert get.json() == {"data": {"__typename": "Query"}}
    post = client.post("/graphql/", data=json.dumps({"query": "{ __typename }"}), content_type="application/json",
                       HTTP_ACCEPT=BROWSER_ACCEPT)
    assert post.json() == {"data": {"__typename": "Query"}}


@pytest.mark.django_db(transaction=True)
def test_graphiql_runs_a_query_in_chromium_under_the_csp(browser, live_server, settings):
    settings.DEBUG = True
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    page.goto(f"{live_server.url}/graphql/")
    page.wait_for_selector(".graphiql-query-editor .CodeMirror", timeout=15000)
    page.evaluate("""() => document.querySelector('.graphiql-query-editor .CodeMirror')
                          .CodeMirror.setValue('{ channels { slug } }')""")
    page.click(".graphiql-execute-button")
    result = page.locator(".result-window")
    result.get_by_text('"default-channel"').wait_for(timeout=10000)

    assert json.loads(result.inner_text().replace("\xa0", " ")) == {"data": {"channels": [{"slug": "default-channel"}]}}
    assert problems == []
