/* Fill the ward list when the province changes; without JavaScript the form asks again. */
(function () {
  "use strict";
  var url = document.currentScript && document.currentScript.getAttribute("data-wards-url");

  function init() {
    var province = document.getElementById("id_province"), ward = document.getElementById("id_ward");
    if (!url || !province || !ward) return;
    var emptyLabel = ward.options.length && ward.options[0].value === "" ? ward.options[0].text : "";
    province.addEventListener("change", function () {
      fetch(url + "?province=" + encodeURIComponent(province.value))
        .then(function (r) { return r.json(); })
        .then(function (data) {
          ward.innerHTML = "";
          ward.add(new Option(emptyLabel, ""));
          data.wards.forEach(function (w) { ward.add(new Option(w.name, w.code)); });
        });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
