/* Search suggestions for the header search box. No dependencies.
 *
 * <input name="q" data-suggest-url="/api/search/suggest/" aria-controls="LIST_ID">
 * After 2+ characters (debounced) it GETs URL?q=... and expects
 * {"suggestions": [{"title": "...", "url": "..."}]}; up to 8 are shown as links.
 * Any failure (404, network, bad JSON) just hides the list: the form still submits.
 */
(function () {
  "use strict";

  var MIN_CHARS = 2;
  var MAX_ITEMS = 8;
  var DELAY_MS = 250;

  function safeUrl(url) {
    if (typeof url !== "string" || !url) return null;
    try {
      var parsed = new URL(url, window.location.href);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.href;
    } catch (e) { /* invalid URL: skip it */ }
    return null;
  }

  function setup(input) {
    var endpoint = input.getAttribute("data-suggest-url");
    var list = document.getElementById(input.getAttribute("aria-controls") || "");
    if (!endpoint || !list || !window.fetch) return;

    var timer = null;
    var controller = null;
    var lastQuery = "";
    var active = -1;
    var disabled = false; // set when the endpoint does not exist

    function items() { return list.querySelectorAll("a"); }

    function hide() {
      list.hidden = true;
      list.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var links = items();
      if (!links.length) return;
      if (index < 0) index = links.length - 1;
      if (index >= links.length) index = 0;
      for (var i = 0; i < links.length; i++) {
        links[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      input.setAttribute("aria-activedescendant", links[index].id);
    }

    function render(suggestions) {
      list.textContent = "";
      var shown = 0;
      for (var i = 0; i < suggestions.length && shown < MAX_ITEMS; i++) {
        var s = suggestions[i] || {};
        var href = safeUrl(s.url);
        if (!href || !s.title) continue;
        var li = document.createElement("li");
        li.setAttribute("role", "presentation");
        var a = document.createElement("a");
        a.href = href;
        a.id = list.id + "-" + shown;
        a.setAttribute("role", "option");
        a.setAttribute("aria-selected", "false");
        a.textContent = String(s.title);
        li.appendChild(a);
        list.appendChild(li);
        shown++;
      }
      if (shown) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
      } else {
        hide();
      }
    }

    function lookup(query) {
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var url = endpoint + (endpoint.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
      fetch(url, {
        headers: { "Accept": "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        if (response.status === 404 || response.status === 405) { disabled = true; }
        if (!response.ok) throw new Error("suggest: HTTP " + response.status);
        return response.json();
      }).then(function (data) {
        if (input.value.trim() !== query) return; // a newer query is on its way
        render(data && Array.isArray(data.suggestions) ? data.suggestions : []);
      }).catch(function () {
        hide();
      });
    }

    input.addEventListener("input", function () {
      var query = input.value.trim();
      window.clearTimeout(timer);
      if (disabled || query.length < MIN_CHARS) { hide(); lastQuery = ""; return; }
      if (query === lastQuery) return;
      timer = window.setTimeout(function () {
        lastQuery = query;
        lookup(query);
      }, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { hide(); }
      else if (event.key === "Enter" && active >= 0) {
        var links = items();
        if (links[active]) { event.preventDefault(); window.location.href = links[active].href; }
      }
    });

    // Close when focus or a click leaves the search form.
    document.addEventListener("click", function (event) {
      if (!input.form || !input.form.contains(event.target)) hide();
    });
    input.addEventListener("blur", function () {
      window.setTimeout(function () {
        if (!input.form || !input.form.contains(document.activeElement)) hide();
      }, 150);
    });
  }

  function init() {
    var inputs = document.querySelectorAll("input[data-suggest-url]");
    for (var i = 0; i < inputs.length; i++) setup(inputs[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
