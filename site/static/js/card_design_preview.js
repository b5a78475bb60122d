// Live preview on the card design settings page: redraw the sample card with the values in the
// form (the preview endpoint lays ?band_color=… etc. over the saved design), without saving.
(function () {
  "use strict";
  var FIELDS = ["issuer_name", "title", "band_color", "accent_color", "text_color", "back_text"];
  function start() {
    var box = document.querySelector("[data-card-preview]");
    if (!box) return;
    var timer = null;
    function redraw() {
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) {
        var field = document.getElementById("id_" + name);
        if (field && field.value.trim()) params.set(name, field.value.trim());
      });
      params.set("v", String(Date.now()));
      box.querySelectorAll("img[data-side]").forEach(function (img) {
        img.src = box.dataset[img.dataset.side] + "?" + params.toString();
      });
      box.dataset.redrawn = params.toString();
    }
    FIELDS.forEach(function (name) {
      var field = document.getElementById("id_" + name);
      if (!field) return;
      ["input", "change"].forEach(function (kind) {
        field.addEventListener(kind, function () {
          clearTimeout(timer);
          timer = setTimeout(redraw, 300);
        });
      });
    });
    redraw();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
