/* Background jobs (reports, card batches …): every element with data-job-status="<status.json>"
   and data-job-state="queued|running" polls its job until it is done or failed, moving the
   progress bar (site/templates/jobs/_progress.html), then reveals the download link or shows
   the error (with the retry form when the job offers one). No reload needed. */
(function () {
  "use strict";

  function all(box, name) {
    return box.querySelectorAll("[data-job-" + name + "]");
  }

  function each(box, name, fn) {
    Array.prototype.forEach.call(all(box, name), fn);
  }

  function update(box, data) {
    var finished = data.status === "done" || data.status === "failed";
    var count = data.done + " / " + data.total;
    box.setAttribute("data-job-state", data.status);
    box.setAttribute("aria-busy", finished ? "false" : "true");
    each(box, "bar", function (bar) {
      bar.value = data.percent;
      bar.textContent = data.percent + "%";
      bar.setAttribute("aria-valuetext", count + " (" + data.percent + "%)");
    });
    each(box, "count", function (el) { el.textContent = count; });
    each(box, "label", function (el) {
      el.textContent = data.status_label;
      if (el.classList.contains("status")) { el.className = "status status--" + data.status; }
    });
    each(box, "progress", function (el) {
      if (el.hasAttribute("data-job-hide-finished")) { el.hidden = finished; }
    });
    each(box, "wait", function (el) { el.hidden = finished; });
    each(box, "error", function (el) {
      el.hidden = !(data.status === "failed" && data.error);
      el.textContent = data.status === "failed" ? data.error : "";
    });
    each(box, "download", function (el) {
      el.hidden = !data.download_url;
      if (data.download_url && el.tagName === "A") { el.href = data.download_url; }
    });
    each(box, "retry", function (el) {
      el.hidden = !data.retry_url;
      if (data.retry_url) { el.action = data.retry_url; }
    });
    return finished;
  }

  function poll(box, delay) {
    var url = box.getAttribute("data-job-status");
    window.setTimeout(function () {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (data) {
          if (!update(box, data)) { poll(box, Math.min(delay * 1.3, 5000)); }
        })
        // Back off while the server is unreachable, and keep trying.
        .catch(function () { poll(box, 10000); });
    }, delay);
  }

  document.querySelectorAll("[data-job-status]").forEach(function (box) {
    var state = box.getAttribute("data-job-state");
    if (state === "queued" || state === "running") {
      box.setAttribute("aria-busy", "true");
      poll(box, 1000);
    }
  });
})();
