/* Stripe's Payment Element on the card page; keys and URLs come from the form's data- attributes. */
(function () {
  "use strict";
  var form = document.getElementById("ocop-card-form");
  if (!form || !window.Stripe) return;
  var stripe = window.Stripe(form.dataset.publishableKey);
  var elements = stripe.elements({clientSecret: form.dataset.clientSecret, locale: "vi"});
  elements.create("payment").mount("#payment-element");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    document.getElementById("pay").disabled = true;
    stripe.confirmPayment({elements: elements, confirmParams: {return_url: form.dataset.returnUrl}})
      .then(function (result) {
        var box = document.getElementById("payment-message");
        box.textContent = result.error.message;
        box.classList.remove("d-none");
        document.getElementById("pay").disabled = false;
      });
  });
})();
