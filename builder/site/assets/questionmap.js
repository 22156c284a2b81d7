/* The question map of a self-check: a running "3 of 14 answered · next
 * unanswered" line under the self-check's heading, pinned under the header on a
 * phone (phone.css), and after the last question the questions not yet
 * answered, each linked. */
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
        line.appendChild(PS.inPage("next unanswered: " + label(open[0]), open[0].id));
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
        ul.appendChild(el("li")).appendChild(PS.inPage(label(q), q.id));
      });
      rest.appendChild(ul);
    }
  }

  /* While the line is pinned under the header, what gets focus is brought into the part
     of the screen below it, once the browser has scrolled it into view: out from under
     the line (its start first), and up from the foot of the screen if it fits. */
  function keepClear(bank) {
    var line = $("[data-ps-qmap]", bank);
    if (!line) return;
    bank.addEventListener("focusin", function (ev) {
      if (line.contains(ev.target)) return;
      window.requestAnimationFrame(function () {
        var shown = ev.target.closest("label") || ev.target;   // an answer's whole row, not its box
        var style = getComputedStyle(line), bar = line.getBoundingClientRect(), r = shown.getBoundingClientRect();
        var pinned = style.position === "sticky" && Math.abs(bar.top - parseFloat(style.top)) < 1;
        if (!pinned) return;
        var clear = r.top - bar.bottom, below = r.bottom - window.innerHeight;  // scroll by: up < 0 < down
        if (clear < 0) window.scrollBy(0, Math.min(clear, Math.max(clear - 8, below)));
        else if (below > 0 && r.height < window.innerHeight - bar.bottom) window.scrollBy(0, Math.min(below + 8, clear));
      });
    });
  }

  PS.questionMap = { update: update };
  PS.onPage(function () { $$("[data-ps-bank]").forEach(keepClear); });
})();
