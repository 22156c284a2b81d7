/* One answer to "how far is the trainee with this module?", used by every page
 * that says it: the self-check and its end panel, home and "Continue", the
 * progress page and the navigation marks, and the record of learning.
 * A module is complete when every question of its self-check, as it is now, has
 * an answer (the first-try score is kept beside it); mastered when every one of
 * those answers is right. A module without a self-check is complete once opened.
 * Apart from these, a module is practised when every practice exercise is done.
 * See AUTHORING.md, "Learner data in the browser". */
(function () {
  "use strict";
  var PS = window.PS, store = PS.store;

  function has(o, k) { return !!o && Object.prototype.hasOwnProperty.call(o, k); }
  function strings(x) { return Array.isArray(x) && x.every(function (c) { return typeof c === "string"; }); }

  /* A module's questions as this build wrote them into config.js:
     {id, rev, offered: [choices], right: [keys in order when ordered], ordered}. */
  function fromConfig(id) {
    var rows = has(PS.cfg.questions, id) && Array.isArray(PS.cfg.questions[id]) ? PS.cfg.questions[id] : [];
    var choices = has(PS.cfg.choices, id) ? PS.cfg.choices[id] : {};
    return rows.map(function (row) {
      var ordered = typeof row[2] === "number", right = [];
      if (ordered) { for (var i = 1; i <= row[2]; i++) right.push(String(i)); } else right = row[2] || [];
      return { id: row[0], rev: row[1], ordered: ordered, right: right,
        offered: has(choices, row[0]) ? choices[row[0]] : right };
    });
  }
  function grade(d, chosen) {
    if (d.ordered) return chosen.length === d.right.length && chosen.every(function (c, i) { return c === d.right[i]; });
    return chosen.length === d.right.length && chosen.every(function (c) { return d.right.indexOf(c) >= 0; });
  }
  /* The saved answer `a` if it answered this version of question `d`, else null. An answer
     saved before revisions existed counts while it still grades as it did. */
  function current(d, a) {
    if (!a || typeof a !== "object" || !strings(a.chosen) || !a.chosen.length) return null;
    if (a.rev) return a.rev === d.rev ? a : null;
    var known = a.chosen.every(function (c) { return d.offered.indexOf(c) >= 0; }) &&
      (!d.ordered || a.chosen.length === d.offered.length);
    return known && grade(d, a.chosen) === !!a.correct ? a : null;
  }
  /* Right at the first try: kept as "first" since version 2.2; an older answer stands for it. */
  function firstTry(a) { return typeof a.first === "boolean" ? a.first : !!a.correct; }

  /* A module's status. `rec` defaults to the stored record, `questions` to config.js's. */
  function of(id, rec, questions) {
    if (rec === undefined) rec = store.read("module", id);
    var qs = questions || fromConfig(id), total = qs.length, answers = rec && rec.answers || {};
    var st = { id: id, total: total, opened: !!(rec && rec.visited), answered: 0, right: 0, first: 0,
      unanswered: [], complete: false, mastered: false, firstKnown: true, completed: null };
    qs.forEach(function (d) {
      var a = current(d, has(answers, d.id) ? answers[d.id] : null);
      if (!a) { st.unanswered.push(d.id); return; }
      st.answered++;
      if (a.correct) st.right++;
      if (firstTry(a)) st.first++;
    });
    if (st.answered) st.opened = true;
    // Before answers were kept, a module was complete with a best score of every question
    // from a self-check of this size: that still counts, with no first-try score.
    var best = rec && rec.best, earlier = !!best && st.opened && total > 0 && st.answered < total &&
      best.score === total && best.total === total;
    st.complete = total ? st.answered === total || earlier : st.opened;
    st.mastered = st.complete && (!total || earlier || st.right === total);
    if (earlier) { st.firstKnown = false; st.right = total; }
    if (st.complete) st.completed = rec.completed || (total ? null : rec.visited);
    return st;
  }
  function isComplete(id, rec) { return of(id, rec).complete; }

  /* The status in words, the same on every page. */
  function text(st) {
    var t = st.total;
    if (!st.opened) return "Not started";
    if (!st.complete) return "In progress: " + st.answered + " of " + t + " questions answered";
    if (!t) return "Complete ✓";
    var first = st.firstKnown ? st.first + " of " + t + " right first time" : "first-try score not recorded";
    return st.mastered ? "Mastered ✓: all " + t + " right (" + first + ")" :
      "Complete ✓: all " + t + " answered, " + first;
  }
  /* The status in a word or two, as a tag. */
  function tag(st) {
    return !st.opened ? "Not started" : !st.complete ? "In progress" : st.mastered && st.total ? "Mastered ✓" : "Complete ✓";
  }
  /* The first-try score as a record of learning or the progress page gives it. */
  function score(st) {
    if (!st.total) return "No self-check";
    if (!st.firstKnown) return st.right + " of " + st.total + " right (first-try score not recorded)";
    return st.first + " of " + st.total + " right first time";
  }

  /* What to do next: the module opened last while it is not complete, else the first
     module after it (then from the start) that is not; null when every one is. */
  function next(last) {
    var ids = PS.cfg.modules || [], at = ids.indexOf(last);
    if (at >= 0 && !of(last).complete) return { id: last, resume: true };
    for (var i = 1; i <= ids.length; i++) {
      var id = ids[(Math.max(at, 0) + i - (at < 0 ? 1 : 0)) % ids.length];
      if (!of(id).complete) return { id: id, resume: false };
    }
    return null;
  }

  /* Practice (issue 26), kept apart from completion: a module is practised when every
     exercise of its practice file is done (practicedata.js says when one is). */
  function practice(id) {
    var list = has(PS.cfg.practice, id) && Array.isArray(PS.cfg.practice[id]) ? PS.cfg.practice[id] : [];
    var done = list.filter(function (ex) { return PS.practiceData.isDone(store.read("practice", ex[0])); }).length;
    return { id: id, total: list.length, done: done, practised: list.length > 0 && done === list.length };
  }
  function practiceText(p) {
    return !p.total ? "No practice" : p.practised ? "Practised ✓" : p.done + " of " + p.total + " exercises done";
  }

  PS.status = { of: of, text: text, tag: tag, score: score, next: next, current: current, grade: grade,
    fromConfig: fromConfig, isComplete: isComplete, firstTry: firstTry, practice: practice,
    practiceText: practiceText };
  /* A module's status as a self-check results file carries it to a facilitator (the
     cohort page reads the answers and works it out again with `of`). */
  PS.status.summary = function (st) {
    return { complete: st.complete, mastered: st.mastered, answered: st.answered, total: st.total,
      firstTry: st.firstKnown ? st.first : null, completed: st.completed };
  };
})();
