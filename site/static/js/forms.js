/* Failed forms: move focus to the error summary (includes/error_summary.html) so the reader
   starts at the list of problems, however far down the form they are; a link in the summary
   focuses its field with the field's label in view. Without this file the links still jump. */
(function () {
  "use strict";
  // The server's error summary is the one way a form reports problems: the browser's own
  // bubbles ("please fill in this field") vanish after a moment, show one field at a time and
  // are missed by some screen readers. Without this file the browser's checks still apply.
  document.querySelectorAll("form.form").forEach(function (form) { form.noValidate = true; });

  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;

  var FOCUSABLE = "input:not([type=hidden]), select, textarea, button";

  function focusField(id) {
    var target = document.getElementById(id);
    if (!target) return false;
    var control = target.matches(FOCUSABLE) ? target : target.querySelector(FOCUSABLE);
    var box = target.closest(".field, fieldset") || target;
    box.scrollIntoView({ block: "start" });
    if (control) control.focus({ preventScroll: true });
    return true;
  }

  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (link && focusField(decodeURIComponent(link.hash.slice(1)))) event.preventDefault();
  });

  summary.focus({ preventScroll: true });
  summary.scrollIntoView({ block: "start" });
})();
