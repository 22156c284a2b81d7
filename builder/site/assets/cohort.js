/* The cohort page (facilitator edition): the self-check results files that
 * trainees hand in are read here, in the page (FileReader; nothing is
 * uploaded), and the page shows how the group did per question and per
 * competency, with classical item statistics. builder/pages/insights.py computes
 * the same figures for the notebook with the same operations in the same
 * order; a test holds the two to each other. */
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
  /* One trainee's answers to questions of this course, by question id. */
  function answersOf(data, questions) {
    var out = {}, modules = isObject(data.modules) ? data.modules : {};
    Object.keys(modules).forEach(function (mid) {
      var rec = modules[mid], answers = isObject(rec) && isObject(rec.answers) ? rec.answers : {};
      Object.keys(answers).forEach(function (qid) {
        var a = answers[qid];
        if (own(questions, qid) && isObject(a) && typeof a.correct === "boolean") out[qid] = a;
      });
    });
    return out;
  }
  function analyse(course, results) {
    var questions = {}, tags = {}, stats = {}, order = [];
    course.modules.forEach(function (m) {
      m.questions.forEach(function (q) { questions[q.id] = { q: q, module: m }; });
    });
    results.forEach(function (data) {
      var answers = answersOf(data, questions), ids = Object.keys(answers), score = 0;
      ids.forEach(function (qid) { if (answers[qid].correct) score++; });
      ids.forEach(function (qid) {
        var a = answers[qid], right = a.correct ? 1 : 0, s = stats[qid];
        if (!s) { s = stats[qid] = { answered: 0, correct: 0, wrong: {}, pairs: [] }; order.push(qid); }
        s.answered++;
        s.correct += right;
        if (!right && Array.isArray(a.chosen)) {
          a.chosen.forEach(function (key) {
            key = String(key);
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
    rows.sort(function (a, b) { return a.percent - b.percent || byKey(a.module.id, b.module.id) || byKey(a.id, b.id); });
    var found = {};
    rows.forEach(function (r) { found[r.id] = r; });
    var competencies = [];
    course.competencies.forEach(function (c) {
      var tagged = [], seen = [];
      course.modules.forEach(function (m) {
        m.questions.forEach(function (q) { if (q.competencies.indexOf(c.id) >= 0) tagged.push(q.id); });
      });
      tagged.forEach(function (qid) { if (found[qid]) seen.push(found[qid]); });
      if (!seen.length) return;
      var answered = 0, correct = 0;
      seen.forEach(function (r) { answered += r.answered; correct += r.correct; });
      competencies.push({ c: c, questions: tagged.length, answered: answered, correct: correct, percent: percent(correct, answered) });
    });
    competencies.sort(function (a, b) { return a.percent - b.percent || byKey(a.c.id, b.c.id); });
    return { questions: rows, competencies: competencies };
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
  function show(root, course, results) {
    var out = analyse(course, results), flagged = $("[data-ps-cohort-flagged]", root);
    var qbody = $("[data-ps-cohort-questions] tbody", root), cbody = $("[data-ps-cohort-competencies] tbody", root);
    qbody.textContent = ""; cbody.textContent = ""; flagged.textContent = "";
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
    if (!flagged.children.length) flagged.appendChild(el("li", null, "None: no question was missed more often by trainees who did well elsewhere."));
    out.competencies.forEach(function (r) {
      var tr = el("tr");
      tr.dataset.competency = r.c.id;
      cell(tr, r.c.id + " " + r.c.text, true);
      cell(tr, String(r.questions));
      cell(tr, String(r.answered));
      cell(tr, String(r.correct));
      cell(tr, r.percent + "%");
      cbody.appendChild(tr);
    });
    return out;
  }
  /* Each module's complete and mastered counts, by the status model (status.js) applied to
     each file's record of the module, never by what a file says of itself. */
  function showModules(root, course, results) {
    var body = $("[data-ps-cohort-modules] tbody", root);
    body.textContent = "";
    course.modules.forEach(function (m) {
      var handed = 0, complete = 0, mastered = 0;
      results.forEach(function (data) {
        var rec = isObject(data.modules) && own(data.modules, m.id) && isObject(data.modules[m.id]) ? data.modules[m.id] : null;
        if (!rec) return;
        var st = PS.status.of(m.id, rec);
        handed++;
        if (st.complete) complete++;
        if (st.mastered) mastered++;
      });
      if (!handed) return;
      var tr = el("tr");
      tr.dataset.module = m.id;
      cell(tr, m.label, true);
      cell(tr, String(handed));
      cell(tr, String(complete));
      cell(tr, String(mastered));
      body.appendChild(tr);
    });
  }
  function read(file) {
    return new Promise(function (resolve) {
      var reader = new FileReader();
      reader.onload = function () { resolve(String(reader.result)); };
      reader.onerror = function () { resolve(null); };
      reader.readAsText(file);
    });
  }
  function initCohort(root) {
    var course;
    try { course = JSON.parse($("[data-ps-cohort-data]", root).textContent); } catch (e) { return; }
    var files = {}, input = $("[data-ps-cohort-input]", root), zone = $("[data-ps-drop]", root);
    var status = $("[data-ps-cohort-status]", root), list = $("[data-ps-cohort-files]", root);
    root.hidden = false;

    function update() {
      var names = Object.keys(files).sort(byKey), results = [], notes = [];
      list.textContent = "";
      names.forEach(function (name) {
        var f = files[name], li = el("li", null, name + (f.note ? ": " + f.note : "") + " ");
        var b = el("button", "md-button ps-cohort-remove", "Remove");
        b.type = "button";
        b.setAttribute("aria-label", "Remove " + name);
        b.onclick = function () {
          delete files[name];
          say(status, "Removed " + name + ". " + update());
          $("[data-ps-cohort-choose]", root).focus();  // the button is gone
        };
        li.appendChild(b);
        list.appendChild(li);
        if (f.note) notes.push(name + ": " + f.note); else results.push(f.data);
      });
      $("[data-ps-cohort-results]", root).hidden = !results.length;
      var out = results.length ? show(root, course, results) : null;
      if (out) showModules(root, course, results);
      function summary() {
        return results.length + " results file" + (results.length === 1 ? "" : "s") + " read" +
          (out ? ", " + out.questions.length + " questions answered" : "") + "." +
          (notes.length ? " Skipped " + notes.join("; ") + "." : "");
      }
      return summary();
    }
    function add(fileList) {
      var chosen = Array.prototype.slice.call(fileList || []);
      if (!chosen.length) return;
      Promise.all(chosen.map(read)).then(function (texts) {
        texts.forEach(function (text, i) {
          var data = null, note = "";
          try { data = JSON.parse(text); } catch (e) { note = "not a JSON file"; }
          if (!note && (!isObject(data) || data.format !== course.format)) note = "not a self-check results file";
          files[chosen[i].name] = { data: data, note: note };
        });
        say(status, update());
      });
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
    $("[data-ps-cohort-print]", root).onclick = function () { window.print(); };
    $("[data-ps-cohort-clear]", root).onclick = function () {
      files = {};
      update();
      say(status, "Cleared. No results files are open.");
      $("[data-ps-cohort-choose]", root).focus();
    };
  }

  PS.onPage(function () { $$("[data-ps-cohort]").forEach(initCohort); });
})();
