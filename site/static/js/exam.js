/* The exam page: server-owned countdown, autosave of every answer, offline retry.
 *
 * - The countdown starts from the server's remaining seconds (data-remaining) and is corrected
 *   by every save response; it is measured with performance.now(), never the device's clock.
 * - Each change is posted at once with an increasing sequence number; the server keeps only
 *   the newest write per question, so retries are harmless.
 * - Unsent answers live in localStorage until the server has them, and are re-sent after a
 *   reload or when the network comes back (with backoff).
 * - Every answer given on this device, and the deadline, are kept in localStorage too (the
 *   offline copy): with no network a reload gets the page from the service worker
 *   (data-offline-copy, site/templates/exams/service_worker.js) as it was last served, and the
 *   answers given since and the clock are put back from here.
 * - While the server has not acknowledged something, the page says which questions; a hand-in
 *   with no network is kept and sent when the connection returns. The server's deadline rules:
 *   what arrives after it (plus grace) is refused, and the result page says which answers counted.
 * - Typed answers (blanks, essays) are recorded on every keystroke — a new sequence number
 *   and localStorage at once — but sent after a pause in typing (or on leaving the field), so
 *   a paragraph is a few requests, not hundreds. A keystroke the server acknowledged is never
 *   replaced by an older one (the sequence number), and one it has not is still in
 *   localStorage and on screen, so it is sent again or handed in with the form.
 * - In an exam session the paper can arrive sealed (data-sealed: js/session_room.js decrypted it
 *   at the start, before the attempt was opened). Answers are then kept on the device under the
 *   room's address and sent once the room dispatches "exam:attach" with the attempt's addresses;
 *   a reload before that hands them to the opened attempt's page.
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
  // A polite live region that speaks only at the two warnings below, never every second
  // (the clock itself is aria-live="off").
  var warningEl = document.getElementById("exam-clock-warning");
  var warned = {};
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var total = Number(root.dataset.total) || 0;
  var sealed = root.hasAttribute("data-sealed");
  var sealedId = "sealed-" + window.location.pathname;
  var storeKey, copyKey, handInKey;
  function useKeys(id) {
    storeKey = "exam-pending-" + id;
    copyKey = "exam-copy-" + id;
    handInKey = "exam-handin-" + id;
  }
  useKeys(sealed ? sealedId : root.dataset.attempt);
  var unsentEl = document.getElementById("exam-unsent");
  // Served by the service worker from the device, not by the server: the network is down.
  var offlineCopy = root.hasAttribute("data-offline-copy");
  var reached = !offlineCopy;  // has the server answered since this page was shown?
  var networkDown = offlineCopy;
  var handInQueued = false;
  var sendingHandIn = false;
  var renderedSeq = Number(root.dataset.maxSeq) || 0;
  var seq = renderedSeq;
  var pending = {};            // position -> {selected, seq}
  var inFlight = {};           // position -> seq being sent
  var retryDelay = 1000;
  var retryTimer = null;
  var closed = false;
  var submitting = false;

  // ---- the offline copy: every answer given here, and the deadline ------------------------
  function readCopy() {
    try {
      var kept = JSON.parse(window.localStorage.getItem(copyKey) || "{}");
      if (kept && typeof kept === "object" && kept.answers) return kept;
    } catch (e) { /* unreadable: start afresh */ }
    return { answers: {} };
  }
  var copy = readCopy();

  function writeCopy() {
    try { window.localStorage.setItem(copyKey, JSON.stringify(copy)); } catch (e) { /* full or private */ }
  }

  function forgetCopy() {
    try {
      window.localStorage.removeItem(copyKey);
      window.localStorage.removeItem(handInKey);
    } catch (e) { /* ignore */ }
  }

  // ---- countdown -----------------------------------------------------------------------
  var deadlineAt = performance.now() + (Number(root.dataset.remaining) || 0) * 1000;
  if (offlineCopy && typeof copy.deadline === "number") {
    // A reload with no network: the only clock that ran on meanwhile is the device's, so the
    // deadline kept in the device's time is the one to count down to.
    deadlineAt = performance.now() + (copy.deadline - Date.now());
  }

  function keepDeadline() {
    copy.deadline = Date.now() + (deadlineAt - performance.now());
    writeCopy();
  }

  function syncRemaining(seconds) {
    if (typeof seconds === "number") deadlineAt = performance.now() + seconds * 1000;
    keepDeadline();
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var left = Math.max(0, Math.round((deadlineAt - performance.now()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    clock.textContent = (h ? h + ":" + pad(m) : pad(m)) + ":" + pad(s);
    clock.parentNode.classList.toggle("exam-bar__clock--low", left <= 300);
    warn(left, 300, root.dataset.labelFiveMinutes);
    warn(left, 60, root.dataset.labelOneMinute);
    if (left === 0 && !submitting) {
      showMessage(root.dataset.labelTimeup);
      handIn(true);
      return;
    }
    window.setTimeout(tick, 1000 - (performance.now() % 1000));
  }

  function warn(left, at, text) {
    // Said once, within a minute after the mark: a page opened (or reloaded) with four
    // minutes left says nothing untrue, and with under a minute left says only the last one.
    if (!warningEl || warned[at] || left > at || left === 0) return;
    warned[at] = true;
    if (left <= at - 60) return;
    warningEl.textContent = text;
  }

  // ---- saved state ---------------------------------------------------------------------
  function setState(kind) {
    networkDown = kind === "offline";
    showUnsent();
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

  // What the server has not acknowledged, said plainly while the network is down.
  function showUnsent() {
    if (!unsentEl) return;
    var lines = [];
    if (handInQueued) lines.push(root.dataset.labelHandInQueued);
    else if (!reached) lines.push(root.dataset.labelOfflineCopy);
    var unsent = Object.keys(pending).map(Number).sort(function (a, b) { return a - b; });
    if (unsent.length && (networkDown || !reached)) {
      lines.push(root.dataset.labelUnsent.replace("{list}", unsent.join(root.dataset.labelSeparator)));
      if (lines.length === 1) lines.push(root.dataset.labelKept);
    }
    unsentEl.textContent = lines.join("\n");
    unsentEl.hidden = !lines.length || !(networkDown || !reached || handInQueued);
  }

  function remember() {
    try { window.localStorage.setItem(storeKey, JSON.stringify(pending)); } catch (e) { /* full or private */ }
  }

  var TYPED = { shortanswer: true, matching: true, essay: true };
  var TYPING_PAUSE = 800;      // ms without a keystroke before a typed answer is sent
  var typingTimers = {};       // position -> timer

  function fieldsOf(fieldset) {
    return fieldset.querySelectorAll("input[type=text], select, textarea");
  }

  // The answer as the server stores it: choice keys, or one text per blank / pair / essay
  // (empty everywhere means unanswered).
  function selectedOf(fieldset) {
    if (TYPED[fieldset.dataset.qtype]) {
      var values = Array.prototype.map.call(fieldsOf(fieldset), function (el) { return el.value; });
      return values.some(function (v) { return v.trim() !== ""; }) ? values : [];
    }
    return Array.prototype.map.call(
      fieldset.querySelectorAll("input:checked"), function (input) { return input.value; });
  }

  function restore(fieldset, selected) {
    if (TYPED[fieldset.dataset.qtype]) {
      Array.prototype.forEach.call(fieldsOf(fieldset), function (el, i) {
        el.value = selected[i] || "";
      });
      return;
    }
    fieldset.querySelectorAll("input").forEach(function (input) {
      input.checked = selected.indexOf(input.value) !== -1;
    });
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
    if (!link) return;
    link.classList.toggle("qnav__item--done", done);
    // The words a screen reader hears follow the mark (the page rendered them once).
    var said = link.querySelector(".visually-hidden");
    if (said) said.textContent = done ? root.dataset.labelAnswered : root.dataset.labelNotAnswered;
  }

  // ---- sending -------------------------------------------------------------------------
  function send(position) {
    var entry = pending[position];
    if (sealed) { setState("saving"); return; }  // kept until the attempt is attached
    // One request per question at a time: a newer answer waits for the reply to the older
    // one and is sent from there, so answers reach the server in the order they were given.
    if (!entry || closed || position in inFlight) return;
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
      reached = true;
      if (reply.status === 409) {
        closed = true;
        pending = {};
        remember();
        forgetCopy();
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
        // Counted from the page, not from this reply: a reply to an earlier request can
        // arrive after a later answer was saved and would show one answer fewer.
        updateProgress();
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

  function record(fieldset, later) {
    var position = fieldset.dataset.position;
    var selected = selectedOf(fieldset);
    seq += 1;
    pending[position] = { selected: selected, seq: seq };
    remember();
    copy.answers[position] = { selected: selected, seq: seq };
    writeCopy();
    showUnsent();
    markNav(position, selected.length > 0);
    updateProgress();
    window.clearTimeout(typingTimers[position]);
    if (later) {
      setState("saving");
      typingTimers[position] = window.setTimeout(function () { send(position); }, TYPING_PAUSE);
    } else {
      send(position);
    }
  }

  // Enter chooses, like Space, instead of handing the whole exam in (a form's implicit
  // submission): a keyboard user marks an answer with either key.
  form.addEventListener("keydown", function (event) {
    var input = event.target;
    // Enter in a blank moves on to the next field instead of handing the exam in.
    if (event.key === "Enter" && input.matches && input.matches(".blank__input")) {
      event.preventDefault();
      var fields = Array.prototype.slice.call(form.querySelectorAll(".blank__input, .pair__select, .essay__input"));
      var next = fields[fields.indexOf(input) + 1];
      if (next) next.focus();
      return;
    }
    if (event.key !== "Enter" || !input.matches || !input.matches(".choice input")) return;
    event.preventDefault();
    if (input.type === "checkbox") input.checked = !input.checked;
    else if (!input.checked) input.checked = true;
    else return;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });

  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest(".qcard");
    if (fieldset && !closed) record(fieldset);
  });

  form.addEventListener("input", function (event) {
    if (!event.target.hasAttribute("data-typed")) return;
    var fieldset = event.target.closest(".qcard");
    if (fieldset && !closed) record(fieldset, true);
  });

  window.addEventListener("online", function () {
    retryDelay = 1000;
    if (handInQueued) sendHandIn();
    else flushAll();
  });

  window.addEventListener("offline", function () {
    networkDown = true;
    showUnsent();
  });

  window.addEventListener("beforeunload", function (event) {
    if (handInQueued || (!submitting && Object.keys(pending).length)) {
      event.preventDefault();
      event.returnValue = root.dataset.labelPending;
    }
  });

  // ---- handing in ----------------------------------------------------------------------
  function handIn(force) {
    if (submitting) return;
    if (!force) {
      var missing = total - Number(answeredEl.textContent || 0);
      var question = missing > 0
        ? root.dataset.labelUnanswered.replace("{n}", missing)
        : root.dataset.labelConfirm;
      // Always asked: handing in cannot be undone, and a stray Enter or tap must not do it.
      if (!window.confirm(question)) return;
    }
    submitting = true;
    document.getElementById("submit-button").disabled = true;
    try { window.localStorage.setItem(handInKey, "1"); } catch (e) { /* ignore */ }
    sendHandIn();
  }

  // The form carries every answer on screen, so unsent ones are handed in with it. It is sent
  // by fetch so that, with no network, the hand-in is kept and sent again rather than lost on
  // the browser's error page.
  function sendHandIn() {
    if (sealed) { handInQueued = true; return; }  // sent once the attempt is attached
    if (sendingHandIn) return;
    sendingHandIn = true;
    fetch(form.action, {
      method: "POST", credentials: "same-origin", body: new FormData(form),
      headers: { "X-CSRFToken": csrf }
    }).then(function (response) {
      sendingHandIn = false;
      if (response.redirected && response.url.indexOf(root.dataset.resultUrl) !== -1) {
        try { window.localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
        forgetCopy();
        handInQueued = false;
        window.location.assign(response.url);
        return;
      }
      // The server answered something else (a lapsed login, say): the form itself is sent,
      // so the person sees the server's own page. The answers stay on the device.
      handInQueued = false;
      HTMLFormElement.prototype.submit.call(form);
    }, function () {
      sendingHandIn = false;
      handInQueued = true;
      setState("offline");
      window.setTimeout(sendHandIn, 5000);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    handIn(false);
  });

  // ---- a sealed paper becomes the attempt's ------------------------------------------------
  function moveStored(from, to) {
    try {
      var value = window.localStorage.getItem(from);
      if (value !== null && window.localStorage.getItem(to) === null) window.localStorage.setItem(to, value);
      window.localStorage.removeItem(from);
    } catch (e) { /* ignore */ }
  }

  function adoptSealed(id) {
    ["exam-pending-", "exam-copy-", "exam-handin-"].forEach(function (prefix) {
      moveStored(prefix + sealedId, prefix + id);
    });
  }

  root.addEventListener("exam:attach", function (event) {
    var attempt = event.detail;
    if (!sealed) return;
    sealed = false;
    root.removeAttribute("data-sealed");
    root.dataset.attempt = attempt.attempt;
    root.dataset.saveUrl = attempt.save_url;
    root.dataset.resultUrl = attempt.result_url;
    form.action = attempt.submit_url;
    adoptSealed(attempt.attempt);
    useKeys(attempt.attempt);
    remember();
    writeCopy();
    if (handInQueued) { try { window.localStorage.setItem(handInKey, "1"); } catch (e) { /* ignore */ } }
    document.getElementById("submit-button").disabled = submitting;
    syncRemaining(attempt.remaining);
    if (handInQueued) sendHandIn();
    else if (Object.keys(pending).length) flushAll();
    else setState("saved");
  });

  // The page reloaded before a sealed paper was attached: its answers belong to this attempt.
  if (!sealed) adoptSealed(root.dataset.attempt);
  copy = readCopy();

  // ---- resume: answers given on this device since the page was rendered ---------------------
  // (an offline copy is older than the last answers), then answers never sent (reload, crash,
  // network), which are sent again.
  Object.keys(copy.answers).forEach(function (position) {
    var kept = copy.answers[position];
    seq = Math.max(seq, kept.seq || 0);
    if (!(kept.seq > renderedSeq)) return;
    var fieldset = form.querySelector('.qcard[data-position="' + position + '"]');
    if (!fieldset) return;
    restore(fieldset, kept.selected || []);
    markNav(position, (kept.selected || []).length > 0);
  });
  try {
    var saved = JSON.parse(window.localStorage.getItem(storeKey) || "{}");
    Object.keys(saved).forEach(function (position) {
      var fieldset = form.querySelector('.qcard[data-position="' + position + '"]');
      if (!fieldset) return;
      restore(fieldset, saved[position].selected);
      record(fieldset);
    });
  } catch (e) { /* nothing to resume */ }

  // An exam session's page (js/session_room.js) sets the clock from the server: a pause holds
  // it, a resume or a proctor's extension moves it.
  root.addEventListener("exam:remaining", function (event) { syncRemaining(event.detail); });

  updateProgress();
  keepDeadline();
  showUnsent();
  try { handInQueued = window.localStorage.getItem(handInKey) === "1"; } catch (e) { /* ignore */ }
  if (handInQueued) {
    // Handed in while offline, then the page was reloaded: it is still to be sent.
    submitting = true;
    document.getElementById("submit-button").disabled = true;
    showUnsent();
    sendHandIn();
  }
  tick();
})();
