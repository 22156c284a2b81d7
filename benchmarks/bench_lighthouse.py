"""Lighthouse 12 (npm, installed into benchmarks/node_modules from the committed
package.json and package-lock.json) against Debian's Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from bench_web import CHROME_FLAGS, CHROMIUM

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")


def ensure_lighthouse() -> Path:
    """npm install --prefix benchmarks, once (the lock file pins every version)."""
    if not LIGHTHOUSE.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is not installed; Lighthouse needs Node 20 and npm")
        subprocess.run([npm, "install", "--prefix", str(HERE), "--no-audit", "--no-fund"],
                       check=True, capture_output=True, text=True)
    return LIGHTHOUSE


def run_lighthouse(url: str, preset: str, out: Path) -> dict:
    """One Lighthouse run: the four category scores (0-100), the metrics, and the
    audits that cost points outside performance."""
    cmd = [str(ensure_lighthouse()), url, "--quiet", "--output=json", f"--output-path={out}",
           "--only-categories=" + ",".join(CATEGORIES), "--chrome-flags=" + " ".join(CHROME_FLAGS)]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url} ({preset}):\n{result.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    return summarize(report, preset)


def summarize(report: dict, preset: str) -> dict:
    cats = report["categories"]
    audits = report["audits"]
    failing = {}
    for key in CATEGORIES:
        for ref in cats[key]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1 \
                    and key != "performance":
                failing.setdefault(key, []).append(f'{ref["id"]}: {audit["title"]}')
    return {
        "preset": preset,
        "scores": {k: round(100 * cats[k]["score"]) if cats[k]["score"] is not None else None
                   for k in CATEGORIES},
        "metrics": {m: audits[m].get("displayValue", "") for m in METRICS if m in audits},
        "failing": failing,
        "opportunities": _opportunities(audits, cats["performance"]["auditRefs"]),
        "runtime_error": (report.get("runtimeError") or {}).get("message"),
    }


def _opportunities(audits: dict, refs: list[dict]) -> list[str]:
    """Performance audits that did not pass, with their estimated savings."""
    out = []
    for ref in refs:
        audit = audits.get(ref["id"], {})
        if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("displayValue") \
                and audit.get("scoreDisplayMode") in ("metricSavings", "numeric", "binary"):
            if ref["id"] in METRICS or ref["id"].endswith("-insight"):  # insights repeat audits
                continue
            out.append(f'{ref["id"]}: {audit["title"]} ({audit["displayValue"]})')
    return out


def lighthouse(pages: dict[str, str], work: Path, runs: int = 3) -> list[dict]:
    """Every page (name: URL), mobile and desktop, `runs` times each, the runs of
    the pages interleaved: the run with the median performance score (Lighthouse's
    own advice for noisy machines), and every run's performance score."""
    done: dict[tuple[str, str], list[dict]] = {}
    for i in range(runs):
        for name, url in pages.items():
            for preset in ("mobile", "desktop"):
                done.setdefault((name, preset), []).append(
                    run_lighthouse(url, preset, work / f"lh-{name}-{preset}-{i}.json"))
    rows = []
    for (name, preset), results in done.items():
        results.sort(key=lambda r: r["scores"]["performance"] or 0)
        rows.append({"page": name, "url": pages[name], **results[len(results) // 2],
                     "performance_runs": [r["scores"]["performance"] for r in results]})
    return rows


def version() -> str:
    package = HERE / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else "?"
