/* The proctor's live view (监考): the counts and every candidate's state, fetched again every few
 * seconds as an HTML fragment. A proctor filling in an action's form is never interrupted: the
 * refresh waits while any action panel is open or a field has the focus. */
(function () {
  "use strict";

  var root = document.getElementById("live");
  if (!root) return;

  function busy() {
    if (root.querySelector("details[open]")) return true;
    var focused = document.activeElement;
    return !!(focused && root.contains(focused) && /INPUT|TEXTAREA|SELECT/.test(focused.tagName));
  }

  function refresh() {
    if (busy() || document.visibilityState === "hidden") return schedule();
    fetch(root.dataset.rowsUrl, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("status " + response.status);
      return response.text();
    }).then(function (html) {
      if (!busy()) root.innerHTML = html;
    }).catch(function () { /* next round */ }).then(schedule);
  }

  function schedule() {
    window.setTimeout(refresh, 4000 + Math.random() * 2000);
  }

  schedule();
})();
