// Card batch page: poll the batch's progress until it is ready, then reveal the downloads.
(function () {
  "use strict";
  var box = document.querySelector("[data-batch-status]");
  if (!box) return;
  var url = box.getAttribute("data-batch-status");
  var bar = box.querySelector("[data-batch-bar]");
  var label = box.querySelector("[data-batch-label]");
  var count = box.querySelector("[data-batch-count]");
  var error = box.querySelector("[data-batch-error]");
  var downloads = box.querySelector("[data-batch-downloads]");
  var wait = box.querySelector("[data-batch-wait]");
  var delay = 1000;

  function show(data) {
    bar.value = data.percent;
    bar.textContent = data.percent + "%";
    label.textContent = data.status_label;
    count.textContent = data.done + " / " + data.total;
    if (data.status === "done") downloads.hidden = false;
    if (data.status === "failed") { error.textContent = data.error; error.hidden = false; }
    if (data.finished) wait.hidden = true;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        show(data);
        if (!data.finished) setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 15000); // back off while the server is unreachable
        setTimeout(poll, delay);
      });
  }
  if (downloads.hidden && wait && !wait.hidden) poll();
})();
