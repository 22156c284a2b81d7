/* Learner data that loses nothing: every record lives in this browser's
 * localStorage under keys scoped to this site ("ps:<siteId>:..."), versioned,
 * migrated when old, and kept aside (never deleted) when it cannot be read. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$;
  var VERSION = PS.VERSION = 2;
  var PREFIX = PS.PREFIX = "ps:" + PS.cfg.siteId + ":";

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
  function removeAll() {
    ourKeys().forEach(function (k) { if (storageOk) localStorage.removeItem(k); delete memory[k]; });
    corrupt = [];
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
  /* A module is complete once opened and every self-check question answered in a way that fits. */
  function isComplete(m, rec) {
    if (!rec || !rec.visited) return false;
    return !m.questions || (rec.best && rec.best.score >= m.questions);
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
      var note = PS.el("div", "ps-storage-note admonition warning");
      note.setAttribute("role", "status");
      note.dataset.psStorageNote = "";
      host.parentNode.insertBefore(note, host.nextSibling);
    }
    $$("[data-ps-storage-note]").forEach(function (n) {
      n.textContent = text;
      n.hidden = !text;
    });
  }

  PS.store = { rawGet: rawGet, keys: ourKeys, read: read, write: write, moduleRecord: moduleRecord,
    migrate: migrate, valid: valid, scan: scan, removeAll: removeAll, isComplete: isComplete,
    showNotes: showStorageNotes };

  /* Each page: find corrupt records, and note that a module page was opened. */
  PS.onPage(function () {
    corrupt = [];
    scan();
    var module = $("[data-ps-bank], [data-ps-reflections]");
    var moduleId = module ? (module.dataset.psBank || module.dataset.psReflections) : null;
    if (!moduleId && $(".ps-purpose")) {
      var m = /modules\/([^/]+?)(?:\/|\.html)/.exec(location.pathname);
      moduleId = m && PS.cfg.modules.indexOf(m[1]) >= 0 ? m[1] : null;
    }
    if (moduleId) {
      var rec = moduleRecord(moduleId);
      if (!rec.visited) { rec.visited = new Date().toISOString(); write("module", moduleId, rec); }
    }
  });
  PS.onPage(showStorageNotes, true);
})();
