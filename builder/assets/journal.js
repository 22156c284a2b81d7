/* The reflection journal: a private text area under each prompt, saved on
 * this device as the trainee types, with download and print. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, store = PS.store;

  function initReflections(section) {
    var timers = {};
    $$("[data-ps-entry]", section).forEach(function (area) {
      var pid = area.dataset.psEntry, status = $("[data-ps-saved]", area.parentNode);
      var r = store.read("reflection", pid);
      area.value = r ? r.text : "";
      area.maxLength = store.MAX_TEXT;
      area.hidden = false;
      area.addEventListener("input", function () {
        window.clearTimeout(timers[pid]);
        timers[pid] = window.setTimeout(function () {
          var ok = store.write("reflection", pid, { v: PS.VERSION, text: area.value, updated: new Date().toISOString() });
          status.textContent = ok ? "Saved on this device." : store.notSaved();
        }, 400);
      });
    });
    $("[data-ps-journal-actions]", section).hidden = false;
    $("[data-ps-export-module]", section).addEventListener("click", function () {
      var title = $("h1").textContent.replace("¶", "").trim();
      PS.download("reflections-" + section.dataset.psReflections + ".md", "text/markdown",
        journalFor([{ title: title, prompts: promptsIn(section) }]));
    });
    $("[data-ps-print]", section).addEventListener("click", function () { window.print(); });
  }
  function promptsIn(root) {
    return $$("[data-ps-prompt]", root).map(function (li) {
      return { id: li.dataset.psPrompt, text: $(".ps-prompt-text", li).textContent };
    });
  }
  /* The trainee's reflections as Markdown, module by module; prompts left blank are skipped. */
  function journalFor(modules) {
    var out = ["# My reflections", "", "Downloaded " + PS.today() + ". Private: kept on my device.", ""];
    modules.forEach(function (m) {
      var written = m.prompts.filter(function (p) { var r = store.read("reflection", p.id); return r && r.text.trim(); });
      if (!written.length) return;
      out.push("## " + m.title, "");
      written.forEach(function (p) { out.push("### " + p.text, "", store.read("reflection", p.id).text, ""); });
    });
    return out.join("\n");
  }
  PS.journalFor = journalFor;

  /* Printing: let each text area grow to show everything written in it. */
  window.addEventListener("beforeprint", function () {
    $$("[data-ps-entry]").forEach(function (a) { a.style.height = a.scrollHeight + "px"; });
  });

  PS.onPage(function () { $$("[data-ps-reflections]").forEach(initReflections); });
})();
