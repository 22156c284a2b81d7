/* The question map of a self-check: a running "3 of 14 answered · next
 * unanswered" line under the self-check's heading, and after the last question
 * the questions not yet answered, each linked. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, el = PS.el;

  function label(q) { return $(".ps-qnum", q).textContent.replace(/ of \d+.*$/, ""); }
  function update(bank, rec) {
    var st = PS.selfcheck.statusOf(bank, rec), line = $("[data-ps-qmap]", bank), rest = $("[data-ps-unanswered]", bank);
    var open = st.unanswered.map(function (id) { return $(PS.attr("data-ps-question", id), bank); }).filter(Boolean);
    if (line) {
      line.textContent = st.answered + " of " + st.total + " answered";
      if (open.length) {
        line.appendChild(document.createTextNode(" · "));
        var a = el("a", null, "next unanswered: " + label(open[0]));
        a.href = "#" + open[0].id;
        line.appendChild(a);
      }
      line.hidden = false;
    }
    if (rest) {
      rest.textContent = "";
      rest.hidden = !open.length || !st.answered;
      if (rest.hidden) return;
      rest.appendChild(el("p", null, "Not answered yet (" + open.length + " of " + st.total + "):"));
      var ul = el("ul");
      open.forEach(function (q) {
        var a = el("a", null, label(q));
        a.href = "#" + q.id;
        ul.appendChild(el("li")).appendChild(a);
      });
      rest.appendChild(ul);
    }
  }

  PS.questionMap = { update: update };
})();
