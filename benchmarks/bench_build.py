"""Build benchmarks: the plugin's overhead over plain MkDocs, and how build time
and memory grow with the size of the course. Every build runs in a fresh
process (build_once.py), timed from outside and measured with wait4()."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILD_ONCE = HERE / "build_once.py"
MODULE_PAGE = "modules/01-foundations/index.html"  # the first module, in every copy of the course


# --- one build -------------------------------------------------------------------

def child_env(root: Path, site_url: str, edition: str = "trainee") -> dict[str, str]:
    """The environment of a build: the course's own builder package, the edition."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url,
           "PYTHONPATH": str(root), "PEER_SUPPORT_EDITION": edition}
    env.pop("PEER_SUPPORT_OFFLINE", None)
    return env


def run_build(config: Path, site_dir: Path, env: dict[str, str]) -> dict:
    """Build once in a fresh process: wall seconds, CPU seconds, in-process seconds and
    peak memory (MB)."""
    log = site_dir.parent / f"{site_dir.name}.log"
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as err, open(log.with_suffix(".json"), "w+") as out:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(BUILD_ONCE), str(config), str(site_dir)],
                                cwd=config.parent, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, not a running max
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        report = out.read().strip().splitlines()
    if proc.returncode != 0 or not report:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"build of {config} failed ({proc.returncode}):\n{tail}")
    result = json.loads(report[-1])
    result.update(wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime,
                  maxrss_mb=usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux
    return result


# --- the same pages without the plugin --------------------------------------------

def materialize_plain(root: Path, work: Path) -> Path:
    """The course as plain Material builds it without our plugin: `python -m builder
    generate` (builder/commands/generate.py), the trainee edition, into work/plain.
    Returns its mkdocs.yml."""
    from builder.commands.generate import generate

    return generate(work / "plain", root / "mkdocs.yml")


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


# --- 1. overhead -------------------------------------------------------------------

def overhead(root: Path, work: Path, runs: int, site_url: str,
             baseline: Path | None = None) -> dict:
    """Interleaved builds, A (our plugin) B (plain MkDocs) A B ...: medians, ratios,
    and the ratio of each pair; with a baseline (the course before a change), its
    build too, A B A0 A B A0 ... The site of the last A build is kept for the browser
    measurements."""
    env = child_env(root, site_url)
    plain_config = materialize_plain(root, work)
    a_runs, b_runs, before = [], [], []
    for i in range(runs):
        a_runs.append(run_build(root / "mkdocs.yml", work / "a" / f"site{i}", env))
        b_runs.append(run_build(plain_config, work / "b" / f"site{i}", env))
        if baseline is not None:
            before.append(run_build(baseline / "mkdocs.yml", work / "a0" / f"site{i}",
                                    child_env(baseline, site_url)))
            shutil.rmtree(work / "a0" / f"site{i}")
        if i < runs - 1:  # keep only the newest site of each, for the disk's sake
            shutil.rmtree(work / "b" / f"site{i}")
    a_site, b_site = work / "a" / f"site{runs - 1}", work / "b" / f"site{runs - 1}"
    for i in range(runs - 1):
        shutil.rmtree(work / "a" / f"site{i}")
    a_wall = statistics.median(r["wall_s"] for r in a_runs)
    b_wall = statistics.median(r["wall_s"] for r in b_runs)
    a_build = statistics.median(r["config_s"] + r["build_s"] for r in a_runs)
    b_build = statistics.median(r["config_s"] + r["build_s"] for r in b_runs)
    return {
        "runs": runs, "a": a_runs, "b": b_runs, "before": before,
        "a_wall": a_wall, "b_wall": b_wall, "ratio": a_wall / b_wall,
        "paired": sorted(a["wall_s"] / b["wall_s"] for a, b in zip(a_runs, b_runs)),
        "a_build": a_build, "b_build": b_build, "build_ratio": a_build / b_build,
        "same_pages": html_pages(a_site) == html_pages(b_site),
        "same_module_page": _tags(a_site / MODULE_PAGE) == _tags(b_site / MODULE_PAGE),
        "pages": len(html_pages(a_site)), "site": a_site,
    }


def _tags(page: Path) -> str:
    """A page's HTML with the white space between tags folded: what a browser shows the same."""
    return re.sub(r">\s+<", "><", page.read_text(encoding="utf-8"))


# --- 2. scaling -----------------------------------------------------------------------

def scaled_course(root: Path, dest: Path, factor: int) -> Path:
    """A copy of the course with `factor` times its modules, quizzes and reflections:
    copy k of module NN gets number k*count+NN, a new id and renamed question and
    prompt ids (mNN-q01 -> mMM-q01). Returns the copy's root."""
    from mkdocs.utils.yaml import yaml_load

    dest.mkdir(parents=True)
    shutil.copy2(root / "mkdocs.yml", dest / "mkdocs.yml")
    for rel in ("data", "pages", "overrides"):
        if (root / rel).is_dir():
            shutil.copytree(root / rel, dest / rel)
    for rel in ("modules", "quizzes", "reflections"):
        (dest / rel).mkdir()
    for name in ("standards-of-practice.md", "code-of-conduct.md"):
        shutil.copy2(root / "modules" / name, dest / "modules" / name)
    order = yaml_load((root / "modules/course.yml").read_text(encoding="utf-8"))["modules"]
    ids = []
    for k in range(factor):
        for module_id in order:
            ids.append(_copy_module(root, dest, module_id, k, len(order)))
    lines = "".join(f"  - {i}\n" for i in ids)
    (dest / "modules/course.yml").write_text(f"modules:\n{lines}", encoding="utf-8")
    return dest


def _copy_module(root: Path, dest: Path, module_id: str, k: int, count: int) -> str:
    """Copy one module's files as copy number k; returns the new id."""
    import yaml

    text = (root / "modules" / f"{module_id}.md").read_text(encoding="utf-8")
    number = int(re.search(r"^number:\s*(\d+)", text, re.M).group(1))
    new_number = k * count + number
    slug = module_id.split("-", 1)[1]
    new_id = module_id if k == 0 else f"{new_number:02d}-{slug}"
    if k:
        text = re.sub(r"^id:.*$", f"id: {new_id}", text, count=1, flags=re.M)
        text = re.sub(r"^number:.*$", f"number: {new_number}", text, count=1, flags=re.M)
        text = re.sub(r"^title:\s*(.*)$", lambda m: "title: " + json.dumps(
            f"{yaml.safe_load(m.group(1))} (copy {k + 1})"), text, count=1, flags=re.M)
    (dest / "modules" / f"{new_id}.md").write_text(text, encoding="utf-8")
    for folder in ("quizzes", "reflections"):
        src = root / folder / f"{module_id}.yml"
        if src.is_file():
            body = src.read_text(encoding="utf-8")
            if k:
                body = re.sub(r"^module:.*$", f"module: {new_id}", body, count=1, flags=re.M)
                body = re.sub(rf"^(\s*- id: )m{number:02d}-", rf"\g<1>m{new_number:02d}-",
                              body, flags=re.M)
            (dest / folder / f"{new_id}.yml").write_text(body, encoding="utf-8")
    return new_id


def growth_exponent(sizes: list[float], times: list[float]) -> float:
    """Least-squares slope of log(time) against log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def scaling(root: Path, work: Path, factors: list[int], site_url: str) -> dict:
    """Build a course of each size once, in a fresh process each."""
    env = child_env(root, site_url)
    rows = []
    for factor in factors:
        course = scaled_course(root, work / f"scale{factor}x", factor)
        result = run_build(course / "mkdocs.yml", work / f"scale{factor}x-site" / "site", env)
        site = work / f"scale{factor}x-site" / "site"
        result.update(factor=factor, modules=len(list((course / "modules").glob("*.md"))) - 2,
                      html_mb=sum(p.stat().st_size for p in site.rglob("*.html")) / 2**20,
                      index_mb=(site / "search/search_index.json").stat().st_size / 2**20,
                      module_kb=(site / MODULE_PAGE).stat().st_size / 1024,
                      home_kb=(site / "index.html").stat().st_size / 1024)
        rows.append(result)
        shutil.rmtree(site)
    sizes = [r["factor"] for r in rows]
    return {"rows": rows,
            "exponent": growth_exponent(sizes, [r["config_s"] + r["build_s"] for r in rows]),
            "exponent_wall": growth_exponent(sizes, [r["wall_s"] for r in rows])}
