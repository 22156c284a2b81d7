/* The reflection journal: a private text area under each prompt, saved on
 * this device as the trainee types (and at once before a quick exit or when
 * the page is left), with download and "Print my reflections". The same module
 * open in two tabs loses no word: each tab saves over only what it last read,
 * and a version written in the other tab in between is kept beside its own. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, store = PS.store;
  var timers = {}, pending = {};   // by prompt id: the save waiting for a pause in typing
  var base = Object.create(null);  // by prompt id: the text this tab last read or saved
  var ANOTHER_TAB = "This reflection was also changed in another tab or window: both versions are kept, this one first.";

  function storedText(pid) { var r = store.read("reflection", pid); return r ? r.text : ""; }
  /* Save the text area, unless another tab saved a different text since this tab last
     read it: then keep both versions (this one first) and say so. */
  function save(pid, area, status) {
    var there = storedText(pid), merged = there !== base[pid] && store.mergeText(area.value, there);
    if (merged) area.value = merged;
    var ok = store.write("reflection", pid, { v: PS.VERSION, text: area.value, updated: new Date().toISOString() });
    if (ok) base[pid] = area.value;
    status.textContent = !ok ? store.notSaved() : merged ? ANOTHER_TAB : "Saved on this device.";
  }
  function saveSoon(pid, area, status) {
    window.clearTimeout(timers[pid]);
    pending[pid] = function () { delete pending[pid]; save(pid, area, status); };
    timers[pid] = window.setTimeout(pending[pid], 400);
  }
  /* Another tab saved a reflection shown here: show it, or, when this tab has words not
     yet saved, keep both at once. */
  function otherTab(event) {
    var prefix = PS.PREFIX + "reflection:";
    var pid = event.key && event.key.indexOf(prefix) === 0 ? event.key.slice(prefix.length) : null;
    var area = pid !== null && has(base, pid) ? $(PS.attr("data-ps-entry", pid)) : null;
    if (!area) return;
    var status = $("[data-ps-saved]", area.parentNode);
    window.clearTimeout(timers[pid]);
    delete pending[pid];
    if (area.value !== base[pid]) return save(pid, area, status);   // words not yet saved here
    area.value = base[pid] = storedText(pid);
    status.textContent = "Updated from another tab or window.";
  }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  window.addEventListener("storage", otherTab);
  /* Save whatever is still waiting, now. */
  function flush() {
    Object.keys(pending).forEach(function (pid) { window.clearTimeout(timers[pid]); pending[pid](); });
  }
  PS.journal = { flush: flush };
  window.addEventListener("pagehide", flush);

  function initReflections(section) {
    $$("[data-ps-entry]", section).forEach(function (area) {
      var pid = area.dataset.psEntry, status = $("[data-ps-saved]", area.parentNode);
      area.value = base[pid] = storedText(pid);
      area.maxLength = store.MAX_TEXT;
      area.hidden = false;
      area.addEventListener("input", function () { saveSoon(pid, area, status); });
    });
    $("[data-ps-journal-actions]", section).hidden = false;
    $("[data-ps-export-module]", section).addEventListener("click", function () {
      var title = $("h1").textContent.replace("¶", "").trim();
      PS.download("reflections-" + section.dataset.psReflections + ".md", "text/markdown",
        journalFor([{ title: title, prompts: promptsIn(section) }]));
    });
    $("[data-ps-print]", section).addEventListener("click", function () {
      document.documentElement.classList.add("ps-print-reflections");
      preparePrint();
      window.print();
    });
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
  PS.journal.journalFor = PS.journalFor = journalFor;

  /* Printing: each answer in full as text (a text area would cut it off), and
   * with "Print my reflections", only the prompts that have an answer. */
  function preparePrint() {
    flush();
    $$("[data-ps-entry]").forEach(function (area) {
      var copy = area.nextElementSibling;
      if (!copy || !copy.classList.contains("ps-entry-print")) {
        copy = PS.el("div", "ps-entry-print");
        area.parentNode.insertBefore(copy, area.nextSibling);
      }
      copy.textContent = area.value;
      area.closest("[data-ps-prompt]").classList.toggle("ps-unwritten", !area.value.trim());
    });
  }
  window.addEventListener("beforeprint", preparePrint);
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("ps-print-reflections");
  });

  PS.onPage(function () { $$("[data-ps-reflections]").forEach(initReflections); });
})();
