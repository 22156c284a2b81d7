"""The MkDocs plugin: only event hooks. It loads the course, hands it to the
renderers, and places their pages and our assets into the site."""

from __future__ import annotations

import json
import logging
import re
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import rcssmin
import rjsmin
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from builder.content.files import odd_files
from builder.content.fields import ID_PATTERN
from builder.load.course import CODE_OF_CONDUCT, STANDARDS, load_course
from builder.load.notebook import NOTEBOOK as INSIGHTS  # mkdocs-jupyter's, facilitator edition
from builder.content.memo import reusing
from builder.content.model import Course, Question
from builder.site.gate import CONTENT, gate_build
from builder.site.notebook import add_notebook_plugin
from builder.site.numbering import NUMBERING, apply_numbering
from builder.site.own_pages import check_own_pages, in_order
from builder.site.pages_out import page_html, page_markdown
from builder.content.problems import Problems
from builder.pages.practice import browser_config as practice_config
from builder.pages.render import site_pages, standards_page
from builder.checks.policy import Prose, check_rendered, deferred_prose
from builder.pages.search_digits import add_digit_words
from builder.site.serving import GeneratedFile, SiteRebuilds, TemplateCache

__all__ = ["PeerSupportPlugin"]

log = logging.getLogger("mkdocs.plugins.peer-support")
HERE = Path(__file__).parent
ASSET_DIR = "assets/peer-support"
# The browser layer, one file a component in builder/site/assets/. Every page runs these, in this
# order, served as one file (BUNDLE): one request and one gzip dictionary. The components only
# some pages need (transfer.js, record.js, cohort.js) stay files base.js loads on those pages.
COMPONENTS = ("base.js", "exit.js", "storage.js", "practicedata.js", "status.js", "learner.js",
              "shuffle.js", "ordering.js", "selfcheck.js", "completion.js", "questionmap.js",
              "journal.js", "practice.js", "progress.js", "home.js", "tables.js")
BUNDLE = "peer-support.js"
# The stylesheets likewise: the generated pages' rules follow the course's.
STYLESHEETS = ("peer-support.css", "practice.css", "pages.css", "phone.css")
SCRIPTS = ("config.js", BUNDLE)  # what each page loads (deferred), config.js written per site
FACILITATOR_SCRIPTS = ("cohort.js", "cohortgrid.js")  # the facilitator edition's only
SCORM_SCRIPTS = ("scorm.js", "scorm-report.js")  # the SCORM package's only (site/scorm.py)
SHIM = "vendor/iframe-worker/shim.js"
SUPPORT_PAGES = ("support-lines.md", "take-a-break.md", "safety.md")
CARE_LINKS = (("Take a break", "take-a-break"), ("Support lines", "support-lines"),
              ("How this site keeps you safe", "safety"))
NOTEBOOK_CDN = re.compile(
    r'<script src="">\s*</script>'
    r"|<!-- MathJax configuration -->.*?<!-- End of mathjax configuration -->"
    r'|<script type="module">(?:(?!</script>).)*?cdnjs\.cloudflare\.com.*?</script>', re.S)
WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>`\\]+")  # nothing a template would need to escape
NAV_GROUP = 16  # modules a navigation group holds, when a course has more


class _Id(c.Type):
    """A module or site id: lowercase letters, digits and hyphens."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not ID_PATTERN.fullmatch(text):
            raise ValidationError(f'"{text}" is not an id: use lowercase letters, digits and '
                                  "hyphens, such as 06-boundaries or harbourview")
        return text


class _WebAddress(c.Type):
    """An absolute http:// or https:// address, written into a link as it is."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not WEB_ADDRESS.fullmatch(text) or not urlsplit(text).hostname:
            raise ValidationError(f'"{text}" is not a web address: write an absolute http:// or '
                                  "https:// address of another site, such as "
                                  "https://www.google.ca/")
        return text


class PeerSupportConfig(base.Config):
    edition = c.Choice(("trainee", "facilitator"), default="trainee")
    content_root = c.Optional(c.Dir(exists=True))  # default: the folder of mkdocs.yml
    modules = c.Optional(c.ListOfItems(_Id()))  # an agency's subset and order
    numbering = c.Choice(NUMBERING, default="course")  # or renumber 1..n, or hidden
    support_lines = c.Optional(c.File(exists=True))  # an agency's own support lines
    safety_points = c.Optional(c.File(exists=True))  # an agency's own numbers and policy words
    site_id = c.Optional(_Id())  # keeps learner data of two copies on one origin apart
    quick_exit_url = _WebAddress(default="https://www.google.ca/")
    strict_language = c.Type(bool, default=False)
    offline = c.Type(bool, default=False)  # a build that works opened from disk


class PeerSupportPlugin(BasePlugin[PeerSupportConfig]):
    course: Course
    root: Path

    def __init__(self) -> None:
        super().__init__()
        self.rebuilds = SiteRebuilds()
        self._memo: dict | None = None  # content read while serving (builder/content/memo.py)
        self._templates: TemplateCache | None = None

    def on_startup(self, *, command, dirty: bool) -> None:
        """While serving, MkDocs keeps this plugin from one build to the next: keep
        what saves work (builder/site/serving.py)."""
        if command == "serve":
            self._memo, self._templates = {}, TemplateCache()
            self.rebuilds.enabled = dirty

    @event_priority(100)  # before Material's offline plugin, which reads extra.polyfills
    def on_config(self, config):
        self.root = Path(self.config.content_root or Path(config.config_file_path).parent)
        problems = Problems(self.root)
        self._unsafe = Problems(self.root)  # found in pages as the site renders them
        # Prose is checked as the site renders it (on_page_content): converted once.
        with reusing(self._memo) if self._memo is not None else nullcontext(), \
                deferred_prose() as self._prose:
            self.course = load_course(self.root, problems, selection=self.config.modules,
                                      support_lines=_path(self.config.support_lines),
                                      safety_points=_path(self.config.safety_points),
                                      strict=self.config.strict_language,
                                      check_coverage=self.config.modules is None)
            for path, why in odd_files(Path(config.docs_dir)):  # before MkDocs copies them
                problems.error(path, 1, why)
            self._orders = check_own_pages(Path(config.docs_dir), problems)  # an agency's too
        for warning in problems.warnings:
            log.warning(str(warning))
        if problems.errors:
            lines = "\n".join(str(p) for p in sorted(set(problems.errors)))
            raise PluginError(f"the content has {len(problems.errors)} error(s):\n{lines}")
        apply_numbering(self.course.modules, self.config.numbering)
        self._sources = self._source_files()
        if self.config.offline:  # pages opened from disk: no fetch, so no instant loading
            config.use_directory_urls = False
            features = config.theme.get("features") or []
            # and no search highlighting: it would load the search index on every page
            config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")
                                        and f != "search.highlight"]
            config.extra["polyfills"] = [f"{ASSET_DIR}/iframe-worker-shim.js"]
        suffix = ".html" if not config.use_directory_urls else "/"
        config.extra["peer_support"] = {
            "quick_exit_url": self.config.quick_exit_url,
            "care_links": [(title, slug + suffix) for title, slug in CARE_LINKS],
        }
        if self.config.edition == "facilitator":
            add_notebook_plugin(config)
        if not config.nav:
            config.nav = self._nav(Path(config.docs_dir))
            if len(self.course.modules) > NAV_GROUP:  # in groups: a page carries only its own
                config.theme["features"] = [*(config.theme.get("features") or []),
                                            "navigation.prune"]
        config.extra_css.insert(0, f"{ASSET_DIR}/{STYLESHEETS[0]}")  # a site's own CSS wins
        config.extra_javascript.extend(f"{ASSET_DIR}/{name}" for name in SCRIPTS)
        for ext in ("abbr", "attr_list", "def_list", "md_in_html", "admonition", "tables"):
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        return config

    @event_priority(50)  # before mkdocs-jupyter, which renders the notebook we add
    def on_files(self, files: Files, config) -> Files:
        directory_urls = config.use_directory_urls
        for page in site_pages(self.course, self.config.edition, directory_urls=directory_urls):
            self._add(files, config, page.src_uri, page.markdown, page.html)
        for key, rel in (("standards", STANDARDS), ("code-of-conduct", CODE_OF_CONDUCT)):
            text = self.course.pages[key].read_text(encoding="utf-8-sig")
            self._add(files, config, rel, standards_page(text) if key == "standards" else text)
        for rel, path in self._base_pages(Path(config.docs_dir)).items():
            self._add(files, config, rel, path.read_text(encoding="utf-8-sig"))
        assets = HERE / "assets"
        self._add(files, config, f"{ASSET_DIR}/{BUNDLE}", bundled(assets, COMPONENTS))
        self._add(files, config, f"{ASSET_DIR}/{STYLESHEETS[0]}",
                  b"\n".join(minified(assets / name) for name in STYLESHEETS))
        for asset in sorted(assets.iterdir()):
            if asset.name in COMPONENTS + STYLESHEETS + SCORM_SCRIPTS:
                continue
            if self.config.edition == "facilitator" or asset.name not in FACILITATOR_SCRIPTS:
                self._add(files, config, f"{ASSET_DIR}/{asset.name}", minified(asset))
        self._add(files, config, f"{ASSET_DIR}/config.js", self._browser_config(config))
        if self.config.offline:
            self._add(files, config, f"{ASSET_DIR}/iframe-worker-shim.js", (HERE / SHIM).read_bytes())
        notebook = self.root / INSIGHTS
        if self.config.edition == "facilitator" and notebook.is_file():
            # A plain File rooted at the course: mkdocs-jupyter cannot read generated ones.
            files.append(File(INSIGHTS, src_dir=str(self.root), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
        self.rebuilds.plan(files, config)
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        return page_markdown(markdown, page.file.src_uri, self.course, self.config.numbering,
                             whole_course=self.config.modules is None)

    def on_page_content(self, html: str, page, config, files) -> str:
        """The content safety check of the page's prose, on the HTML the site made of
        it. Outbound links in prose send no referrer and get no hold on this page."""
        self.rebuilds.rendered(page)
        if prose := self.prose_of(page.file):
            check_rendered(html, prose, self._unsafe)
        return page_html(html, getattr(page.file, "html", ()), self.course, config.site_url)

    def on_env(self, env, config, files):
        if self._unsafe.errors:  # every page rendered: all that was found, at once
            lines = "\n".join(str(p) for p in self._unsafe.sorted())
            raise PluginError(f"the content has {len(self._unsafe.errors)} error(s):\n{lines}")
        if self._templates is not None:
            env.bytecode_cache = self._templates
        self.rebuilds.restore_titles(files)
        self._files = files
        return env

    def on_post_page(self, output: str, page, config) -> str:
        # The notebook has no maths or diagrams: drop mkdocs-jupyter's loaders for them,
        # which point at a CDN.
        return NOTEBOOK_CDN.sub("", output) if page.file.src_uri == INSIGHTS else output

    @event_priority(50)  # before the search plugin writes its index (and offline reads it)
    def _index(self, config) -> None:
        self.rebuilds.merge_search_index(config)
        index = getattr(config.plugins.get("material/search"), "search_index", None)
        if index is not None:  # phone numbers are found by their digits: 988 finds 9-8-8
            add_digit_words(index.entries)

    @event_priority(-100)  # after every plugin has written: the output gate (site/gate.py)
    def _gate(self, config) -> None:
        gate_build(config, self._files, self._sources, [self.root / f for f in CONTENT])
        self.rebuilds.succeeded()

    on_post_build = CombinedEvent(_index, _gate)

    def on_build_error(self, error) -> None:
        self.rebuilds.failed()

    def on_serve(self, server, config, builder):
        for folder in CONTENT:
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        for own in (self.config.support_lines, self.config.safety_points):
            if own:
                server.watch(own)
        return server

    # --- helpers ---------------------------------------------------------------

    def prose_of(self, file: File) -> Prose | None:
        """The source a page was made from, as check_prose kept it."""
        if file.abs_src_path:
            return self._prose.get(Path(file.abs_src_path))
        uri = file.src_uri
        return self._prose.get(self._sources.get(uri, self.root / "pages" / uri))

    def _source_files(self) -> dict[str, Path]:
        """The content file each generated page with prose is made from (by src_uri);
        any other page is one of pages/."""
        course = self.course
        sources = {m.src_uri: m.path for m in course.modules}
        sources.update({STANDARDS: course.pages["standards"],
                        CODE_OF_CONDUCT: course.pages["code-of-conduct"],
                        "facilitator/guide.md": course.pages["guide"]})
        sources.update({f"facilitator/{m.id}.md": m.facilitator.path for m in course.modules
                        if m.facilitator})
        return sources

    def _add(self, files: Files, config, src_uri: str, content: str | bytes,
             html: tuple[tuple[str, str], ...] = ()) -> None:
        if files.get_file_from_path(src_uri) is not None:  # a page of the site's own wins
            return
        file = GeneratedFile.generated(config, src_uri, content=content)
        assert isinstance(file, GeneratedFile)  # File.generated makes its own class
        file.html = html
        files.append(file)

    def _base_pages(self, docs_dir: Path) -> dict[str, Path]:
        """The course's own pages (home, safety, take a break) that an agency's docs_dir
        does not replace."""
        base = self.root / "pages"
        if not base.is_dir() or base.resolve() == docs_dir.resolve():
            return {}
        return {p.relative_to(base).as_posix(): p for p in sorted(base.rglob("*.md"))
                if not (docs_dir / p.relative_to(base)).exists()}

    def _nav(self, docs_dir: Path) -> list:
        """The navigation, in course order, with any pages of the site's own."""
        own = sorted({p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}
                     | set(self._base_pages(docs_dir)))
        extra = in_order([p for p in own if p != "index.md" and p not in SUPPORT_PAGES], self._orders)
        nav: list = [{"Home": "index.md"}]
        nav.append({"Modules": _in_groups([{m.label: m.src_uri} for m in self.course.modules],
                                          [m.number for m in self.course.modules])})
        nav.append({"Standards": [STANDARDS, CODE_OF_CONDUCT, "curriculum-map.md", "glossary.md"]})
        nav.extend([{"My progress": "progress.md"}, {"Review what you missed": "review.md"}])
        nav.extend([{"Workbook": "workbook.md"}, {"Record of learning": "record.md"}])
        nav.extend(extra)
        nav.append({"Support": ["support-lines.md", *[p for p in SUPPORT_PAGES[1:] if p in own]]})
        if self.config.edition == "facilitator":
            section: list = []
            if self.course.pages["guide"].is_file():
                section.append({"Facilitation guide": "facilitator/guide.md"})
            for m in self.course.modules:
                pages = [(f"facilitator/{m.id}.md", "Session notes") if m.facilitator else None,
                         (f"facilitator/{m.id}-answers.md", "Answer key") if m.quiz else None,
                         (f"facilitator/{m.id}-handout.md", "Handout"),
                         (f"facilitator/{m.id}-pack.md", "Session pack (print)")]
                section.append({m.label: [{t: p} for p, t in filter(None, pages)]})
            section.append({"Cohort page": "facilitator/cohort.md"})
            if (self.root / INSIGHTS).is_file():
                section.append({"Cohort insights notebook": INSIGHTS})
            nav.append({"Facilitator": section})
        return nav

    def _browser_config(self, config) -> str:
        site_id = self.config.site_id or _slug(config.site_name)
        settings = {"siteId": site_id, "siteName": config.site_name,
                    "quickExitUrl": self.config.quick_exit_url,
                    "modules": [m.id for m in self.course.modules],
                    "moduleQuestions": {m.id: len(m.quiz.questions) for m in self.course.modules
                                        if m.quiz},
                    # What a learner data file may hold: each question's answers, the prompt ids.
                    "choices": {m.id: {q.id: _choices(q) for q in m.quiz.questions}
                                for m in self.course.modules if m.quiz},
                    # What status.js grades a saved answer against, in course order.
                    "questions": {m.id: [_key(q) for q in m.quiz.questions]
                                  for m in self.course.modules if m.quiz},
                    "prompts": [p.id for m in self.course.modules if m.reflections
                                for p in m.reflections.prompts], **practice_config(self.course)}
        return f"window.PEER_SUPPORT = {json.dumps(settings, ensure_ascii=False)};\n"


def _in_groups(entries: list, numbers: list[int], size: int = NAV_GROUP) -> list:
    """A long module list as groups ("Modules 17 to 32"). With navigation.prune
    (on_config) a page carries its own group's links and one link for each other
    group, so the navigation on every page stays small however large the course."""
    if len(entries) <= size:
        return entries
    return [{f"Modules {numbers[i]} to {numbers[min(i + size, len(entries)) - 1]}":
             entries[i:i + size]} for i in range(0, len(entries), size)]


@lru_cache(maxsize=64)  # serve copies the assets again on every rebuild
def _minified_text(name: str, text: str) -> str:
    return rcssmin.cssmin(text) if name.endswith(".css") else rjsmin.jsmin(text)


def bundled(folder: Path, names: tuple[str, ...]) -> bytes:
    """Scripts as one file, each run on its own as a file of its own would be: an
    error in one is reported (thrown again, outside) and the next still runs."""
    return b"\n".join(b"try{" + minified(folder / name) + b"\n}catch(e){setTimeout(function(){throw e})}"
                       for name in names)


def minified(asset: Path) -> bytes:
    """Our JavaScript and CSS as the site serves them: comments and spaces left out
    (rjsmin and rcssmin only remove, never rename), a third less to download. The
    files in builder/site/assets/ stay as written."""
    if asset.suffix not in (".js", ".css"):
        return asset.read_bytes()
    return _minified_text(asset.name, asset.read_text(encoding="utf-8")).encode("utf-8")


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def _choices(question: Question) -> list[str]:
    """What an answer to a question may choose: option keys, or step positions when ordering."""
    if question.type == "ordering":
        return [str(i) for i in range(1, len(question.steps) + 1)]
    return [o.key for o in question.options]


def _key(question: Question) -> list:
    """A question as status.js grades it: id, revision, and its right option keys
    (or, for ordering, its number of steps, to be put in order)."""
    if question.type == "ordering":
        return [question.id, question.revision, len(question.steps)]
    return [question.id, question.revision, list(question.correct_keys)]


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())
