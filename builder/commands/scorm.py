"""`python -m builder export --format scorm12|scorm2004`: the whole course as a
SCORM package that a learning management system imports and launches.

The package is the trainee edition built as the offline bundle is (relative
links, pages as .html; builder/site/offline.py), so the facilitator content is
left out, with the SCORM plugin (builder/site/scorm.py) adding the launch page
and the LMS adapter, an imsmanifest.xml at the root naming that page as the one
SCO, and the schemas the manifest names beside it. The modules are the site's
(an agency's subset, in its order), or those chosen with --module."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from builder.commands.scorm_manifest import FLAVOURS, manifest
from builder.commands.site_course import choose_modules, site_course

__all__ = ["export_scorm", "build_package"]

# What only a web server uses: the 404 page (its links start at the server's root) and
# the sitemap (the site's address). An LMS serves the package from a folder of its own.
SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz")


def export_scorm(cwd: Path, config_file: Path | None, fmt: str, chosen: list[str] | None,
                 output: Path | None) -> int:
    """Build the package; return the exit status. Problems are sentences on stderr."""
    from mkdocs.exceptions import MkDocsException

    try:
        site = site_course(config_file, cwd)
        config_path = cwd / (config_file or "mkdocs.yml")
        modules = _modules(site, chosen)
        archive, name, count = build_package(config_path, fmt, modules, output, cwd)
    except (ValueError, MkDocsException) as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename or output}: cannot write the package: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote {FLAVOURS[fmt].label} package of {name} ({count} modules) to {archive}; "
          "upload it to your LMS as a SCORM package (AGENCY.md, step 10)", file=sys.stderr)
    return 0


def _modules(site, chosen: list[str] | None) -> list[str] | None:
    """The modules the package holds: None for the site's own."""
    if not chosen:
        return None
    from builder.content.problems import Problems
    from builder.load.data import load_order

    problems = Problems(site.root)
    order = [module_id for module_id, _ in load_order(site.root / "modules/course.yml", problems)
             or []]
    every = {p.stem for p in (site.root / "modules").glob("*.md")}
    return choose_modules(site.modules if site.modules is not None else order, chosen, every)


def build_package(config_file: Path, fmt: str, modules: list[str] | None, output: Path | None,
                  cwd: Path) -> tuple[Path, str, int]:
    """Build the SCORM package of the site `config_file` describes; return where it
    was written, the site's name and its number of modules."""
    from mkdocs.commands.build import build

    from builder.commands.generate import mkdocs_config
    from builder.site.offline import write_zip
    from builder.site.scorm import LAUNCH_PAGE, add_scorm_plugin

    flavour = FLAVOURS[fmt]
    with tempfile.TemporaryDirectory(prefix="peer-support-scorm-") as tmp:
        site_dir = Path(tmp) / "site"
        config = mkdocs_config(config_file, "trainee", str(site_dir), offline=True)
        plugin = config.plugins["peer-support"]
        if modules is not None:
            plugin.config.modules = modules
        add_scorm_plugin(config, flavour.version)
        build(config)
        for name in SERVER_ONLY:
            (site_dir / name).unlink(missing_ok=True)
        files = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
        schemas = flavour.schema_files()
        course_id = plugin.config.site_id or _slug(config.site_name)  # as the browser's site id
        xml = manifest(flavour, course_id, config.site_name, LAUNCH_PAGE, files)
        archive = cwd / (output or f"{_slug(config.site_name)}-{fmt}.zip")
        archive.parent.mkdir(parents=True, exist_ok=True)
        write_zip(archive, site_dir, first=[("imsmanifest.xml", xml),
                                            *((p.name, p.read_bytes()) for p in schemas)])
        return archive, config.site_name, len(plugin.course.modules)


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split()) or "course"
