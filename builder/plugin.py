"""The MkDocs plugin: only event hooks. It loads the course, hands it to the
renderers, and places their pages and our assets into the site."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from builder.load import CODE_OF_CONDUCT, STANDARDS, load_course
from builder.model import Course
from builder.problems import Problems
from builder.render import STRINGS, site_pages, standards_page

__all__ = ["PeerSupportPlugin"]

log = logging.getLogger("mkdocs.plugins.peer-support")
ASSETS = Path(__file__).parent / "assets"
ASSET_DIR = "assets/peer-support"
# Site pages the plugin knows where to put in the navigation.
SUPPORT_PAGES = ("support-lines.md", "take-a-break.md", "safety.md")


class PeerSupportConfig(base.Config):
    edition = c.Choice(("trainee", "facilitator"), default="trainee")
    content_root = c.Optional(c.Dir(exists=True))  # default: the folder of mkdocs.yml
    modules = c.Optional(c.ListOfItems(c.Type(str)))  # an agency's subset and order
    support_lines = c.Optional(c.File(exists=True))  # an agency's own support lines
    site_id = c.Optional(c.Type(str))  # keeps learner data of two copies on one origin apart
    quick_exit_url = c.Type(str, default="https://www.google.ca/")
    strict_language = c.Type(bool, default=False)
    offline = c.Type(bool, default=False)


class PeerSupportPlugin(BasePlugin[PeerSupportConfig]):
    course: Course

    def on_config(self, config):
        root = Path(self.config.content_root or Path(config.config_file_path).parent)
        self.root = root
        problems = Problems(root)
        self.course = load_course(root, problems, selection=self.config.modules,
                                  support_lines=_path(self.config.support_lines),
                                  strict=self.config.strict_language)
        for warning in problems.warnings:
            log.warning(str(warning))
        if problems.errors:
            lines = "\n".join(str(p) for p in sorted(set(problems.errors)))
            raise PluginError(f"the content has {len(problems.errors)} error(s):\n{lines}")
        config.extra["peer_support"] = {"quick_exit_url": self.config.quick_exit_url}
        if not config.nav:
            config.nav = self._nav(Path(config.docs_dir))
        config.extra_css.append(f"{ASSET_DIR}/peer-support.css")
        for name in ("config.js", "peer-support.js"):
            config.extra_javascript.append(f"{ASSET_DIR}/{name}")
        for ext in ("abbr", "attr_list", "def_list", "md_in_html", "admonition", "tables"):
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        return config

    def on_files(self, files: Files, config) -> Files:
        for page in site_pages(self.course, self.config.edition):
            self._add(files, config, page.src_uri, page.markdown)
        for key, rel in (("standards", STANDARDS), ("code-of-conduct", CODE_OF_CONDUCT)):
            text = self.course.pages[key].read_text(encoding="utf-8")
            self._add(files, config, rel, standards_page(text) if key == "standards" else text)
        for asset in sorted(ASSETS.iterdir()):
            self._add(files, config, f"{ASSET_DIR}/{asset.name}", asset.read_bytes())
        self._add(files, config, f"{ASSET_DIR}/config.js", self._browser_config(config))
        return files

    def on_serve(self, server, config, builder):
        for folder in ("modules", "quizzes", "reflections", "facilitator", "data"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        if self.config.support_lines:
            server.watch(self.config.support_lines)
        return server

    # --- helpers ---------------------------------------------------------------

    def _add(self, files: Files, config, src_uri: str, content: str | bytes) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:  # a page of the site's own docs_dir wins
            return
        files.append(File.generated(config, src_uri, content=content))

    def _nav(self, docs_dir: Path) -> list:
        """The navigation, in course order, with any pages of the site's own."""
        own = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
        extra = [p for p in own if p != "index.md" and p not in SUPPORT_PAGES]
        nav: list = [{"Home": "index.md"} if "index.md" in own else "progress.md"]
        nav.append({"Modules": [{f"{m.number}. {m.title}": m.src_uri} for m in self.course.modules]})
        nav.append({"Standards": [STANDARDS, CODE_OF_CONDUCT, "curriculum-map.md", "glossary.md"]})
        nav.append({"My progress": "progress.md"})
        nav.extend(extra)
        nav.append({"Support": ["support-lines.md", *[p for p in SUPPORT_PAGES[1:] if p in own]]})
        if self.config.edition == "facilitator":
            notes = []
            for m in self.course.modules:
                if m.facilitator:
                    notes.append({f"{m.number}. Session notes": f"facilitator/{m.id}.md"})
                if m.quiz:
                    notes.append({f"{m.number}. Answer key": f"facilitator/{m.id}-answers.md"})
            nav.append({"Facilitator": notes})
        return nav

    def _browser_config(self, config) -> str:
        site_id = self.config.site_id or _slug(config.site_name)
        settings = {"siteId": site_id, "quickExitUrl": self.config.quick_exit_url,
                    "edition": self.config.edition, "strings": STRINGS,
                    "modules": [m.id for m in self.course.modules],
                    "moduleQuestions": {m.id: len(m.quiz.questions) for m in self.course.modules
                                        if m.quiz}}
        return f"window.PEER_SUPPORT = {json.dumps(settings, ensure_ascii=False)};\n"


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())
