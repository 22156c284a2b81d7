/* "Review what you missed": the review page holds every self-check question,
 * hidden, in its module's bank (builder/pages/review.py). This keeps the ones
 * the trainee has not yet answered right (answered, but not right, or not
 * answered in a module they have started), shows their banks with the module
 * opened longest ago first, and hands each bank to the self-check, which saves
 * answers to the module's record as its own page does. Nothing leaves the page. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, store = PS.store;

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  /* Oldest first: by the date the module was first opened; an undated record ("earlier",
     from before dates were kept) first, and ties in course order. */
  function opened(rec) {
    var v = rec && rec.visited;
    return typeof v === "string" && /^\d{4}-/.test(v) ? v : "";
  }
  function initReview(root) {
    var banks = [], wrong = 0, open = 0;
    $$("[data-ps-review-bank]", root).forEach(function (bank, order) {
      var id = bank.dataset.psReviewBank, rec = store.read("module", id), st = PS.status.of(id, rec);
      var keep = {};
      if (!st.opened) { bank.remove(); return; }
      st.unanswered.forEach(function (qid) { keep[qid] = true; open++; });
      $$("[data-ps-question]", bank).forEach(function (q) {
        var a = rec && rec.answers && PS.selfcheck.answerOf(q, rec);
        if (a && !a.correct) { keep[q.dataset.psQuestion] = true; wrong++; }
        if (!keep[q.dataset.psQuestion]) q.remove();
      });
      if (!$("[data-ps-question]", bank)) { bank.remove(); return; }
      banks.push({ bank: bank, id: id, when: opened(rec), order: order });
    });
    banks.sort(function (a, b) { return a.when < b.when ? -1 : a.when > b.when ? 1 : a.order - b.order; });
    banks.forEach(function (b) {
      root.appendChild(b.bank);
      b.bank.setAttribute("data-ps-some", "");
      b.bank.dataset.psBank = b.id;
      b.bank.hidden = false;
      PS.selfcheck.initBank(b.bank);
    });
    var summary = $("[data-ps-review-summary]", root), started = PS.cfg.modules.some(function (id) { return PS.status.of(id).opened; });
    summary.textContent = !started ? "You have not started a module yet. Questions you answer on a module page and do not get right will be here." :
      banks.length ?
      plural(wrong + open, "question") + " to review, from " + plural(banks.length, "module") + ": " +
        wrong + " answered but not yet right, " + open + " not answered yet." :
      "Nothing to review: you have answered every question of the modules you have started, and every answer is right.";
  }

  PS.onPage(function () { $$("[data-ps-missed]").forEach(initReview); });
})();
