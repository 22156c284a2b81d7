/* A table wider than the screen scrolls inside its own region (WCAG 1.4.10),
 * which the keyboard can reach and a screen reader can name. */
(function () {
  "use strict";
  var PS = window.PS, $ = PS.$, $$ = PS.$$;

  function nameOf(wrap) {
    var caption = $("caption", wrap);
    if (caption) return caption.textContent.trim();
    for (var e = wrap.previousElementSibling; e; e = e.previousElementSibling) {
      if (/^H[1-6]$/.test(e.tagName)) return "Table: " + e.textContent.replace("¶", "").trim();
    }
    return "Table";
  }
  function mark() {
    $$(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth <= wrap.clientWidth + 1) { wrap.removeAttribute("tabindex"); return; }
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      if (!wrap.hasAttribute("aria-label")) wrap.setAttribute("aria-label", nameOf(wrap));
    });
  }
  var timer;
  window.addEventListener("resize", function () { window.clearTimeout(timer); timer = window.setTimeout(mark, 200); });
  PS.onPage(mark, true);
})();
