/* Ordering questions: move up and move down buttons on each step. A move that
 * cannot happen is disabled, and each move is announced by step and place. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$, el = PS.el, say = PS.say;

  function textOf(step) { return $(".ps-step-text", step).textContent.trim(); }
  /* Enable every move that can happen, and only those. */
  function refresh(q) {
    var steps = $$("[data-ps-step]", q);
    steps.forEach(function (step, i) {
      $('[data-ps-move="up"]', step).disabled = i === 0;
      $('[data-ps-move="down"]', step).disabled = i === steps.length - 1;
    });
  }
  function add(q) {
    $$("[data-ps-step]", q).forEach(function (step) {
      var moves = step.appendChild(el("span", "ps-moves"));  // one group: wraps under the text as one
      [["up", "↑", "Move up: "], ["down", "↓", "Move down: "]].forEach(function (d) {
        var b = el("button", "ps-move md-button", d[1]);
        b.type = "button";
        b.dataset.psMove = d[0];
        b.setAttribute("aria-label", d[2] + textOf(step));
        moves.appendChild(b);
      });
    });
    refresh(q);
    q.addEventListener("click", function (ev) {
      var b = ev.target.closest("[data-ps-move]");
      if (!b || b.disabled) return;
      var step = b.closest("[data-ps-step]"), list = step.parentNode;
      if (b.dataset.psMove === "up") list.insertBefore(step, step.previousElementSibling);
      else list.insertBefore(step.nextElementSibling, step);
      refresh(q);
      (b.disabled ? $("[data-ps-move]:not(:disabled)", step) : b).focus();  // at an end: the other button
      var steps = $$("[data-ps-step]", list);
      say($("[data-ps-live]", q.closest("[data-ps-bank]")), "“" + textOf(step) + "” moved to position " +
        (steps.indexOf(step) + 1) + " of " + steps.length + ".");
    });
  }

  PS.ordering = { add: add, refresh: refresh };
})();
