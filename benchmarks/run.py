"""Benchmarks of the site and its build, as ratios and sizes (issues 8 and 15).

    .venv/bin/python benchmarks/run.py [--quick] [--output PATH] [--root PATH]

Writes benchmarks/RESULTS.md and prints a summary: build overhead of our plugin
over plain Material making the same pages, how builds and pages scale with the
course, page weight, Lighthouse, the self-check's feedback time and the wait
from saving a file to `serve` showing it, each against its budget. --quick (for
tests/test_bench.py): one build each, 1x and 2x scaling, two edits of each kind,
no Lighthouse, 3 clicks. Nothing here is a timed test: the figures are for
people to read. Builds, edits and Lighthouse runs are interleaved, so a busy
machine slows every side alike; each figure comes with its spread."""

from __future__ import annotations

import argparse
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
sys.path.insert(0, str(HERE))  # benchmarks/ is a folder of scripts, not a package

from report import render_report, summary  # noqa: E402

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
    notes = f"{NOTES_START}\n{keep_notes(args.output).strip()}\n{NOTES_END}"
    report = render_report(results, args, notes)
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
    p.add_argument("--root", type=Path, default=HERE.parent,
                   help="the course to measure (default: this repository); a patched copy "
                        "measures a fix before it is made")
    p.add_argument("--baseline", type=Path,
                   help="the same course before a change: its builds and `serve` edits are "
                        "measured interleaved with this one's, as the before figures")
    p.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    return p.parse_args(argv)


# --- measuring ---------------------------------------------------------------------------

def measure(root: Path, work: Path, args: argparse.Namespace) -> dict:
    import bench_build
    import bench_serve
    import bench_web

    quick = args.quick
    port = bench_web.free_port()
    site_url = f"http://127.0.0.1:{port}/"  # instant navigation needs site_url to match
    os.environ["SITE_URL"] = site_url
    baseline = args.baseline.resolve() if args.baseline else None
    results: dict = {"quick": quick, "root": root, "baseline": baseline, "versions": versions()}

    step("1. build overhead")
    results["overhead"] = bench_build.overhead(root, work, 1 if quick else 7, site_url, baseline)
    step("2. scaling")
    results["scaling"] = bench_build.scaling(root, work, [1, 2] if quick else [1, 4, 16, 64],
                                             site_url)
    step("6. serve")
    courses = {"after": root, **({"before": baseline} if baseline else {})}
    served = bench_serve.serve_latency(courses, work, 2 if quick else 10)
    results["serve"], results["serve_before"] = served["after"], served.get("before")
    site = results["overhead"]["site"]
    results["assets"] = bench_web.our_assets(site)
    servers = [bench_web.Server(site, port)]
    try:
        results.update(browser_measurements(servers[0], 3 if quick else 20))
        if not quick:
            servers.append(facilitator_server(root, work))
            pages = {name: servers[0].url + bench_web.PAGES[name]
                     for name in ("home", "module", "progress")}
            pages["answer key"] = servers[1].url + ANSWER_KEY
            results["lighthouse"] = run_lighthouse(pages, work, results)
        else:
            results["lighthouse"] = None
    finally:
        for server in servers:
            server.close()
    return results


ANSWER_KEY = "facilitator/01-foundations-answers/"


def facilitator_server(root: Path, work: Path):
    """The facilitator edition, built once and served on a port of its own."""
    import bench_build
    import bench_web

    port = bench_web.free_port()
    env = bench_build.child_env(root, f"http://127.0.0.1:{port}/", edition="facilitator")
    site = work / "facilitator" / "site"
    bench_build.run_build(root / "mkdocs.yml", site, env)
    return bench_web.Server(site, port)


def run_lighthouse(pages: dict[str, str], work: Path, results: dict) -> list[dict] | None:
    """Lighthouse on the pages given (name: URL); a failure is reported, not fatal."""
    import bench_lighthouse

    step("4. Lighthouse")
    try:
        rows = bench_lighthouse.lighthouse(pages, work)
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
            search = bench_web.tally(bench_web.first_search(browser, server,
                                                            bench_web.PAGES["module"]))
            step("5. interaction")
            taps = [bench_web.interaction(browser, server, clicks, slowdown) for slowdown in (1, 4)]
            chromium = browser.version
        finally:
            browser.close()
    return {"weight": weight, "first_search": search, "interaction": taps, "chromium": chromium}


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


def keep_notes(output: Path) -> str:
    """The hand-written notes of an existing report, or the template."""
    if output.is_file():
        text = output.read_text(encoding="utf-8")
        found = re.search(re.escape(NOTES_START) + r"\n(.*?)" + re.escape(NOTES_END), text, re.S)
        if found:
            return found.group(1)
    return NOTES_TEMPLATE


if __name__ == "__main__":
    sys.exit(main())
