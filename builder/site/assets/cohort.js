/* The cohort page (facilitator edition): the self-check results files that
 * trainees hand in are read here, in the page (FileReader; nothing is
 * uploaded), one trainee a learner whatever the files are called
 * (cohortgrid.js), and the page shows each trainee's modules, and how the group
 * did per question and per competency, with classical item statistics, for
 * every module or one. An answer counts only while it answered the question as
 * it is now (status.js's current(), as on the trainee's own pages); answers to
 * an earlier version count nowhere, and the page says how many it set apart.
 * builder/pages/insights.py computes the same figures for the notebook with the
 * same operations in the same order; a test holds the two to each other. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, el = PS.el, say = PS.say;

  /* ---- the figures (as builder/pages/insights.py) ---------------------------------- */
  function percent(part, whole) { return whole ? Math.floor((200 * part + whole) / (2 * whole)) : 0; }
  function twoPlaces(x) { return x === null ? "n/a" : x.toFixed(2); }
  function byKey(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function pearson(pairs, minPairs) {
    var n = pairs.length, mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0, i;
    if (n < minPairs) return null;
    for (i = 0; i < n; i++) mx += pairs[i][0];
    for (i = 0; i < n; i++) my += pairs[i][1];
    mx /= n; my /= n;
    for (i = 0; i < n; i++) {
      sxy += (pairs[i][0] - mx) * (pairs[i][1] - my);
      sxx += (pairs[i][0] - mx) * (pairs[i][0] - mx);
      syy += (pairs[i][1] - my) * (pairs[i][1] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
  }
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isObject(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  /* One trainee's answers that count (to questions of this course, as they are now), by
     question id, and how many answers to an earlier version of a question were set apart. */
  function answersOf(data, questions) {
    var out = {}, earlier = 0, modules = isObject(data.modules) ? data.modules : {};
    Object.keys(modules).forEach(function (mid) {
      var answers = PS.cohort.answers(modules[mid]);
      Object.keys(answers).forEach(function (qid) {
        var a = answers[qid];
        if (!own(questions, qid) || !a.chosen.length) return;
        if (PS.status.current(questions[qid].d, a)) out[qid] = a; else earlier++;
      });
    });
    return { answers: out, earlier: earlier };
  }
  /* The figures for `module` (every module when it is ""); a trainee's rest score always
     spans every module they handed in. */
  function analyse(course, results, module) {
    var questions = {}, stats = {}, order = [], trainees = [], earlier = 0;
    course.modules.forEach(function (m) {
      var now = {};  // each question as this build grades it (config.js), as status.js reads it
      PS.status.fromConfig(m.id).forEach(function (d) { now[d.id] = d; });
      m.questions.forEach(function (q) { questions[q.id] = { q: q, module: m, d: now[q.id] }; });
    });
    results.forEach(function (data) {
      var got = answersOf(data, questions), answers = got.answers, ids = Object.keys(answers), score = 0;
      earlier += got.earlier;
      trainees.push(answers);
      ids.forEach(function (qid) { if (answers[qid].correct) score++; });
      ids.forEach(function (qid) {
        var a = answers[qid], right = a.correct ? 1 : 0, s = stats[qid];
        if (!s) { s = stats[qid] = { answered: 0, correct: 0, wrong: {}, pairs: [] }; order.push(qid); }
        s.answered++;
        s.correct += right;
        if (!right) {
          a.chosen.forEach(function (key) {
            if (own(questions[qid].q.wrong, key)) s.wrong[key] = (s.wrong[key] || 0) + 1;
          });
        }
        if (ids.length > 1) s.pairs.push([right, (score - right) / (ids.length - 1)]);
      });
    });
    var rows = order.map(function (qid) {
      var s = stats[qid], info = questions[qid], common = "", count = 0;
      Object.keys(s.wrong).sort(byKey).forEach(function (k) { if (s.wrong[k] > count) { common = k; count = s.wrong[k]; } });
      return { id: qid, q: info.q, module: info.module, answered: s.answered, correct: s.correct,
        percent: percent(s.correct, s.answered), wrong: common ? info.q.wrong[common] : "", wrongCount: count,
        discrimination: pearson(s.pairs, course.minPairs) };
    });
    rows = rows.filter(function (r) { return !module || r.module.id === module; });
    rows.sort(function (a, b) { return a.percent - b.percent || byKey(a.module.id, b.module.id) || byKey(a.id, b.id); });
    var found = {};
    rows.forEach(function (r) { found[r.id] = r; });
    var competencies = [];
    course.competencies.forEach(function (c) {
      var tagged = [], seen = [];
      course.modules.forEach(function (m) {
        if (module && m.id !== module) return;
        m.questions.forEach(function (q) { if (q.competencies.indexOf(c.id) >= 0) tagged.push(q.id); });
      });
      tagged.forEach(function (qid) { if (found[qid]) seen.push(found[qid]); });
      if (!seen.length) return;
      var answered = 0, correct = 0, sample = 0;
      seen.forEach(function (r) { answered += r.answered; correct += r.correct; });
      trainees.forEach(function (answers) {
        if (tagged.some(function (qid) { return own(answers, qid); })) sample++;
      });
      competencies.push({ c: c, questions: tagged.length, trainees: sample, answered: answered, correct: correct,
        percent: percent(correct, answered), ranked: answered >= course.minRank });
    });
    // Ranked only on enough answers (hardest first); the others after, in course order.
    var ranked = competencies.filter(function (r) { return r.ranked; });
    ranked.sort(function (a, b) { return a.percent - b.percent || byKey(a.c.id, b.c.id); });
    return { questions: rows, trainees: results.length, earlier: earlier,
      competencies: ranked.concat(competencies.filter(function (r) { return !r.ranked; })) };
  }
  /* Said under "Questions to look at again" when none is listed (as insights.py's look_again_note). */
  function lookAgainNote(rows, trainees, course) {
    var figures = rows.filter(function (r) { return r.discrimination !== null; }).length, rest = rows.length - figures;
    if (!figures && trainees < course.minPairs) {
      return "Not computed: a discrimination figure needs the results of at least " + course.minPairs +
        " trainees who answered the question, and " + trainees + (trainees === 1 ? " trainee was" : " trainees were") + " read.";
    }
    if (!figures) {
      return "Not computed for any question: each needs at least " + course.minPairs +
        " trainees who answered it and other questions, and answers that differ.";
    }
    return "None of the " + figures + " question" + (figures === 1 ? "" : "s") + " with a figure " +
      (figures === 1 ? "was" : "were") + " missed more often by trainees who did well elsewhere." +
      (rest ? " " + rest + " other question" + (rest === 1 ? "" : "s") + " had too few answers, or answers all alike, for a figure." : "");
  }
  /* Said after what was read when answers to an earlier version of a question were set apart
     (as insights.py's earlier_note). */
  function earlierNote(n) {
    return n + " answer" + (n === 1 ? "" : "s") + " to an earlier version of a question " + (n === 1 ? "is" : "are") +
      " not counted (the question has changed since).";
  }

  /* ---- the page --------------------------------------------------------------- */
  function cell(row, text, header) {
    var c = el(header ? "th" : "td", null, text);
    if (header) c.scope = "row";
    row.appendChild(c);
    return c;
  }
  /* "6. Module title", then "Question 3: its first sentence", linked to the answer key. */
  function describe(parent, r) {
    var a = el("a", null, "Question " + r.q.n + ": " + r.q.prompt);
    a.href = r.module.answers + "#" + r.id;
    parent.appendChild(el("span", "ps-cohort-module", r.module.label));
    parent.appendChild(a);
    return parent;
  }
  function show(root, course, trainees, module) {
    var results = trainees.map(function (t) { return t.data; });
    var out = analyse(course, results, module), flagged = $("[data-ps-cohort-flagged]", root);
    var qbody = $("[data-ps-cohort-questions] tbody", root), cbody = $("[data-ps-cohort-competencies] tbody", root);
    qbody.textContent = ""; cbody.textContent = ""; flagged.textContent = "";
    PS.cohort.showGrid($("[data-ps-cohort-grid]", root), course, trainees, module);
    out.questions.forEach(function (r) {
      var tr = el("tr");
      tr.dataset.qid = r.id;
      describe(cell(tr, "", true), r);
      cell(tr, String(r.answered));
      cell(tr, String(r.correct));
      cell(tr, r.percent + "%");
      cell(tr, twoPlaces(r.discrimination));
      cell(tr, r.wrong ? r.wrong + " (" + r.wrongCount + ")" : "");
      if (r.discrimination !== null && r.discrimination < course.flagBelow) {
        tr.classList.add("ps-flagged");
        var li = describe(el("li"), r);
        li.appendChild(document.createTextNode(": discrimination " + twoPlaces(r.discrimination) + ", " + r.percent + "% right."));
        flagged.appendChild(li);
      }
      qbody.appendChild(tr);
    });
    if (!flagged.children.length) flagged.appendChild(el("li", null, lookAgainNote(out.questions, results.length, course)));
    var rank = 0;
    out.competencies.forEach(function (r) {
      var tr = el("tr");
      tr.dataset.competency = r.c.id;
      cell(tr, r.c.id + " " + r.c.text, true);
      cell(tr, String(r.questions));
      cell(tr, String(r.trainees));
      cell(tr, String(r.answered));
      cell(tr, String(r.correct));
      cell(tr, r.percent + "%");
      cell(tr, r.ranked ? String(++rank) : "Not ranked: fewer than " + course.minRank + " answers");
      cbody.appendChild(tr);
    });
    return out;
  }
  function read(file) {
    return new Promise(function (resolve) {
      var reader = new FileReader();
      reader.onload = function () { resolve(String(reader.result)); };
      reader.onerror = function () { resolve(null); };
      reader.readAsText(file);
    });
  }
  /* A file in the list: who it is from, or why it was not read. */
  function describeFile(f, kept) {
    if (f.note) return f.file + ": " + f.note;
    var t = f.trainee;
    if (kept.indexOf(t) < 0) return f.file + ": set aside, the same trainee is read from another file";
    if (t.id) return f.file + ": " + (t.name || "no name given") + ", code " + t.code;
    return f.file + ": an older results file, with no name or code";
  }
  function initCohort(root) {
    var course;
    try { course = JSON.parse($("[data-ps-cohort-data]", root).textContent); } catch (e) { return; }
    // Every file chosen, in the order read; never keyed by its name (one day's files share one).
    var files = [], out = null, trainees = [], input = $("[data-ps-cohort-input]", root), zone = $("[data-ps-drop]", root);
    var status = $("[data-ps-cohort-status]", root), list = $("[data-ps-cohort-files]", root);
    var filter = $("[data-ps-cohort-module]", root);
    course.modules.forEach(function (m) {
      var option = el("option", null, m.label);
      option.value = m.id;
      filter.appendChild(option);
    });
    root.hidden = false;

    function update() {
      var read = [], skipped = [];
      files.forEach(function (f) { if (f.note) skipped.push(f.file + ": " + f.note); else read.push(f.trainee); });
      var apart = PS.cohort.setApart(read);
      trainees = apart.trainees;
      list.textContent = "";
      files.forEach(function (f) {
        var text = describeFile(f, trainees), li = el("li", null, text + " ");
        var b = el("button", "md-button ps-cohort-remove", "Remove");
        b.type = "button";
        b.setAttribute("aria-label", "Remove " + text);
        b.onclick = function () {
          files.splice(files.indexOf(f), 1);
          say(status, "Removed " + f.file + ". " + update());
          $("[data-ps-cohort-choose]", root).focus();  // the button is gone
        };
        li.appendChild(b);
        list.appendChild(li);
      });
      $("[data-ps-cohort-results]", root).hidden = !trainees.length;
      out = trainees.length ? show(root, course, trainees, filter.value) : null;
      var text = PS.cohort.summary(trainees, apart.aside, skipped);
      return out && out.earlier ? text + " " + earlierNote(out.earlier) : text;
    }
    /* A file's name as the page shows it: the second of one name is "name (2)". */
    function shown(name) {
      var same = files.filter(function (f) { return f.name === name; }).length;
      return same ? name + " (" + (same + 1) + ")" : name;
    }
    function add(fileList) {
      var chosen = Array.prototype.slice.call(fileList || []);
      if (!chosen.length) return;
      Promise.all(chosen.map(read)).then(function (texts) {
        texts.forEach(function (text, i) {
          var data = null, note = "", name = shown(String(chosen[i].name));
          try { data = JSON.parse(text); } catch (e) { note = "not a JSON file"; }
          if (!note && (!isObject(data) || data.format !== course.format)) note = "not a self-check results file";
          files.push({ name: String(chosen[i].name), file: name, note: note, trainee: note ? null : PS.cohort.trainee(name, text, data) });
        });
        say(status, update());
      });
    }
    function download(kind) {
      var module = filter.value ? filter.value + "-" : "";
      var text = kind === "grid" ? PS.cohort.gridCsv(course, trainees, filter.value) : PS.cohort.questionsCsv(out.questions, course.flagBelow);
      PS.download("cohort-" + kind + "-" + module + PS.today() + ".csv", "text/csv", text);
    }
    $("[data-ps-cohort-choose]", root).onclick = function () { input.click(); };
    input.onchange = function () { add(input.files); input.value = ""; };
    zone.addEventListener("dragover", function (ev) { ev.preventDefault(); zone.classList.add("ps-drop-over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("ps-drop-over"); });
    zone.addEventListener("drop", function (ev) {
      ev.preventDefault();
      zone.classList.remove("ps-drop-over");
      add(ev.dataTransfer && ev.dataTransfer.files);
    });
    filter.onchange = function () { if (trainees.length) out = show(root, course, trainees, filter.value); };
    $("[data-ps-cohort-grid-csv]", root).onclick = function () { download("grid"); };
    $("[data-ps-cohort-questions-csv]", root).onclick = function () { download("questions"); };
    $("[data-ps-cohort-print]", root).onclick = function () { window.print(); };
    $("[data-ps-cohort-clear]", root).onclick = function () {
      files = [];
      update();
      say(status, "Cleared. No results files are open.");
      $("[data-ps-cohort-choose]", root).focus();
    };
  }

  /* The trainees and their grid are a file of their own (cohortgrid.js), loaded first. */
  PS.onPage(function () {
    var roots = $$("[data-ps-cohort]");
    if (!roots.length) return;
    PS.load("cohortgrid.js").then(function () { roots.forEach(initCohort); }, function () {
      roots.forEach(function (root) {
        root.hidden = false;
        say($("[data-ps-cohort-status]", root), "This page could not load what it needs to read results files. Reload it to try again.");
      });
    });
  });
})();
