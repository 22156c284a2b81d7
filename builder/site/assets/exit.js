/* Quick exit, after GOV.UK's "Exit this page": the button, or Shift pressed
 * three times, saves the reflection (or practice reply) being typed, hides the page at once and
 * replaces it with a neutral site (location.replace, so Back does not return
 * here). Shift counts on key up, not when it is held for a capital letter, with
 * up to five seconds between presses; the count is shown and announced. */
(function () {
  "use strict";
  var PS = window.PS, PRESSES = 3, WAIT = 5000;
  var count = 0, timer = null, shiftHeld = false;

  function status(text) {
    var box = PS.$("[data-ps-exit-status]");
    if (box) box.textContent = text;
  }
  function quickExit(ev) {
    if (ev) ev.preventDefault();
    try { if (PS.journal) PS.journal.flush(); } catch (e) { /* leave all the same */ }
    try { if (PS.practice) PS.practice.flush(); } catch (e) { /* leave all the same */ }
    document.documentElement.classList.add("ps-exiting");
    document.title = "";
    // In a frame (the SCORM package's, scorm.js) the whole window leaves, when the browser lets it.
    try { (PS.exitWindow || window).location.replace(PS.cfg.quickExitUrl); }
    catch (e) { window.location.replace(PS.cfg.quickExitUrl); }
  }
  function reset(text) {
    count = 0;
    window.clearTimeout(timer);
    status(text || "");
    if (text) timer = window.setTimeout(function () { status(""); }, 3000);
  }
  document.addEventListener("keyup", function (ev) {
    if (ev.key === "Shift" && !shiftHeld) {
      count += 1;
      window.clearTimeout(timer);
      if (count >= PRESSES) { reset(); status("Leaving this site."); quickExit(); return; }
      var left = PRESSES - count;
      status("Quick exit: press Shift " + left + " more time" + (left === 1 ? "" : "s") + " to leave.");
      timer = window.setTimeout(function () { reset("Quick exit timed out."); }, WAIT);
    } else if (count) {
      reset();
    }
    shiftHeld = ev.shiftKey;
  }, true);
  // A key pressed while Shift is down makes that Shift a modifier, which is not counted.
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Shift" && ev.shiftKey) shiftHeld = true;
  }, true);
  document.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest("[data-ps-exit]")) quickExit(ev);
  }, true);
})();
