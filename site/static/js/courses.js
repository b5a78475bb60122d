// Knowledge checks in lessons: instant feedback without a page reload. They are ungraded
// practice (the correct answer is in the page on purpose); nothing is sent to the server.
(function () {
  "use strict";

  function setUp(check) {
    var choices = check.querySelectorAll("[data-kc-choice]");
    var right = check.querySelector("[data-kc-right]");
    var wrong = check.querySelector("[data-kc-wrong]");
    check.classList.add("kc--js");

    choices.forEach(function (choice) {
      choice.addEventListener("click", function () {
        var isRight = choice.getAttribute("data-correct") === "true";
        choices.forEach(function (other) {
          other.classList.remove("kc__choice--right", "kc__choice--wrong");
          other.setAttribute("aria-pressed", "false");
        });
        choice.classList.add(isRight ? "kc__choice--right" : "kc__choice--wrong");
        choice.setAttribute("aria-pressed", "true");
        if (isRight) {
          right.hidden = false;
          wrong.hidden = true;
        } else {
          right.hidden = true;
          wrong.hidden = false;
        }
      });
    });
  }

  document.querySelectorAll("[data-kc]").forEach(setUp);
})();
