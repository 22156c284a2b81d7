"""What `serve` keeps from one build to the next, so that saving a file rebuilds
only what changed.

MkDocs' dirty builds (`build(config, dirty=True)`: `mkdocs serve --dirty`, and
`python -m builder serve`) skip every page whose `File.is_modified()` is false.
For a file on disk that compares modification times; a generated file always
counts as modified, so every page the plugin generates was rendered again on
every save. Here:

- a generated file whose content is the same as in the last build, and whose
  output is still there, is not modified: MkDocs neither renders nor writes it;
- when something that every page shows may have changed (the navigation, a
  generated page's title, the config file, the theme overrides, any file of
  docs_dir), the site is cleaned and built whole, as a clean build would be;
- a page that is not read again keeps its title from the last build, for the
  navigation of the pages that are;
- the search index keeps the entries of the pages not rebuilt and takes the
  new entries of those that were (Material's own merge assumes one page);
- the theme's templates are compiled once (a Jinja bytecode cache), not on
  every build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from pathlib import Path

import jinja2
from mkdocs import utils
from mkdocs.structure.files import File, Files

__all__ = ["GeneratedFile", "SiteRebuilds", "TemplateCache"]

log = logging.getLogger("mkdocs.plugins.peer-support")
H1 = re.compile(r"^# .*$", re.MULTILINE)


class GeneratedFile(File):
    """A generated file that knows whether the last build wrote the same content. A
    page may carry HTML to put in place of its placeholders (render.Page.html)."""

    unchanged = False
    html: tuple[tuple[str, str], ...] = ()

    def is_modified(self) -> bool:
        return not self.unchanged

    def digest(self) -> str:
        return _digest(self.content_bytes + repr(self.html).encode())


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _mtime(path: str | os.PathLike) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


class SiteRebuilds:
    """Decides, build by build, what a dirty build renders. Off for a plain build."""

    def __init__(self) -> None:
        self.enabled = False
        self.full = True
        self._hashes: dict[str, str] = {}  # src_uri -> content digest, last build
        self._signature = ""  # of what every page shows, last build
        self._titles: dict[str, str | None] = {}  # src_uri -> title, last time rendered
        self._rebuilt: set[str] = set()  # URLs of the pages rendered in this build
        self._pending: tuple[dict[str, str], str] = ({}, "")

    def plan(self, files: Files, config) -> None:
        """After the files are known: mark the generated ones that did not change,
        or clean the site for a whole build."""
        self._rebuilt = set()
        if not self.enabled:
            return
        hashes = {f.src_uri: f.digest() for f in files if isinstance(f, GeneratedFile)}
        signature = self._site_signature(files, config)
        self.full = signature != self._signature
        if self.full:
            utils.clean_directory(config.site_dir)
        for f in files:
            if isinstance(f, GeneratedFile):
                f.unchanged = (not self.full and hashes[f.src_uri] == self._hashes.get(f.src_uri)
                               and os.path.isfile(f.abs_dest_path))
        self._pending = (hashes, signature)
        if not self.full:
            pages = files.documentation_pages()
            log.info(f"Rebuilding {sum(f.is_modified() for f in pages)} of {len(pages)} pages: "
                     "the others did not change")

    def rendered(self, page) -> None:
        """A page was read and rendered in this build."""
        self._titles[page.file.src_uri] = page.title
        self._rebuilt.add(page.url)

    def restore_titles(self, files: Files) -> None:
        """Pages not read in this build keep their last titles (the navigation shows them)."""
        if not self.enabled or self.full:
            return
        for f in files.documentation_pages():
            if f.page is not None and f.page.markdown is None and f.src_uri in self._titles:
                f.page.title = self._titles[f.src_uri]

    def merge_search_index(self, config) -> None:
        """Before Material's search plugin writes its index: make its entries whole."""
        search = config.plugins.get("material/search")
        index = getattr(search, "search_index", None)
        if not self.enabled or index is None or not hasattr(search, "search_index_prev"):
            return
        previous = search.search_index_prev
        if previous is not None and not self.full:
            kept = [e for e in previous.entries if e["location"].split("#")[0] not in self._rebuilt]
            index.entries = kept + index.entries
        search.search_index_prev = None  # the entries are complete: no merge of its own

    def succeeded(self) -> None:
        self._hashes, self._signature = self._pending

    def failed(self) -> None:
        self._signature = ""  # the next build is a whole one

    @staticmethod
    def _site_signature(files: Files, config) -> str:
        """What every page shows: the navigation, each generated page's title, the
        files on disk (docs_dir, theme, notebook), the config file and the overrides."""
        parts: list = [json.dumps(config.nav, default=str), _mtime(config.config_file_path)]
        for f in files:
            if isinstance(f, GeneratedFile):
                if f.is_documentation_page():
                    title = H1.search(f.content_string)
                    parts.append((f.src_uri, title.group(0) if title else ""))
            elif f.abs_src_path:
                parts.append((f.src_uri, _mtime(f.abs_src_path)))
        if config.theme.custom_dir:
            for path in sorted(Path(config.theme.custom_dir).rglob("*")):
                parts.append((str(path), _mtime(path)))
        return _digest(json.dumps(parts, default=str).encode())


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each against its source."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
