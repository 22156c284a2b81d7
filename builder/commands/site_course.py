"""The course a site's `mkdocs.yml` builds: where its content lives and which
modules it has, in its order (an agency's subset), so that every export gives an
LMS the modules the site itself shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["SiteCourse", "site_course", "choose_modules"]

DEFAULT_CONFIG = Path("mkdocs.yml")


@dataclass(frozen=True)
class SiteCourse:
    root: Path                     # the course's folder: modules/, quizzes/, data/
    modules: list[str] | None      # the site's subset and order; None: every module


def site_course(config_file: Path | None, cwd: Path) -> SiteCourse:
    """Read `config_file` (default: mkdocs.yml in `cwd`, when there is one). Raises
    ValueError with a sentence when the file cannot be used."""
    if config_file is None:
        if not (cwd / DEFAULT_CONFIG).is_file():
            return SiteCourse(cwd, None)  # a bare course folder: every module
        config_file = cwd / DEFAULT_CONFIG
    config_file = cwd / config_file
    if not config_file.is_file():
        raise ValueError(f"{config_file}: there is no such file; give the site's mkdocs.yml with -f")
    from mkdocs.exceptions import MkDocsException

    from builder.commands.generate import mkdocs_config

    try:
        config = mkdocs_config(config_file, "trainee", None)
    except (MkDocsException, SystemExit) as exc:
        raise ValueError(f"{config_file}: {exc}") from None
    options = config.plugins["peer-support"].config
    root = Path(options.content_root or config_file.parent).resolve()
    return SiteCourse(root, list(options.modules) if options.modules is not None else None)


def choose_modules(available: list[str], chosen: list[str] | None,
                   every_module: set[str]) -> list[str]:
    """The modules to export: `available` (the site's, in its order), narrowed to
    `chosen` (--module, any number of times) when given. Raises ValueError naming an
    id the course or the site does not have."""
    if not chosen:
        return available
    for module_id in chosen:
        if module_id not in every_module:
            raise ValueError(f'there is no module "{module_id}"; pick an id from modules/course.yml')
        if module_id not in available:
            raise ValueError(f'the site leaves out module "{module_id}" (the modules: list under '
                             "peer-support in its mkdocs.yml); pick one of its modules")
    return [m for m in available if m in chosen]
