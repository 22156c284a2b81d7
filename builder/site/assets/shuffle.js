/* The options of single and multiple questions in a mixed order, so that where
 * an option sits tells nothing: new for each visit, the same for the whole
 * visit (a seed kept in sessionStorage), the order written where a question
 * says shuffle: false. Answers are kept by option key, never by place. */
(function () {
  "use strict";
  var PS = window.PS, $$ = PS.$$;
  var SEED = "ps:" + PS.cfg.siteId + ":option-order";

  function visitSeed() {
    var seed = null;
    try { seed = sessionStorage.getItem(SEED); } catch (e) { /* blocked: a new order each page */ }
    if (!/^\d{1,10}$/.test(seed || "")) {
      seed = String(Math.floor(Math.random() * 4294967296));
      try { sessionStorage.setItem(SEED, seed); } catch (e) { /* kept for this page only */ }
    }
    return seed;
  }
  /* A small seeded generator (FNV-1a hash of the text, then mulberry32). */
  function generator(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); }
    return function () {
      h = (h + 0x6D2B79F5) | 0;
      var t = Math.imul(h ^ (h >>> 15), 1 | h);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function mix(list, random) {
    var items = $$("[data-ps-option]", list);
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1)), t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    items.forEach(function (li) { list.appendChild(li); });
  }

  PS.onPage(function (page) {
    var lists = $$("[data-ps-shuffle]", page);
    if (!lists.length) return;
    var seed = visitSeed();
    lists.forEach(function (list) {
      mix(list, generator(seed + ":" + list.closest("[data-ps-question]").dataset.psQuestion));
    });
  });
})();
