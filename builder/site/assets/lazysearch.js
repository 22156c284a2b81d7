/* Search loads on first use: runs just before the theme's bundle (overrides/main.html)
 * and holds the bundle's two requests for search, the index (XMLHttpRequest) and the
 * worker (new Worker(config.search)), until search is focused or opened ("/", "s",
 * "f", a click or tap) or a search result is opened; the result area (a status)
 * says "Loading search..." until the theme shows results. */
(function () {
  "use strict";
  var QUERY = "[data-md-component='search-query']";
  var worker = new URL(JSON.parse(document.getElementById("__config").textContent).search, location.href).href;
  var started = false, waiting = [];

  function later(run) { if (started) run(); else waiting.push(run); }
  function start() {
    if (started) return;
    started = true;
    var meta = document.querySelector(".md-search-result__meta");
    if (meta) {  // emptied first, so that it is announced
      meta.textContent = "";
      setTimeout(function () { if (!meta.textContent) meta.textContent = "Loading search\u2026"; }, 30);
    }
    waiting.splice(0).forEach(function (run) { run(); });
  }

  /* A stand-in for the search worker: the real one (or the iframe shim, from disk)
     is made when search starts; messages wait for it, then pass both ways. */
  function LazyWorker(args, Real) {
    var events = new EventTarget(), queue = [], real = null, self = this;
    ["addEventListener", "removeEventListener", "dispatchEvent"].forEach(function (name) {
      self[name] = events[name].bind(events);
    });
    this.postMessage = function (data) { if (real) real.postMessage(data); else queue.push(data); };
    this.terminate = function () { queue = []; if (real) real.terminate(); };
    later(function () {
      real = Reflect.construct(Real, args);
      ["message", "error"].forEach(function (type) {
        real.addEventListener(type, function (e) {
          var copy = type === "message" ? new MessageEvent(type, { data: e.data }) : new Event(type);
          self.dispatchEvent(copy);
          if (typeof self["on" + type] === "function") self["on" + type](copy);
        });
      });
      queue.splice(0).forEach(real.postMessage, real);
    });
  }
  window.Worker = new Proxy(window.Worker, {
    construct: function (Real, args) {
      return new URL(args[0], location.href).href === worker ? new LazyWorker(args, Real) : Reflect.construct(Real, args);
    }
  });

  /* The index, on a served site (from disk the theme loads it on first use itself). */
  window.XMLHttpRequest = new Proxy(window.XMLHttpRequest, {
    construct: function (Real, args) {
      var xhr = Reflect.construct(Real, args), open = xhr.open, send = xhr.send, hold = false;
      xhr.open = function (method, url) {
        hold = /\/search\/search_index\.json$/.test(new URL(url, location.href).pathname);
        return open.apply(xhr, arguments);
      };
      xhr.send = function () {
        var args = arguments;
        if (hold) later(function () { send.apply(xhr, args); });
        else send.apply(xhr, args);
      };
      return xhr;
    }
  });

  function query(e) { if (e.target instanceof Element && e.target.matches(QUERY)) start(); }
  document.addEventListener("focusin", query, true);
  document.addEventListener("keydown", query, true);
  document.addEventListener("change", function (e) { if (e.target.id === "__search" && e.target.checked) start(); }, true);
  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h") || (document.activeElement && document.activeElement.matches(QUERY))) start();
})();
