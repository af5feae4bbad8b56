/* Oscar's storefront set-up, from a static file: Oscar's templates run it from an inline
   <script> (their "onbodyload" block), which the Content Security Policy refuses. */
(function () {
  "use strict";

  function init() {
    var oscar = window.oscar;
    if (!oscar) return;
    oscar.init();
    var basketURL = document.body.getAttribute("data-basket-url");
    if (basketURL && window.location.pathname === basketURL) oscar.basket.init({basketURL: basketURL});
    if (document.querySelector("form input[name=options]")) oscar.checkout.gateway.init();
    if (document.getElementById("id_sort_by")) oscar.search.init();
    if (document.querySelector('a[data-behaviours~="archive"], a[data-behaviours~="delete"]')) {
      oscar.notifications.init();
    }
  }

  // Oscar's templates also carry a few inline handlers (onclick="history.go(-1)",
  // onclick="window.print()"); the policy blocks them, so the same actions are bound here.
  function bindInlineHandlers() {
    var back = document.querySelectorAll('a[onclick*="history.go(-1)"]');
    for (var i = 0; i < back.length; i++) {
      back[i].addEventListener("click", function (event) { event.preventDefault(); window.history.back(); });
    }
    var print = document.querySelectorAll('a[onclick*="window.print()"]');
    for (var j = 0; j < print.length; j++) {
      print[j].addEventListener("click", function (event) { event.preventDefault(); window.print(); });
    }
  }

  function ready() {
    init();
    bindInlineHandlers();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
