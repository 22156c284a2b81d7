/* Learner data files: "Download all my data" and bringing it back in, and the
 * self-check results a trainee may hand to a facilitator (scores and chosen
 * options only, never reflections or practice replies). A file brought in is checked against this
 * course, merged with what is here (keeping both sides), written all or
 * nothing, and read back before the page says what was stored. */
(function () {
  "use strict";
  var PS = window.PS, store = PS.store, VERSION = PS.VERSION, PREFIX = PS.PREFIX;
  var FORMAT = "peer-support-learner-data";
  var RECORD = /^(module|reflection|practice):(.+)$/;
  var PART = { module: "modules", reflection: "reflections", practice: "practice" };  // in the file
  var MAX_FILE = 20e6, MAX_TEXT = store.MAX_TEXT, MAX_ATTEMPTS = 1e6, MAX_TOTAL = 1000;
  var UNCHANGED = " Nothing was changed.";
  var ANSWER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/, CHOICE = /^(?:[a-z]|[1-9][0-9]?)$/, MAX_CHOICES = 30;
  var REV = /^[0-9a-f]{1,40}$/;

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isObject(x) { return !!x && typeof x === "object" && !Array.isArray(x); }
  function each(o, fn) { if (isObject(o)) Object.keys(o).forEach(function (k) { fn(k, o[k]); }); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function quoted(s) { s = String(s); return "\u201c" + (s.length > 40 ? s.slice(0, 40) + "\u2026" : s) + "\u201d"; }

  /* Everything, so that bringing the file back in restores it: records this course can use,
     and under "corrupt" every entry kept aside, plus any record it cannot use (an id it no
     longer has, say), as its text. */
  function exportAll() {
    var data = { format: FORMAT, version: VERSION, site: PS.cfg.siteId, exported: new Date().toISOString(),
      learner: null, modules: Object.create(null), reflections: Object.create(null), practice: Object.create(null),
      corrupt: null };
    store.scan();
    data.corrupt = store.asideEntries();
    data.learner = PS.learner.forExport(data.corrupt);
    store.keys().sort().forEach(function (k) {
      var rest = k.slice(PREFIX.length), m = RECORD.exec(rest), r = m && store.read(m[1], m[2]), problems = [];
      if (rest === "place:last") { data.place = store.readPlace(); return; }   // where to continue (home.js)
      if (!r) return;
      CHECKS[m[1]](m[2], r, problems);
      if (problems.length) (data.corrupt[rest] = data.corrupt[rest] || []).push(JSON.stringify(r));
      else data[PART[m[1]]][m[2]] = r;
    });
    return data;
  }

  /* ---- checking a file against this course ------------------------------------------ */
  function checkModule(id, raw, problems) {
    if (PS.cfg.modules.indexOf(id) < 0) return problems.push("a module this course does not have, " + quoted(id));
    var r = store.migrate("module", raw);
    if (!store.valid("module", r)) return problems.push("a record for module " + id + " that is not in the form this course writes");
    if (r.attempts > MAX_ATTEMPTS) problems.push("a record for module " + id + " that claims " + r.attempts + " checks");
    if (r.best && (r.best.score > r.best.total || r.best.total > MAX_TOTAL)) {
      problems.push("an impossible score for module " + id + ", " + r.best.score + " of " + r.best.total);
    }
    // An answer to a question this version no longer asks (or asks differently) is kept,
    // inert: it never counts, and no page builds anything from it. Its form must still fit.
    Object.keys(r.answers).forEach(function (q) {
      var chosen = r.answers[q].chosen;
      var fits = ANSWER_ID.test(q) && chosen.length > 0 && chosen.length <= MAX_CHOICES && chosen.every(function (c, i) {
        return CHOICE.test(c) && chosen.indexOf(c) === i;
      });
      if (!fits) problems.push("an answer to a question, " + quoted(q) + ", that is not in the form this course writes");
    });
  }
  /* Answers in a module record that this version of the course would not count. */
  function staleAnswers(id, r) {
    var choices = (PS.cfg.choices || {})[id] || {};
    return Object.keys(r.answers).filter(function (q) {
      var offered = has(choices, q) ? choices[q] : null;
      return !offered || !r.answers[q].chosen.every(function (c) { return offered.indexOf(c) >= 0; });
    }).length;
  }
  function checkReflection(id, raw, problems) {
    if ((PS.cfg.prompts || []).indexOf(id) < 0) return problems.push("a reflection prompt this course does not have, " + quoted(id));
    var r = store.migrate("reflection", raw);
    if (!store.valid("reflection", r)) problems.push("a reflection for " + id + " that is not in the form this course writes");
    else if (r.text.length > MAX_TEXT) problems.push("a reflection for " + id + " longer than " + MAX_TEXT + " characters");
  }
  /* A practice record (practicedata.js), against this course's exercises in config.js. */
  function checkPractice(id, raw, problems) {
    var known = null;
    each(PS.cfg.practice, function (m, list) {
      (Array.isArray(list) ? list : []).forEach(function (ex) { if (ex[0] === id) known = ex; });
    });
    var problem = PS.practiceData.check(id, raw, known);
    if (problem) problems.push(known ? problem : problem + ", " + quoted(id));
  }
  var CHECKS = { module: checkModule, reflection: checkReflection, practice: checkPractice };
  function asideTexts(v) { return typeof v === "string" ? [v] : v; }
  function checkAside(key, v, problems) {
    var texts = asideTexts(v);
    if (!key || !Array.isArray(texts) || !texts.every(function (t) { return typeof t === "string"; })) {
      problems.push("an entry kept aside, " + quoted(key) + ", that is not text");
    }
  }
  function checkLearner(given, problems) {
    if (given !== undefined && given !== null && !PS.learner.isValid(given)) problems.push("a learner id that is not in the form this course writes");
  }
  /* A record for an id this course does not have (a retired prompt, a module outside an
     agency's subset): brought in kept aside, as its text, and named; never a reason to
     refuse the rest of the file. */
  function elsewhere(kind, id) {
    return (kind === "module" ? PS.cfg.modules : PS.cfg.prompts || []).indexOf(id) < 0;
  }
  /* Everything wrong with the file, as phrases; an empty list when it can be brought in whole. */
  function check(data) {
    var problems = [];
    ["modules", "reflections", "practice", "corrupt"].forEach(function (part) {
      if (data[part] !== undefined && data[part] !== null && !isObject(data[part])) problems.push("a \u201c" + part + "\u201d part that is not a set of records");
    });
    each(data.modules, function (id, r) { if (!elsewhere("module", id)) checkModule(id, r, problems); });
    each(data.reflections, function (id, r) { if (!elsewhere("reflection", id)) checkReflection(id, r, problems); });
    each(data.practice, function (id, r) { checkPractice(id, r, problems); });
    each(data.corrupt, function (key, v) { checkAside(key, v, problems); });
    checkLearner(data.learner, problems);
    return problems;
  }

  /* ---- merging with what is here ------------------------------------------------------ */
  function copy(x) { return JSON.parse(JSON.stringify(x)); }
  /* A module record from the file with only the fields this course writes. */
  function cleanModule(r) {
    var answers = {};
    Object.keys(r.answers).forEach(function (q) {
      var a = r.answers[q];
      answers[q] = { chosen: a.chosen.slice(), correct: a.correct };
      if (typeof a.rev === "string" && REV.test(a.rev)) answers[q].rev = a.rev;
      if (typeof a.first === "boolean") answers[q].first = a.first;
    });
    var out = { v: VERSION, visited: r.visited || null, attempts: r.attempts,
      best: r.best ? { score: r.best.score, total: r.best.total } : null, answers: answers };
    if (typeof r.completed === "string" && !isNaN(Date.parse(r.completed))) out.completed = r.completed;
    return out;
  }
  /* Mine wins where both answered a question; the better best score and the larger count win. */
  function mergeModule(mine, theirs) {
    var r = copy(mine);
    r.visited = mine.visited || theirs.visited;
    r.attempts = Math.max(mine.attempts, theirs.attempts);
    if (theirs.best && (!mine.best || theirs.best.score > mine.best.score)) r.best = theirs.best;
    if (theirs.completed && !(mine.completed <= theirs.completed)) r.completed = theirs.completed;  // the earlier date
    Object.keys(theirs.answers).forEach(function (q) { if (!has(r.answers, q)) r.answers[q] = theirs.answers[q]; });
    return r;
  }
  var mergeText = store.mergeText;   // every version in either text, each once (storage.js)
  /* The [key, text] pairs to write, and what they are. */
  function plan(data) {
    var p = { entries: [], modules: 0, reflections: 0, practice: 0, both: 0, aside: 0, stale: 0, named: [] };
    var taken = [], seen = {};
    function keepAside(rest, raw) {
      var key = seen[rest + "\n" + raw] ? null : store.asideKey(rest, raw, taken);
      seen[rest + "\n" + raw] = true;
      if (!key) return false;       // already kept aside, the very same
      taken.push(key);
      p.entries.push([key, raw]);
      p.aside++;
      return true;
    }
    ["module", "reflection"].forEach(function (kind) {
      each(data[kind + "s"], function (id, raw) {
        if (!elsewhere(kind, id)) return;
        if (keepAside(kind + ":" + id, JSON.stringify(raw))) p.named.push(kind + " " + quoted(id));
      });
    });
    each(data.modules, function (id, raw) {
      if (elsewhere("module", id)) return;
      var mine = store.read("module", id), theirs = cleanModule(store.migrate("module", raw));
      p.stale += staleAnswers(id, theirs);
      var r = mine ? mergeModule(mine, theirs) : theirs;
      if (mine && JSON.stringify(r) === JSON.stringify(mine)) return;
      p.entries.push([PREFIX + "module:" + id, JSON.stringify(r)]);
      p.modules++;
    });
    each(data.reflections, function (id, raw) {
      if (elsewhere("reflection", id)) return;
      var mine = store.read("reflection", id), theirs = store.migrate("reflection", raw);
      var text = mergeText(mine ? mine.text : "", theirs.text);
      if (text === null) return;
      var updated = text === theirs.text ? theirs.updated || null : new Date().toISOString();
      if (text !== theirs.text) p.both++;
      p.entries.push([PREFIX + "reflection:" + id, JSON.stringify({ v: VERSION, text: text, updated: updated })]);
      p.reflections++;
    });
    each(data.practice, function (id, raw) {   // replies only with the reflections: this file
      var mine = store.read("practice", id), theirs = PS.practiceData.clean(raw);
      var r = mine ? PS.practiceData.merge(mine, theirs) : theirs;
      if (mine && JSON.stringify(r) === JSON.stringify(mine)) return;
      p.entries.push([PREFIX + "practice:" + id, JSON.stringify(r)]);
      p.practice++;
    });
    each(data.corrupt, function (rest, v) { asideTexts(v).forEach(function (raw) { keepAside(rest, raw); }); });
    var learner = PS.learner.adoptEntry(data.learner);   // who the trainee is, unless this device knows
    if (learner) p.entries.push(learner);
    var place = store.readPlace(data.place);   // where to continue, unless this device has its own
    if (place && PS.cfg.modules.indexOf(place.module) >= 0 && !store.readPlace()) {
      p.entries.push([PREFIX + "place:last", JSON.stringify(place)]);
    }
    return p;
  }

  /* ---- bringing a file in --------------------------------------------------------------- */
  function importFile(file) {
    if (file.size > MAX_FILE) return Promise.resolve("That file is too large to be a data file from this course." + UNCHANGED);
    return file.text().then(importData, function () { return "That file could not be read." + UNCHANGED; });
  }
  function importData(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return "That file is not a data file from this course (it is not valid JSON)." + UNCHANGED; }
    if (!isObject(data) || data.format !== FORMAT || typeof data.version !== "number" || data.version < 1) {
      return "That file is not a data file from this course." + UNCHANGED;
    }
    if (data.version > VERSION) return "That file comes from a newer version of this course. Update this copy of the course, then try again." + UNCHANGED;
    var problems = check(data);
    if (problems.length) {
      var more = problems.length > 3 ? ", and " + plural(problems.length - 3, "more problem") : "";
      return "That file cannot be brought in: it has " + problems.slice(0, 3).join("; ") + more + "." + UNCHANGED;
    }
    if (data.site !== PS.cfg.siteId && !window.confirm("This file comes from another copy of the course (" +
        (typeof data.site === "string" ? quoted(data.site) : "not named") + "), not this one. " +
        "Bring its progress and reflections in, alongside what is here?")) {
      return "You chose not to bring in data from another copy of the course." + UNCHANGED;
    }
    var p = plan(data);
    if (!p.entries.length) return "Everything in that file is already here." + UNCHANGED;
    if (store.writeAll(p.entries)) return report(p, store.saved, "Brought in");
    if (store.problem() === "unavailable") {
      return report(p, store.rawGet, "For this visit only, brought in") + " This browser is not saving data, so it will be gone when you leave this page.";
    }
    return "This browser could not store what is in that file (its storage for the site may be full)." + UNCHANGED;
  }
  /* What was really stored: each entry read back. */
  function report(p, readBack, start) {
    var n = { module: 0, reflection: 0, practice: 0, corrupt: 0, place: 0, learner: 0 };
    p.entries.forEach(function (e) {
      if (readBack(e[0]) === e[1]) n[/^(module|reflection|practice|corrupt|place|learner)\b/.exec(e[0].slice(PREFIX.length))[1]]++;
    });
    var msg = start + " progress for " + plural(n.module, "module") + (n.practice ? ", " : " and ") +
      plural(n.reflection, "reflection") + (n.practice ? " and " + plural(n.practice, "practice exercise") : "") + ".";
    if (p.both) msg += " " + plural(p.both, "reflection") + (p.both === 1 ? " was" : " were") + " different on this device, so both versions are kept, one after the other.";
    if (p.stale) msg += " " + plural(p.stale, "answer") + " to questions this version of the course has changed or no longer asks " + (p.stale === 1 ? "is" : "are") + " kept, but not counted.";
    if (n.corrupt) msg += " " + (n.corrupt === 1 ? "1 entry" : n.corrupt + " entries") + " that this course cannot read or use " + (n.corrupt === 1 ? "is" : "are") + " kept aside, unchanged" + named(p.named) + ".";
    return msg;
  }

  /* The records kept aside for ids this course does not have, named: a few, and how many more. */
  function named(list) {
    if (!list.length) return "";
    var more = list.length > 3 ? ", and " + (list.length - 3) + " more" : "";
    return ", among them " + (list.length === 1 ? "the record for " : "the records for ") + list.slice(0, 3).join(", ") + more +
      ", which this course does not have";
  }
  /* Version 2 names the trainee (the learner id, and the name they gave, if any) and
     dates each completed module; the cohort page reads version 1 too. */
  function resultsForFacilitator() {
    var me = PS.learner.ensure();
    var out = { format: "peer-support-self-check-results", version: 2, site: PS.cfg.siteId, exported: new Date().toISOString(),
      learner: { id: me.id, name: me.name }, modules: {} };
    PS.cfg.modules.forEach(function (id) {
      var r = store.read("module", id);
      if (!r || !r.attempts) return;
      out.modules[id] = { best: r.best, attempts: r.attempts, answers: r.answers,
        status: PS.status.summary(PS.status.of(id, r)) };
      if (r.completed) out.modules[id].completed = r.completed;
    });
    return out;
  }

  PS.transfer = { exportAll: exportAll, importFile: importFile, importData: importData,
    resultsForFacilitator: resultsForFacilitator };
})();
