// A form whose submit button carries data-busy-label says it is working once sent: the button
// is disabled (no second press) and shows the label. At the start of an exam session the
// paper can take seconds to arrive while everyone starts at once.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var button = event.submitter || event.target.querySelector("button[data-busy-label]");
    if (!button || !button.dataset.busyLabel || event.defaultPrevented) {
      return;
    }
    // After this turn, so the button's own name/value still goes with the form.
    window.setTimeout(function () {
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      button.textContent = button.dataset.busyLabel;
    }, 0);
  });
  // Back/forward cache: a page shown again must not keep a button stuck in its busy state.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    document.querySelectorAll("button[aria-busy=true]").forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      if (button.dataset.idleLabel) {
        button.textContent = button.dataset.idleLabel;
      }
    });
  });
})();
