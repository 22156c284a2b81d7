/* Who the trainee is, on this device only: a random learner id, made once (the
 * first time a page needs it), and the name they choose to give with their
 * self-check results, kept in this browser ("ps:<site>:learner"); the short code
 * derived from the id, which the record of learning shows and the cohort page
 * shows beside the same trainee; and the panel on the progress page that asks
 * for the name when the trainee downloads their results for a facilitator.
 * builder/pages/results_files.py reads ids and derives codes the same way. */
(function () {
  "use strict";
  var PS = window.PS, store = PS.store, $ = PS.$;
  var KEY = PS.PREFIX + "learner", ID = /^[0-9a-f]{32}$/, MAX_NAME = 100;
  var visit = null;        // this visit's record, when storage would not keep it

  function isObject(x) { return !!x && typeof x === "object" && !Array.isArray(x); }
  function cleanName(s) {
    return typeof s === "string" ? s.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, MAX_NAME) : "";
  }
  /* A learner record in the form this course writes, as a fresh object; else null. */
  function valid(r) {
    if (!isObject(r) || r.v !== 1 || typeof r.id !== "string" || !ID.test(r.id)) return null;
    if (r.name !== null && (typeof r.name !== "string" || r.name.length > MAX_NAME)) return null;
    return { v: 1, id: r.id, name: r.name, made: typeof r.made === "string" ? r.made.slice(0, 40) : null };
  }
  function parse(raw) {
    try { return raw === null ? null : valid(JSON.parse(raw)); } catch (e) { return null; }
  }
  function newId() {
    var bytes = new Uint8Array(16), out = "", i;
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
    else for (i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    for (i = 0; i < 16; i++) out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return out;
  }
  /* Store the record; an entry there that cannot be read is first kept aside, never lost.
     When storage will not keep it, it holds for this visit. */
  function save(r) {
    var raw = store.rawGet(KEY), entries = [[KEY, JSON.stringify(r)]];
    var aside = raw !== null && !parse(raw) ? store.asideKey("learner", raw) : null;
    if (aside) entries.unshift([aside, raw]);
    visit = store.writeAll(entries) ? null : r;
    return r;
  }
  /* This device's learner, made the first time it is asked for. */
  function ensure() {
    return parse(store.rawGet(KEY)) || visit ||
      save({ v: 1, id: newId(), name: null, made: new Date().toISOString() });
  }
  function setName(name) {
    var r = ensure();
    return save({ v: 1, id: r.id, name: cleanName(name) || null, made: r.made });
  }
  /* Whether the learner is stored in this browser (and so is the same next visit). */
  function kept() { return parse(store.saved(KEY)) !== null; }
  /* "3F9A-0C1E": the id's first eight hex digits. */
  function code(id) {
    return typeof id === "string" && ID.test(id) ? (id.slice(0, 4) + "-" + id.slice(4, 8)).toUpperCase() : "";
  }
  /* "Download all my data": this device's learner, or null when none was made (exporting
     changes nothing); an entry that cannot be read goes with the kept-aside ones. */
  function forExport(corrupt) {
    var raw = store.rawGet(KEY), r = parse(raw);
    if (raw !== null && !r) (corrupt.learner = corrupt.learner || []).push(raw);
    return r || visit;
  }
  /* Bringing a data file in: the file's learner becomes this device's only when this
     device has none. The [key, text] to write, or null. */
  function adoptEntry(given) {
    var r = given === undefined || given === null ? null : valid(given);
    return r && store.rawGet(KEY) === null && !visit ? [KEY, JSON.stringify(r)] : null;
  }
  function isValid(given) { return valid(given) !== null; }

  /* The progress page's "Download my self-check results for a facilitator": ask for the
     name (optional, filled in from last time), then download. */
  function ask(root, button, message) {
    var panel = $("[data-ps-results-ask]", root), field = $("[data-ps-results-name]", root);
    if (!panel || !field) return;
    field.value = ensure().name || "";
    panel.hidden = false;
    field.focus();
    function close() { panel.hidden = true; button.focus(); }
    function go() {
      var me = setName(field.value);
      PS.load("transfer.js").then(function () {
        var stamp = PS.today() + "-" + code(me.id);
        PS.download("peer-support-self-check-results-" + stamp + ".json", "application/json",
          JSON.stringify(PS.transfer.resultsForFacilitator(), null, 2));
        close();
        PS.say(message, "Your self-check results are downloaded" + (me.name ? ", with your name, " + me.name + "," : ", without a name,") +
          " and your learner code " + code(me.id) + ". Handing them to a facilitator is your choice." +
          (kept() ? "" : " This browser is not saving data, so your next file will carry another code."));
      }, function () { PS.say(message, "This page could not load what it needs to write the file."); });
    }
    $("[data-ps-results-go]", root).onclick = go;
    $("[data-ps-results-cancel]", root).onclick = close;
    field.onkeydown = function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); go(); }
      else if (ev.key === "Escape") { ev.preventDefault(); close(); }
    };
  }

  PS.learner = { ensure: ensure, setName: setName, kept: kept, code: code, forExport: forExport, adoptEntry: adoptEntry,
    isValid: isValid, ask: ask, KEY: KEY };
})();
