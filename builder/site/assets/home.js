/* Where the trainee left off: each module page notes that it was the last one
 * open; the home page's module list then offers to continue there and shows
 * each module's status. The note is kept with the learner's data
 * (ps:<site>:place:last) and goes when they delete it. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, el = PS.el, store = PS.store;
  var PLACE = "place", LAST = "last";

  function moduleOnPage() {
    var bank = $("[data-ps-bank], [data-ps-reflections]");
    if (bank) return bank.dataset.psBank || bank.dataset.psReflections;
    var m = $(".ps-purpose") && /modules\/([^/]+?)(?:\/|\.html)/.exec(location.pathname);
    return m && PS.cfg.modules.indexOf(m[1]) >= 0 ? m[1] : null;
  }
  function lastModule() {
    var place = store.readPlace();
    return place && PS.cfg.modules.indexOf(place.module) >= 0 ? place.module : null;
  }
  /* How far the trainee is with a module, in words; "" before they open it. */
  function statusOf(id) {
    var rec = store.read("module", id), total = (PS.cfg.moduleQuestions || {})[id] || 0;
    if (!rec || !rec.visited) return "";
    if (store.isComplete({ questions: total }, rec)) return "Complete ✓";
    var asked = (PS.cfg.choices || {})[id] || {};  // answers to questions no longer asked don't count
    var ids = Object.keys(rec.answers).filter(function (q) { return Object.prototype.hasOwnProperty.call(asked, q); });
    var fit = ids.filter(function (q) { return rec.answers[q].correct; });
    return total ? "In progress: " + Math.min(ids.length, total) + " of " + total + " questions answered (" +
      Math.min(fit.length, total) + " fit)" : "Opened";
  }
  function initHome(list) {
    $$("[data-ps-status]", list).forEach(function (span) { span.textContent = statusOf(span.dataset.psStatus); });
    var id = lastModule(), box = $("[data-ps-continue]"), mark = id && $(PS.attr("data-ps-status", id), list);
    if (!box || !mark) return;
    var link = el("a", null, mark.parentNode.querySelector("a").textContent);
    link.href = mark.parentNode.querySelector("a").href;
    box.textContent = "Continue where you left off: ";
    box.appendChild(link);
    var status = statusOf(id);
    box.appendChild(document.createTextNode(status ? ": " + status.replace(" ✓", "").toLowerCase() + "." : "."));
  }

  PS.onPage(function () {
    var id = moduleOnPage();
    if (id) store.write(PLACE, LAST, { v: 1, module: id, at: new Date().toISOString() });
    $$(".ps-module-list").forEach(initHome);
  });
})();
