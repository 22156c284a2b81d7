/* Quick exit, after GOV.UK's "Exit this page": the button, or Shift pressed
 * three times, hides the page at once and replaces it with a neutral site
 * (location.replace, so Back does not return here). */
(function () {
  "use strict";
  var PS = window.PS;

  function quickExit(ev) {
    if (ev) ev.preventDefault();
    document.documentElement.classList.add("ps-exiting");
    document.title = "";
    window.location.replace(PS.cfg.quickExitUrl);
  }
  var shifts = 0, lastShift = 0;
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Shift") { shifts = 0; return; }
    if (ev.repeat) return;
    var now = Date.now();
    shifts = now - lastShift < 1000 ? shifts + 1 : 1;
    lastShift = now;
    if (shifts >= 3) { shifts = 0; quickExit(); }
  });
  document.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest("[data-ps-exit]")) quickExit(ev);
  }, true);
})();
