/* The exam's copy on this device (the worker is site/templates/exams/service_worker.js).
 *
 * - The exam page and a session's waiting room register the worker and ask it to keep the
 *   page and its styles and scripts: the first visit was not yet served through the worker.
 * - Logging out, and any visit to the login page, drop every kept paper and every answer kept
 *   for the offline copy, so the next person on a shared phone finds nothing of the last one.
 *   Unsent answers (exam-pending-*) stay: they are sent when their owner opens the exam again.
 */
(function () {
  "use strict";

  var PREFIXES = ["exam-copy-", "exam-handin-", "exam-room-"];

  function forgetAll() {
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i -= 1) {
        var key = window.localStorage.key(i);
        if (PREFIXES.some(function (prefix) { return key.indexOf(prefix) === 0; })) {
          window.localStorage.removeItem(key);
        }
      }
    } catch (e) { /* no storage */ }
    if (!window.caches) return Promise.resolve();
    return window.caches.delete("exam-pages").catch(function () {});
  }

  window.examCopies = {
    keep: function (urls) {
      if (!("serviceWorker" in navigator)) return;
      navigator.serviceWorker.ready.then(function (registration) {
        if (registration.active) registration.active.postMessage({ type: "keep", urls: urls });
      });
    }
  };

  var holder = document.querySelector("[data-exam-worker]");
  if (holder && "serviceWorker" in navigator) {
    var controlled = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.register(holder.dataset.examWorker, { scope: holder.dataset.examScope })
      .then(function () {
        if (controlled) return;
        var urls = [window.location.pathname];
        document.querySelectorAll("link[rel=stylesheet][href], script[src]").forEach(function (el) {
          urls.push(el.getAttribute("href") || el.getAttribute("src"));
        });
        window.examCopies.keep(urls);
      })
      .catch(function () { /* no worker (private mode, old browser): the page works online */ });
  }

  if (document.querySelector("[data-exam-copies=forget]")) forgetAll();

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-exam-copies=forget-on-submit]") || form.dataset.forgotten) return;
    event.preventDefault();
    form.dataset.forgotten = "1";
    // The cache is dropped before the page goes; half a second at most, then log out anyway.
    Promise.race([forgetAll(), new Promise(function (resolve) { window.setTimeout(resolve, 500); })])
      .then(function () { HTMLFormElement.prototype.submit.call(form); });
  });
})();
