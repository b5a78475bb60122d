/* Scoring form: autosave drafts, tap an anchor to fill its score, add violation rows, running
   total, and a confirmation before the irreversible submit. The form works without this file. */
(function () {
  "use strict";
  var form = document.getElementById("score-form");
  if (!form) return;
  document.documentElement.classList.add("js");

  var state = document.getElementById("save-state");
  var url = form.getAttribute("data-autosave-url");
  var timer = null;
  var lastSent = null;
  var inFlight = false;

  function csrf() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function formData() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit" || el.type === "button") return;
      data[el.name] = el.value;
    });
    return data;
  }

  function show(kind, extra) {
    if (!state) return;
    state.textContent = state.getAttribute("data-" + kind) + (extra ? " " + extra : "");
    state.className = "save-state save-state--" + kind;
  }

  function save() {
    if (!url || inFlight) return;
    var body = JSON.stringify(formData());
    if (body === lastSent) return;  // nothing changed since the last save
    inFlight = true;
    show("saving");
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: body
    }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (json) {
      lastSent = body;
      show("saved", json.saved_at);
    }).catch(function () {
      show("failed");
    }).then(function () {
      inFlight = false;
      if (JSON.stringify(formData()) !== lastSent) schedule();
    });
  }

  function schedule() {
    if (!url) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1500);
  }

  function total() {
    var out = document.getElementById("running-total");
    if (!out) return;
    var sum = 0, complete = true;
    form.querySelectorAll("fieldset.criterion").forEach(function (fs) {
      var input = fs.querySelector(".score-input");
      var weight = parseFloat(fs.getAttribute("data-weight"));
      var max = parseFloat(fs.getAttribute("data-max"));
      var value = parseFloat(input && input.value);
      if (isNaN(value) || value < 0 || value > max) { complete = false; return; }
      sum += weight * value / max;
    });
    // As scoring.plain_number writes it on the server: 85, 85.5, never 85.00.
    out.textContent = complete ? String(parseFloat(sum.toFixed(2))) : "—";
  }

  form.addEventListener("input", function () { total(); if (url) show("unsaved"); schedule(); });
  form.addEventListener("change", function () { total(); schedule(); });

  form.addEventListener("click", function (event) {
    var anchor = event.target.closest(".anchor");
    if (!anchor || !anchor.hasAttribute("data-score")) return;
    var input = document.getElementById(anchor.getAttribute("data-target"));
    if (input) {
      input.value = anchor.getAttribute("data-score");
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.focus();
    }
  });

  var add = document.getElementById("add-violation");
  var list = document.getElementById("violations");
  if (add && list) {
    add.addEventListener("click", function () {
      var rows = list.querySelectorAll("fieldset.violation");
      var last = rows[rows.length - 1];
      var next = rows.length;
      var copy = last.cloneNode(true);
      copy.setAttribute("data-index", next);
      copy.querySelectorAll("[name],[id],[for]").forEach(function (el) {
        ["name", "id", "for"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) el.setAttribute(attr, value.replace(/_\d+$/, "_" + next));
        });
        if ("value" in el && el.tagName !== "OPTION") el.value = "";
      });
      copy.querySelectorAll(".field__errors, .error").forEach(function (el) { el.remove(); });
      [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("[aria-invalid]")))
        .forEach(function (el) {
          el.removeAttribute("aria-invalid");
          el.removeAttribute("aria-describedby");
        });
      copy.classList.remove("criterion--error");
      var legend = copy.querySelector("legend");
      if (legend) legend.textContent = legend.textContent.replace(/\d+/, String(next + 1));
      list.appendChild(copy);
      copy.querySelector("select").focus();
    });
  }

  var submit = form.querySelector("[data-confirm-submit]");
  if (submit) {
    submit.addEventListener("click", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  }

  total();
  if (url) lastSent = JSON.stringify(formData());
})();
