/* The exam page: server-owned countdown, autosave of every answer, offline retry.
 *
 * - The countdown starts from the server's remaining seconds (data-remaining) and is corrected
 *   by every save response; it is measured with performance.now(), never the device's clock.
 * - Each change is posted at once with an increasing sequence number; the server keeps only
 *   the newest write per question, so retries are harmless.
 * - Unsent answers live in localStorage until the server has them, and are re-sent after a
 *   reload or when the network comes back (with backoff).
 * The result page only uses the progress-bar widths at the bottom.
 */
(function () {
  "use strict";

  document.querySelectorAll(".progress__bar[data-width]").forEach(function (bar) {
    bar.style.width = Math.max(0, Math.min(100, Number(bar.dataset.width) || 0)) + "%";
  });

  var root = document.getElementById("exam");
  if (!root) return;

  var form = document.getElementById("exam-form");
  var clock = document.getElementById("exam-clock");
  var stateEl = document.getElementById("save-state");
  var answeredEl = document.getElementById("answered");
  var answeredBar = document.getElementById("answered-bar");
  var messageEl = document.getElementById("exam-message");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var total = Number(root.dataset.total) || 0;
  var storeKey = "exam-pending-" + root.dataset.attempt;
  var seq = Number(root.dataset.maxSeq) || 0;
  var pending = {};            // position -> {selected, seq}
  var inFlight = {};           // position -> seq being sent
  var retryDelay = 1000;
  var retryTimer = null;
  var closed = false;
  var submitting = false;

  // ---- countdown -----------------------------------------------------------------------
  var deadlineAt = performance.now() + (Number(root.dataset.remaining) || 0) * 1000;

  function syncRemaining(seconds) {
    if (typeof seconds === "number") deadlineAt = performance.now() + seconds * 1000;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var left = Math.max(0, Math.round((deadlineAt - performance.now()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    clock.textContent = (h ? h + ":" + pad(m) : pad(m)) + ":" + pad(s);
    clock.parentNode.classList.toggle("exam-bar__clock--low", left <= 300);
    if (left === 0 && !submitting) {
      showMessage(root.dataset.labelTimeup);
      handIn(true);
      return;
    }
    window.setTimeout(tick, 1000 - (performance.now() % 1000));
  }

  // ---- saved state ---------------------------------------------------------------------
  function setState(kind) {
    stateEl.className = "save-state save-state--" + kind;
    stateEl.textContent = {
      saved: root.dataset.labelSaved,
      saving: root.dataset.labelSaving,
      offline: root.dataset.labelOffline
    }[kind];
  }

  function showMessage(text) {
    messageEl.textContent = text;
    messageEl.hidden = false;
  }

  function remember() {
    try { window.localStorage.setItem(storeKey, JSON.stringify(pending)); } catch (e) { /* full or private */ }
  }

  function selectedOf(fieldset) {
    return Array.prototype.map.call(
      fieldset.querySelectorAll("input:checked"), function (input) { return input.value; });
  }

  function updateProgress(answered) {
    if (typeof answered !== "number") {
      answered = Array.prototype.filter.call(
        form.querySelectorAll(".qcard"), function (card) { return selectedOf(card).length; }).length;
    }
    answeredEl.textContent = answered;
    if (answeredBar) answeredBar.style.width = (total ? (100 * answered / total) : 0) + "%";
  }

  function markNav(position, done) {
    var link = form.querySelector('[data-nav="' + position + '"]');
    if (link) link.classList.toggle("qnav__item--done", done);
  }

  // ---- sending -------------------------------------------------------------------------
  function send(position) {
    var entry = pending[position];
    if (!entry || closed || inFlight[position] === entry.seq) return;
    inFlight[position] = entry.seq;
    setState("saving");
    fetch(root.dataset.saveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ position: Number(position), selected: entry.selected, seq: entry.seq })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    }).then(function (reply) {
      delete inFlight[position];
      if (reply.status === 409) {
        closed = true;
        pending = {};
        remember();
        showMessage(reply.data.error || root.dataset.labelTimeup);
        window.setTimeout(function () {
          window.location.assign(reply.data.result_url || root.dataset.resultUrl);
        }, 2500);
        return;
      }
      if (reply.status === 200 || reply.status === 400) {
        // 400: the server will never take this answer; keeping it would retry forever.
        if (reply.status === 400) showMessage(reply.data.error || "");
        if (pending[position] && pending[position].seq <= entry.seq) delete pending[position];
        remember();
        retryDelay = 1000;
        syncRemaining(reply.data.remaining_seconds);
        if (reply.status === 200) updateProgress(reply.data.answered);
        if (Object.keys(pending).length === 0) setState("saved");
        else if (pending[position]) send(position);
        return;
      }
      throw new Error("status " + reply.status);
    }).catch(function () {
      delete inFlight[position];
      setState("offline");
      scheduleRetry();
    });
  }

  function flushAll() {
    Object.keys(pending).forEach(send);
  }

  function scheduleRetry() {
    if (retryTimer || closed) return;
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      flushAll();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }

  function record(fieldset) {
    var position = fieldset.dataset.position;
    var selected = selectedOf(fieldset);
    seq += 1;
    pending[position] = { selected: selected, seq: seq };
    remember();
    markNav(position, selected.length > 0);
    updateProgress();
    send(position);
  }

  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest(".qcard");
    if (fieldset && !closed) record(fieldset);
  });

  window.addEventListener("online", function () {
    retryDelay = 1000;
    flushAll();
  });

  window.addEventListener("beforeunload", function (event) {
    if (!submitting && Object.keys(pending).length) {
      event.preventDefault();
      event.returnValue = root.dataset.labelPending;
    }
  });

  // ---- handing in ----------------------------------------------------------------------
  function handIn(force) {
    if (submitting) return;
    if (!force) {
      var missing = total - Number(answeredEl.textContent || 0);
      if (missing > 0 && !window.confirm(root.dataset.labelUnanswered.replace("{n}", missing))) {
        return;
      }
    }
    submitting = true;
    // The form carries every answer on screen, so unsent ones are handed in with it.
    try { window.localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
    document.getElementById("submit-button").disabled = true;
    HTMLFormElement.prototype.submit.call(form);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    handIn(false);
  });

  // ---- resume: answers typed but never sent (reload, crash, network) -----------------------
  try {
    var saved = JSON.parse(window.localStorage.getItem(storeKey) || "{}");
    Object.keys(saved).forEach(function (position) {
      var fieldset = form.querySelector('.qcard[data-position="' + position + '"]');
      if (!fieldset) return;
      fieldset.querySelectorAll("input").forEach(function (input) {
        input.checked = saved[position].selected.indexOf(input.value) !== -1;
      });
      record(fieldset);
    });
  } catch (e) { /* nothing to resume */ }

  updateProgress();
  tick();
})();
