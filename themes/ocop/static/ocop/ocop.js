/* Small progressive enhancements for the OCOP theme. The pages work without it. */
(function () {
  "use strict";

  function init() {
    // Filter panels are collapsed on phones, open on wider screens.
    if (window.matchMedia && window.matchMedia("(min-width: 768px)").matches) {
      var panels = document.querySelectorAll("details[data-open-wide]");
      for (var i = 0; i < panels.length; i++) panels[i].open = true;
    }

    // Close the province menu when clicking elsewhere or pressing Escape.
    var menus = document.querySelectorAll("details.ocop-provinces");
    document.addEventListener("click", function (event) {
      for (var i = 0; i < menus.length; i++) {
        if (menus[i].open && !menus[i].contains(event.target)) menus[i].open = false;
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      for (var i = 0; i < menus.length; i++) menus[i].open = false;
    });

    // Gallery: a thumbnail swaps the main image instead of opening the file.
    var main = document.getElementById("ocop-gallery-main");
    var thumbs = document.querySelectorAll("[data-gallery-thumb]");
    for (var j = 0; j < thumbs.length; j++) {
      thumbs[j].addEventListener("click", function (event) {
        if (!main) return;
        event.preventDefault();
        main.src = this.href;
        if (main.parentNode && main.parentNode.tagName === "A") main.parentNode.href = this.href;
        for (var k = 0; k < thumbs.length; k++) thumbs[k].removeAttribute("aria-current");
        this.setAttribute("aria-current", "true");
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
