/* Peer support course: the shared base of the browser layer. Each component
 * (storage, self-check, journal, progress, quick exit) is a file of its own
 * that adds to window.PS and registers what it does on a page with PS.onPage.
 * Vanilla JavaScript, no framework; the site serves the components as one file
 * (builder/site/plugin.py, BUNDLE), each run on its own, deferred, in order. */
(function () {
  "use strict";
  var PS = window.PS = window.PS || {};
  var HERE = document.currentScript ? document.currentScript.src.replace(/[^/]*$/, "") : "";
  PS.cfg = window.PEER_SUPPORT || { siteId: "site", quickExitUrl: "https://www.google.ca/", modules: [] };

  /* ---- DOM helpers ---------------------------------------------------------- */
  PS.$ = function (sel, root) { return (root || document).querySelector(sel); };
  PS.$$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  PS.el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };
  /* A selector for an attribute's exact value, safe for any value (stored or imported ones too). */
  PS.attr = function (name, value) { return "[" + name + '="' + CSS.escape(String(value)) + '"]'; };
  PS.say = function (region, text) {      // re-set so screen readers announce a repeat
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 30);
  };
  PS.download = function (name, type, text) {
    var a = PS.el("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  };
  PS.today = function () { return new Date().toISOString().slice(0, 10); };
  /* Links to a place in this page scroll there themselves: the theme's instant
     navigation handles such links, and a fragment navigation's popstate, by scrolling to
     an offset it noted up to 100 ms before, so a tap soon after scrolling (a flick) left
     the page where it was, or nearer where it had just been. The address gets the
     place's #id, and the place gets the focus (without a second scroll). PS.inPage
     makes one; a link in the page's markup asks with data-ps-in-page. */
  function goTo(ev) {
    var id = decodeURIComponent(this.hash.slice(1)), place = document.getElementById(id);
    if (!place || ev.button || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    ev.stopPropagation();
    history.replaceState(history.state, "", "#" + id);
    place.scrollIntoView({ block: "start" });
    if (!place.hasAttribute("tabindex")) place.tabIndex = -1;
    place.focus({ preventScroll: true });
  }
  PS.inPage = function (text, id) {
    var a = PS.el("a", null, text);
    a.href = "#" + id;
    a.addEventListener("click", goTo);
    return a;
  };

  /* ---- components only some pages need, loaded when a page has their hook ---------- */
  var LAZY = { "[data-ps-progress]": "transfer.js", "[data-ps-record]": "record.js",
    "[data-ps-cohort]": "cohort.js", "[data-ps-missed]": "review.js" };
  var loading = {};
  PS.load = function (name) {      // a component file beside this one, once; resolves when it has run
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = HERE + name;
        s.onload = resolve;
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loading[name];
  };

  /* ---- on every page (and every instant navigation) ----------------------------- */
  var handlers = [], late = [], current = null;
  PS.onPage = function (fn, last) {  // last: after every component
    (last ? late : handlers).push(fn);
    if (current) fn(current);        // a component loaded later starts on the page at once
  };
  var started = typeof WeakSet === "function" ? new WeakSet() : { has: function () { return false; }, add: function () {} };
  function init() {
    var page = PS.$("article.md-content__inner") || document.body;  // instant navigation swaps it
    if (started.has(page)) return;
    started.add(page);
    current = page;
    handlers.concat(late).forEach(function (fn) { fn(page); });
    Object.keys(LAZY).forEach(function (hook) { if (PS.$(hook)) PS.load(LAZY[hook]); });
  }
  PS.onPage(function () { PS.$$("a[data-ps-in-page]").forEach(function (a) { a.onclick = goTo; }); });
  // A printable page's Print button: shown once it can work (a phone has no Ctrl+P).
  PS.onPage(function () {
    PS.$$("[data-ps-print-page]").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () { window.print(); };
    });
  });

  // Start once every deferred component has registered. Material's document$
  // announces each page, instant navigation included; it stays silent for
  // pages opened from disk, so start on load as well.
  var running = false;
  function start() {
    if (running) return;
    running = true;
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
    init();
  }
  if (document.readyState === "complete") window.setTimeout(start);
  else {
    document.addEventListener("DOMContentLoaded", start);
    window.addEventListener("load", start);
  }
})();
