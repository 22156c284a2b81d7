/* The self-check: single, multiple, true/false and ordering questions, with
 * feedback announced in a live region and answers kept on this device. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, el = PS.el, say = PS.say, store = PS.store;

  function chosenOf(q) {
    if (q.dataset.psType === "ordering") {
      return $$("[data-ps-step]", q).map(function (s) { return s.dataset.psStep; });
    }
    return $$("input:checked", q).map(function (i) { return i.value; });
  }
  function correctOf(q) {
    if (q.dataset.psType === "ordering") {
      return $$("[data-ps-step]", q).map(function (s) { return s.dataset.psStep; }).sort();
    }
    return $$("[data-ps-correct=true]", q).map(function (li) { return li.dataset.psFeedback; });
  }
  function isRight(q, chosen) {
    var want = correctOf(q);
    return chosen.length === want.length && chosen.every(function (c, i) {
      return q.dataset.psType === "ordering" ? c === String(i + 1) : want.indexOf(c) >= 0;
    });
  }
  function showResult(q, chosen, right) {
    var box = $("[data-ps-result]", q);
    box.textContent = "";
    box.className = "ps-result " + (right ? "ps-right" : "ps-wrong");
    box.appendChild(el("p", "ps-verdict", right ? "✓ That fits." : "✗ Not quite."));
    if (q.dataset.psType === "ordering") {
      if (!right) {
        box.appendChild(el("p", null, "The order that fits:"));
        var ol = el("ol");
        $$(".ps-answer ol li", q).forEach(function (li) { ol.appendChild(el("li", null, li.textContent)); });
        box.appendChild(ol);
      }
    } else {
      var ul = el("ul", "ps-chosen-feedback");
      chosen.forEach(function (key) {
        var src = $(PS.attr("data-ps-feedback", key), q);
        if (src) { var li = el("li"); li.innerHTML = src.innerHTML; ul.appendChild(li); }
      });
      box.appendChild(ul);
    }
    var ex = $("[data-ps-explanation]", q);
    if (ex) { var d = el("div", "ps-explanation"); d.innerHTML = ex.innerHTML; box.appendChild(d); }
    box.hidden = false;
    $$("input", q).forEach(function (i) { i.disabled = true; });
    $$(".ps-move", q).forEach(function (b) { b.disabled = true; });
    $("[data-ps-check]", q).hidden = true;
    $("[data-ps-retry]", q).hidden = false;
  }
  function bankScore(bank, rec) {
    var score = 0;
    $$("[data-ps-question]", bank).forEach(function (q) {
      var a = rec.answers[q.dataset.psQuestion];
      if (a && a.correct) score++;
    });
    return score;
  }
  function showScore(bank, rec) {
    var total = $$("[data-ps-question]", bank).length, p = $("[data-ps-score]", bank);
    var answered = Object.keys(rec.answers).filter(function (id) { return $(PS.attr("data-ps-question", id), bank); }).length;
    if (!answered) { p.hidden = true; return; }
    var text = "Your score: " + bankScore(bank, rec) + " of " + total + " (" + answered + " answered).";
    if (rec.best) text += " Best so far: " + rec.best.score + " of " + rec.best.total + ".";
    p.textContent = text;
    p.hidden = false;
  }
  function addMoveButtons(q) {
    $$("[data-ps-step]", q).forEach(function (step) {
      var text = $(".ps-step-text", step).textContent;
      [["up", "↑", "Move up: "], ["down", "↓", "Move down: "]].forEach(function (d) {
        var b = el("button", "ps-move md-button", d[1]);
        b.type = "button";
        b.dataset.psMove = d[0];
        b.setAttribute("aria-label", d[2] + text);
        step.appendChild(b);
      });
    });
    q.addEventListener("click", function (ev) {
      var b = ev.target.closest("[data-ps-move]");
      if (!b) return;
      var step = b.closest("[data-ps-step]"), list = step.parentNode;
      if (b.dataset.psMove === "up" && step.previousElementSibling) list.insertBefore(step, step.previousElementSibling);
      else if (b.dataset.psMove === "down" && step.nextElementSibling) list.insertBefore(step.nextElementSibling, step);
      b.focus();
      var pos = $$("[data-ps-step]", list).indexOf(step) + 1;
      say($("[data-ps-live]", q.closest("[data-ps-bank]")), "Moved to position " + pos + " of " + list.children.length + ".");
    });
  }
  function initBank(bank) {
    var id = bank.dataset.psBank, live = $("[data-ps-live]", bank), rec = store.moduleRecord(id);
    bank.classList.add("ps-js");
    $$("[data-ps-question]", bank).forEach(function (q) {
      var qid = q.dataset.psQuestion, form = $("form", q);
      $("[data-ps-actions]", q).hidden = false;
      if (q.dataset.psType === "ordering") addMoveButtons(q);
      var saved = rec.answers[qid];
      if (saved && Array.isArray(saved.chosen)) {
        if (q.dataset.psType === "ordering") {
          var list = $("[data-ps-steps]", q);
          saved.chosen.forEach(function (pos) { var s = $(PS.attr("data-ps-step", pos), list); if (s) list.appendChild(s); });
        } else {
          saved.chosen.forEach(function (key) { var i = $("input" + PS.attr("value", key), q); if (i) i.checked = true; });
        }
        showResult(q, saved.chosen, !!saved.correct);
      }
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var chosen = chosenOf(q);
        var number = $(".ps-qnum", q).textContent.replace(/ \(.*$/, "");
        if (!chosen.length) { say(live, number + ": choose an answer first."); return; }
        var right = isRight(q, chosen);
        rec = store.moduleRecord(id);
        rec.answers[qid] = { chosen: chosen, correct: right };
        rec.attempts += 1;
        var score = bankScore(bank, rec), total = $$("[data-ps-question]", bank).length;
        if (!rec.best || score > rec.best.score) rec.best = { score: score, total: total };
        if (!rec.completed && store.isComplete({ questions: total }, rec)) rec.completed = new Date().toISOString();
        var stored = store.write("module", id, rec);
        showResult(q, chosen, right);
        if (!stored) $("[data-ps-result]", q).appendChild(el("p", "ps-not-saved", store.notSaved()));
        showScore(bank, rec);
        say(live, number + ": " + (right ? "that fits." : "not quite.") + " Score " + score + " of " + total + ".");
        $("[data-ps-result]", q).focus();
      });
      $("[data-ps-retry]", q).addEventListener("click", function () {
        $$("input", q).forEach(function (i) { i.disabled = false; i.checked = false; });
        $$(".ps-move", q).forEach(function (b) { b.disabled = false; });
        $("[data-ps-result]", q).hidden = true;
        $("[data-ps-check]", q).hidden = false;
        this.hidden = true;
        var first = $("input, .ps-move", q);
        if (first) first.focus();
      });
      $("[data-ps-result]", q).tabIndex = -1;
    });
    showScore(bank, rec);
  }

  PS.onPage(function () { $$("[data-ps-bank]").forEach(initBank); });
})();
