/* Search loads when the learner first opens it, not with every page: the
 * theme's search index and its worker were more than half of a first visit's
 * bytes. The theme's bundle asks for both as it starts (the index with
 * XMLHttpRequest, the worker with new Worker(config.search)); this file runs
 * just before it (overrides/main.html, block config) and holds those two
 * requests until search is first focused or opened: a click or tap, the search
 * button, the "/", "s" and "f" shortcuts, or a link from a search result. Then
 * it says "Loading search..." in the result area (a status region) until the
 * theme shows its first result. Everything else passes through untouched. */
(function () {
  "use strict";
  var LOADING = "Loading search\u2026";
  var QUERY = "[data-md-component='search-query']";
  var config = JSON.parse(document.getElementById("__config").textContent);
  var workerUrl = new URL(config.search, location.href).href;
  var started = false, waiting = [];

  function whenStarted(run) { if (started) run(); else waiting.push(run); }

  function start() {
    if (started) return;
    started = true;
    var meta = document.querySelector(".md-search-result__meta");
    if (meta) {  // emptied first, so that screen readers announce it
      meta.textContent = "";
      window.setTimeout(function () { if (!meta.textContent) meta.textContent = LOADING; }, 30);
    }
    waiting.splice(0).forEach(function (run) { run(); });
  }

  /* The search worker: a stand-in that creates the real one when search starts,
     then passes messages both ways (the iframe-worker shim, from disk, too). */
  function LazyWorker(url, options, RealWorker) {
    var self = this, events = new EventTarget(), queue = [], worker = null;
    this.onmessage = this.onerror = null;
    this.addEventListener = events.addEventListener.bind(events);
    this.removeEventListener = events.removeEventListener.bind(events);
    this.dispatchEvent = events.dispatchEvent.bind(events);
    this.postMessage = function (data) { if (worker) worker.postMessage(data); else queue.push(data); };
    this.terminate = function () { queue = []; if (worker) worker.terminate(); };
    function forward(event, handler) {
      self.dispatchEvent(event);
      if (typeof self[handler] === "function") self[handler](event);
    }
    whenStarted(function () {
      worker = new RealWorker(url, options);
      worker.addEventListener("message", function (e) {
        forward(new MessageEvent("message", { data: e.data }), "onmessage");
      });
      worker.addEventListener("error", function (e) {
        forward(new ErrorEvent("error", { message: e.message, error: e.error }), "onerror");
      });
      queue.splice(0).forEach(function (data) { worker.postMessage(data); });
    });
  }

  window.Worker = new Proxy(window.Worker, {
    construct: function (RealWorker, args) {
      return new URL(args[0], location.href).href === workerUrl
        ? new LazyWorker(args[0], args[1], RealWorker) : Reflect.construct(RealWorker, args);
    }
  });

  /* The search index (served sites; from disk the theme loads it on first use itself). */
  window.XMLHttpRequest = new Proxy(window.XMLHttpRequest, {
    construct: function (RealXHR, args) {
      var xhr = Reflect.construct(RealXHR, args), open = xhr.open, send = xhr.send, hold = false;
      xhr.open = function (method, url) {
        hold = /\/search\/search_index\.json$/.test(new URL(url, location.href).pathname);
        return open.apply(xhr, arguments);
      };
      xhr.send = function () {
        var args = arguments;
        if (hold) whenStarted(function () { send.apply(xhr, args); });
        else send.apply(xhr, args);
      };
      return xhr;
    }
  });

  /* What starts it. */
  function isQuery(node) { return node instanceof Element && node.matches(QUERY); }
  document.addEventListener("focusin", function (e) { if (isQuery(e.target)) start(); }, true);
  document.addEventListener("keydown", function (e) { if (isQuery(e.target)) start(); }, true);
  document.addEventListener("change", function (e) {
    if (e.target instanceof HTMLInputElement && e.target.id === "__search" && e.target.checked) start();
  }, true);
  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h") || isQuery(document.activeElement)) start();
})();
