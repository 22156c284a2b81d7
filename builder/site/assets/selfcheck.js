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
  /* A question as PS.status grades it, read from the page. */
  function describe(q) {
    var ordered = isOrdering(q);
    var offered = ordered ? $$("[data-ps-step]", q).map(function (s) { return s.dataset.psStep; }).sort(function (a, b) { return a - b; })
      : $$("input", q).map(function (i) { return i.value; });
    return { id: q.dataset.psQuestion, rev: q.dataset.psRev, ordered: ordered, offered: offered,
      right: ordered ? offered : $$("[data-ps-correct=true]", q).map(function (li) { return li.dataset.psFeedback; }) };
  }
  function describeAll(bank) { return $$("[data-ps-question]", bank).map(describe); }
  function isRight(q, chosen) { return PS.status.grade(describe(q), chosen); }
  /* The saved answer to q, if it answered this version of the question: an answer saved
     before the question was rewritten (another revision, or one that no longer grades the
     same) stays in the record but does not count or show. */
  function answerOf(q, rec) { return PS.status.current(describe(q), rec.answers[q.dataset.psQuestion]); }
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
  /* How far a multiple-answer try got: "You found 1 of 2 answers that fit." */
  function found(q, chosen) {
    var want = describe(q).right, hits = chosen.filter(function (c) { return want.indexOf(c) >= 0; }).length;
    var extra = chosen.length - hits;
    return "You found " + hits + " of " + want.length + " answers that fit" + (extra ?
      ", and chose " + extra + " that " + (extra === 1 ? "does" : "do") + " not." : ".");
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
      if (!right && q.dataset.psType === "multiple") box.appendChild(el("p", "ps-found", found(q, chosen)));
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
  /* A bank that shows only some of its module's questions (the review page) counts
     every one of them, as config.js lists them. */
  function statusOf(bank, rec) {
    return PS.status.of(bank.dataset.psBank, rec, bank.hasAttribute("data-ps-some") ? undefined : describeAll(bank));
  }
  function showScore(bank, rec) {
    var st = statusOf(bank, rec), p = $("[data-ps-score]", bank);
    if (PS.questionMap) PS.questionMap.update(bank, rec);
    if (!st.answered) { p.hidden = true; return; }
    p.textContent = PS.status.text(st) + ". Your score: " + st.right + " of " + st.total + ".";
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
        var before = answerOf(q, rec);   // the first try at this version of the question stays
        rec.answers[qid] = { chosen: chosen, correct: right, rev: q.dataset.psRev,
          first: before ? PS.status.firstTry(before) : right };
        rec.attempts += 1;
        var st = statusOf(bank, rec), score = st.right, total = st.total;
        // A best from before the self-check changed size is no longer comparable: start again.
        if (!rec.best || rec.best.total !== total || score > rec.best.score) rec.best = { score: score, total: total };
        if (!rec.completed && st.answered === total) rec.completed = new Date().toISOString();
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
        $("[data-ps-result]", q).hidden = true;   // the ticks stay, to change from
        q.classList.remove("ps-show-answer");
        setControls(q, true);
        var first = $("input:checked", q) || $("input, .ps-move:not(:disabled)", q);
        if (first) first.focus();
      });
    });
    showScore(bank, rec);
    PS.completion.update(bank, rec);
  }

  PS.selfcheck = { answerOf: answerOf, statusOf: statusOf, initBank: initBank };
  PS.onPage(function () { $$("[data-ps-bank]").forEach(initBank); });
})();
