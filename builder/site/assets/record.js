/* The record of learning: a printable page made from this browser's own
 * progress (modules completed, when, first-try self-check scores, whether
 * practised, estimated time), the course's version (written at build) and the
 * trainee's learner code (learner.js), which the cohort page shows beside the
 * same trainee's results. The name is filled in from the one given with the
 * results and typed over here; what is typed here is not stored. Nothing is sent. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, el = PS.el, store = PS.store;

  function day(iso) {
    var d = iso ? new Date(iso) : null;
    if (!d || isNaN(d.getTime())) return "date not recorded";
    return d.toLocaleDateString("en-CA", { year: "numeric", month: "long", day: "numeric" });
  }
  function duration(minutes) {
    var h = Math.floor(minutes / 60), m = minutes % 60, parts = [];
    if (h) parts.push(h + " hour" + (h === 1 ? "" : "s"));
    if (m || !h) parts.push(m + " minute" + (m === 1 ? "" : "s"));
    return parts.join(" ");
  }
  /* The learner code, and the name given with the self-check results. */
  function showLearner(root, name) {
    var me = PS.learner.ensure();
    $("[data-ps-record-code]", root).textContent = PS.learner.code(me.id);
    if (!PS.learner.kept()) {
      $("[data-ps-record-code-note]", root).textContent = "This browser is not saving data, so this code holds for this visit only.";
    }
    if (!name.value && me.name) name.value = me.name;
  }
  function initRecord(root) {
    var data;
    try { data = JSON.parse(root.dataset.psCourse); } catch (e) { return; }
    var body = $("[data-ps-record-table] tbody", root), done = 0, minutes = 0, practised = 0;
    body.textContent = "";
    data.modules.forEach(function (m) {
      var rec = store.read("module", m.id), st = PS.status.of(m.id, rec);
      if (!st.complete) return;
      done++;
      minutes += m.minutes || 0;
      var tr = el("tr");
      tr.dataset.psRecordRow = m.id;
      var th = el("th", null, m.label);
      th.scope = "row";
      tr.appendChild(th);
      // Completion is dated from version 2.1; a module without a self-check by its first visit.
      tr.appendChild(el("td", null, day(st.completed)));
      tr.appendChild(el("td", null, PS.status.score(st) + (st.mastered && st.total ? ", mastered" : "")));
      var practice = PS.status.practice(m.id);   // kept apart from completion (issue 26)
      if (practice.practised) practised++;
      tr.appendChild(el("td", null, practice.practised ? "Practised" : practice.total ?
        practice.done + " of " + practice.total + " practice exercises done" : "No practice"));
      tr.appendChild(el("td", null, m.minutes ? duration(m.minutes) : "not given"));
      body.appendChild(tr);
    });
    var summary = $("[data-ps-record-summary]", root);
    summary.textContent = done ?
      done + " of " + data.modules.length + " modules completed, about " + duration(minutes) + " of study (each module's estimated time)" +
        (practised ? "; " + practised + " of them practised." : ".") :
      summary.dataset.psNone;
    $("[data-ps-record-table]", root).hidden = !done;
    $("[data-ps-record-site]", root).textContent = PS.cfg.siteName || document.title;
    $("[data-ps-record-date]", root).textContent = day(new Date().toISOString());
    var name = $("[data-ps-record-name]", root), who = $("[data-ps-record-who]", root);
    showLearner(root, name);
    function showName() {  // no name yet: a line to write it on
      who.textContent = name.value.trim();
      who.classList.toggle("ps-sign-line", !who.textContent);
    }
    name.oninput = showName;
    showName();
    $("[data-ps-record-print]", root).onclick = function () { window.print(); };
    root.hidden = false;
  }

  PS.onPage(function () { $$("[data-ps-record]").forEach(initRecord); });
})();
