/* What the learning management system is told (the SCORM package's launch page
 * only; scorm.js tells it): completion by the course's own model (status.js: a
 * module is complete when every question of its self-check has an answer, the
 * course when every module is), the score (the share of the course's questions
 * answered right at the first try, 0 to 100), each module as an objective (its
 * status, its first-try score, its share answered), and the learner's progress as
 * suspend data, so another device can resume it.
 *
 * The suspend data holds the module records (the self-check answers that count,
 * when a module was opened and completed, the checks made, the best score) and the
 * module opened last, never reflections or anything else. It is compact, to fit
 * SCORM 1.2's 4,096 characters (the whole course, every question answered, takes
 * 2,400 to 3,000: tests/test_scorm_data.py):
 *
 *   p1~<module opened last>.<when>~<module>;<module>;...
 *   module: <id>,<opened>,<completed>,<checks>,<best score>:<of>,<answer>.<answer>...
 *   answer: the first 4 characters of the question's revision, a digit (1: right,
 *           +2: right at the first try), then the options chosen ("ac", or the step
 *           positions "3142"; "_1_12_3" when one is longer than a character)
 *
 * Dates are minutes since 1970 and numbers in base 36. An answer is matched back
 * to its question by revision, so a question moved within its module keeps its
 * answer; an answer to a question rewritten since does not count here, as on the
 * device, and is not restored. If the records would not fit, those of the last
 * modules are left out (report().omitted, which the launch page names): they stay
 * in this browser, and the status, scores and objectives still cover every module.
 * Suspend data that cannot be read, wholly or in part, is kept aside in this
 * browser (storage.js), never dropped. */
(function () {
  "use strict";
  var PS = window.PS, store = PS.store, status = PS.status;
  var FORMAT = "p1", TAG = 4, MINUTE = 60000;
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/, NUMBER = /^[0-9a-z]{1,8}$/, ANSWER = /^([0-9a-f]{4})([0-3])(.+)$/;
  var MAX_ATTEMPTS = 1e6, MAX_TOTAL = 1000, ASIDE = "scorm:";

  function has(o, k) { return !!o && Object.prototype.hasOwnProperty.call(o, k); }
  function share(part, whole) { return Math.round(10000 * part / whole) / 100; }   // 0 to 100, two places

  /* ---- what the LMS records ------------------------------------------------------- */
  function report(limit) {
    var ids = PS.cfg.modules || [], total = 0, first = 0, answered = 0, done = 0, records = [];
    var modules = ids.map(function (id) {
      var rec = store.read("module", id), st = status.of(id, rec);
      total += st.total;
      first += st.first;
      answered += st.answered;
      if (st.complete) done++;
      if (rec) records.push([id, rec]);
      return { id: id, status: !st.opened ? "not attempted" : st.complete ? "completed" : "incomplete",
        score: st.answered ? share(st.first, st.total) : null,
        progress: st.total ? Math.round(10000 * st.answered / st.total) / 10000 : st.opened ? 1 : 0 };
    });
    var place = store.readPlace(), packed = encode(records, place, limit);
    return { complete: ids.length > 0 && done === ids.length,
      progress: ids.length ? Math.round(10000 * done / ids.length) / 10000 : 0,
      score: answered ? share(first, total) : null, modules: modules,
      place: place && ids.indexOf(place.module) >= 0 ? place.module : "",
      suspend: packed.text, omitted: packed.omitted };
  }

  /* ---- suspend data: writing ------------------------------------------------------- */
  function when(iso) {
    if (iso === "earlier") return "e";     // a version 1 record: opened, date not kept
    var t = typeof iso === "string" ? Date.parse(iso) : NaN;
    return isNaN(t) ? "" : Math.floor(t / MINUTE).toString(36);
  }
  function chosenText(chosen) {
    var short = chosen.every(function (c) { return c.length === 1; });
    return short ? chosen.join("") : "_" + chosen.join("_");
  }
  function moduleText(id, rec) {
    var answers = [];
    status.fromConfig(id).forEach(function (d) {
      var a = status.current(d, has(rec.answers, d.id) ? rec.answers[d.id] : null);
      if (a) answers.push(String(d.rev || "").slice(0, TAG) + ((a.correct ? 1 : 0) + (status.firstTry(a) ? 2 : 0)) + chosenText(a.chosen));
    });
    var best = rec.best ? rec.best.score.toString(36) + ":" + rec.best.total.toString(36) : "";
    return [id, when(rec.visited), when(rec.completed), rec.attempts.toString(36), best, answers.join(".")].join(",");
  }
  function encode(records, place, limit) {
    var head = FORMAT + "~" + (place && ID.test(place.module) ? place.module + "." + when(place.at) : "") + "~";
    var text = head, omitted = [];
    records.forEach(function (pair) {
      var part = (text === head ? "" : ";") + moduleText(pair[0], pair[1]);
      if (text.length + part.length > limit) omitted.push(pair[0]);
      else text += part;
    });
    return { text: text, omitted: omitted };
  }

  /* ---- suspend data: reading (it comes from outside: every part is checked) ------- */
  function date(text) {
    if (text === "e") return "earlier";
    if (!text) return null;
    var t = NUMBER.test(text) ? new Date(parseInt(text, 36) * MINUTE) : null;
    if (!t || isNaN(t.getTime())) throw new Error("date");     // not a date, or past the year 275760
    return t.toISOString();
  }
  function count(text, max) {
    if (!NUMBER.test(text)) throw new Error("count");
    var n = parseInt(text, 36);
    if (n > max) throw new Error("count");
    return n;
  }
  function bestOf(text) {
    if (!text) return null;
    var parts = text.split(":");
    if (parts.length !== 2) throw new Error("best");
    var best = { score: count(parts[0], MAX_TOTAL), total: count(parts[1], MAX_TOTAL) };
    if (best.score > best.total) throw new Error("best");
    return best;
  }
  /* An answer, matched to the first question not yet answered with this revision tag;
     null when it answers no question of this version or is not one this course writes. */
  function answerOf(token, questions, taken) {
    var m = ANSWER.exec(token);
    if (!m) return null;
    var chosen = m[3].charAt(0) === "_" ? m[3].slice(1).split("_") : m[3].split("");
    var d = questions.filter(function (q) { return !taken[q.id] && String(q.rev || "").slice(0, TAG) === m[1]; })[0];
    var fits = d && chosen.length > 0 && chosen.every(function (c, i) {
      return d.offered.indexOf(c) >= 0 && chosen.indexOf(c) === i;
    });
    if (!fits || (d.ordered && chosen.length !== d.offered.length)) return null;
    var flags = +m[2], correct = status.grade(d, chosen);
    if (correct !== !!(flags & 1)) return null;     // it must grade as it did
    taken[d.id] = true;
    return { id: d.id, answer: { chosen: chosen, correct: correct, rev: d.rev, first: !!(flags & 2) } };
  }
  function moduleOf(text, aside) {
    var f = text.split(",");
    if (f.length !== 6 || !ID.test(f[0]) || (PS.cfg.modules || []).indexOf(f[0]) < 0) throw new Error("module");
    var rec = { v: PS.VERSION, visited: date(f[1]), attempts: count(f[3], MAX_ATTEMPTS), best: bestOf(f[4]), answers: {} };
    var completed = date(f[2]);
    if (completed && completed !== "earlier") rec.completed = completed;
    var questions = status.fromConfig(f[0]), taken = {}, stray = [];
    (f[5] ? f[5].split(".") : []).forEach(function (token) {
      var found = answerOf(token, questions, taken);
      if (found) rec.answers[found.id] = found.answer; else stray.push(token);
    });
    if (stray.length) (aside[ASIDE + f[0]] = aside[ASIDE + f[0]] || []).push(stray.join("."));
    return [f[0], rec];
  }
  /* {modules, place, aside} to bring in (transfer.js's importData), or null for none. */
  function decode(raw) {
    if (!raw) return null;
    var out = { modules: {}, place: null, aside: {} };
    var parts = String(raw).split("~");
    if (parts.length !== 3 || parts[0] !== FORMAT) {
      out.aside[ASIDE + "suspend_data"] = [String(raw)];
      return out;
    }
    var place = /^([a-z0-9-]+)\.([0-9a-z]*)$/.exec(parts[1]);
    try {
      if (place && (PS.cfg.modules || []).indexOf(place[1]) >= 0) {
        out.place = { v: 1, module: place[1], at: place[2] ? date(place[2]) : null };
      } else if (parts[1]) throw new Error("place");
    } catch (e) {
      out.aside[ASIDE + "place"] = [parts[1]];
    }
    (parts[2] ? parts[2].split(";") : []).forEach(function (text) {
      try {
        var pair = moduleOf(text, out.aside);
        out.modules[pair[0]] = pair[1];
      } catch (e) {
        var key = ASIDE + (text.split(",")[0] || "module");
        (out.aside[key] = out.aside[key] || []).push(text);
      }
    });
    return out;
  }
  /* Whether what decode() found is now in this browser's store. */
  function landed(data) {
    return Object.keys(data.modules).every(function (id) {
      var r = store.read("module", id);
      return !!r && Object.keys(data.modules[id].answers).every(function (q) { return has(r.answers, q); });
    });
  }

  PS.scormReport = { report: report, encode: encode, decode: decode, landed: landed };
})();
