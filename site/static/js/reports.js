/* Report files: poll each unfinished report's status.json and move its progress bar, then
   show the download link or the error with a retry button. No reload needed. */
(function () {
  "use strict";

  function update(item, data) {
    var bar = item.querySelector('[data-role="bar"]');
    var count = item.querySelector('[data-role="count"]');
    var status = item.querySelector('[data-role="status"]');
    var progress = item.querySelector('[data-role="progress"]');
    if (bar) {
      bar.max = Math.max(data.rows_total, 1);
      bar.value = data.rows_written;
      bar.textContent = data.percent + "%";
    }
    if (count) { count.textContent = data.rows_written + " / " + data.rows_total; }
    if (status) {
      status.textContent = data.status_label;
      status.className = "status status--" + data.status;
    }
    item.setAttribute("data-status", data.status);
    var finished = data.status === "done" || data.status === "failed";
    if (progress) { progress.hidden = finished; }
    var download = item.querySelector('[data-role="download"]');
    if (download) {
      download.hidden = !data.download_url;
      if (data.download_url) { download.href = data.download_url; }
    }
    var error = item.querySelector('[data-role="error"]');
    if (error) {
      error.hidden = data.status !== "failed";
      error.textContent = data.error || "";
    }
    var retry = item.querySelector('[data-role="retry"]');
    if (retry) {
      retry.hidden = !data.retry_url;
      if (data.retry_url) { retry.action = data.retry_url; }
    }
    return finished;
  }

  function poll(item, delay) {
    var url = item.getAttribute("data-report-status");
    window.setTimeout(function () {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (data) {
          if (!update(item, data)) { poll(item, Math.min(delay * 1.3, 5000)); }
        })
        .catch(function () { poll(item, 10000); });
    }, delay);
  }

  document.querySelectorAll("[data-report-status]").forEach(function (item) {
    var state = item.getAttribute("data-status");
    if (state === "queued" || state === "running") { poll(item, 1000); }
  });
})();
