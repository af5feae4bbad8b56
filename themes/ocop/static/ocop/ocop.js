/* The theme's only script besides the search suggestions: small enhancements, every page
   works without it (forms post normally, menus are <details>). */
(function () {
  "use strict";

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function init() {
    // Filter panels are closed on phones (the results come first) and open on wider screens.
    var wide = window.matchMedia("(min-width: 768px)").matches;
    each("details.ocop-filters, .ocop-filters > details, details[data-open-wide]", function (panel) { panel.open = wide; });

    // The province menu closes on a click elsewhere or on Escape.
    var menus = document.querySelectorAll("details.ocop-provinces");
    document.addEventListener("click", function (event) {
      Array.prototype.forEach.call(menus, function (menu) {
        if (menu.open && !menu.contains(event.target)) menu.open = false;
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") Array.prototype.forEach.call(menus, function (menu) { menu.open = false; });
    });

    // Basket: the voucher form shows on demand.
    var voucherLink = document.querySelector("#voucher_form_link a");
    var voucherForm = document.getElementById("voucher_form_container");
    if (voucherLink && voucherForm) {
      voucherLink.addEventListener("click", function (event) {
        event.preventDefault();
        voucherForm.hidden = false;
        voucherLink.parentNode.hidden = true;
        var input = voucherForm.querySelector("input:not([type=hidden])");
        if (input) input.focus();
      });
    }

    // Gallery: a thumbnail swaps the main image instead of opening the file.
    var main = document.getElementById("ocop-gallery-main");
    var thumbs = document.querySelectorAll("[data-gallery-thumb]");
    Array.prototype.forEach.call(thumbs, function (thumb) {
      thumb.addEventListener("click", function (event) {
        if (!main) return;
        event.preventDefault();
        main.removeAttribute("srcset");
        main.src = thumb.href;
        if (main.parentNode.tagName === "A") main.parentNode.href = thumb.href;
        Array.prototype.forEach.call(thumbs, function (t) { t.removeAttribute("aria-current"); });
        thumb.setAttribute("aria-current", "true");
      });
    });

    // A few Oscar templates carry inline handlers, which the Content Security Policy blocks.
    each('a[onclick*="history.go(-1)"]', function (link) {
      link.addEventListener("click", function (event) { event.preventDefault(); window.history.back(); });
    });
    each('a[onclick*="window.print()"], [data-print]', function (link) {
      link.addEventListener("click", function (event) { event.preventDefault(); window.print(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
