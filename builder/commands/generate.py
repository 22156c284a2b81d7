"""`python -m builder generate DIR`: the course as a docs tree that plain
mkdocs-material (or another engine that reads mkdocs.yml) builds as it is, with
no plugin of ours: every page as Markdown with the builder's HTML in it, the
site's own pages filled in, the assets, the navigation and a mkdocs.yml.

It runs the plugin's own steps (builder/site/plugin.py's on_config and on_files,
and builder/site/pages_out.py for each page), so the two never drift apart. The
plugin's check of each page's prose as rendered HTML runs here too, on the page
converted with the site's Markdown extensions. The cohort notebook becomes a page
of plain HTML, so no notebook plugin is needed and nothing loads from a CDN."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import markdown as md
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from builder.checks.policy import check_rendered
from builder.content.problems import Problems
from builder.pages.templating import front_matter
from builder.site.notebook import NOTEBOOK_PLUGIN
from builder.site.pages_out import page_markdown, standalone_markdown

__all__ = ["generate", "mkdocs_config", "OURS"]

OURS = "peer-support"
DOCS, OVERRIDES = "docs", "overrides"
# Plugins the generated mkdocs.yml sets itself (or leaves out): ours, and those ours enables.
SET_HERE = {OURS, "offline", "material/offline", "search", "material/search", NOTEBOOK_PLUGIN}


def mkdocs_config(config_file: Path, edition: str, site_dir: str | None, offline: bool = False):
    """The site's MkDocs config with our plugin set to `edition` (and offline)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    overrides = {"site_dir": site_dir} if site_dir else {}
    config = load_config(str(config_file), **overrides)
    plugin = config.plugins.get("peer-support")
    if plugin is None:
        raise SystemExit(f"{config_file}: the peer-support plugin is not listed under plugins:")
    plugin.config.edition = edition
    if offline:
        plugin.config.offline = True
        config.plugins["material/offline"].config.enabled = True
    return config


def generate(out: Path, config_file: Path, edition: str = "trainee", offline: bool = False) -> Path:
    """Write the docs tree into `out` (absent or empty); return its mkdocs.yml."""
    if out.exists() and any(out.iterdir()):
        raise PluginError(f"{out} is not empty: generate writes into a new or empty folder")
    config = mkdocs_config(config_file, edition, str(out / "site"), offline)
    plugin = config.plugins[OURS]
    config.plugins._current_plugin = OURS  # as MkDocs sets it while running an event
    config = plugin.on_config(config)
    files = plugin.on_files(get_files(config), config)
    docs = out / DOCS
    _write_pages(files, plugin, config, docs)
    theme = dict(_raw(config_file).get("theme") or {})
    theme["features"] = list(config.theme.get("features") or [])
    if config.theme.custom_dir:
        shutil.copytree(config.theme.custom_dir, out / OVERRIDES)
        theme["custom_dir"] = OVERRIDES
    plain_file = out / "mkdocs.yml"
    plain_file.write_text(yaml.safe_dump(_plain_config(config, config_file, theme, files),
                                         sort_keys=False, allow_unicode=True), encoding="utf-8")
    return plain_file


def _write_pages(files, plugin, config, docs: Path) -> None:
    """Every file of the site into `docs`: pages as plain Markdown, the rest as served."""
    course, options = plugin.course, plugin.config
    converter = md.Markdown(extensions=config.markdown_extensions,
                            extension_configs=config.mdx_configs)
    unsafe = Problems(plugin.root)
    for file in files:
        if file.inclusion.is_excluded():
            continue
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.src_uri.endswith(".ipynb"):
            target.with_suffix(".md").write_text(_notebook_page(file.abs_src_path), encoding="utf-8")
            continue
        if not file.is_documentation_page():
            target.write_bytes(file.content_bytes)
            continue
        text = page_markdown(file.content_string, file.src_uri, course, options.numbering,
                             whole_course=options.modules is None)
        if prose := plugin.prose_of(file):  # as the plugin checks it: the rendered page
            check_rendered(converter.reset().convert(get_data(text)[0]), prose, unsafe)
        target.write_text(standalone_markdown(text, getattr(file, "html", ()), course,
                                              config.site_url), encoding="utf-8")
    if unsafe.errors:
        lines = "\n".join(str(p) for p in unsafe.sorted())
        raise PluginError(f"the content has {len(unsafe.errors)} error(s):\n{lines}")


def _notebook_page(path: str) -> str:
    """The cohort notebook as a page of its own, rendered as saved (nbconvert's basic
    template: the cells, no loaders, no styles), so that an engine needs no notebook
    plugin and the page asks no other site for anything."""
    import nbformat
    from nbconvert import HTMLExporter

    notebook = nbformat.read(path, as_version=4)
    body, _ = HTMLExporter(template_name="basic").from_notebook_node(notebook)
    title = next((c.source.lstrip("# ").splitlines()[0] for c in notebook.cells
                  if c.cell_type == "markdown" and c.source.startswith("# ")), "Notebook")
    return f'{front_matter(title=title)}\n\n<div class="ps-notebook">\n{body.strip()}\n</div>\n'


def _raw(config_file: Path) -> dict:
    with open(config_file, "rb") as fh:
        return yaml_load(fh) or {}  # !ENV resolved, INHERIT merged


def _plain_config(config, config_file: Path, theme: dict, files) -> dict:
    """The site's settings as the plugin leaves them, with no plugin of ours."""
    raw = _raw(config_file)
    plugins = raw.get("plugins") or {}
    names = plugins if isinstance(plugins, dict) else [p if isinstance(p, str) else next(iter(p))
                                                        for p in plugins]
    kept: list = [p for p in names if p not in SET_HERE]
    if kept:
        raise PluginError(f"{config_file}: generate does not know the plugins {', '.join(kept)}")
    search = plugins.get("search") if isinstance(plugins, dict) else None
    chosen: dict = {"search": search or {}}
    if config.plugins.get("material/offline") and config.plugins["material/offline"].config.enabled:
        chosen["offline"] = {}
    extensions = list(raw.get("markdown_extensions") or [])
    named = {e if isinstance(e, str) else next(iter(e)) for e in extensions}
    extensions += [e for e in config.markdown_extensions if e not in named]
    plain = {key: value for key, value in raw.items()
             if key not in ("INHERIT", "docs_dir", "site_dir", "plugins", "theme", "nav", "extra",
                            "extra_css", "extra_javascript", "markdown_extensions")}
    plain.update({"site_url": config.site_url, "docs_dir": DOCS,
                  "use_directory_urls": config.use_directory_urls, "theme": theme,
                  "plugins": chosen, "markdown_extensions": extensions,
                  "nav": json.loads(json.dumps(config.nav).replace('.ipynb"', '.md"')),
                  "extra": json.loads(json.dumps(dict(config.extra))),
                  "extra_css": [str(s) for s in config.extra_css],
                  "extra_javascript": [_script(s) for s in config.extra_javascript]})
    return plain


def _script(script) -> str | dict:
    if isinstance(script, str) or not (script.defer or script.async_ or script.type):
        return str(script)
    return {"path": script.path, "defer": script.defer, "async": script.async_,
            "type": script.type}

