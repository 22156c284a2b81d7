/* The cohort page's trainees (facilitator edition; cohort.js loads this file):
 * who each results file is from, read from what it holds and never from its
 * name (the learner id and the name the trainee gave; learner.js); one trainee's
 * files found and the newest kept; the trainee x module grid, each module
 * complete or not by status.js, the course's one completion model, with its
 * first-try score; and the CSV downloads. builder/pages/results_files.py and
 * cohort_grid.py do the same for the notebook, step for step. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, el = PS.el;
  var MAX_NAME = 100, CONTROLS = /[\u0000-\u001f\u007f]/g;
  var EXPORTED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?Z$/, DAY = /^\d{4}-\d\d-\d\d/;

  function isObject(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  function byKey(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  /* ---- who a file is from ------------------------------------------------------------ */
  /* When the file was written, in one form that sorts as time does; "" is the oldest. */
  function exported(v) {
    var m = typeof v === "string" && EXPORTED.exec(v);
    return m ? m[1] + "." + ((m[2] || "") + "000").slice(0, 3) + "Z" : "";
  }
  function trainee(file, text, data) {
    var learner = data.learner, code = "", name = "";
    if (isObject(learner)) {
      code = PS.learner.code(learner.id);
      if (typeof learner.name === "string") name = learner.name.replace(CONTROLS, "").trim().slice(0, MAX_NAME);
    }
    var id = code ? learner.id : null;
    return { file: file, text: text, data: data, id: id, code: code, name: name, exported: exported(data.exported),
      odd: learner !== undefined && learner !== null && !id,
      label: name || (id ? "No name given" : file), key: id ? "id:" + id : "text:" + text };
  }
  /* One trainee a learner (the newest file; on a tie, the first read), in the grid's order,
     and a note for each file set aside. */
  function setApart(read) {
    var kept = new Map(), aside = [];
    read.forEach(function (t) {
      if (!kept.has(t.key) || t.exported > kept.get(t.key).exported) kept.set(t.key, t);
    });
    read.forEach(function (t) {
      var keep = kept.get(t.key);
      if (keep === t) return;
      aside.push(t.id ? t.file + ": an earlier file from the same trainee (" + keep.label + ", code " + keep.code +
        ") as " + keep.file + ", which is used" : t.file + ": the same file as " + keep.file + ", read once");
    });
    var trainees = Array.from(kept.values()).sort(function (a, b) {
      return byKey(a.label.toLowerCase(), b.label.toLowerCase()) || byKey(a.code, b.code) || byKey(a.file, b.file);
    });
    return { trainees: trainees, aside: aside };
  }
  /* What was read, as builder/pages/results_files.py's Cohort.summary says it. */
  function summary(trainees, aside, skipped) {
    var files = trainees.length + aside.length;
    return [plural(files, "results file") + " read: " + plural(trainees.length, "trainee") + "."]
      .concat(aside.map(function (n) { return "Set aside " + n + "."; }))
      .concat(trainees.filter(function (t) { return t.odd; }).map(function (t) {
        return "Read " + t.file + " as a trainee of its own: its learner id is not in the form this course writes.";
      }))
      .concat(skipped.map(function (n) { return "Skipped " + n + "."; })).join(" ");
  }

  /* ---- the grid ---------------------------------------------------------------------------- */
  /* The answers in a file's module record that are in the form the site writes (as
     results_files.py's answers_in); status.js's current() says which of them count. */
  function answersIn(rec) {
    var answers = {}, given = isObject(rec) && isObject(rec.answers) ? rec.answers : {};
    Object.keys(given).forEach(function (q) {
      var a = given[q];
      if (!isObject(a) || typeof a.correct !== "boolean" || !Array.isArray(a.chosen) ||
          !a.chosen.every(function (c) { return typeof c === "string"; })) return;
      var clean = { chosen: a.chosen.slice(), correct: a.correct };
      if (typeof a.rev === "string") clean.rev = a.rev;
      if (typeof a.first === "boolean") clean.first = a.first;
      answers[q] = clean;
    });
    return answers;
  }
  /* status.js's status of a module the trainee handed in (null when they did not), from the
     answers in the file that are in the form the site writes. */
  function statusOf(module, data) {
    var rec = isObject(data.modules) && Object.prototype.hasOwnProperty.call(data.modules, module.id) ? data.modules[module.id] : null;
    if (!isObject(rec)) return null;
    var answers = answersIn(rec);
    var completed = typeof rec.completed === "string" && DAY.test(rec.completed) ? rec.completed : undefined;
    var st = PS.status.of(module.id, { v: 2, visited: "handed in", attempts: 0, best: rec.best, answers: answers, completed: completed });
    st.day = st.complete && st.completed ? st.completed.slice(0, 10) : "";
    return st;
  }
  function cellText(st) {
    if (!st) return "Not handed in";
    if (!st.complete) return "In progress: " + st.answered + " of " + st.total + " answered";
    return "Complete: " + PS.status.score(st);
  }
  function columns(course, module) {
    return course.modules.filter(function (m) { return !module || m.id === module; });
  }
  function showGrid(table, course, trainees, module) {
    var head = $("thead tr", table), body = $("tbody", table), cols = columns(course, module);
    head.textContent = "";
    body.textContent = "";
    ["Trainee", "Code"].concat(cols.map(function (m) { return m.label; })).forEach(function (text) {
      var th = el("th", null, text);
      th.scope = "col";
      head.appendChild(th);
    });
    trainees.forEach(function (t) {
      var tr = el("tr"), th = el("th", null, t.label);
      tr.dataset.psTrainee = t.code || t.file;
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(el("td", null, t.code || "none"));
      cols.forEach(function (m) {
        var st = statusOf(m, t.data), td = el("td", st ? null : "ps-cohort-none", cellText(st));
        td.dataset.psModule = m.id;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  /* ---- CSV, as a spreadsheet reads it ------------------------------------------------------ */
  function field(v) {
    v = String(v);
    if (/^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?$/.test(v)) v = "'" + v;   // shown as text, never run
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function csvText(rows) {
    return "\ufeff" + rows.map(function (row) { return row.map(field).join(",") + "\r\n"; }).join("");
  }
  function gridCsv(course, trainees, module) {
    var cols = columns(course, module), head = ["Trainee", "Code", "File"];
    cols.forEach(function (m) {
      head.push(m.label + ": status", m.label + ": right first time (of " + m.questions.length + ")", m.label + ": completed on");
    });
    return csvText([head].concat(trainees.map(function (t) {
      var row = [t.label, t.code, t.file];
      cols.forEach(function (m) {
        var st = statusOf(m, t.data);
        row.push(!st ? "not handed in" : st.complete ? "complete" : "in progress",
          st && st.complete && st.firstKnown ? String(st.first) : "", st ? st.day : "");
      });
      return row;
    })));
  }
  /* The item statistics as the page shows them (rows from cohort.js's analyse). */
  function questionsCsv(rows, flagBelow) {
    var head = ["Module", "Question", "Question id", "Answered", "Fitted", "Share right (%)", "Discrimination",
      "Look again", "Wrong option chosen most", "Times chosen"];
    return csvText([head].concat(rows.map(function (r) {
      var d = r.discrimination;
      return [r.module.label, "Question " + r.q.n + ": " + r.q.prompt, r.id, String(r.answered), String(r.correct),
        String(r.percent), d === null ? "n/a" : d.toFixed(2), d !== null && d < flagBelow ? "yes" : "",
        r.wrong, r.wrong ? String(r.wrongCount) : ""];
    })));
  }

  PS.cohort = { trainee: trainee, setApart: setApart, summary: summary, answers: answersIn, showGrid: showGrid,
    gridCsv: gridCsv, questionsCsv: questionsCsv };
})();
