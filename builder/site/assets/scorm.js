/* The SCORM adapter, in the SCORM package only (python -m builder export --format
 * scorm12|scorm2004; builder/site/scorm.py). The package launches scorm.html, which
 * holds the session with the learning management system (LMS) for as long as the
 * course is open and shows the course, with its own navigation, in a frame: an LMS
 * allows one session a launch, and every page of the course is a document of its own.
 *
 * Every page runs this file before the other components. On the launch page it
 * finds the LMS's API (API for SCORM 1.2, API_1484_11 for 2004) in the frames above
 * and in the window that opened this one (the standard search) and starts the
 * session; on the pages in the frame it finds the launch page's session. Either way
 * it keeps each LMS learner's data in this browser apart (the site id gets a hash of
 * the learner's id), so two learners on one computer never see each other's answers
 * or reflections. The launch page then brings the learner's progress back from the
 * LMS (suspend data) before the course shows, and tells the LMS what scorm-report.js
 * reports whenever a page in the frame stores a module record or the place, with a
 * commit each time, and when the launch page is left (LMSFinish or Terminate).
 * Reflections never go to the LMS. With no LMS found the launch page opens the
 * course, and every page works as the site does anywhere else. */
(function () {
  "use strict";
  var cfg = window.PEER_SUPPORT, root = document.documentElement;
  if (!cfg) return;
  var PS = window.PS = window.PS || {};
  PS.exitWindow = window.top;   // quick exit (exit.js) leaves the LMS's page, not only this frame

  var SESSION = "PS_SCORM", REPORT_AFTER = 250;
  var VERSIONS = {
    "1.2": { api: "API", init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue",
      commit: "LMSCommit", finish: "LMSFinish", error: "LMSGetLastError",
      learner: "cmi.core.student_id", suspend: "cmi.suspend_data", location: "cmi.core.lesson_location",
      status: "cmi.core.lesson_status", score: "cmi.core.score.", progress: null,
      objectiveStatus: "status", exit: "cmi.core.exit", time: "cmi.core.session_time",
      limit: 4096, duration: hhmmss },
    "2004": { api: "API_1484_11", init: "Initialize", get: "GetValue", set: "SetValue",
      commit: "Commit", finish: "Terminate", error: "GetLastError",
      learner: "cmi.learner_id", suspend: "cmi.suspend_data", location: "cmi.location",
      status: "cmi.completion_status", score: "cmi.score.", progress: "progress_measure",
      objectiveStatus: "completion_status", exit: "cmi.exit", time: "cmi.session_time",
      limit: 64000, duration: iso8601 }
  };
  var NOTES = {
    offline: "This course could not connect to your learning system, so it will not record this visit. Your answers are kept in this browser.",
    unrestored: "This browser could not take back the progress your learning system keeps for you, so this visit is not sent to it: your learning system keeps what it had.",
    deleted: "You deleted the course's data in this browser. Your learning system keeps the progress it had; this visit is not sent to it.",
    omitted: "Your learning system has room for only part of your answers: those to {modules} stay in this browser only. Your status and scores in the learning system are complete."
  };

  /* The standard search: this window and the frames above it, then the window that
     opened it and the frames above that one. A frame of another origin is passed by. */
  function lookUp(win, name) {
    for (var i = 0; win && i < 500; i++) {
      try { if (win[name]) return win[name]; } catch (e) { /* another origin: look further up */ }
      if (win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }
  function find(name) {
    var found = lookUp(window, name);
    try { if (!found && window.opener) found = lookUp(window.opener, name); } catch (e) { found = null; }
    return found;
  }
  /* FNV-1a: a short, stable name for the learner's id; the id itself is not written down. */
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h.toString(36);
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function hhmmss(seconds) {      // SCORM 1.2's CMITimespan
    var s = Math.floor(seconds);
    return two(Math.min(Math.floor(s / 3600), 9999)) + ":" + two(Math.floor(s % 3600 / 60)) + ":" + two(s % 60);
  }
  function iso8601(seconds) {     // SCORM 2004's timeinterval
    var s = Math.floor(seconds);
    return "PT" + Math.floor(s / 3600) + "H" + Math.floor(s % 3600 / 60) + "M" + s % 60 + "S";
  }

  /* ---- a page in the frame: join the launch page's session ------------------------ */
  var version = root.getAttribute("data-ps-scorm-launch");
  if (!VERSIONS[version]) {
    var session = find(SESSION);
    if (session && typeof session.siteId === "string") cfg.siteId = session.siteId;
    return;
  }

  /* ---- the launch page: the session ---------------------------------------------- */
  var V = VERSIONS[version], api = find(V.api), started = Date.now();
  var live = false, trusted = false, finished = false, timer = null;
  var sent = Object.create(null), objectives = Object.create(null), objectiveCount = 0;

  function call(name, a, b) {
    try { return String(api[V[name]](a === undefined ? "" : a, b)); } catch (e) { return "false"; }
  }
  function get(element) {
    var value = call("get", element);
    return value === "false" && call("error") !== "0" ? "" : value;
  }
  /* Set a value once: an unchanged value is not sent again. True when the LMS took it. */
  function set(element, value) {
    value = String(value);
    if (sent[element] === value) return true;
    if (call("set", element, value) !== "true") return false;
    sent[element] = value;
    return true;
  }
  if (api) {
    live = call("init") === "true";
    if (live) {
      cfg.siteId = cfg.siteId + "-lms-" + hash(get(V.learner));
      window[SESSION] = { siteId: cfg.siteId };
    }
  }

  var homeLink = document.querySelector("[data-ps-scorm-opening] a");
  var home = homeLink ? homeLink.getAttribute("href") : "index.html";

  function note(text) {
    var box = document.querySelector("[data-ps-scorm-note]");
    if (!box) return;
    box.textContent = text;
    box.hidden = !text;
  }
  function openCourse() {
    var start = document.querySelector("[data-ps-scorm-start]"), opening = document.querySelector("[data-ps-scorm-opening]");
    if (!api) { window.location.replace(home); return; }   // no LMS: the course as it is anywhere
    var frame = document.createElement("iframe");
    frame.className = "ps-scorm-frame";
    frame.title = cfg.siteName || document.title;
    frame.src = home;
    frame.addEventListener("load", function () { try { frame.contentWindow.focus(); } catch (e) { /* leave focus */ } });
    if (opening) opening.parentNode.removeChild(opening);
    if (!start) { document.body.appendChild(frame); return; }
    start.classList.add("ps-scorm-open");     // the heading stays, for screen readers only
    start.appendChild(frame);
  }

  /* The learner's progress kept in the LMS, brought into this browser (transfer.js
     checks it against this course and merges it with what is here). */
  function restore() {
    var report = PS.scormReport, raw = get(V.suspend), data;
    try { data = report.decode(raw); } catch (e) {   // never expected: decode sets aside what it cannot read
      data = { modules: {}, place: null, aside: { "scorm:suspend_data": [raw] } };
    }
    if (!data) return Promise.resolve(PS.store.problem() !== "unavailable");
    return PS.load("transfer.js").then(function () {
      PS.transfer.importData(JSON.stringify({ format: "peer-support-learner-data", version: PS.VERSION,
        site: cfg.siteId, modules: data.modules, reflections: {}, corrupt: data.aside, place: data.place }));
      return report.landed(data) && PS.store.problem() !== "unavailable";
    }, function () { return false; });
  }

  function objective(m) {
    var n = objectives[m.id];
    if (n === undefined) {
      if (!set("cmi.objectives." + objectiveCount + ".id", m.id)) return;
      n = objectives[m.id] = objectiveCount++;
    }
    var at = "cmi.objectives." + n + ".";
    set(at + V.objectiveStatus, m.status);
    if (m.score !== null) {
      set(at + "score.min", "0");
      set(at + "score.max", "100");
      set(at + "score.raw", m.score);
      if (V.progress) set(at + "score.scaled", Math.round(m.score * 100) / 10000);
    }
    if (V.progress) set(at + V.progress, m.progress);
  }
  /* Tell the LMS where the learner is, then commit. */
  function report() {
    window.clearTimeout(timer);
    if (!trusted) return;
    var r = PS.scormReport.report(V.limit);
    set(V.status, r.complete ? "completed" : "incomplete");
    if (r.score !== null) {
      set(V.score + "min", "0");
      set(V.score + "max", "100");
      set(V.score + "raw", r.score);
      if (V.progress) set(V.score + "scaled", Math.round(r.score * 100) / 10000);
    }
    if (V.progress) set("cmi." + V.progress, r.progress);
    if (r.place) set(V.location, r.place);
    r.modules.forEach(objective);
    set(V.suspend, r.suspend);
    note(r.omitted.length ? NOTES.omitted.replace("{modules}", r.omitted.join(", ")) : "");
    call("commit");
  }
  function finish() {
    if (finished) return;
    finished = true;
    report();
    set(V.exit, "suspend");      // the LMS keeps the suspend data for the next launch
    set(V.time, V.duration((Date.now() - started) / 1000));
    call("commit");
    call("finish");
  }
  /* A page in the frame stored something: a module record or the place is reported
     soon after (one report for a burst of writes); anything deleted stops reporting. */
  function stored(ev) {
    var prefix = PS.PREFIX, key = ev.key;
    if (key !== null && key.indexOf(prefix) !== 0) return;
    var rest = key === null ? null : key.slice(prefix.length);
    if (rest !== null && rest.indexOf("module:") !== 0 && rest !== "place:last") return;
    if (ev.newValue === null) {
      trusted = false;
      note(NOTES.deleted);
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(report, REPORT_AFTER);
  }

  function start() {
    if (!live) {
      if (api) note(NOTES.offline);
      openCourse();
      return;
    }
    var opening = document.querySelector("[data-ps-scorm-opening]");
    if (opening) opening.textContent = "Opening the course\u2026";   // leaving this page would end the session
    var count = parseInt(get("cmi.objectives._count"), 10) || 0;
    for (var n = 0; n < count; n++) objectives[get("cmi.objectives." + n + ".id")] = n;
    objectiveCount = count;
    window.addEventListener("pagehide", finish);
    restore().catch(function () { return false; }).then(function (ok) {   // the course opens whatever happens
      trusted = ok;
      if (ok) report(); else note(NOTES.unrestored);
      window.addEventListener("storage", stored);
      openCourse();
    });
  }
  // Once the deferred scripts after this one (the components, scorm-report.js) have run.
  if (document.readyState === "complete") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
