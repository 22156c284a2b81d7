/* The progress page (each module's status, the learner's data files) and the
 * completion mark beside finished modules in the navigation. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, el = PS.el, say = PS.say, store = PS.store;

  function course(root) {
    try { return JSON.parse(root.dataset.psCourse); } catch (e) { return null; }
  }
  /* The self-check column: the score now, and the first-try score kept beside it. */
  function scoreText(st, rec) {
    if (!st.total) return "No self-check";
    if (st.complete) return PS.status.score(st);
    if (st.answered) return st.answered + " of " + st.total + " answered, " + st.right + " right";
    if (rec && rec.best && rec.best.total === st.total) return "Earlier: " + rec.best.score + " of " + st.total + " right";
    return rec && rec.best ? "None yet since the self-check changed" : "None yet";
  }
  /* What bringing data in or deleting it did, as a box that says which it was: done,
     or nothing changed (the words say it; the colour only repeats it). */
  function outcome(message, text) {
    var changed = !/Nothing was changed\./.test(text);
    message.dataset.psOutcome = changed ? "done" : "unchanged";
    say(message, text);
  }
  function initProgress(root) {
    var data = course(root);
    if (!data) return;
    var done = 0, mastered = 0;
    data.modules.forEach(function (m) {
      var rec = store.read("module", m.id), row = $(PS.attr("data-ps-row", m.id), root);
      if (!row) return;
      var st = PS.status.of(m.id, rec);
      var written = m.prompts.filter(function (p) { var r = store.read("reflection", p.id); return r && r.text.trim(); }).length;
      var tag = $("[data-ps-visited]", row);
      tag.textContent = PS.status.tag(st);
      tag.dataset.psState = !st.opened ? "not-started" : !st.complete ? "in-progress" : st.mastered ? "mastered" : "complete";
      $("[data-ps-best]", row).textContent = scoreText(st, rec);
      $("[data-ps-written]", row).textContent = written + " of " + m.prompts.length;
      var practised = $("[data-ps-practised]", row);   // practice (issue 26): apart from completion
      if (practised) practised.textContent = PS.status.practiceText(PS.status.practice(m.id));
      row.classList.toggle("ps-done-row", st.complete);
      if (st.complete) done++;
      if (st.complete && st.mastered) mastered++;
    });
    $("[data-ps-overall]", root).textContent = "You have completed " + done + " of " + data.modules.length +
      " modules (" + Math.round(100 * done / data.modules.length) + "%), " + mastered + " of them mastered";
    var message = $("[data-ps-message]", root);
    $("[data-ps-export-all]", root).onclick = function () {
      PS.load("transfer.js").then(function () {
        PS.download("peer-support-my-data-" + PS.today() + ".json", "application/json", JSON.stringify(PS.transfer.exportAll(), null, 2));
      });
    };
    $("[data-ps-export-results]", root).onclick = function () { PS.learner.ask(root, this, message); };
    $("[data-ps-export-journal]", root).onclick = function () {
      PS.download("peer-support-reflections-" + PS.today() + ".md", "text/markdown", PS.journalFor(data.modules.map(function (m) {
        return { title: m.number + ". " + m.title, prompts: m.prompts };
      })));
    };
    $("[data-ps-import]", root).onchange = function () {
      var file = this.files && this.files[0], input = this;
      if (!file) return;
      PS.load("transfer.js").then(function () { return PS.transfer.importFile(file); }).then(function (text) {
        outcome(message, text);
        input.value = "";
        initProgress(root);
      }, function () { outcome(message, "This page could not load what it needs to read the file. Nothing was changed."); });
    };
    $("[data-ps-delete]", root).onclick = function () {
      if (!window.confirm("Delete all your progress, self-check answers, reflections and practice replies from this device? This cannot be undone. You may want to download your data first.")) return;
      store.removeAll();
      outcome(message, "Your data has been deleted from this device.");
      initProgress(root);
      store.showNotes();
    };
  }

  /* A check mark beside each completed module in the navigation. */
  function markNav() {
    PS.cfg.modules.forEach(function (id) {
      if (!PS.status.of(id).complete) return;
      $$(".md-nav__link" + PS.attr("href*", "modules/" + id + "/") + ", .md-nav__link" + PS.attr("href*", "modules/" + id + ".html")).forEach(function (a) {
        if ($(".ps-nav-done", a)) return;
        var mark = el("span", "ps-nav-done", "✓");
        mark.setAttribute("aria-hidden", "true");
        a.appendChild(mark);
        a.appendChild(el("span", "ps-sr-only", " (completed)"));
      });
    });
  }

  PS.onPage(function () { $$("[data-ps-progress]").forEach(initProgress); });
  PS.onPage(markNav, true);
})();
