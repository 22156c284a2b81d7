"""`python -m builder check|build|generate|serve|new|new-agency|export`: the command
line, a thin wrapper around the loader and MkDocs."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from builder.content.problems import Problems
from builder.load.course import load_course

__all__ = ["main", "check"]

EDITIONS = ("trainee", "facilitator")
QUIZ_FORMATS = ("moodle-xml", "gift")      # the self-check banks (builder/commands/export.py)
SCORM_FORMATS = ("scorm12", "scorm2004")   # the whole course as a package (builder/commands/scorm.py)
SERVE_POLL_S = 0.1  # how often `serve` looks for saved files


def check(root: Path, strict: bool = False, out=None, support_lines: Path | None = None,
          today: date | None = None) -> int:
    """Check every content file; print problems; return the exit status. Support
    lines not confirmed in the 12 months before `today` (default: the real date)
    are warnings."""
    out = out or sys.stderr
    problems = Problems(root)
    load_course(root, problems, strict=strict, support_lines=support_lines,
                today=today or date.today(), check_writing=True)
    for problem in problems.sorted():
        print(problem, file=out)
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors:
        print(f"{errors} error(s), {warnings} warning(s): fix the lines above.", file=out)
        return 1
    print(f"All content checks passed ({warnings} warning(s)).", file=out)
    return 0


def _build(args: argparse.Namespace) -> int:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from builder.commands.generate import mkdocs_config

    site_dir = args.site_dir or (None if args.edition == "trainee" else f"site-{args.edition}")
    try:
        config = mkdocs_config(Path(args.config_file), args.edition, site_dir, args.offline)
        build(config)
    except MkDocsException as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.offline:
        from builder.site.offline import zip_site

        archive = zip_site(Path(config.site_dir))
        print(f"Offline bundle: {archive}", file=sys.stderr)
    print(f"Built the {args.edition} edition into {config.site_dir}", file=sys.stderr)
    return 0


def _generate(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from builder.commands.generate import generate

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        plain = generate(Path(args.dir), Path(args.config_file), args.edition, args.offline)
    except MkDocsException as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Wrote the {args.edition} edition's docs tree; build it with: "
          f"mkdocs build -f {plain}", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands import serve
    from mkdocs.livereload import LiveReloadServer

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["PEER_SUPPORT_EDITION"] = args.edition
    handler = logging.StreamHandler()  # what `mkdocs serve` prints: the address, each rebuild
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    # Dirty builds: a save rebuilds only the pages it changes. The plugin keeps them
    # right (builder/site/serving.py), so MkDocs' warning that they may not be is dropped.
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: not record.getMessage().startswith("A 'dirty' build"))
    # MkDocs looks for saved files every 0.5 s, which is most of the wait after a save
    # once a rebuild takes a quarter of a second; the course's few files allow 0.1 s.
    class QuickReload(LiveReloadServer):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **{"polling_interval": SERVE_POLL_S, **kwargs})

    serve.LiveReloadServer = QuickReload  # type: ignore[misc]  # only inside our `serve` command
    serve.serve(config_file=args.config_file, open_in_browser=False, dev_addr=args.dev_addr,
                livereload=True, build_type="dirty")
    return 0


def _new(args: argparse.Namespace) -> int:
    from builder.commands.scaffold import new_module

    try:
        for path in new_module(Path.cwd(), args.id, args.title):
            print(f"wrote {path}", file=sys.stderr)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def _new_agency(args: argparse.Namespace) -> int:
    from builder.commands.agency import new_agency, next_steps, site_address

    try:
        site_url = site_address(os.environ.get("SITE_URL"))
        for path in new_agency(Path.cwd(), Path(args.dir), args.name, site_url):
            print(f"wrote {path}", file=sys.stderr)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(next_steps(Path(args.dir), args.name.strip(), site_url), file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from builder.commands.site_course import site_course

    config_file = Path(args.config_file) if args.config_file else None
    if args.format in SCORM_FORMATS:
        from builder.commands.scorm import export_scorm

        return export_scorm(Path.cwd(), config_file, args.format, args.module,
                            Path(args.output) if args.output else None)
    if not args.output:
        suffix = "xml" if args.format == "moodle-xml" else "gift"
        print(f"export: give the file to write with -o, such as -o questions.{suffix}",
              file=sys.stderr)
        return 2
    from builder.commands.export import export

    try:
        site = site_course(config_file, Path.cwd())
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    return export(site, args.format, args.module, Path(args.output))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="check every content file")
    p.add_argument("--strict", action="store_true",
                   help="language and item-writing warnings become errors")
    p.add_argument("--support-lines", type=Path, metavar="FILE",
                   help="check this support lines file instead of data/support-lines.yml")
    for name, help_ in (("build", "build the site"), ("serve", "build, serve and reload on edits")):
        p = sub.add_parser(name, help=help_)
        p.add_argument("--edition", choices=EDITIONS, default="trainee")
        p.add_argument("-f", "--config-file", default="mkdocs.yml")
        if name == "build":
            p.add_argument("-d", "--site-dir", help="where to write the site")
            p.add_argument("--offline", action="store_true",
                           help="also write a zip that works opened from disk")
        else:
            p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    p = sub.add_parser("generate", help="write the site as a docs tree and mkdocs.yml that "
                       "plain MkDocs builds, with no plugin of ours")
    p.add_argument("dir", help="a new or empty folder")
    p.add_argument("--edition", choices=EDITIONS, default="trainee")
    p.add_argument("-f", "--config-file", default="mkdocs.yml")
    p.add_argument("--offline", action="store_true", help="a site that works opened from disk")
    p = sub.add_parser("new", help="start a new module")
    p.add_argument("id", help="such as 17-peer-work-online")
    p.add_argument("title")
    p = sub.add_parser("new-agency", help="start an agency's own copy of the course in DIR")
    p.add_argument("dir", help="a new folder, such as ../our-agency")
    p.add_argument("--name", required=True, help='the agency\'s name, such as "Harbourview"')
    p = sub.add_parser("export", help="the quiz banks, or the whole course as a SCORM package, "
                       "for a learning management system")
    p.add_argument("--format", choices=QUIZ_FORMATS + SCORM_FORMATS, required=True)
    p.add_argument("--module", action="append", metavar="ID",
                   help="a module id, as often as you like; every module of the site when left out")
    p.add_argument("-f", "--config-file", help="the site's mkdocs.yml, such as an agency's: its "
                   "modules, in its order (default: mkdocs.yml here)")
    p.add_argument("-o", "--output", help="the file to write (SCORM: a .zip, named after the "
                   "site when left out)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(Path.cwd(), strict=args.strict, support_lines=args.support_lines)
    return {"build": _build, "serve": _serve, "generate": _generate, "new": _new, "new-agency": _new_agency,
            "export": _export}[args.command](args)
