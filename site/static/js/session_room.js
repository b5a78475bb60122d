/* The waiting room of an exam session (exams/sessions): the server's countdown, a connection
 * check, and at the start the paper, fetched and shown in place without a reload.
 *
 * - The countdown runs on performance.now() from the server's "starts in" figure, corrected by
 *   every poll (half the round trip taken off), never from the device's clock.
 * - The status endpoint is polled with jitter; near the start the page stops polling and opens
 *   the paper at the start instant plus a random delay of up to data-jitter-ms, so a whole
 *   cohort's requests arrive as a ramp. The paper was drawn before the start: opening it is cheap.
 * - Once the paper is shown, the poll carries on slowly: it is the proctor's sign of life, it
 *   brings a pause (the clock held) and a resume or an extension (the clock moved) to exam.js
 *   through the "exam:remaining" event, and it reports a second device.
 * - The paper's address is kept on the device: a reload with no network (the page then comes
 *   from the service worker, data-offline-copy) opens the kept paper at once.
 * - Leaving the page and pasting are reported for the proctor; nothing is decided by them.
 */
(function () {
  "use strict";

  var root = document.getElementById("room");
  if (!root) return;

  var countdown = document.getElementById("room-countdown");
  var label = document.getElementById("room-label");
  var messageEl = document.getElementById("room-message");
  var connection = document.getElementById("room-connection");
  var waitEl = document.getElementById("room-wait");
  var pausedEl = document.getElementById("room-paused");
  var alertEl = document.getElementById("room-alert");
  var paperEl = document.getElementById("room-paper");
  var csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  var jitterMs = Number(root.dataset.jitterMs) || 0;
  var state = root.dataset.state;
  var startAt = performance.now() + Number(root.dataset.startsInMs || 0);
  var pollTimer = null;
  var openTimer = null;
  var opening = false;
  var paperShown = false;
  var paused = false;
  var heldRemaining = null;
  var paperKey = "exam-room-" + window.location.pathname;

  var device;
  try {
    device = window.localStorage.getItem("exam-device");
    if (!device) {
      device = Math.random().toString(36).slice(2) + Date.now().toString(36);
      window.localStorage.setItem("exam-device", device);
    }
  } catch (e) { device = "nostorage"; }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function showClock() {
    var left = Math.max(0, Math.ceil((startAt - performance.now()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    countdown.textContent = (h ? h + ":" + pad(m) : pad(m)) + ":" + pad(s);
    return left;
  }

  function tick() {
    if (paperShown) return;
    if (state === "early" || state === "waiting") {
      var left = showClock();
      if (left === 0 && !opening && !openTimer) scheduleOpen();
    }
    window.setTimeout(tick, 250);
  }

  function say(text) { messageEl.textContent = text || ""; }

  function alertMessage(text) {
    alertEl.textContent = text;
    alertEl.hidden = !text;
  }

  function scheduleOpen() {
    openTimer = window.setTimeout(function () {
      openTimer = null;
      openPaper();
    }, Math.random() * jitterMs);
  }

  function nextPoll() {
    if (pollTimer) window.clearTimeout(pollTimer);
    var delay;
    if (paperShown) delay = 10000 + Math.random() * 5000;
    else if (state === "early" || state === "waiting") {
      var untilStart = startAt - performance.now();
      // Close to the start the local countdown decides; no poll crowds the start instant.
      if (untilStart < 20000) return;
      delay = Math.min(15000, untilStart - 15000) + Math.random() * 5000;
    } else if (state === "paused" || state === "not_drawn") delay = 3000 + Math.random() * 2000;
    else if (state === "open") return;
    else return;  // closed for good: absent, late, cancelled, handed in
    pollTimer = window.setTimeout(poll, delay);
  }

  function poll() {
    var sent = performance.now();
    fetch(root.dataset.statusUrl + "?device=" + encodeURIComponent(device), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) throw new Error("status " + response.status);
      return response.json();
    }).then(function (data) {
      var rtt = performance.now() - sent;
      connection.textContent = root.dataset.labelConnected.replace("{ms}", Math.round(rtt));
      connection.className = "room__connection room__connection--ok";
      apply(data, rtt);
    }).catch(function () {
      connection.textContent = root.dataset.labelDisconnected;
      connection.className = "room__connection room__connection--down";
    }).then(nextPoll);
  }

  function apply(data, rtt) {
    startAt = performance.now() + data.starts_in_ms - (rtt || 0) / 2;
    state = data.state;
    paused = !!data.paused;
    if (data.second_device) alertMessage(root.dataset.labelSecondDevice);
    if (paperShown) {
      pausedEl.hidden = !paused;
      document.body.classList.toggle("session-paused", paused);
      heldRemaining = paused ? data.remaining : null;
      if (typeof data.remaining === "number") sendRemaining(data.remaining);
      return;
    }
    say(data.message);
    if (state === "in_exam" && data.attempt_url) loadPaper(data.attempt_url);
    else if (state === "open" && !opening) scheduleOpen();
    else if (state === "handed_in" && data.result_url) window.location.assign(data.result_url);
    if (state !== "early" && state !== "waiting") label.textContent = "";
  }

  function sendRemaining(seconds) {
    var exam = document.getElementById("exam");
    if (exam) exam.dispatchEvent(new CustomEvent("exam:remaining", { detail: seconds }));
  }

  // While paused the clock is held: exam.js would otherwise count down on its own.
  window.setInterval(function () {
    if (paperShown && paused && typeof heldRemaining === "number") sendRemaining(heldRemaining);
  }, 500);

  function openPaper() {
    if (opening || paperShown) return;
    opening = true;
    say(root.dataset.labelOpening);
    var body = new URLSearchParams({ device: device });
    fetch(root.dataset.openUrl, {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (reply) {
      if (reply.status === 200 && reply.data.attempt_url) return loadPaper(reply.data.attempt_url);
      opening = false;
      var code = reply.data.code;
      say(reply.data.error || "");
      // A device clock a little ahead, a paper still being drawn, a pause: ask again soon.
      if (code === "waiting" || code === "not_drawn" || code === "paused") {
        state = code;
        window.setTimeout(openPaper, 1000 + Math.random() * 1000);
      } else {
        state = code || "closed";
        root.classList.add("room--closed");
        label.textContent = "";
        countdown.textContent = "";
      }
    }).catch(function () {
      opening = false;
      connection.textContent = root.dataset.labelDisconnected;
      window.setTimeout(openPaper, 1000 + Math.random() * 2000);
    });
  }

  function loadPaper(url) {
    if (paperShown) return Promise.resolve();
    opening = true;
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (response.redirected && response.url.indexOf("/result/") !== -1) {
        window.location.assign(response.url);
        return null;
      }
      if (!response.ok) throw new Error("status " + response.status);
      return response.text();
    }).then(function (html) {
      if (html === null) return;
      var doc = new DOMParser().parseFromString(html, "text/html");
      var exam = doc.getElementById("exam");
      if (!exam) throw new Error("no paper");
      paperEl.appendChild(document.importNode(exam, true));
      waitEl.hidden = true;
      paperShown = true;
      root.dataset.state = state = "in_exam";
      window.history.replaceState(null, "", window.location.href);
      var script = document.createElement("script");
      script.src = root.dataset.examScript;
      document.body.appendChild(script);
      watchIntegrity();
      try { window.localStorage.setItem(paperKey, url); } catch (e) { /* ignore */ }
      if (window.examCopies && !(navigator.serviceWorker && navigator.serviceWorker.controller)) {
        window.examCopies.keep([url, root.dataset.examScript]);
      }
      window.__paperShownAt = performance.now();
      document.dispatchEvent(new CustomEvent("session:paper"));
      nextPoll();
    }).catch(function () {
      opening = false;
      window.setTimeout(function () { loadPaper(url); }, 1000 + Math.random() * 2000);
    });
  }

  function report(kind, seconds) {
    fetch(root.dataset.eventUrl, {
      method: "POST", credentials: "same-origin", keepalive: true,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ kind: kind, seconds: Math.round(seconds || 0) })
    }).catch(function () { /* a lost report is not worth a retry loop */ });
  }

  function watchIntegrity() {
    var hiddenAt = null;
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") hiddenAt = Date.now();
      else if (hiddenAt !== null) {
        report("away", (Date.now() - hiddenAt) / 1000);
        hiddenAt = null;
      }
    });
    paperEl.addEventListener("paste", function () { report("paste", 0); });
  }

  var keptPaper = null;
  try { keptPaper = window.localStorage.getItem(paperKey); } catch (e) { /* ignore */ }
  if (root.hasAttribute("data-offline-copy") && keptPaper) loadPaper(keptPaper);
  else if (state === "in_exam" && root.dataset.attemptUrl) loadPaper(root.dataset.attemptUrl);
  else if (state === "open") openPaper();
  poll();
  tick();
})();
