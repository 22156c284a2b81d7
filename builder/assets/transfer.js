/* Learner data files: "Download all my data" and bringing it back in (a merge
 * that keeps both sides), and the self-check results a trainee may hand to a
 * facilitator (scores and chosen options only, never reflections). */
(function () {
  "use strict";
  var PS = window.PS, store = PS.store, VERSION = PS.VERSION, PREFIX = PS.PREFIX;
  var FORMAT = "peer-support-learner-data";

  function exportAll() {
    var data = { format: FORMAT, version: VERSION, site: PS.cfg.siteId, exported: new Date().toISOString(),
      modules: {}, reflections: {}, corrupt: {} };
    store.scan();
    store.keys().forEach(function (k) {
      var rest = k.slice(PREFIX.length), m = /^(module|reflection):(.+)$/.exec(rest);
      if (m) {
        var r = store.read(m[1], m[2]);
        if (r) data[m[1] === "module" ? "modules" : "reflections"][m[2]] = r;
      } else if (rest === "place:last") {   // where to continue (home.js)
        try { data.place = JSON.parse(store.rawGet(k)); } catch (e) { /* not worth keeping */ }
      } else if (rest.indexOf("corrupt:") === 0) {
        data.corrupt[rest.slice(8)] = store.rawGet(k);
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
      var r = store.migrate("module", mods[id]);
      if (!store.valid("module", r)) { bad++; return; }
      var mine = store.read("module", id);
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
      var r = store.migrate("reflection", refl[id]);
      if (!store.valid("reflection", r)) { bad++; return; }
      var mine = store.read("reflection", id);
      if (mine && mine.text.trim() && mine.text !== r.text) {
        both++;
        r = { v: VERSION, text: mine.text + "\n\n---\n\n" + r.text, updated: new Date().toISOString() };
      } else if (mine && mine.text === r.text) {
        return;
      }
      plan.push(["reflection", id, r]);
    });
    if (bad && !plan.length) return "That file's records could not be read. Nothing was changed.";
    plan.forEach(function (p) { store.write(p[0], p[1], p[2]); });
    var place = data.place;   // where to continue, unless this device has its own
    if (place && place.v === 1 && PS.cfg.modules.indexOf(place.module) >= 0 && store.rawGet(PREFIX + "place:last") === null) {
      store.write("place", "last", { v: 1, module: place.module, at: String(place.at) });
    }
    var nMods = plan.filter(function (p) { return p[0] === "module"; }).length;
    var msg = "Brought in progress for " + nMods + " module" + (nMods === 1 ? "" : "s") + " and " +
      (plan.length - nMods) + " reflection" + (plan.length - nMods === 1 ? "" : "s") + ".";
    if (both) msg += " " + both + " reflection" + (both === 1 ? " was" : "s were") + " different on this device, so both versions are kept, one after the other.";
    if (bad) msg += " " + bad + " record" + (bad === 1 ? "" : "s") + " in the file could not be read and were skipped.";
    return msg;
  }
  function resultsForFacilitator() {
    var out = { format: "peer-support-self-check-results", version: 1, site: PS.cfg.siteId, exported: new Date().toISOString(), modules: {} };
    PS.cfg.modules.forEach(function (id) {
      var r = store.read("module", id);
      if (r && r.attempts) out.modules[id] = { best: r.best, attempts: r.attempts, answers: r.answers };
    });
    return out;
  }

  PS.transfer = { exportAll: exportAll, importData: importData, resultsForFacilitator: resultsForFacilitator };
})();
