/* The self-check: single, multiple, true/false and ordering questions, with
 * feedback under each question, announced in a live region, and answers kept
 * on this device. A wrong answer shows the feedback on what was chosen and
 * invites another try; the explanation, which names the right answer, comes
 * with a right answer or when the learner opens "Show the answer". */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, el = PS.el, say = PS.say, store = PS.store;

  function isOrdering(q) { return q.dataset.psType === "ordering"; }
  function chosenOf(q) {
    if (isOrdering(q)) return $$("[data-ps-step]", q).map(function (s) { return s.dataset.psStep; });
    return $$("input:checked", q).map(function (i) { return i.value; });
  }
  function isRight(q, chosen) {
    if (isOrdering(q)) return chosen.every(function (c, i) { return c === String(i + 1); });
    var want = $$("[data-ps-correct=true]", q).map(function (li) { return li.dataset.psFeedback; });
    return chosen.length === want.length && chosen.every(function (c) { return want.indexOf(c) >= 0; });
  }
  /* The saved answer to q, if it answered this version of the question: an answer saved
     before the question was rewritten (another revision, or one that no longer grades the
     same) stays in the record but does not count or show. */
  function answerOf(q, rec) {
    var a = rec.answers[q.dataset.psQuestion];
    if (!a || !Array.isArray(a.chosen) || !a.chosen.length) return null;
    if (a.rev) return a.rev === q.dataset.psRev ? a : null;
    var offered = isOrdering(q) ? $$("[data-ps-step]", q).map(function (s) { return s.dataset.psStep; })
      : $$("input", q).map(function (i) { return i.value; });
    var known = a.chosen.every(function (c) { return offered.indexOf(c) >= 0; }) &&
      (!isOrdering(q) || a.chosen.length === offered.length);
    return known && isRight(q, a.chosen) === !!a.correct ? a : null;
  }
  function numberOf(q) { return $(".ps-qnum", q).textContent.replace(/ \(.*$/, ""); }
  function hint(q, text) {
    var p = $("[data-ps-hint]", q);
    p.textContent = text;
    p.hidden = !text;
    if (text && p.scrollIntoView) p.scrollIntoView({ block: "nearest" });
  }
  function setControls(q, enabled) {
    $$("input", q).forEach(function (i) { i.disabled = !enabled; });
    $$(".ps-move", q).forEach(function (b) { b.disabled = !enabled; });
    if (enabled && isOrdering(q)) PS.ordering.refresh(q);
    $("[data-ps-check]", q).hidden = !enabled;
    $("[data-ps-retry]", q).hidden = enabled;
  }
  function showResult(q, chosen, right) {
    var box = $("[data-ps-result]", q);
    box.textContent = "";
    box.className = "ps-result " + (right ? "ps-right" : "ps-wrong");
    box.appendChild(el("p", "ps-verdict", right ? "✓ That fits." : "✗ Not quite."));
    if (isOrdering(q)) {
      if (!right) {
        var placed = chosen.filter(function (c, i) { return c === String(i + 1); }).length;
        box.appendChild(el("p", null, placed + " of " + chosen.length + " steps are in the right place."));
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
    if (right && ex) { var d = el("div", "ps-explanation"); d.innerHTML = ex.innerHTML; box.appendChild(d); }
    if (!right) box.appendChild(el("p", "ps-invite", "Have another look, then choose Try again. Or open Show the answer below."));
    box.hidden = false;
    q.classList.toggle("ps-show-answer", !right);
    $("[data-ps-answer]", q).open = false;
    hint(q, "");
    setControls(q, false);
  }
  function bankScore(bank, rec) {
    return $$("[data-ps-question]", bank).filter(function (q) {
      var a = answerOf(q, rec);
      return a && a.correct;
    }).length;
  }
  function showScore(bank, rec) {
    var total = $$("[data-ps-question]", bank).length, p = $("[data-ps-score]", bank);
    var answered = $$("[data-ps-question]", bank).filter(function (q) { return answerOf(q, rec); }).length;
    if (!answered) { p.hidden = true; return; }
    var text = "Your score: " + bankScore(bank, rec) + " of " + total + " (" + answered + " answered).";
    if (rec.best) text += " Best so far: " + rec.best.score + " of " + rec.best.total + ".";
    p.textContent = text;
    p.hidden = false;
  }
  function restore(q, saved) {
    if (isOrdering(q)) {
      var list = $("[data-ps-steps]", q);
      saved.chosen.forEach(function (pos) { var s = $(PS.attr("data-ps-step", pos), list); if (s) list.appendChild(s); });
    } else {
      saved.chosen.forEach(function (key) { var i = $("input" + PS.attr("value", key), q); if (i) i.checked = true; });
    }
    showResult(q, saved.chosen, !!saved.correct);
  }
  function initBank(bank) {
    var id = bank.dataset.psBank, live = $("[data-ps-live]", bank), rec = store.moduleRecord(id);
    bank.classList.add("ps-js");
    $$("[data-ps-question]", bank).forEach(function (q) {
      var qid = q.dataset.psQuestion, form = $("form", q);
      $("[data-ps-actions]", q).hidden = false;
      $("[data-ps-result]", q).tabIndex = -1;
      if (isOrdering(q)) PS.ordering.add(q);
      var saved = answerOf(q, rec);
      if (saved) restore(q, saved);
      q.addEventListener("change", function () { hint(q, ""); });
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var chosen = chosenOf(q);
        if (!chosen.length) {
          hint(q, "Choose an answer first, then select Check.");
          say(live, numberOf(q) + ": choose an answer first.");
          return;
        }
        var right = isRight(q, chosen);
        rec = store.moduleRecord(id);
        rec.answers[qid] = { chosen: chosen, correct: right, rev: q.dataset.psRev };
        rec.attempts += 1;
        var score = bankScore(bank, rec), total = $$("[data-ps-question]", bank).length;
        // A best from before the self-check changed size is no longer comparable: start again.
        if (!rec.best || rec.best.total !== total || score > rec.best.score) rec.best = { score: score, total: total };
        if (!rec.completed && store.isComplete({ questions: total }, rec)) rec.completed = new Date().toISOString();
        var stored = store.write("module", id, rec);
        showResult(q, chosen, right);
        if (!stored) $("[data-ps-result]", q).appendChild(el("p", "ps-not-saved", store.notSaved()));
        showScore(bank, rec);
        var message = numberOf(q) + ": " + (right ? "that fits." : "not quite, have another look.") + " Score " + score + " of " + total + ".";
        if (PS.completion.update(bank, rec)) message += " You have answered every question: your results are after the last question.";
        say(live, message);
        $("[data-ps-result]", q).focus();
      });
      $("[data-ps-retry]", q).addEventListener("click", function () {
        $$("input", q).forEach(function (i) { i.checked = false; });
        $("[data-ps-result]", q).hidden = true;
        q.classList.remove("ps-show-answer");
        setControls(q, true);
        var first = $("input, .ps-move:not(:disabled)", q);
        if (first) first.focus();
      });
    });
    showScore(bank, rec);
    PS.completion.update(bank, rec);
  }

  PS.selfcheck = { answerOf: answerOf };
  PS.onPage(function () { $$("[data-ps-bank]").forEach(initBank); });
})();
