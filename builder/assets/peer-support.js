/* Peer support course: self-check, reflections, progress, quick exit.
 * Vanilla JavaScript, no framework. Learner data lives only in this browser's
 * localStorage, under keys scoped to this site ("ps:<siteId>:..."). Content
 * stays readable without it: answers sit in <details>. */
(function () {
  "use strict";
  var CFG = window.PEER_SUPPORT || { siteId: "site", quickExitUrl: "https://www.google.ca/", modules: [] };
  var VERSION = 2;
  var PREFIX = "ps:" + CFG.siteId + ":";
  var FORMAT = "peer-support-learner-data";

  /* ---- storage that loses nothing ------------------------------------ */
  var memory = {};            // used for this visit when localStorage is unavailable
  var storageOk = probe();
  var storageProblem = storageOk ? "" : "unavailable";
  var corrupt = [];           // keys kept aside this visit

  function probe() {
    try {
      var k = PREFIX + "probe";
      localStorage.setItem(k, "1");
      localStorage.removeItem(k);
      return true;
    } catch (e) { return false; }
  }
  function rawGet(key) {
    if (!storageOk) return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
    try { return localStorage.getItem(key); } catch (e) { return memory[key] || null; }
  }
  function rawSet(key, value) {
    memory[key] = value;
    if (!storageOk) return false;
    try { localStorage.setItem(key, value); return true; } catch (e) {
      storageProblem = "full";
      showStorageNotes();
      return false;
    }
  }
  function ourKeys() {
    var keys = [];
    if (storageOk) {
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k && k.indexOf(PREFIX) === 0) keys.push(k);
      }
    } else {
      keys = Object.keys(memory).filter(function (k) { return k.indexOf(PREFIX) === 0; });
    }
    return keys;
  }
  /* Set a corrupt entry aside under a "corrupt:" key, never deleting it. */
  function keepAside(key, raw) {
    var aside = PREFIX + "corrupt:" + key.slice(PREFIX.length);
    if (rawGet(aside) === null) rawSet(aside, raw);
    if (storageOk) { try { localStorage.removeItem(key); } catch (e) { /* kept in place */ } }
    if (corrupt.indexOf(key) < 0) corrupt.push(key);
  }
  /* Migrate a record written by an older version (see AUTHORING.md, "Learner data"). */
  function migrate(kind, value) {
    if (kind === "reflection" && typeof value === "string") return { v: 2, text: value, updated: null };
    if (kind === "module" && value && value.v === 1) {
      return { v: 2, visited: value.visited ? "earlier" : null, attempts: value.attempts || 0,
        best: typeof value.best === "number" ? { score: value.best, total: value.total || 0 } : null,
        answers: {} };
    }
    return value;
  }
  function valid(kind, r) {
    if (!r || typeof r !== "object" || r.v !== VERSION) return false;
    if (kind === "reflection") return typeof r.text === "string";
    return typeof r.attempts === "number" && typeof r.answers === "object" && r.answers !== null;
  }
  function read(kind, id) {
    var key = PREFIX + kind + ":" + id, raw = rawGet(key);
    if (raw === null) return null;
    var value;
    try { value = migrate(kind, JSON.parse(raw)); } catch (e) { value = undefined; }
    if (!valid(kind, value)) { keepAside(key, raw); return null; }
    if (raw !== JSON.stringify(value)) rawSet(key, JSON.stringify(value));
    return value;
  }
  function write(kind, id, value) { return rawSet(PREFIX + kind + ":" + id, JSON.stringify(value)); }
  function moduleRecord(id) {
    return read("module", id) || { v: VERSION, visited: null, attempts: 0, best: null, answers: {} };
  }
  /* Check every stored record once a page, so corrupt ones are found and reported. */
  function scan() {
    ourKeys().forEach(function (k) {
      var rest = k.slice(PREFIX.length), m = /^(module|reflection):(.+)$/.exec(rest);
      if (m) read(m[1], m[2]);
    });
  }

  function showStorageNotes() {
    var text = "";
    if (storageProblem === "unavailable") {
      text = "This browser is not letting the site save anything (private browsing or a setting may block it). The self-check still works, but your answers, progress and reflections will be lost when you leave this page.";
    } else if (storageProblem === "full") {
      text = "This browser's storage for the site is full, so your latest changes were not saved. Download your data from the progress page to keep it safe.";
    }
    if (corrupt.length) {
      text += (text ? " " : "") + "Some saved data could not be read (" + corrupt.length +
        " item" + (corrupt.length > 1 ? "s" : "") + "). It has been kept aside, not deleted, and is included when you download all your data.";
    }
    if (text && !$("[data-ps-storage-note]")) {   // a note under the page title
      var host = $(".md-content__inner > h1");
      if (!host) return;
      var note = el("div", "ps-storage-note admonition warning");
      note.setAttribute("role", "status");
      note.dataset.psStorageNote = "";
      host.parentNode.insertBefore(note, host.nextSibling);
    }
    $$("[data-ps-storage-note]").forEach(function (n) {
      n.textContent = text;
      n.hidden = !text;
    });
  }

  /* ---- helpers ------------------------------------------------------------ */
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function say(region, text) {       // re-set so screen readers announce a repeat
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 30);
  }
  function download(name, type, text) {
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function today() { return new Date().toISOString().slice(0, 10); }

  /* ---- self-check ---------------------------------------------------------- */
  function chosenOf(q) {
    if (q.dataset.psType === "ordering") {
      return $$("[data-ps-step]", q).map(function (s) { return s.dataset.psStep; });
    }
    return $$("input:checked", q).map(function (i) { return i.value; });
  }
  function correctOf(q) {
    if (q.dataset.psType === "ordering") {
      return $$("[data-ps-step]", q).map(function (s) { return s.dataset.psStep; }).sort();
    }
    return $$("[data-ps-correct=true]", q).map(function (li) { return li.dataset.psFeedback; });
  }
  function isRight(q, chosen) {
    var want = correctOf(q);
    return chosen.length === want.length && chosen.every(function (c, i) {
      return q.dataset.psType === "ordering" ? c === String(i + 1) : want.indexOf(c) >= 0;
    });
  }
  function showResult(q, chosen, right) {
    var box = $("[data-ps-result]", q);
    box.textContent = "";
    box.className = "ps-result " + (right ? "ps-right" : "ps-wrong");
    box.appendChild(el("p", "ps-verdict", right ? "✓ That fits." : "✗ Not quite."));
    if (q.dataset.psType === "ordering") {
      if (!right) {
        box.appendChild(el("p", null, "The order that fits:"));
        var ol = el("ol");
        $$(".ps-answer ol li", q).forEach(function (li) { ol.appendChild(el("li", null, li.textContent)); });
        box.appendChild(ol);
      }
    } else {
      var ul = el("ul", "ps-chosen-feedback");
      chosen.forEach(function (key) {
        var src = $('[data-ps-feedback="' + key + '"]', q);
        if (src) { var li = el("li"); li.innerHTML = src.innerHTML; ul.appendChild(li); }
      });
      box.appendChild(ul);
    }
    var ex = $("[data-ps-explanation]", q);
    if (ex) { var d = el("div", "ps-explanation"); d.innerHTML = ex.innerHTML; box.appendChild(d); }
    box.hidden = false;
    $$("input", q).forEach(function (i) { i.disabled = true; });
    $$(".ps-move", q).forEach(function (b) { b.disabled = true; });
    $("[data-ps-check]", q).hidden = true;
    $("[data-ps-retry]", q).hidden = false;
  }
  function bankScore(bank, rec) {
    var score = 0;
    $$("[data-ps-question]", bank).forEach(function (q) {
      var a = rec.answers[q.dataset.psQuestion];
      if (a && a.correct) score++;
    });
    return score;
  }
  function showScore(bank, rec) {
    var total = $$("[data-ps-question]", bank).length, p = $("[data-ps-score]", bank);
    var answered = Object.keys(rec.answers).filter(function (id) { return $("#q-" + id, bank); }).length;
    if (!answered) { p.hidden = true; return; }
    var text = "Your score: " + bankScore(bank, rec) + " of " + total + " (" + answered + " answered).";
    if (rec.best) text += " Best so far: " + rec.best.score + " of " + rec.best.total + ".";
    p.textContent = text;
    p.hidden = false;
  }
  function addMoveButtons(q) {
    $$("[data-ps-step]", q).forEach(function (step) {
      var text = $(".ps-step-text", step).textContent;
      [["up", "↑", "Move up: "], ["down", "↓", "Move down: "]].forEach(function (d) {
        var b = el("button", "ps-move md-button", d[1]);
        b.type = "button";
        b.dataset.psMove = d[0];
        b.setAttribute("aria-label", d[2] + text);
        step.appendChild(b);
      });
    });
    q.addEventListener("click", function (ev) {
      var b = ev.target.closest("[data-ps-move]");
      if (!b) return;
      var step = b.closest("[data-ps-step]"), list = step.parentNode;
      if (b.dataset.psMove === "up" && step.previousElementSibling) list.insertBefore(step, step.previousElementSibling);
      else if (b.dataset.psMove === "down" && step.nextElementSibling) list.insertBefore(step.nextElementSibling, step);
      b.focus();
      var pos = $$("[data-ps-step]", list).indexOf(step) + 1;
      say($("[data-ps-live]", q.closest("[data-ps-bank]")), "Moved to position " + pos + " of " + list.children.length + ".");
    });
  }
  function initBank(bank) {
    var id = bank.dataset.psBank, live = $("[data-ps-live]", bank), rec = moduleRecord(id);
    bank.classList.add("ps-js");
    $$("[data-ps-question]", bank).forEach(function (q) {
      var qid = q.dataset.psQuestion, form = $("form", q);
      $("[data-ps-actions]", q).hidden = false;
      if (q.dataset.psType === "ordering") addMoveButtons(q);
      var saved = rec.answers[qid];
      if (saved && Array.isArray(saved.chosen)) {
        if (q.dataset.psType === "ordering") {
          var list = $("[data-ps-steps]", q);
          saved.chosen.forEach(function (pos) { var s = $('[data-ps-step="' + pos + '"]', list); if (s) list.appendChild(s); });
        } else {
          saved.chosen.forEach(function (key) { var i = $('input[value="' + key + '"]', q); if (i) i.checked = true; });
        }
        showResult(q, saved.chosen, !!saved.correct);
      }
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var chosen = chosenOf(q);
        var number = $(".ps-qnum", q).textContent.replace(/ \(.*$/, "");
        if (!chosen.length) { say(live, number + ": choose an answer first."); return; }
        var right = isRight(q, chosen);
        rec = moduleRecord(id);
        rec.answers[qid] = { chosen: chosen, correct: right };
        rec.attempts += 1;
        var score = bankScore(bank, rec), total = $$("[data-ps-question]", bank).length;
        if (!rec.best || score > rec.best.score) rec.best = { score: score, total: total };
        write("module", id, rec);
        showResult(q, chosen, right);
        showScore(bank, rec);
        say(live, number + ": " + (right ? "that fits." : "not quite.") + " Score " + score + " of " + total + ".");
        $("[data-ps-result]", q).focus();
      });
      $("[data-ps-retry]", q).addEventListener("click", function () {
        $$("input", q).forEach(function (i) { i.disabled = false; i.checked = false; });
        $$(".ps-move", q).forEach(function (b) { b.disabled = false; });
        $("[data-ps-result]", q).hidden = true;
        $("[data-ps-check]", q).hidden = false;
        this.hidden = true;
        var first = $("input, .ps-move", q);
        if (first) first.focus();
      });
      $("[data-ps-result]", q).tabIndex = -1;
    });
    showScore(bank, rec);
  }

  /* ---- reflections ------------------------------------------------------------ */
  function initReflections(section) {
    var timers = {};
    $$("[data-ps-entry]", section).forEach(function (area) {
      var pid = area.dataset.psEntry, status = $("[data-ps-saved]", area.parentNode);
      var r = read("reflection", pid);
      area.value = r ? r.text : "";
      area.hidden = false;
      area.addEventListener("input", function () {
        window.clearTimeout(timers[pid]);
        timers[pid] = window.setTimeout(function () {
          var ok = write("reflection", pid, { v: VERSION, text: area.value, updated: new Date().toISOString() });
          status.textContent = ok ? "Saved on this device." : "Not saved: this browser is not storing data.";
        }, 400);
      });
    });
    $("[data-ps-journal-actions]", section).hidden = false;
    $("[data-ps-export-module]", section).addEventListener("click", function () {
      var title = $("h1").textContent.replace("¶", "").trim();
      download("reflections-" + section.dataset.psReflections + ".md", "text/markdown",
        journalFor([{ title: title, prompts: promptsIn(section) }]));
    });
    $("[data-ps-print]", section).addEventListener("click", function () { window.print(); });
  }
  function promptsIn(root) {
    return $$("[data-ps-prompt]", root).map(function (li) {
      return { id: li.dataset.psPrompt, text: $(".ps-prompt-text", li).textContent };
    });
  }
  function journalFor(modules) {
    var out = ["# My reflections", "", "Downloaded " + today() + ". Private: kept on my device.", ""];
    modules.forEach(function (m) {
      var written = m.prompts.filter(function (p) { var r = read("reflection", p.id); return r && r.text.trim(); });
      if (!written.length) return;
      out.push("## " + m.title, "");
      written.forEach(function (p) { out.push("### " + p.text, "", read("reflection", p.id).text, ""); });
    });
    return out.join("\n");
  }

  /* ---- progress, export and import ----------------------------------------- */
  function isComplete(m, rec) {
    if (!rec || !rec.visited) return false;
    return !m.questions || (rec.best && rec.best.score >= m.questions);
  }
  function course(root) {
    try { return JSON.parse(root.dataset.psCourse); } catch (e) { return null; }
  }
  function exportAll() {
    var data = { format: FORMAT, version: VERSION, site: CFG.siteId, exported: new Date().toISOString(),
      modules: {}, reflections: {}, corrupt: {} };
    scan();
    ourKeys().forEach(function (k) {
      var rest = k.slice(PREFIX.length), m = /^(module|reflection):(.+)$/.exec(rest);
      if (m) {
        var r = read(m[1], m[2]);
        if (r) data[m[1] === "module" ? "modules" : "reflections"][m[2]] = r;
      } else if (rest.indexOf("corrupt:") === 0) {
        data.corrupt[rest.slice(8)] = rawGet(k);
      }
    });
    return data;
  }
  function importData(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return "That file is not a data file from this course (it is not valid JSON). Nothing was changed."; }
    if (!data || data.format !== FORMAT) return "That file is not a data file from this course. Nothing was changed.";
    if (typeof data.version !== "number" || data.version > VERSION) return "That file comes from a newer version of this course. Update this copy of the course, then try again. Nothing was changed.";
    var mods = data.modules || {}, refl = data.reflections || {}, plan = [], bad = 0;
    Object.keys(mods).forEach(function (id) {
      var r = migrate("module", mods[id]);
      if (!valid("module", r)) { bad++; return; }
      var mine = read("module", id);
      if (mine) {
        r.visited = mine.visited || r.visited;
        r.attempts = Math.max(mine.attempts, r.attempts);
        if (mine.best && (!r.best || mine.best.score > r.best.score)) r.best = mine.best;
        Object.keys(mine.answers).forEach(function (q) { r.answers[q] = mine.answers[q]; });
      }
      plan.push(["module", id, r]);
    });
    var both = 0;
    Object.keys(refl).forEach(function (id) {
      var r = migrate("reflection", refl[id]);
      if (!valid("reflection", r)) { bad++; return; }
      var mine = read("reflection", id);
      if (mine && mine.text.trim() && mine.text !== r.text) {
        both++;
        r = { v: VERSION, text: mine.text + "\n\n---\n\n" + r.text, updated: new Date().toISOString() };
      } else if (mine && mine.text === r.text) {
        return;
      }
      plan.push(["reflection", id, r]);
    });
    if (bad && !plan.length) return "That file's records could not be read. Nothing was changed.";
    plan.forEach(function (p) { write(p[0], p[1], p[2]); });
    var nMods = plan.filter(function (p) { return p[0] === "module"; }).length;
    var msg = "Brought in progress for " + nMods + " module" + (nMods === 1 ? "" : "s") + " and " +
      (plan.length - nMods) + " reflection" + (plan.length - nMods === 1 ? "" : "s") + ".";
    if (both) msg += " " + both + " reflection" + (both === 1 ? " was" : "s were") + " different on this device, so both versions are kept, one after the other.";
    if (bad) msg += " " + bad + " record" + (bad === 1 ? "" : "s") + " in the file could not be read and were skipped.";
    return msg;
  }
  function resultsForFacilitator() {
    var out = { format: "peer-support-self-check-results", version: 1, site: CFG.siteId, exported: new Date().toISOString(), modules: {} };
    CFG.modules.forEach(function (id) {
      var r = read("module", id);
      if (r && r.attempts) out.modules[id] = { best: r.best, attempts: r.attempts, answers: r.answers };
    });
    return out;
  }
  function initProgress(root) {
    var data = course(root);
    if (!data) return;
    root.hidden = false;
    var done = 0;
    data.modules.forEach(function (m) {
      var rec = read("module", m.id), row = $('[data-ps-row="' + m.id + '"]', root);
      if (!row) return;
      var written = m.prompts.filter(function (p) { var r = read("reflection", p.id); return r && r.text.trim(); }).length;
      $("[data-ps-visited]", row).textContent = rec && rec.visited ? "Yes" : "No";
      $("[data-ps-best]", row).textContent = !m.questions ? "No self-check" :
        rec && rec.best ? rec.best.score + " of " + m.questions + " (" + rec.attempts + " checks)" : "None yet";
      $("[data-ps-written]", row).textContent = written + " of " + m.prompts.length;
      if (isComplete(m, rec)) { done++; row.classList.add("ps-done"); $("[data-ps-visited]", row).textContent = "Yes, complete ✓"; }
    });
    $("[data-ps-overall]", root).textContent = "You have completed " + done + " of " + data.modules.length +
      " modules (" + Math.round(100 * done / data.modules.length) + "%). A module is complete when you have opened it and answered every self-check question in a way that fits.";
    var message = $("[data-ps-message]", root);
    $("[data-ps-export-all]", root).onclick = function () {
      download("peer-support-my-data-" + today() + ".json", "application/json", JSON.stringify(exportAll(), null, 2));
    };
    $("[data-ps-export-results]", root).onclick = function () {
      download("peer-support-self-check-results-" + today() + ".json", "application/json", JSON.stringify(resultsForFacilitator(), null, 2));
    };
    $("[data-ps-export-journal]", root).onclick = function () {
      download("peer-support-reflections-" + today() + ".md", "text/markdown", journalFor(data.modules.map(function (m) {
        return { title: m.number + ". " + m.title, prompts: m.prompts };
      })));
    };
    $("[data-ps-import]", root).onchange = function () {
      var file = this.files && this.files[0], input = this;
      if (!file) return;
      file.text().then(function (text) {
        say(message, importData(text));
        input.value = "";
        initProgress(root);
      });
    };
    $("[data-ps-delete]", root).onclick = function () {
      if (!window.confirm("Delete all your progress, self-check answers and reflections from this device? This cannot be undone. You may want to download your data first.")) return;
      ourKeys().forEach(function (k) { if (storageOk) localStorage.removeItem(k); delete memory[k]; });
      corrupt = [];
      say(message, "Your data has been deleted from this device.");
      initProgress(root);
      showStorageNotes();
    };
  }

  /* ---- navigation marker ------------------------------------------------------ */
  function markNav() {
    var data = CFG.moduleQuestions || {};
    CFG.modules.forEach(function (id) {
      var rec = read("module", id);
      if (!isComplete({ questions: data[id] || 0 }, rec)) return;
      $$('.md-nav__link[href*="modules/' + id + '/"], .md-nav__link[href*="modules/' + id + '.html"]').forEach(function (a) {
        if ($(".ps-nav-done", a)) return;
        var mark = el("span", "ps-nav-done", "✓");
        mark.appendChild(el("span", "md-visually-hidden ps-sr", " (completed)"));
        a.appendChild(mark);
      });
    });
  }

  /* ---- quick exit ---------------------------------------------------------------- */
  function quickExit(ev) {
    if (ev) ev.preventDefault();
    document.documentElement.classList.add("ps-exiting");
    document.title = "";
    window.location.replace(CFG.quickExitUrl);
  }
  var shifts = 0, lastShift = 0;
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Shift") { shifts = 0; return; }
    if (ev.repeat) return;
    var now = Date.now();
    shifts = now - lastShift < 1000 ? shifts + 1 : 1;
    lastShift = now;
    if (shifts >= 3) { shifts = 0; quickExit(); }
  });
  document.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest("[data-ps-exit]")) quickExit(ev);
  }, true);

  /* Printing: let each text area grow to show everything written in it. */
  window.addEventListener("beforeprint", function () {
    $$("[data-ps-entry]").forEach(function (a) { a.style.height = a.scrollHeight + "px"; });
  });

  /* ---- on every page (and every instant navigation) ------------------------------ */
  var started = typeof WeakSet === "function" ? new WeakSet() : { has: function () { return false; }, add: function () {} };
  function init() {
    var page = $("article.md-content__inner") || document.body;  // instant navigation swaps it
    if (started.has(page)) return;
    started.add(page);
    corrupt = [];
    scan();
    var module = $("[data-ps-bank], [data-ps-reflections]");
    var intro = $(".ps-purpose");
    var moduleId = module ? (module.dataset.psBank || module.dataset.psReflections) : null;
    if (!moduleId && intro) {
      var m = /modules\/([^/]+?)(?:\/|\.html)/.exec(location.pathname);
      moduleId = m && CFG.modules.indexOf(m[1]) >= 0 ? m[1] : null;
    }
    if (moduleId) {
      var rec = moduleRecord(moduleId);
      if (!rec.visited) { rec.visited = new Date().toISOString(); write("module", moduleId, rec); }
    }
    $$("[data-ps-bank]").forEach(initBank);
    $$("[data-ps-reflections]").forEach(initReflections);
    $$("[data-ps-progress]").forEach(initProgress);
    showStorageNotes();
    markNav();
  }
  // Material's document$ announces each page, instant navigation included; it
  // stays silent for pages opened from disk, so start on load as well.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
