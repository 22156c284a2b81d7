/* Practice on a module page (issue 26). "Your reply": a text area under the
 * peer's words, saved on this device as the trainee types (as reflections
 * are); opening the model replies and ticking the review points are kept
 * too, and "Try again" keeps each earlier reply in view to compare. "A
 * conversation": three replies as buttons at each turn; the one picked, the
 * note on it and the peer's next words join the transcript, focus moves to
 * them and the live region says so, until an ending and its debrief; "Start
 * again" replays. A reload finds each exercise where it was. Without this
 * script the page still shows every situation, the peer's words, the model
 * replies and every turn (builder/pages/templates/practice.html). Records:
 * practicedata.js. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, el = PS.el, say = PS.say, store = PS.store, data = PS.practiceData;
  var TEXT = {
    saved: "Saved on this device.",
    done: "Done ✓",
    practised: "Practised ✓: every exercise here is done.",
    earlier: "Your earlier replies, to compare:",
    again: "Your reply is kept above, to compare. Write a new one.",
    full: "There is no room to keep more earlier replies here; download your data from the progress page.",
    opening: "The peer says:",
    you: "You said:",
    answers: "The peer:",
    choose: "What do you say? Choose a reply.",
    restart: "Start again",
    chosen: "Reply chosen. The peer answers.",
    ended: "The conversation has ended. Read how it ended, and the debrief.",
    started: "Started again from the beginning.",
    transcript: "The conversation so far"
  };
  var pending = {};   // by exercise id: the save waiting for a pause in typing

  function idOf(ex) { return ex.dataset.psExercise; }
  /* The stored record of an exercise, or a new one. */
  function recordOf(ex) {
    var r = store.read("practice", idOf(ex));
    return r && r.type === ex.dataset.psKind ? r : data.empty(ex.dataset.psKind);
  }
  function liveOf(ex) { return $("[data-ps-practice-live]", ex.closest("[data-ps-practice]")); }
  /* Store a record (done is dated once, the first time it is); false when it is not stored. */
  function save(ex, r) {
    r.updated = new Date().toISOString();
    if (!r.done && data.isDone(r)) r.done = r.updated;
    var ok = store.write("practice", idOf(ex), r);
    showDone(ex, r);
    showSection(ex.closest("[data-ps-practice]"));
    return ok;
  }
  function showDone(ex, r) {
    var mark = $("[data-ps-exercise-done]", ex);
    mark.textContent = data.isDone(r) ? TEXT.done : "";
    mark.hidden = !data.isDone(r);
  }
  /* "2 of 3 exercises done", or practised, over the section: what status.js counts. */
  function showSection(section) {
    var exercises = $$("[data-ps-exercise]", section), p = $("[data-ps-practice-status]", section);
    var done = exercises.filter(function (ex) { return data.isDone(recordOf(ex)); }).length;
    p.textContent = done === exercises.length ? TEXT.practised : done + " of " + exercises.length + " exercises done.";
    p.hidden = false;
  }
  /* Save whatever typing is still waiting, now. */
  function flush() {
    Object.keys(pending).forEach(function (id) { pending[id](); });
  }
  window.addEventListener("pagehide", flush);

  /* ---- your reply ---------------------------------------------------------------------- */
  function initReply(ex) {
    var r = recordOf(ex), id = idOf(ex), timer = null;
    var area = $("[data-ps-reply]", ex), status = $("[data-ps-saved]", ex), models = $("[data-ps-models]", ex);
    var actions = $("[data-ps-reply-actions]", ex), ticks = $$("[data-ps-tick]", ex);
    function keep(message) {
      var ok = save(ex, r);
      status.textContent = message === false ? "" : ok ? TEXT.saved : store.notSaved();
      return ok;
    }
    function typed() {
      window.clearTimeout(timer);
      delete pending[id];
      r.text = area.value;
      keep();
      actions.hidden = !r.text.trim();
    }
    area.value = r.text;
    area.maxLength = data.MAX_TEXT;
    $("[data-ps-reply-box]", ex).hidden = false;
    area.addEventListener("input", function () {
      window.clearTimeout(timer);
      pending[id] = typed;
      timer = window.setTimeout(typed, 400);
    });
    ticks.forEach(function (box) {
      box.checked = r.ticks.indexOf(Number(box.dataset.psTick)) >= 0;
      box.addEventListener("change", function () {
        if (pending[id]) pending[id]();
        r.ticks = ticks.filter(function (b) { return b.checked; }).map(function (b) { return Number(b.dataset.psTick); });
        keep();
      });
    });
    models.addEventListener("toggle", function () {
      if (!models.open || r.opened) return;
      if (pending[id]) pending[id]();
      r.opened = new Date().toISOString();
      keep(false);
    });
    $("[data-ps-again]", ex).addEventListener("click", function () {
      if (pending[id]) pending[id]();
      if (r.tries.length >= data.MAX_TRIES) { say(liveOf(ex), TEXT.full); return; }
      if (r.text.trim()) r.tries.push(r.text);
      r.text = "";
      r.ticks = [];
      area.value = "";
      ticks.forEach(function (b) { b.checked = false; });
      models.open = false;
      keep(false);
      showEarlier(ex, r);
      actions.hidden = true;
      area.focus();
      say(liveOf(ex), TEXT.again);
    });
    actions.hidden = !r.text.trim();
    showEarlier(ex, r);
    showDone(ex, r);
  }
  /* The earlier replies, above the text area, as text. */
  function showEarlier(ex, r) {
    var box = $(".ps-earlier", ex);
    if (!box) {
      box = el("div", "ps-earlier");
      var label = $(".ps-reply-label", ex);
      label.parentNode.insertBefore(box, label);
    }
    box.textContent = "";
    box.hidden = !r.tries.length;
    if (!r.tries.length) return;
    box.appendChild(el("p", "ps-earlier-title", TEXT.earlier));
    var list = el("ol", "ps-earlier-list");
    r.tries.forEach(function (text) { list.appendChild(el("li")).appendChild(el("blockquote", "ps-earlier-text", text)); });
    box.appendChild(list);
  }

  /* ---- a conversation --------------------------------------------------------------------- */
  function initConversation(ex) {
    var r = recordOf(ex), dialogue = $("[data-ps-dialogue]", ex);
    var turns = $$("[data-ps-turn]", ex), byId = {};
    turns.forEach(function (t) { byId[t.dataset.psTurn] = t; });
    $("[data-ps-opening]", ex).hidden = true;
    $("[data-ps-script]", ex).hidden = true;
    dialogue.hidden = false;

    function choicesOf(turn) { return $$(".ps-choice-list > [data-ps-choice]", turn); }
    function copy(node) { var c = node.cloneNode(true); c.removeAttribute("id"); return c; }
    function peer(turn, first) {
      var figure = copy($("[data-ps-peer]", turn));
      $("figcaption", figure).textContent = first ? TEXT.opening : TEXT.answers;
      return figure;
    }
    /* Walk the stored path from the first turn: the steps, and the turn reached. A step
       this version of the conversation no longer has ends the walk there. */
    function walk() {
      var at = turns[0], steps = [];
      for (var i = 0; i < r.path.length; i++) {
        var choice = choicesOf(at)[r.path[i]], next = choice && byId[choice.dataset.psNext];
        if (!next) break;
        steps.push({ choice: choice, turn: next });
        at = next;
      }
      return { steps: steps, at: at };
    }
    function render(focus, message) {
      var walked = walk(), at = walked.at, ending = $("[data-ps-end]", at);
      dialogue.textContent = "";
      var transcript = el("ol", "ps-transcript");
      transcript.setAttribute("aria-label", TEXT.transcript);
      var first = el("li", "ps-talk-step");
      first.tabIndex = -1;
      first.appendChild(peer(turns[0], true));
      transcript.appendChild(first);
      walked.steps.forEach(function (step) {
        var li = el("li", "ps-talk-step");
        li.tabIndex = -1;
        var you = li.appendChild(el("div", "ps-you"));
        you.appendChild(el("p", "ps-who", TEXT.you));
        you.appendChild(copy($("[data-ps-said]", step.choice)));
        li.appendChild(copy($("[data-ps-note]", step.choice)));
        li.appendChild(peer(step.turn, false));
        transcript.appendChild(li);
      });
      dialogue.appendChild(transcript);
      var target = transcript.lastChild;
      if (ending) {
        var end = dialogue.appendChild(el("div", "ps-finished"));
        end.tabIndex = -1;
        end.appendChild(copy(ending));
        end.appendChild(copy($("[data-ps-debrief]", ex)));
        var again = el("button", "md-button", TEXT.restart);
        again.type = "button";
        again.dataset.psRestart = "";
        again.addEventListener("click", restart);
        end.appendChild(el("p", "ps-restart")).appendChild(again);
        target = end;
        if (!r.done) { r.done = new Date().toISOString(); save(ex, r); }   // done: one path reached an end
      } else {
        var choose = dialogue.appendChild(el("fieldset", "ps-choose"));
        choose.appendChild(el("legend", null, TEXT.choose));
        var list = choose.appendChild(el("ul", "ps-choice-buttons"));
        choicesOf(at).forEach(function (choice, i) {
          var b = el("button", "md-button ps-choice-button", $("[data-ps-said]", choice).textContent.trim());
          b.type = "button";
          b.dataset.psPick = String(i);
          b.addEventListener("click", function () { pick(i); });
          list.appendChild(el("li")).appendChild(b);
        });
      }
      if (focus) target.focus();
      if (message) say(liveOf(ex), message);
    }
    function pick(i) {
      r.path = r.path.slice(0, walk().steps.length).concat([i]);
      var ended = !!$("[data-ps-end]", walk().at);
      if (ended && !r.done) r.done = new Date().toISOString();
      var ok = save(ex, r);
      render(true, (ended ? TEXT.ended : TEXT.chosen) + (ok ? "" : " " + store.notSaved()));
    }
    function restart() {
      r.path = [];
      var ok = save(ex, r);
      render(false, TEXT.started + (ok ? "" : " " + store.notSaved()));
      $(".ps-talk-step", dialogue).focus();
    }
    render(false);
    showDone(ex, r);
  }

  function initSection(section) {
    section.classList.add("ps-js");
    $$("[data-ps-exercise]", section).forEach(function (ex) {
      (ex.dataset.psKind === "reply" ? initReply : initConversation)(ex);
    });
    showSection(section);
  }

  PS.practice = { flush: flush };
  PS.onPage(function () { $$("[data-ps-practice]").forEach(initSection); });
})();
