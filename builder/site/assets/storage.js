/* Learner data that loses nothing: every record lives in this browser's
 * localStorage under keys scoped to this site ("ps:<siteId>:..."), versioned,
 * migrated when old, and kept aside (never deleted) when it cannot be read.
 * Storage that is full is still read, shown and exported; only writes fail. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$;
  var VERSION = PS.VERSION = 2;
  var PREFIX = PS.PREFIX = "ps:" + PS.cfg.siteId + ":";
  var ASIDE = "corrupt:";     // then "<n>:<original key>"; older copies: "corrupt:<original key>"
  var RECORD = /^(module|reflection|practice):(.+)$/;
  var MAX_TEXT = 1000000;     // characters in one reflection (about 500 pages)

  var ls = null;              // localStorage, when this browser lets the site read it
  var unsaved = {};           // this visit's writes that are not in localStorage (all of them when unavailable)
  var problem = "";           // "", "full" or "unavailable"
  var corrupt = [];           // keys found unreadable this visit
  var stuck = [];             // ... of which no copy could be stored, so they stay where they are
  open();

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isQuota(e) {
    return !!e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
      e.code === 22 || e.code === 1014);
  }
  /* Storage that cannot be read is "unavailable"; storage that can be read but takes nothing
     more is "full": what it holds is still shown, exported and protected. */
  function open() {
    try { ls = window.localStorage; ls.getItem(PREFIX + "probe"); } catch (e) { ls = null; problem = "unavailable"; return; }
    try { ls.setItem(PREFIX + "probe", "1"); ls.removeItem(PREFIX + "probe"); } catch (e) {
      if (isQuota(e) && ls.length) problem = "full";
      else { ls = null; problem = "unavailable"; }     // a quota of nothing (private browsing)
    }
  }
  /* What the store holds for a key, leaving aside this visit's unsaved writes. */
  function saved(key) {
    if (!ls) return null;
    try { return ls.getItem(key); } catch (e) { return null; }
  }
  function rawGet(key) { return has(unsaved, key) ? unsaved[key] : saved(key); }
  /* Store a value in localStorage itself; false (and the page says why) when it does not fit. */
  function put(key, value) {
    if (!ls) return false;
    try { ls.setItem(key, value); return true; } catch (e) {
      if (!problem) problem = isQuota(e) ? "full" : "unavailable";
      showStorageNotes();
      return false;
    }
  }
  function remove(key) {
    delete unsaved[key];
    if (ls) { try { ls.removeItem(key); } catch (e) { /* left as it was */ } }
  }
  function ourKeys() {
    var keys = Object.keys(unsaved);
    if (ls) {
      for (var i = 0; i < ls.length; i++) {
        var k = ls.key(i);
        if (k && k.indexOf(PREFIX) === 0 && keys.indexOf(k) < 0) keys.push(k);
      }
    }
    return keys.filter(function (k) { return k.indexOf(PREFIX) === 0; });
  }
  function removeAll() {
    ourKeys().forEach(remove);
    unsaved = {};
    corrupt = [];
    stuck = [];
    if (ls) { problem = ""; open(); }            // room again, perhaps
  }

  /* ---- the records (see AUTHORING.md, "Learner data in the browser") ---------------- */
  /* Migrate a record written by an older version. */
  function migrate(kind, value) {
    if (kind === "reflection" && typeof value === "string") return { v: 2, text: value, updated: null };
    if (kind === "module" && value && value.v === 1) {
      return { v: 2, visited: value.visited ? "earlier" : null, attempts: value.attempts || 0,
        best: typeof value.best === "number" ? { score: value.best, total: value.total || 0 } : null,
        answers: {} };
    }
    return value;
  }
  function isObject(x) { return !!x && typeof x === "object" && !Array.isArray(x); }
  function isCount(n) { return typeof n === "number" && n >= 0 && n <= 1e9 && Math.floor(n) === n; }
  function isDate(s) { return s === null || s === undefined || typeof s === "string" && s.length <= 40; }
  function isAnswer(a) {
    return isObject(a) && typeof a.correct === "boolean" && Array.isArray(a.chosen) &&
      a.chosen.every(function (c) { return typeof c === "string"; }) &&
      (a.rev === undefined || typeof a.rev === "string" && a.rev.length <= 40);
  }
  /* Where to continue (home.js): the stored place, or `given` when it is one; else null. */
  function readPlace(given) {
    var p = given;
    if (arguments.length === 0) { try { p = JSON.parse(rawGet(PREFIX + "place:last")); } catch (e) { return null; } }
    return isObject(p) && p.v === 1 && typeof p.module === "string" && p.module.length <= 100 ?
      { v: 1, module: p.module, at: typeof p.at === "string" ? p.at.slice(0, 40) : null } : null;
  }
  /* The shape of a current record: anything else is kept aside, so no page meets it. */
  function valid(kind, r) {
    if (kind === "practice") return PS.practiceData.valid(r);   // its own shape (practicedata.js)
    if (!isObject(r) || r.v !== VERSION) return false;
    if (kind === "reflection") return typeof r.text === "string" && isDate(r.updated);
    return isDate(r.visited) && isCount(r.attempts) && isObject(r.answers) &&
      (r.best === null || isObject(r.best) && isCount(r.best.score) && isCount(r.best.total)) &&
      Object.keys(r.answers).every(function (q) { return isAnswer(r.answers[q]); });
  }
  /* A stored text as a current record, or null when it cannot be read. */
  function parse(kind, raw) {
    try {
      var value = migrate(kind, JSON.parse(raw));
      return valid(kind, value) ? value : null;
    } catch (e) { return null; }
  }
  function readable(key, raw) {
    var m = RECORD.exec(key.slice(PREFIX.length));
    return raw === null || !m || parse(m[1], raw) !== null;
  }

  /* ---- kept aside, never lost --------------------------------------------------------- */
  /* Where a copy of an unreadable entry goes: the first free "corrupt:<n>:<key>", or null when
     an identical copy is already kept. `taken` lists keys about to be written. */
  function asideKey(rest, raw, taken) {
    if (saved(PREFIX + ASIDE + rest) === raw) return null;
    for (var n = 1; ; n++) {
      var key = PREFIX + ASIDE + n + ":" + rest, there = saved(key);
      if (there === raw) return null;
      if (there === null && (!taken || taken.indexOf(key) < 0)) return key;
    }
  }
  /* Copy an unreadable entry aside, then remove the original; if the copy cannot be stored,
     the original stays where it is. */
  function keepAside(key, raw) {
    if (corrupt.indexOf(key) < 0) corrupt.push(key);
    if (stuck.indexOf(key) >= 0) return false;     // tried once this page
    var copy = asideKey(key.slice(PREFIX.length), raw);
    if (copy && !put(copy, raw)) {
      if (stuck.indexOf(key) < 0) stuck.push(key);
      return false;
    }
    remove(key);
    stuck = stuck.filter(function (k) { return k !== key; });
    return true;
  }
  /* Before a key is written: whatever it holds must be readable, or set aside. */
  function protect(key) {
    var raw = saved(key);
    return readable(key, raw) || keepAside(key, raw);
  }
  /* Every kept-aside entry, and every unreadable one still in place: {original key: [texts]}. */
  function asideEntries() {
    var out = Object.create(null);             // "__proto__" is a key like any other
    function add(rest, raw) { (out[rest] = out[rest] || []).push(raw); }
    ourKeys().sort().forEach(function (k) {
      var rest = k.slice(PREFIX.length), raw = saved(k);
      if (raw === null) return;
      if (rest.indexOf(ASIDE) === 0) add(rest.slice(ASIDE.length).replace(/^\d+:/, ""), raw);
      else if (!readable(k, raw)) add(rest, raw);
    });
    return out;
  }

  /* ---- reading and writing records ----------------------------------------------------- */
  function read(kind, id) {
    var key = PREFIX + kind + ":" + id;
    if (has(unsaved, key)) return parse(kind, unsaved[key]);
    var raw = saved(key);
    if (raw === null) return null;
    var value = parse(kind, raw);
    if (!value) { keepAside(key, raw); return null; }
    if (raw !== JSON.stringify(value)) put(key, JSON.stringify(value));  // migrated, when it fits
    return value;
  }
  /* Write a record; false when it is not stored (it is kept for this visit, and the page says so). */
  function write(kind, id, value) {
    var key = PREFIX + kind + ":" + id, text = JSON.stringify(value);
    if (ls && protect(key) && put(key, text)) { delete unsaved[key]; return true; }
    unsaved[key] = text;
    if (!problem) problem = "full";
    showStorageNotes();
    return false;
  }
  /* Write [key, text] pairs all or nothing, then read each back. True only when every one is
     stored as written; otherwise everything is put back as it was. */
  function writeAll(entries) {
    if (!ls) {
      entries.forEach(function (e) { unsaved[e[0]] = e[1]; });
      return false;
    }
    var ok = entries.every(function (e) {    // nothing unreadable or kept aside is written over
      return protect(e[0]) && (e[0].indexOf(PREFIX + ASIDE) !== 0 || saved(e[0]) === null);
    });
    if (!ok) return false;
    var before = entries.map(function (e) { return saved(e[0]); }), done = 0;
    while (ok && done < entries.length) { ok = put(entries[done][0], entries[done][1]); done++; }
    ok = ok && entries.every(function (e) { return saved(e[0]) === e[1]; });
    if (ok) { entries.forEach(function (e) { delete unsaved[e[0]]; }); return true; }
    for (var i = done - 1; i >= 0; i--) {
      try {
        if (before[i] === null) ls.removeItem(entries[i][0]); else ls.setItem(entries[i][0], before[i]);
      } catch (e) { /* what was there fitted before, so it fits again */ }
    }
    recheck();
    return false;
  }
  /* After a write that did not fit was put back: the store is as it was, so is it full? */
  function recheck() {
    if (problem !== "full" || !ls || Object.keys(unsaved).length) return;
    problem = "";
    open();
    showStorageNotes();
  }
  /* ---- two versions of one text (another tab's, a file's) ------------------------------ */
  var SEP = "\n\n---\n\n";    // between versions of a reflection kept one after the other
  /* Every version in either text, each once; null when `theirs` adds nothing to `mine`. */
  function mergeText(mine, theirs) {
    if (!theirs.trim()) return null;
    if (!mine.trim()) return theirs;
    var have = mine.split(SEP), parts = theirs.split(SEP);
    var add = parts.filter(function (p) { return p.trim() && have.indexOf(p) < 0; });
    if (!add.length) return null;
    if (have.every(function (p) { return parts.indexOf(p) >= 0; })) return theirs;  // theirs holds mine, and more
    return have.concat(add).join(SEP);
  }
  function moduleRecord(id) {
    return read("module", id) || { v: VERSION, visited: null, attempts: 0, best: null, answers: {} };
  }
  /* Check every stored record once a page, so corrupt ones are found and reported. */
  function scan() {
    ourKeys().forEach(function (k) {
      var m = RECORD.exec(k.slice(PREFIX.length));
      if (m) read(m[1], m[2]);
    });
  }
  /* ---- telling the learner --------------------------------------------------------------- */
  function notSaved() {
    return problem === "unavailable" ? "Not saved: this browser is not storing data." :
      "Not saved: this browser's storage for the site is full.";
  }
  function showStorageNotes() {
    var text = "";
    if (problem === "unavailable") {
      text = "This browser is not letting the site save anything (private browsing or a setting may block it). The self-check still works, but your answers, progress and reflections will be lost when you leave this page.";
    } else if (problem === "full") {
      text = "This browser's storage for the site is full: what you saved before is still here, but new changes cannot be saved. Download your data from the progress page to keep it safe.";
    }
    if (corrupt.length) {
      text += (text ? " " : "") + "Some saved data could not be read (" + corrupt.length +
        " item" + (corrupt.length > 1 ? "s" : "") + "). " + (stuck.length ?
          "There was no room to set it aside, so it is left where it was, not deleted;" :
          "It has been kept aside, not deleted, and") + " it is included when you download all your data.";
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

  PS.store = { MAX_TEXT: MAX_TEXT, rawGet: rawGet, keys: ourKeys, read: read, write: write, writeAll: writeAll,
    saved: saved, asideKey: asideKey, asideEntries: asideEntries, moduleRecord: moduleRecord,
    migrate: migrate, valid: valid, readPlace: readPlace, scan: scan, removeAll: removeAll,
    SEP: SEP, mergeText: mergeText,
    problem: function () { return problem; }, notSaved: notSaved, showNotes: showStorageNotes };

  /* Each page: find corrupt records, and note that a module page was opened. */
  PS.onPage(function () {
    corrupt = [];
    stuck = [];
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
