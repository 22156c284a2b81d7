/* Practice records (issue 26): what practice.js keeps for each exercise, under
 * "ps:<site>:practice:<exercise id>", whether an exercise is done, and how a
 * record brought in from a file joins this device's. storage.js asks valid()
 * before any page meets a record (anything else is kept aside, never lost);
 * status.js asks isDone(); transfer.js asks check() and merge().
 *   reply:        {v: 1, type: "reply", text, tries: [earlier replies], opened: ISO date or null,
 *                  ticks: [review point indexes], done: ISO date or null, updated}
 *   conversation: {v: 1, type: "conversation", path: [the choice picked at each turn, 0 to 2],
 *                  done: ISO date or null, updated}
 * "done" is written once, when the exercise is first done, and stays through "Try again" and
 * "Start again". See AUTHORING.md, "Learner data in the browser". */
(function () {
  "use strict";
  var PS = window.PS;
  var VERSION = 1, MAX_TEXT = 1000000, MAX_TRIES = 1000, MAX_TICKS = 20, MAX_PATH = 20, CHOICES = 3;

  function isObject(x) { return !!x && typeof x === "object" && !Array.isArray(x); }
  function isDate(s) { return s === null || s === undefined || typeof s === "string" && s.length <= 40; }
  function isText(s) { return typeof s === "string" && s.length <= MAX_TEXT; }
  function indexes(list, below, most) {
    return Array.isArray(list) && list.length <= most && list.every(function (n, i) {
      return typeof n === "number" && n >= 0 && n < below && Math.floor(n) === n && list.indexOf(n) === i;
    });
  }
  function steps(list) {     // choices may repeat along a path (the first reply twice, say)
    return Array.isArray(list) && list.length <= MAX_PATH && list.every(function (n) {
      return typeof n === "number" && n >= 0 && n < CHOICES && Math.floor(n) === n;
    });
  }
  /* The shape of a current record. */
  function valid(r) {
    if (!isObject(r) || r.v !== VERSION || !isDate(r.done) || !isDate(r.updated)) return false;
    if (r.type === "reply") {
      return isText(r.text) && Array.isArray(r.tries) && r.tries.length <= MAX_TRIES &&
        r.tries.every(isText) && isDate(r.opened) && indexes(r.ticks, MAX_TICKS, MAX_TICKS);
    }
    return r.type === "conversation" && steps(r.path);
  }
  function empty(type) {
    return type === "reply" ? { v: VERSION, type: "reply", text: "", tries: [], opened: null, ticks: [], done: null, updated: null } :
      { v: VERSION, type: "conversation", path: [], done: null, updated: null };
  }
  /* Done: a reply written and the model replies opened; a conversation followed to an end. */
  function isDone(r) {
    return !!r && (!!r.done || r.type === "reply" && !!r.text.trim() && !!r.opened);
  }
  /* What is wrong with a record from a file for exercise `id`, given this course's
     [id, type, review points] for it (config.js), as a phrase; "" when nothing is. */
  function check(id, r, known) {
    if (!known) return "a practice exercise this course does not have";
    if (!valid(r)) return "a practice record for " + id + " that is not in the form this course writes";
    if (r.type !== known[1]) return "a practice record for " + id + " of another kind of exercise";
    if (r.type === "reply" && r.ticks.some(function (n) { return n >= known[2]; })) {
      return "a practice record for " + id + " that ticks a review point this course does not have";
    }
    return "";
  }
  /* A record from a file with only the fields this course writes. */
  function clean(r) {
    var out = empty(r.type);
    out.done = r.done || null;
    out.updated = r.updated || null;
    if (r.type === "reply") {
      out.text = r.text;
      out.tries = r.tries.slice();
      out.opened = r.opened || null;
      out.ticks = r.ticks.slice();
    } else out.path = r.path.slice();
    return out;
  }
  function earlier(a, b) { return !a ? b || null : !b ? a : a <= b ? a : b; }
  /* This device's record joined with one from a file: nothing of either is lost. What is
     written here stays; a reply written only in the file comes in as an earlier try (or
     as the reply, when there is none here); a conversation left midway here keeps its
     place; "done" and "opened" keep the earlier date. Merging the same file twice changes
     nothing. */
  function merge(mine, theirs) {
    var r = JSON.parse(JSON.stringify(mine));
    if (mine.type !== theirs.type) return r;   // an id is never given to another kind of exercise
    r.done = earlier(mine.done, theirs.done);
    if (mine.type === "reply") {
      r.opened = earlier(mine.opened, theirs.opened);
      if (!mine.text.trim() && theirs.text.trim()) { r.text = theirs.text; r.ticks = theirs.ticks.slice(); }
      theirs.tries.concat(r.text === theirs.text ? [] : [theirs.text]).forEach(function (t) {
        if (t.trim() && t !== r.text && r.tries.indexOf(t) < 0 && r.tries.length < MAX_TRIES) r.tries.push(t);
      });
    } else if (!mine.path.length) r.path = theirs.path.slice();
    return r;
  }

  PS.practiceData = { VERSION: VERSION, MAX_TEXT: MAX_TEXT, MAX_TRIES: MAX_TRIES, valid: valid, empty: empty, isDone: isDone,
    check: check, clean: clean, merge: merge };
})();
