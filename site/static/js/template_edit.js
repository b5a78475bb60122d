/* Criteria editor (assessments/template_edit.html): add a row without a round trip and show
   the running total of the weights. The page works without this file: "add" then posts the
   form and the server sends it back with one more blank row. */
(function () {
  "use strict";
  var form = document.getElementById("criteria-form");
  if (!form) return;
  document.documentElement.classList.add("js");

  var rows = document.getElementById("criteria-rows");
  var blank = document.getElementById("criterion-blank");
  var add = document.getElementById("add-criterion");
  var total = form.querySelector("input[name$='-TOTAL_FORMS']");
  var out = document.getElementById("weights-total");

  function showTotal() {
    if (!out) return;
    var sum = 0;
    rows.querySelectorAll("fieldset.criterion-edit").forEach(function (row) {
      var remove = row.querySelector("input[type=checkbox][name$='-DELETE']");
      var weight = row.querySelector("input[name$='-weight']");
      if (remove && remove.checked) return;
      var value = parseFloat(weight && weight.value);
      if (!isNaN(value)) sum += value;
    });
    var rounded = Math.round(sum * 100) / 100;
    out.textContent = String(rounded);
    out.className = rounded === 100 ? "ok" : "error";
  }

  if (add && blank && total && rows) {
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10) || 0;
      var holder = document.createElement("div");
      holder.innerHTML = blank.innerHTML.replace(/__prefix__/g, String(index));
      var row = holder.querySelector("fieldset");
      rows.appendChild(row);
      total.value = String(index + 1);
      var name = row.querySelector("input[name$='-name']");
      if (name) name.focus();
      showTotal();
    });
  }

  form.addEventListener("input", showTotal);
  form.addEventListener("change", showTotal);
  showTotal();
})();
