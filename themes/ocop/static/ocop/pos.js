/* Counter (/pos/): scanner field focus, change due, one submission per tap, camera scanning
   (BarcodeDetector where the browser has it, else jsQR served from /static/, QR codes only). */
(function () {
  "use strict";
  var code = document.getElementById("pos-code");
  var scanForm = code ? code.form : null;

  // A USB scanner types into whatever has focus: keep it on the code field.
  if (code && !document.querySelector(".pos-results")) { code.focus(); }

  // Change due, as typed.
  var tendered = document.getElementById("pos-tendered");
  var total = document.getElementById("pos-total");
  var change = document.getElementById("pos-change");
  if (tendered && total && change) {
    tendered.addEventListener("input", function () {
      var paid = parseInt(tendered.value.replace(/[^0-9]/g, ""), 10);
      var due = parseInt(total.getAttribute("data-total"), 10);
      change.textContent = isNaN(paid) || paid < due ? "—" : (paid - due).toLocaleString("vi-VN") + " ₫";
    });
  }

  // A double tap sends one sale (the server also records one sale per basket).
  document.querySelectorAll(".pos-pay-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    });
  });

  var printButton = document.getElementById("pos-print");
  if (printButton) { printButton.addEventListener("click", function () { window.print(); }); }

  // Camera scanning.
  var start = document.getElementById("pos-camera-start");
  var video = document.getElementById("pos-camera");
  var status = document.getElementById("pos-camera-status");
  if (!start || !video || !scanForm) { return; }

  function submitCode(value) {
    code.value = value;
    var tracks = video.srcObject ? video.srcObject.getTracks() : [];
    tracks.forEach(function (t) { t.stop(); });
    scanForm.submit();
  }

  function loadFallback(done) {
    if (window.jsQR) { done(); return; }
    var script = document.createElement("script");
    script.src = start.getAttribute("data-fallback") || "/static/ocop/vendor/jsQR.js";
    script.onload = done;
    document.head.appendChild(script);
  }

  start.addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      status.textContent = "Trình duyệt không mở được camera; dùng máy quét hoặc gõ mã.";
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.hidden = false;
      video.srcObject = stream;
      video.play();
      if ("BarcodeDetector" in window) {
        var detector = new window.BarcodeDetector({ formats: ["qr_code", "ean_13", "ean_8", "code_128", "upc_a"] });
        status.textContent = "Đang quét (BarcodeDetector)…";
        var tick = function () {
          detector.detect(video).then(function (codes) {
            if (codes.length) { submitCode(codes[0].rawValue); } else { requestAnimationFrame(tick); }
          }).catch(function () { requestAnimationFrame(tick); });
        };
        tick();
      } else {
        status.textContent = "Đang quét mã QR (jsQR)…";
        loadFallback(function () {
          var canvas = document.createElement("canvas");
          var ctx = canvas.getContext("2d", { willReadFrequently: true });
          var tick = function () {
            if (video.readyState === video.HAVE_ENOUGH_DATA) {
              canvas.width = video.videoWidth; canvas.height = video.videoHeight;
              ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
              var image = ctx.getImageData(0, 0, canvas.width, canvas.height);
              var found = window.jsQR(image.data, image.width, image.height);
              if (found && found.data) { submitCode(found.data); return; }
            }
            requestAnimationFrame(tick);
          };
          tick();
        });
      }
    }).catch(function () {
      status.textContent = "Không mở được camera; dùng máy quét hoặc gõ mã.";
    });
  });
})();
