"""Benchmarks of the site and its build, as ratios and sizes (issue 8).

    .venv/bin/python benchmarks/run.py [--quick] [--output PATH] [--root PATH]

Writes benchmarks/RESULTS.md and prints a summary: build overhead of our plugin
over plain MkDocs, how builds scale with the course, page weight, Lighthouse,
and the self-check's feedback time, each against its budget. --quick (for
tests/test_bench.py): one build each, 1x and 2x scaling, no Lighthouse, 3 clicks.
Nothing here is a timed test: the figures are for people to read."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
KB = 1024
NOTES_START = "<!-- notes: everything down to the end marker is kept when run.py rewrites this file -->"
NOTES_END = "<!-- end of notes -->"
NOTES_TEMPLATE = """## Budget misses, diagnosis and fixes

(Write here why a budget is missed and what would fix it.)

## Changes made, and the figures before them

(When a fix is applied outside benchmarks/, say what was changed and copy the
figures measured before it here.)
"""


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = args.root.resolve()
    sys.path.insert(0, str(root))  # the course's own builder package (see --root)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="peer-support-bench-"))
    try:
        results = measure(root, work, args)
    finally:
        if args.keep:
            print(f"kept the work folder {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["elapsed_s"] = time.perf_counter() - started
    report = render_report(results, args, keep_notes(args.output))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    print(summary(results))
    print(f"\nWrote {args.output} in {results['elapsed_s']:.0f} s.")
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="benchmarks/run.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true",
                   help="one build each, 1x and 2x scaling, no Lighthouse, 3 clicks")
    p.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    p.add_argument("--root", type=Path, default=REPO,
                   help="the course to measure (default: this repository); a patched copy "
                        "measures a fix before it is made")
    p.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    return p.parse_args(argv)


# --- measuring ---------------------------------------------------------------------------

def measure(root: Path, work: Path, args: argparse.Namespace) -> dict:
    import bench_build
    import bench_web

    quick = args.quick
    port = bench_web.free_port()
    site_url = f"http://127.0.0.1:{port}/"  # instant navigation needs site_url to match
    os.environ["SITE_URL"] = site_url
    results: dict = {"quick": quick, "root": root, "versions": versions()}

    step("1. build overhead")
    results["overhead"] = bench_build.overhead(root, work, 1 if quick else 5, site_url)
    step("2. scaling")
    results["scaling"] = bench_build.scaling(root, work, [1, 2] if quick else [1, 4, 16],
                                             site_url)
    site = results["overhead"]["site"]
    results["assets"] = bench_web.our_assets(site)
    server = bench_web.Server(site, port)
    try:
        results.update(browser_measurements(server, 3 if quick else 20))
        results["lighthouse"] = None if quick else run_lighthouse(server.url, work, results)
    finally:
        server.close()
    return results


def run_lighthouse(url: str, work: Path, results: dict) -> list[dict] | None:
    """Lighthouse on the home and module pages; a failure is reported, not fatal."""
    import bench_lighthouse
    import bench_web

    step("4. Lighthouse")
    pages = {k: bench_web.PAGES[k] for k in ("home", "module")}
    try:
        rows = bench_lighthouse.lighthouse(url, pages, work)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        results["lighthouse_error"] = str(exc)
        print(f"Lighthouse failed: {exc}", file=sys.stderr)
        return None
    results["versions"]["Lighthouse"] = bench_lighthouse.version()
    return rows


def browser_measurements(server, clicks: int) -> dict:
    import bench_web
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = bench_web.launch(p)
        try:
            step("3. page weight")
            weight = bench_web.page_weight(browser, server)
            step("5. interaction")
            taps = [bench_web.interaction(browser, server, clicks, slowdown) for slowdown in (1, 4)]
            chromium = browser.version
        finally:
            browser.close()
    return {"weight": weight, "interaction": taps, "chromium": chromium}


def step(name: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {name}", file=sys.stderr, flush=True)


def versions() -> dict[str, str]:
    def dist(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    return {"Python": platform.python_version(), "MkDocs": dist("mkdocs"),
            "Material": dist("mkdocs-material"), "Playwright": dist("playwright")}


# --- budgets ------------------------------------------------------------------------------

def budgets(r: dict) -> list[tuple[str, str, str, bool | None]]:
    """(budget, limit, measured, passed) rows; passed is None when not measured."""
    rows = []
    o = r["overhead"]
    rows.append(("Build overhead: our plugin ÷ plain MkDocs, median wall time", "≤ 1.25",
                 f"{o['ratio']:.2f}", o["ratio"] <= 1.25))
    s = r["scaling"]
    span = f"{s['rows'][0]['factor']}x to {s['rows'][-1]['factor']}x"
    rows.append((f"Build growth exponent ({span})", "≤ 1.1", f"{s['exponent']:.2f}",
                 s["exponent"] <= 1.1))
    ours = sum(a["gzip"] for a in r["assets"].values())
    rows.append(("Our assets (assets/peer-support/*.js + *.css), gzipped", "≤ 12 KB",
                 kb(ours), ours <= 12 * KB))
    module = r["weight"]["module"]["first"]["total"]["gzip"]
    rows.append(("Module page, first visit, transferred (gzipped)", "≤ 250 KB", kb(module),
                 module <= 250 * KB))
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
    name = f"Lighthouse {label}, mobile"
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
    parts = [
        "# Benchmarks",
        f"Written by `.venv/bin/python benchmarks/run.py` ({mode}, {r['elapsed_s']:.0f} s) on "
        f"{when}, on {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}: "
        + ", ".join(f"{k} {val}" for k, val in v.items()) + "." + course,
        "Speed is reported as ratios and sizes measured in one run of one script; no test "
        "asserts a time. Timings vary with the machine and with whatever else runs on it, so "
        "compare ratios, and re-run before and after a change.",
        "## Budgets",
        table(["budget", "limit", "measured", "result"],
              [[name, limit, got, verdict(ok)] for name, limit, got, ok in budgets(r)]),
        section_overhead(r["overhead"]),
        section_scaling(r["scaling"]),
        section_weight(r["weight"], r["assets"]),
        section_lighthouse(r["lighthouse"], r.get("lighthouse_error")),
        section_interaction(r["interaction"]),
        f"{NOTES_START}\n{notes.strip()}\n{NOTES_END}",
    ]
    return "\n\n".join(parts) + "\n"


def section_overhead(o: dict) -> str:
    def row(label: str, key: str, fmt: str) -> list[str]:
        a = sorted(x[key] for x in o["a"])[len(o["a"]) // 2]
        b = sorted(x[key] for x in o["b"])[len(o["b"]) // 2]
        return [label, format(a, fmt), format(b, fmt), f"{a / b:.2f}"]

    for x in o["a"] + o["b"]:
        x["inproc_s"] = x["config_s"] + x["build_s"]
    rows = [row("median wall time of the build process (s)", "wall_s", ".2f"),
            row("median load config + build, in the process (s)", "inproc_s", ".2f"),
            row("median CPU time of the build process, user + system (s)", "cpu_s", ".2f"),
            row("median peak memory (MB)", "maxrss_mb", ".0f")]
    runs = lambda xs: ", ".join(f"{x['wall_s']:.2f}" for x in xs)  # noqa: E731
    return "\n\n".join([
        "## 1. Build overhead",
        f"{o['runs']} build{'' if o['runs'] == 1 else 's'} of each, interleaved A B A B ..., each in a fresh Python process "
        "(`benchmarks/build_once.py`: MkDocs' `load_config` and `build`). **A** builds the real "
        "`mkdocs.yml` with our plugin. **B** builds the same Markdown without it: what the plugin "
        "feeds MkDocs (`render.site_pages()`, the standards and code of conduct, `pages/`, our "
        "assets and `config.js`) written once into a docs folder, with a generated `mkdocs.yml` "
        "that has the same theme, overrides, extensions, other plugins, nav and extra settings "
        "but no `peer-support` plugin. mkdocs-jupyter is told to ignore the written pages: it "
        "reads every Markdown file on disk with jupytext but skips generated ones, so without "
        "that B would do work that A never does.",
        table(["", "A: our plugin", "B: plain MkDocs", "A ÷ B"], rows),
        f"Wall times, A: {runs(o['a'])} s; B: {runs(o['b'])} s. Both sites have "
        f"{o['pages']} HTML pages, {'the same' if o['same_pages'] else '**not** the same'} set. "
        "Wall time includes waiting for a CPU when other programs run on the machine; the CPU "
        "time ratio is the steadier figure when the wall times of one side spread widely.",
    ])


def section_scaling(s: dict) -> str:
    rows = [[f"{x['factor']}x", x["modules"], x["pages"], f"{x['wall_s']:.2f}",
             f"{x['config_s'] + x['build_s']:.2f}", f"{x['cpu_s']:.2f}", f"{x['maxrss_mb']:.0f}",
             f"{x['html_mb']:.1f}", f"{x['index_mb']:.1f}"] for x in s["rows"]]
    return "\n\n".join([
        "## 2. Scaling",
        "Synthetic courses made in a temporary folder by copying the real modules, quizzes and "
        "reflections under new ids (copy k of module NN is number 16k+NN, its questions and "
        "prompts renamed mNN- to mMM-), each built once in a fresh process. Peak memory is that "
        "process's own `ru_maxrss` (from `os.wait4`).",
        table(["size", "modules", "HTML pages", "wall (s)", "config + build (s)", "CPU (s)",
               "peak memory (MB)", "HTML written (MB)", "search index (MB)"], rows),
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


def section_weight(w: dict, assets: dict) -> str:
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
        "`--preset=desktop`. Three runs of each; the table shows the run with the median "
        "performance score (every run's performance score in brackets), as Lighthouse advises "
        "for variable machines.",
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
             t["clicks"], f"{t['shown']:.1f}", f"{t['painted']:.1f}", f"{t['painted_max']:.1f}"]
            for t in taps]
    return "\n\n".join([
        "## 5. Interaction",
        f"The first single-answer question of `modules/01-foundations/` (`{taps[0]['question']}`),"
        " in headless Chromium. For each click, a script in the page chooses the first answer, "
        "waits two frames, notes `performance.now()`, calls `click()` on the **Check** button, "
        "and notes when the result element is shown (the form's submit handler runs "
        "synchronously, so it is shown when `click()` returns; a `MutationObserver` on its "
        "`hidden` attribute would notice a later change) and when the next frame has been "
        "produced (`requestAnimationFrame`, then a task queued from it, which runs after that "
        "frame is painted). **Try again** resets the question between clicks. Medians, in "
        "milliseconds; the frame time includes waiting for the next 60 Hz frame (up to "
        "16.7 ms). The first click is a cold one (code not yet optimized), as a learner's is. "
        "The 4x row slows the CPU through the DevTools protocol, as Lighthouse's mobile run "
        "does, to approximate a mid-range phone.",
        table(["CPU slowdown", "clicks", "click to feedback shown (ms)",
               "click to next painted frame (ms)", "slowest painted frame (ms)"], rows),
    ])


def keep_notes(output: Path) -> str:
    """The hand-written notes of an existing report, or the template."""
    if output.is_file():
        text = output.read_text(encoding="utf-8")
        found = re.search(re.escape(NOTES_START) + r"\n(.*?)" + re.escape(NOTES_END), text, re.S)
        if found:
            return found.group(1)
    return NOTES_TEMPLATE


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
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
