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

// Reading time: the server counts it (courses/reading.py). While the lesson is visible the page
// sends a small heartbeat every interval; hidden, it says so and stops, so a background tab
// does not count. When the end marker comes on screen the page reports it. Each answer says
// what is left, and the confirm button looks pressable only once nothing is.
(function () {
  "use strict";

  var box = document.querySelector("[data-reading]");
  var form = document.querySelector("[data-reading-form]");
  if (!box || !form || !window.fetch) return;
  var url = box.getAttribute("data-url");
  var interval = Math.max(1, parseInt(box.getAttribute("data-interval"), 10) || 15) * 1000;
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var left = box.querySelector("[data-reading-left]");
  var button = form.querySelector("[data-reading-button]");
  var atEnd = form.querySelector("[data-reading-at-end]");
  var marker = document.querySelector("[data-reading-end]");
  var timer = null;
  var endSent = false;

  function show(state) {
    if (!state) return;
    button.classList.toggle("button--primary", state.may_complete);
    button.classList.toggle("button--waiting", !state.may_complete);
    left.hidden = state.may_complete;
    if (state.remaining_seconds > 0) {
      left.textContent = box.getAttribute("data-left-text").replace("{n}", state.remaining_minutes);
    } else if (!state.end_seen) {
      left.textContent = box.getAttribute("data-end-text");
    }
  }

  function send(event) {
    var body = new FormData();
    body.append("event", event);
    body.append("csrfmiddlewaretoken", token);
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token },
      keepalive: event === "hide",
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(show)
      .catch(function () { /* offline: the next heartbeat tries again */ });
  }

  function start() {
    if (timer !== null) return;
    send("show");
    timer = window.setInterval(function () { send("beat"); }, interval);
  }

  function stop() {
    if (timer === null) return;
    window.clearInterval(timer);
    timer = null;
    send("hide");
  }

  function markerOnScreen() {
    if (!marker) return false;
    var rect = marker.getBoundingClientRect();
    return rect.top < window.innerHeight && rect.bottom >= 0;
  }

  function reachedEnd() {
    atEnd.value = "1";
    if (!endSent) {
      endSent = true;
      send("end");
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") start();
    else stop();
  });
  window.addEventListener("pagehide", stop);
  if (document.visibilityState === "visible") start();

  if (marker && "IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) reachedEnd();
    }).observe(marker);
  }
  // The button sits below the marker: pressing it with the marker on screen is reaching the end.
  form.addEventListener("submit", function () {
    if (markerOnScreen()) atEnd.value = "1";
  });
})();
