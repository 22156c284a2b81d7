/* The end of a self-check: once every question has an answer, the panel under
 * the last one shows the score and links to the questions to revisit; its
 * way on (the reflections, the next module) is written at build time. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, el = PS.el;

  function promptText(q) {
    var text = $(".ps-prompt", q).textContent.replace($(".ps-qnum", q).textContent, "").trim();
    return text.length > 90 ? text.slice(0, 88).replace(/\s+\S*$/, "") + "…" : text;
  }
  /* Show the panel if every question has an answer; true when it is shown. */
  function update(bank, rec) {
    var panel = $(PS.attr("data-ps-done", bank.dataset.psBank));
    var questions = $$("[data-ps-question]", bank);
    var answerOf = PS.selfcheck.answerOf, st = PS.selfcheck.statusOf(bank, rec);
    if (!panel || st.answered < st.total) { if (panel) panel.hidden = true; return false; }
    var missed = questions.filter(function (q) { return !answerOf(q, rec).correct; });
    $("[data-ps-done-score]", panel).textContent = "You have answered all " + st.total +
      " questions. Your score: " + st.right + " of " + st.total + ".";
    $("[data-ps-done-status]", panel).textContent = PS.status.text(st) + ".";
    var revisit = $("[data-ps-done-revisit]", panel);
    revisit.textContent = "";
    if (missed.length) {
      revisit.appendChild(el("p", null, "To revisit:"));
      var ul = el("ul");
      missed.forEach(function (q) {
        ul.appendChild(el("li")).appendChild(PS.inPage($(".ps-qnum", q).textContent.replace(/ \(.*$/, "") + ": " + promptText(q), q.id));
      });
      revisit.appendChild(ul);
    } else {
      revisit.appendChild(el("p", null, "Every answer fits."));
    }
    panel.hidden = false;
    return true;
  }

  PS.completion = { update: update };
})();
