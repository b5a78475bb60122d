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

  function showWatching(watching) {
    if (!watching) return;
    document.querySelectorAll("[data-watching]").forEach(function (meter) {
      var bar = meter.querySelector("progress");
      bar.max = watching.required_seconds || 1;
      bar.value = watching.watched_seconds;
      meter.querySelector("[data-watching-text]").textContent = meter.getAttribute("data-text")
        .replace("{w}", watching.watched_shown).replace("{r}", watching.required_shown);
    });
  }

  function show(state) {
    if (!state) return;
    button.classList.toggle("button--primary", state.may_complete);
    button.classList.toggle("button--waiting", !state.may_complete);
    left.hidden = state.may_complete;
    // A refusal from the last press no longer holds once nothing is left to do.
    var refused = document.querySelector(".reading-refused");
    if (refused && state.may_complete) refused.hidden = true;
    if (state.remaining_seconds > 0) {
      left.textContent = box.getAttribute("data-left-text").replace("{n}", state.remaining_minutes);
    } else if (!state.end_seen) {
      left.textContent = box.getAttribute("data-end-text");
    } else if (state.watching && !state.watching.met) {
      left.textContent = box.getAttribute("data-watch-text")
        .replace("{n}", state.watching.remaining_shown);
    }
    showWatching(state.watching);
  }

  function post(to, fields, keepalive) {
    var body = new FormData();
    Object.keys(fields).forEach(function (name) { body.append(name, fields[name]); });
    body.append("csrfmiddlewaretoken", token);
    return fetch(to, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token },
      keepalive: keepalive,
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(show)
      .catch(function () { /* offline: the next heartbeat tries again */ });
  }

  function send(event) {
    return post(url, { event: event }, event === "hide");
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

  // Watching time: the server counts only time played (courses/video.py). While a video plays
  // on a visible page it sends a heartbeat every interval; paused, buffering, ended or hidden,
  // it says so and stops, so a paused video or a background tab does not count.
  var watchUrl = box.getAttribute("data-watch-url");
  if (!watchUrl) return;
  document.querySelectorAll("video[data-video-key]").forEach(function (video) {
    var key = video.getAttribute("data-video-key");
    var beat = null;

    function tell(event) {
      return post(watchUrl, { event: event, video: key }, event !== "beat");
    }

    function play() {
      if (beat !== null || video.paused || video.ended) return;
      if (document.visibilityState !== "visible") return;
      tell("play");
      beat = window.setInterval(function () { tell("beat"); }, interval);
    }

    function stop() {
      if (beat === null) return;
      window.clearInterval(beat);
      beat = null;
      // At the end the browser pauses first: "ended" starts the next play-through afresh.
      tell(video.ended ? "ended" : "pause");
    }

    video.addEventListener("playing", play);
    video.addEventListener("pause", stop);
    video.addEventListener("waiting", stop);  // buffering is not playing
    video.addEventListener("ended", stop);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") play();
      else stop();
    });
    window.addEventListener("pagehide", stop);
  });
})();
