/* The waiting room of an exam session (exams/sessions): the server's countdown, a connection
 * check, and at the start the paper, fetched and shown in place without a reload.
 *
 * - The countdown runs on performance.now() from the server's "starts in" figure, corrected by
 *   every poll (half the round trip taken off), never from the device's clock.
 * - The status endpoint is polled with jitter; near the start the page stops polling and opens
 *   the paper at the start instant plus a random delay of up to data-jitter-ms, so a whole
 *   cohort's requests arrive as a ramp. The paper was drawn before the start: opening it is cheap.
 * - The sealed paper: while waiting, the page fetches its paper encrypted (within
 *   data-sealed-spread-ms of arriving, not in the last 20 s), and at the start asks only for the
 *   key (exams/sessions/sealing.py), decrypts it with WebCrypto and shows the paper. The attempt
 *   is opened afterwards (data-open-after-ms, then within data-open-spread-ms), once the
 *   cohort's keys are out, and attached to the paper on screen
 *   (exam.js keeps the answers given meanwhile). With no sealed copy in hand, no WebCrypto (a page
 *   not served over HTTPS) or a copy that does not decrypt (the start moved), the paper is opened
 *   and fetched the ordinary way.
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
  var openAfterMs = Number(root.dataset.openAfterMs) || 0;
  var openSpreadMs = Number(root.dataset.openSpreadMs) || 0;
  var sealedSpreadMs = Number(root.dataset.sealedSpreadMs) || 0;
  var subtle = window.crypto && window.crypto.subtle;
  var sealedCopy = null;       // {iv, data}, fetched while waiting
  var sealedTimer = null;
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
      if (sealedCopy && subtle) unsealPaper();
      else openPaper();
    }, Math.random() * jitterMs);
  }

  // ---- the sealed paper -------------------------------------------------------------------
  function scheduleSealed() {
    if (!subtle || sealedCopy || sealedTimer) return;
    var latest = startAt - performance.now() - 20000;
    if (latest <= 0) return;
    sealedTimer = window.setTimeout(function () {
      fetch(root.dataset.sealedUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && data.ok) sealedCopy = data; })
        .catch(function () { /* the ordinary way at the start */ })
        .then(function () { sealedTimer = null; });
    }, Math.random() * Math.min(sealedSpreadMs, latest));
  }

  function fromBase64(text) {
    var raw = window.atob(text), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  // Refused (before the start by the device's clock, paused, doors closed…): as openPaper.
  function refused(reply, retry) {
    var code = reply.data.code;
    say(reply.data.error || "");
    if (code === "waiting" || code === "not_drawn" || code === "paused") {
      state = code;
      window.setTimeout(retry, 1000 + Math.random() * 1000);
      return;
    }
    state = code || "closed";
    if (paperShown) {  // the key came, the opening did not: the paper goes away
      paperEl.textContent = "";
      waitEl.hidden = false;
      paperShown = false;
    }
    root.classList.add("room--closed");
    label.textContent = "";
    countdown.textContent = "";
  }

  function replyOf(response) {
    return response.json().then(function (data) { return { status: response.status, data: data }; });
  }

  function unsealPaper() {
    if (opening || paperShown) return;
    opening = true;
    say(root.dataset.labelOpening);
    fetch(root.dataset.keyUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(replyOf).then(function (reply) {
        if (reply.status !== 200) { opening = false; refused(reply, unsealPaper); return null; }
        return subtle.importKey("raw", fromBase64(reply.data.key), "AES-GCM", false, ["decrypt"])
          .then(function (key) {
            return subtle.decrypt({ name: "AES-GCM", iv: fromBase64(sealedCopy.iv) }, key, fromBase64(sealedCopy.data));
          }).then(function (plain) {
            showPaper(new TextDecoder().decode(plain), reply.data.remaining);
            window.setTimeout(attachAttempt, openAfterMs + Math.random() * openSpreadMs);
          }, function () {
            sealedCopy = null;  // a copy from before the start moved: the ordinary way
            opening = false;
            openPaper();
          });
      }).catch(function () {
        opening = false;
        connection.textContent = root.dataset.labelDisconnected;
        window.setTimeout(unsealPaper, 1000 + Math.random() * 2000);
      });
  }

  function attachAttempt() {
    var body = new URLSearchParams({ device: device });
    fetch(root.dataset.openUrl, {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(replyOf).then(function (reply) {
      if (reply.status !== 200 || !reply.data.attempt_url) { refused(reply, attachAttempt); return; }
      var exam = document.getElementById("exam");
      exam.dispatchEvent(new CustomEvent("exam:attach", { detail: reply.data }));
      kept(reply.data.attempt_url);
    }).catch(function () {
      connection.textContent = root.dataset.labelDisconnected;
      window.setTimeout(attachAttempt, 1000 + Math.random() * 2000);
    });
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
    else if (state === "waiting") scheduleSealed();
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
      // A device clock a little ahead, a paper still being drawn, a pause: ask again soon.
      refused(reply, openPaper);
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
      showPaper(html);
      kept(url, !(navigator.serviceWorker && navigator.serviceWorker.controller));
    }).catch(function () {
      opening = false;
      window.setTimeout(function () { loadPaper(url); }, 1000 + Math.random() * 2000);
    });
  }

  // The paper (the exam page's #exam, fetched or unsealed) in place of the waiting room.
  function showPaper(html, remaining) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var exam = doc.getElementById("exam");
    if (!exam) throw new Error("no paper");
    if (typeof remaining === "number") exam.dataset.remaining = remaining;
    paperEl.appendChild(document.importNode(exam, true));
    waitEl.hidden = true;
    paperShown = true;
    root.dataset.state = state = "in_exam";
    window.history.replaceState(null, "", window.location.href);
    var script = document.createElement("script");
    script.src = root.dataset.examScript;
    document.body.appendChild(script);
    watchIntegrity();
    window.__paperShownAt = performance.now();
    document.dispatchEvent(new CustomEvent("session:paper"));
    nextPoll();
  }

  // The opened attempt's page, remembered for an offline reload (and copied by the worker;
  // a page the worker already controls copies it as it is fetched).
  function kept(url, copyNow) {
    try { window.localStorage.setItem(paperKey, url); } catch (e) { /* ignore */ }
    if (window.examCopies && copyNow !== false) window.examCopies.keep([url, root.dataset.examScript]);
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
  if (state === "waiting") scheduleSealed();
})();
