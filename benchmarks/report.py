"""The benchmark report: the budgets, and the Markdown that benchmarks/run.py
writes to RESULTS.md from what it measured."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
from pathlib import Path

KB = 1024
REPO = Path(__file__).resolve().parent.parent


# --- budgets ------------------------------------------------------------------------------

def budgets(r: dict) -> list[tuple[str, str, str, bool | None]]:
    """(budget, limit, measured, passed) rows; passed is None when not measured."""
    rows = []
    o = r["overhead"]
    rows.append(("Build overhead: our plugin ÷ plain Material making the same pages, median "
                 "wall time", "≤ 1.10", f"{o['ratio']:.2f}", o["ratio"] <= 1.10))
    s = r["scaling"]
    first, last = s["rows"][0], s["rows"][-1]
    span = f"{first['factor']}x to {last['factor']}x"
    rows.append((f"Build growth exponent ({span})", "≤ 1.1", f"{s['exponent']:.2f}",
                 s["exponent"] <= 1.1))
    growth = last["module_kb"] / first["module_kb"]
    rows.append((f"Module page at {last['factor']}x ÷ at {first['factor']}x, raw HTML", "≤ 2.0",
                 f"{growth:.2f} ({last['module_kb']:.0f} ÷ {first['module_kb']:.0f} KB)",
                 growth <= 2.0))
    ours = sum(a["gzip"] for a in r["assets"].values())
    rows.append(("Our assets (assets/peer-support/*.js + *.css), gzipped", "≤ 12 KB",
                 kb(ours), ours <= 12 * KB))
    module = r["weight"]["module"]["first"]["total"]["gzip"]
    rows.append(("Module page, first visit, transferred (gzipped)", "< 110 KB", kb(module),
                 module < 110 * KB))
    serve = r["serve"]["rows"]["quiz and module"]
    rows.append(("`serve`: saving a quiz or module file to the page showing it (median)",
                 "< 0.7 s", f"{serve['median']:.2f} s", serve["median"] < 0.7))
    for category, label, limit in (("accessibility", "accessibility", 100),
                                   ("best-practices", "best practices", 100),
                                   ("performance", "performance", 95), ("seo", "SEO", 95)):
        rows.append(lighthouse_budget(r["lighthouse"], category, label, limit, r["quick"]))
    tap = r["interaction"][0]
    rows.append(("Feedback after Check: click to next painted frame (median)", "≤ 50 ms",
                 f"{tap['painted']:.1f} ms", tap["painted"] <= 50))
    return rows


def lighthouse_budget(lh: list[dict] | None, category: str, label: str, limit: int,
                      quick: bool):
    name = f"Lighthouse {label}, mobile (median of the runs)"
    wanted = "100" if limit == 100 else f"≥ {limit}"
    if not lh:
        return name, wanted, "not run (--quick)" if quick else "failed (see section 4)", None
    mobile = [row for row in lh if row["preset"] == "mobile"]
    scores = {row["page"]: row["scores"][category] for row in mobile}
    measured = ", ".join(f"{page} {score}" for page, score in scores.items())
    return name, wanted, measured, all(s is not None and s >= limit for s in scores.values())


def verdict(passed: bool | None) -> str:
    return {True: "pass", False: "**MISS**", None: "not run"}[passed]


def kb(n: float) -> str:
    return f"{n / KB:.1f} KB"


# --- the report --------------------------------------------------------------------------

def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def render_report(r: dict, args: argparse.Namespace, notes: str) -> str:
    mode = "`--quick` run" if r["quick"] else "full run"
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    v = {**r["versions"], "Chromium": r["chromium"]}
    course = "" if r["root"] == REPO else f" Course measured: `{r['root']}`."
    if r.get("baseline"):
        course += f" Before (`--baseline`): `{r['baseline']}`."
    parts = [
        "# Benchmarks",
        f"Written by `.venv/bin/python benchmarks/run.py` ({mode}, {r['elapsed_s']:.0f} s) on "
        f"{when}, on {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}: "
        + ", ".join(f"{k} {val}" for k, val in v.items()) + "." + course,
        "Speed is reported as ratios and sizes measured in one run of one script; no test "
        "asserts a time. Timings vary with the machine and with whatever else runs on it: "
        "the sides of a comparison are measured interleaved, each figure comes with its "
        "spread (min, median, max), and a change is measured before and after.",
        "## Budgets",
        table(["budget", "limit", "measured", "result"],
              [[name, limit, got, verdict(ok)] for name, limit, got, ok in budgets(r)]),
        section_overhead(r["overhead"]),
        section_scaling(r["scaling"]),
        section_weight(r["weight"], r["assets"], r["first_search"]),
        section_lighthouse(r["lighthouse"], r.get("lighthouse_error")),
        section_interaction(r["interaction"]),
        section_serve(r["serve"], r.get("serve_before")),
        notes,
    ]
    return "\n\n".join(parts) + "\n"


def spread(values: list[float], fmt: str) -> str:
    """min / **median** / max."""
    xs = sorted(values)
    return f"{xs[0]:{fmt}} / **{xs[len(xs) // 2]:{fmt}}** / {xs[-1]:{fmt}}"


def section_overhead(o: dict) -> str:
    def row(label: str, key: str, fmt: str) -> list[str]:
        a = sorted(x[key] for x in o["a"])[len(o["a"]) // 2]
        b = sorted(x[key] for x in o["b"])[len(o["b"]) // 2]
        pairs = [x[key] / y[key] for x, y in zip(o["a"], o["b"])]
        return [label, spread([x[key] for x in o["a"]], fmt), spread([x[key] for x in o["b"]], fmt),
                f"{a / b:.2f}", spread(pairs, ".2f")]

    for x in o["a"] + o["b"]:
        x["inproc_s"] = x["config_s"] + x["build_s"]
    rows = [row("wall time of the build process (s)", "wall_s", ".2f"),
            row("load config + build, in the process (s)", "inproc_s", ".2f"),
            row("CPU time of the build process, user + system (s)", "cpu_s", ".2f"),
            row("peak memory (MB)", "maxrss_mb", ".0f")]
    before = ""
    if o["before"]:
        for x in o["before"]:
            x["inproc_s"] = x["config_s"] + x["build_s"]
        b_rows = []
        for label, key, fmt in (("wall time (s)", "wall_s", ".2f"), ("CPU time (s)", "cpu_s", ".2f"),
                                ("peak memory (MB)", "maxrss_mb", ".0f")):
            pairs = [x[key] / y[key] for x, y in zip(o["before"], o["b"])]
            b_rows.append([label, spread([x[key] for x in o["before"]], fmt), spread(pairs, ".2f")])
        before = ("**Before** (`--baseline`: the same build with the code before the change, "
                  "built after each B):\n\n"
                  + table(["", "A before (min / **median** / max)",
                           "A before ÷ B of each triple (min / **median** / max)"], b_rows))
    return "\n\n".join(part for part in [
        "## 1. Build overhead",
        f"{o['runs']} build{'' if o['runs'] == 1 else 's'} of each, interleaved A B A B ..., "
        "each in a fresh Python process (`benchmarks/build_once.py`: MkDocs' `load_config` and "
        "`build`). **A** builds the real `mkdocs.yml` (trainee edition) with our plugin. **B** "
        "is plain Material on the same Markdown: what the plugin feeds MkDocs "
        "(`render.site_pages()`, the standards and code of conduct, `pages/`, our assets and "
        "`config.js`) written once into a docs folder, with a generated `mkdocs.yml` that has "
        "the same theme, features, overrides, extensions, nav and extra settings, the same "
        "other plugins (search, offline) but neither `peer-support` nor mkdocs-jupyter. The "
        "HTML the builder makes (each module's self-check and reflections), which our plugin "
        "puts into a page after Markdown has converted it, is in B's Markdown, as a site "
        "without the plugin must have it; Markdown copies it into the page.",
        table(["", "A: our plugin (min / **median** / max)",
               "B: plain Material (min / **median** / max)", "A ÷ B, medians",
               "A ÷ B of each pair (min / **median** / max)"], rows),
        f"Both sites have {o['pages']} HTML pages, "
        f"{'the same' if o['same_pages'] else '**not** the same'} set, and the module page is "
        + ("the same, but for white space between tags," if o.get("same_module_page")
           else "**not** the same") + " in "
        "both. Of A's time, our plugin's event handlers (reading and checking the course, "
        "making the generated pages, the content policy on the rendered prose, the digit "
        "words) took " + spread([x.get("plugin_s", 0) for x in o["a"]], ".3f") + " s "
        "(importing `builder/` is part of loading the config). Wall time includes "
        "waiting for a CPU when other programs run on the machine; the pairs (A and the B "
        "built right after it) and the CPU time are the steadier figures when the machine "
        "is busy.",
        before,
    ] if part)


def section_scaling(s: dict) -> str:
    rows = [[f"{x['factor']}x", x["modules"], x["pages"], f"{x['wall_s']:.2f}",
             f"{x['config_s'] + x['build_s']:.2f}", f"{x['cpu_s']:.2f}", f"{x['maxrss_mb']:.0f}",
             f"{x['html_mb']:.1f}", f"{x['index_mb']:.1f}", f"{x['module_kb']:.1f}",
             f"{x['home_kb']:.1f}"] for x in s["rows"]]
    return "\n\n".join([
        "## 2. Scaling",
        "Synthetic courses made in a temporary folder by copying the real modules, quizzes and "
        "reflections under new ids (copy k of module NN is number 16k+NN, its questions and "
        "prompts renamed mNN- to mMM-), each built once in a fresh process. Peak memory is that "
        "process's own `ru_maxrss` (from `os.wait4`). The last two columns are the raw HTML "
        "of the first module's page and of the home page: what the navigation adds to every "
        "page as the course grows.",
        table(["size", "modules", "HTML pages", "wall (s)", "config + build (s)", "CPU (s)",
               "peak memory (MB)", "HTML written (MB)", "search index (MB)",
               "module page (KB)", "home page (KB)"], rows),
        f"Growth exponent, the least-squares slope of log(config + build time) against "
        f"log(size): **{s['exponent']:.2f}** (of the process's wall time, which adds a fixed "
        f"start-up: {s['exponent_wall']:.2f}). 1.0 is linear.",
    ])


def _cells(t: dict) -> list[str]:
    from bench_web import CATEGORIES

    def cell(c: dict, bold: bool = False) -> str:
        if not c["requests"]:
            return "–"
        gz = f"**{kb(c['gzip'])}**" if bold else kb(c["gzip"])
        text = f"{kb(c['raw'])} / {gz}" if c["raw"] else "0"
        return text + (f" ({c['not_modified']} × 304)" if c["not_modified"] else "")

    return [*(cell(t[c]) for c in CATEGORIES), cell(t["total"], bold=True),
            str(t["total"]["requests"])]


def section_weight(w: dict, assets: dict, search: dict) -> str:
    from bench_web import CATEGORIES

    header = ["page", *CATEGORIES, "total", "requests"]
    first = [[f"{name} (`/{p['path']}`)", *_cells(p["first"])] for name, p in w.items()]
    second = [[f"{name}", *_cells(p["second"])] for name, p in w.items()]
    full = [[f"{name}", *_cells(p["second_full"])] for name, p in w.items()]
    instant = all(p["instant"] for p in w.values())
    refetch = any(h.path.endswith("search_index.json") and h.status == 200
                  for p in w.values() for h in p["second_hits"] + p["second_full_hits"])
    asset_rows = [[f"`{name}`", kb(a["raw"]), kb(a["gzip"])] for name, a in assets.items()]
    total = [sum(a[k] for a in assets.values()) for k in ("raw", "gzip")]
    asset_rows.append(["**total**", kb(total[0]), f"**{kb(total[1])}**"])
    return "\n\n".join([
        "## 3. Page weight",
        "Each page opened in headless Chromium (Playwright); the loopback server serves the "
        "site as `deploy/nginx.conf` does (gzip level 5 for text of 256 bytes or more, the same "
        "`Cache-Control` by path, ETag and Last-Modified) and records every response it sends. "
        "Cells are body bytes, raw / gzipped as sent (KB = 1024 bytes; headers not counted). "
        "*Our assets* are `assets/peer-support/*`; *theme assets* are Material's CSS, JavaScript, "
        "search worker and favicon; *other* is the sitemap that instant navigation reads.",
        "### First visit (empty cache): everything the page loads",
        table(header, first),
        "### Second visit, warm cache, through instant navigation",
        "Coming from the home page (to the home page: from the module page), what a click on "
        "a link transfers: the theme fetches only the new page's HTML"
        + (" (every page was fetched that way)." if instant else
           "; **some pages fell back to a full load**."),
        table(header, second),
        "### Second visit, warm cache, as a full page load (a new tab or a bookmark)",
        "Hashed theme files come from the cache; our assets, the sitemap and the search index "
        "are revalidated (`no-cache`), which costs a `304 Not Modified` request each.",
        table(header, full),
        "The search index was " + ("**fetched again** on a second visit." if refetch else
                                   "not fetched again on any second visit (a 304 at most)."),
        "### Opening search for the first time",
        "After a first visit to the module page, the learner presses `/` and types a word: "
        "what that loads until the first results show (the search index and its worker load "
        "on first use, `builder/site/assets/lazysearch.js`).",
        table(header, [["module, search opened", *_cells(search)]]),
        "### Our assets in the built site",
        table(["file", "raw", "gzip"], asset_rows),
    ])


def section_lighthouse(lh: list[dict] | None, error: str | None = None) -> str:
    head = "## 4. Lighthouse"
    if error:
        return f"{head}\n\nLighthouse failed:\n\n```\n{error.strip()}\n```"
    if lh is None:
        return f"{head}\n\nNot run (`--quick`)."
    rows = [[row["page"], row["preset"], perf_cell(row),
             *[str(row["scores"][c]) for c in ("accessibility", "best-practices", "seo")],
             *[row["metrics"].get(m, "").replace("\u00a0", " ") for m in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "speed-index")]] for row in lh]
    notes = []
    for row in lh:
        for category, audits in row["failing"].items():
            notes.append(f"- {row['page']}, {row['preset']}, {category}: " + "; ".join(audits))
    for row in lh:
        if row["preset"] == "mobile" and row["opportunities"]:
            notes.append(f"- {row['page']}, mobile, performance audits not passed: "
                         + "; ".join(o.replace("\u00a0", " ") for o in row["opportunities"]))
    return "\n\n".join([
        head,
        "Lighthouse 12 (npm, `benchmarks/package.json` and its lock file, installed into "
        "`benchmarks/node_modules` by the script) with Debian's Chromium, on the same loopback "
        "server; mobile is Lighthouse's default (simulated slow 4G, 4x CPU slowdown), desktop is "
        "`--preset=desktop`. The answer key is a page of the facilitator edition, built and "
        "served beside the trainee site. Three runs of each page and form factor, the pages "
        "taking turns; the table shows the run with the median performance score (every "
        "run's performance score in brackets, lowest first), as Lighthouse advises for "
        "variable machines.",
        table(["page", "form factor", "performance", "accessibility", "best practices", "SEO",
               "FCP", "LCP", "TBT", "CLS", "Speed Index"], rows),
        "\n".join(notes) or "Every scored audit outside performance passed.",
    ])


def perf_cell(row: dict) -> str:
    runs = row.get("performance_runs") or []
    return f"{row['scores']['performance']} ({', '.join(map(str, runs))})" if len(runs) > 1 \
        else str(row["scores"]["performance"])


def section_interaction(taps: list[dict]) -> str:
    rows = [[("none" if t["cpu_slowdown"] == 1 else f"{t['cpu_slowdown']}x (as Lighthouse mobile)"),
             t["clicks"], spread([x["shown"] for x in t["samples"]], ".1f"),
             spread([x["painted"] for x in t["samples"]], ".1f")] for t in taps]
    return "\n\n".join([
        "## 5. Interaction",
        f"The first single-answer question of `modules/01-foundations/` (`{taps[0]['question']}`),"
        " in headless Chromium. For each click, a script in the page chooses the first answer, "
        "waits two frames, notes `performance.now()`, calls `click()` on the **Check** button, "
        "and notes when the result element is shown (the form's submit handler runs "
        "synchronously, so it is shown when `click()` returns; a `MutationObserver` on its "
        "`hidden` attribute would notice a later change) and when the next frame has been "
        "produced (`requestAnimationFrame`, then a task queued from it, which runs after that "
        "frame is painted). **Try again** resets the question between clicks. Min / median / "
        "max, in milliseconds; the frame time includes waiting for the next 60 Hz frame (up to "
        "16.7 ms). The first click is a cold one (code not yet optimized), as a learner's is. "
        "The 4x row slows the CPU through the DevTools protocol, as Lighthouse's mobile run "
        "does, to approximate a mid-range phone.",
        table(["CPU slowdown", "clicks", "click to feedback shown (ms)",
               "click to next painted frame (ms)"], rows),
    ])


def section_serve(sv: dict, before: dict | None = None) -> str:
    sides = [("", sv)] + ([("before: ", before)] if before else [])
    rows = [[label + kind, x["n"], f"{x['min']:.2f}", f"**{x['median']:.2f}**", f"{x['max']:.2f}"]
            for label, side in sides for kind, x in side["rows"].items()]
    return "\n\n".join([
        "## 6. Serve: from saving a file to the page showing it",
        "A copy of the course served by `python -m builder serve` (the course's own builder, "
        "as `./scripts/serve` runs it). Each edit writes a new marker into the first module's "
        "quiz bank (an option's text), its Markdown (a paragraph) or the glossary (a "
        "definition the page shows on hover), notes the time, then asks for the module page "
        "every 10 ms until the marker is there; the server holds a request while it rebuilds. "
        "The time is the whole wait: noticing the save, rebuilding, serving the page. Quiz "
        "and module edits take turns; the glossary edits come after them."
        + (" The *before* rows: the course before the change (`--baseline`), served beside "
           "it, each edit made to one then the other." if before else ""),
        table(["edit", "edits", "min (s)", "median (s)", "max (s)"], rows),
    ])


def summary(r: dict) -> str:
    rows = budgets(r)
    width = max(len(name) for name, *_ in rows)
    lines = ["Budgets:"]
    lines += [f"  {name:<{width}}  {got:>22}  (limit {limit})  {verdict(ok).strip('*')}"
              for name, limit, got, ok in rows]
    o, s = r["overhead"], r["scaling"]
    lines.append(f"Build: A {o['a_wall']:.2f} s, B {o['b_wall']:.2f} s; scaling "
                 + ", ".join(f"{x['factor']}x {x['config_s'] + x['build_s']:.1f} s "
                             f"{x['maxrss_mb']:.0f} MB" for x in s["rows"]))
    for name, p in r["weight"].items():
        lines.append(f"Page {name}: first visit {kb(p['first']['total']['gzip'])} gzipped, "
                     f"second {kb(p['second']['total']['gzip'])}")
    lines.append("Serve: " + ", ".join(f"{kind} median {x['median']:.2f} s"
                                       for kind, x in r["serve"]["rows"].items()))
    return "\n".join(lines)
