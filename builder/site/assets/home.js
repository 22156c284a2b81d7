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
  /* How far the trainee is with a module, in words (status.js); "" before they open it. */
  function statusOf(id) {
    var st = PS.status.of(id);
    return st.opened ? PS.status.text(st) : "";
  }
  function linkTo(list, id) {
    var mark = $(PS.attr("data-ps-status", id), list), a = mark && mark.parentNode.querySelector("a");
    if (!a) return null;
    var link = el("a", null, a.textContent);
    link.href = a.href;
    return link;
  }
  /* "Continue": the module open last while it is not complete, else the next one that is not. */
  function initHome(list) {
    $$("[data-ps-status]", list).forEach(function (span) { span.textContent = statusOf(span.dataset.psStatus); });
    var last = lastModule(), box = $("[data-ps-continue]");
    if (!box || !last || !linkTo(list, last)) return;
    var next = PS.status.next(last), link = next && linkTo(list, next.id);
    box.textContent = "";
    if (next && next.resume) {
      box.appendChild(document.createTextNode("Continue where you left off: "));
      box.appendChild(link);
      box.appendChild(document.createTextNode(": " + statusOf(last).toLowerCase() + "."));
    } else if (link) {
      box.appendChild(document.createTextNode("You have completed " + linkTo(list, last).textContent + ". Up next: "));
      box.appendChild(link);
      box.appendChild(document.createTextNode(statusOf(next.id) ? ": " + statusOf(next.id).toLowerCase() + "." : "."));
    } else {
      box.appendChild(document.createTextNode("You have completed every module. "));
      var record = el("a", null, "See your progress");
      record.href = linkTo(list, last).href.replace(/modules\/[^/]+?(\/|\.html)(#.*)?$/, "progress$1");
      box.appendChild(record);
      box.appendChild(document.createTextNode("."));
    }
  }

  PS.onPage(function () {
    var id = moduleOnPage();
    if (id) store.write(PLACE, LAST, { v: 1, module: id, at: new Date().toISOString() });
    $$(".ps-module-list").forEach(initHome);
  });
})();
