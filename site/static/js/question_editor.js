// The question form in the Wagtail admin (exams/forms.py): show the part for the chosen type,
// add and remove rows of blanks and pairs (numbered again after each change), and say how many
// blanks the question text marks, adding a row for each one the rows lack. Rows are never
// removed by typing: only the remove button drops one. Without this file every part shows,
// with spare empty rows, and the server reads the same fields.
(function () {
  "use strict";

  // The marks exams/answer_editor.py counts: ____ ＿＿ [[n]] and an empty （  ）.
  var MARKS = /_{2,}|＿{2,}|\[\[\s*\d{1,2}\s*\]\]|[（(][\s\u3000]*[）)]/g;

  function countMarks(text) {
    var found = (text || "").match(MARKS);
    return found ? found.length : 0;
  }

  function setupRows(box) {
    var list = box.querySelector("[data-qrows-list]");
    var template = box.querySelector("template[data-qrows-template]");
    var add = box.querySelector("[data-qrows-add]");
    var name = box.dataset.name;
    var baseId = box.id;
    var patterns = {};
    template.content.querySelectorAll("[data-qrows-label]").forEach(function (label) {
      patterns["label" + label.dataset.qrowsLabel] = label.textContent;
    });
    patterns.remove = template.content.querySelector("[data-qrows-remove]").textContent;

    function rows() {
      return Array.prototype.slice.call(list.querySelectorAll("[data-qrows-row]"));
    }

    function fieldId(index, suffix) {
      return baseId + "-" + index + (suffix === "-left" ? "" : suffix);
    }

    function renumber() {
      rows().forEach(function (row, index) {
        var n = String(index + 1);
        row.querySelectorAll("[data-qrows-field]").forEach(function (field) {
          var suffix = field.dataset.qrowsField;
          field.name = name + "-" + index + suffix;
          field.id = fieldId(index, suffix);
        });
        row.querySelectorAll("[data-qrows-label]").forEach(function (label) {
          var side = label.dataset.qrowsLabel;
          label.htmlFor = fieldId(index, side ? "-" + side : "");
          label.textContent = patterns["label" + side].replace("__n__", n);
        });
        var number = row.querySelector("[data-qrows-number]");
        if (number) number.textContent = n;
        var remove = row.querySelector("[data-qrows-remove]");
        remove.textContent = patterns.remove.replace("__n__", n);
        remove.hidden = false;
      });
      box.dispatchEvent(new CustomEvent("qrows:change", { bubbles: false }));
    }

    function addRow(focus) {
      var row = template.content.firstElementChild.cloneNode(true);
      list.appendChild(row);
      renumber();
      if (focus) row.querySelector("[data-qrows-field]").focus();
      return row;
    }

    function isEmpty(row) {
      return Array.prototype.every.call(row.querySelectorAll("[data-qrows-field]"), function (f) {
        return !f.value.trim();
      });
    }

    // Spare rows are for pages without this script; the add button replaces them.
    var minimum = box.dataset.qrows === "pairs" ? 2 : 1;
    rows().forEach(function (row) {
      if (row.hasAttribute("data-spare") && isEmpty(row) && rows().length > minimum) row.remove();
    });
    add.hidden = false;
    add.addEventListener("click", function () { addRow(true); });
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-qrows-remove]");
      if (!button) return;
      var row = button.closest("[data-qrows-row]");
      var next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber();
      // Keep the keyboard where it was: on the neighbouring row's remove button, or on "add".
      var target = next ? next.querySelector("[data-qrows-remove]") : add;
      target.focus();
    });
    renumber();
    return { rows: rows, addRow: addRow };
  }

  function setupBlanks(box) {
    var rowsBox = setupRows(box);
    var status = box.querySelector("[data-qrows-status]");
    var stem = document.getElementById("id_text");
    var timer = null;
    var formatMarks = box.dataset.statusMarks;
    var formatNone = box.dataset.statusNone;

    function update(grow) {
      if (!stem) return;
      var marks = countMarks(stem.value);
      if (grow) {
        while (rowsBox.rows().length < marks) rowsBox.addRow(false);
      }
      var rows = rowsBox.rows().length;
      var text = marks ? formatMarks : formatNone;
      status.textContent = text.replace("__marks__", marks).replace("__rows__", rows);
      status.classList.toggle("qrows__status--off", marks ? marks !== rows : rows > 1);
    }

    if (stem) {
      stem.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { update(true); }, 400);
      });
    }
    box.addEventListener("qrows:change", function () { update(false); });
    update(false);
  }

  function setupTypeSwitch() {
    var select = document.getElementById("id_qtype");
    if (!select) return;
    var parts = {
      shortanswer: document.querySelectorAll(".question-editor--shortanswer"),
      matching: document.querySelectorAll(".question-editor--matching"),
      essay: document.querySelectorAll(".question-editor--essay"),
      choices: document.querySelectorAll(".question-editor__choices"),
    };
    function panelOf(node) {
      // The whole Wagtail panel (heading and content), so that a hidden part takes its
      // heading with it and nothing in it can be tabbed to.
      return node.closest("section") || node;
    }
    function show() {
      var type = select.value;
      var choiceType = ["single", "multiple", "truefalse"].indexOf(type) >= 0 || !type;
      Object.keys(parts).forEach(function (key) {
        var visible = key === "choices" ? choiceType : key === type;
        parts[key].forEach(function (node) { panelOf(node).hidden = !visible; });
      });
    }
    select.addEventListener("change", show);
    show();
  }

  function start() {
    document.querySelectorAll("[data-qrows=blanks]").forEach(setupBlanks);
    document.querySelectorAll("[data-qrows=pairs]").forEach(setupRows);
    setupTypeSwitch();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
