"""mkdocs-jupyter, for the facilitator edition's notebook only. The peer-support
plugin loads it into the build when the edition is facilitator, so a trainee
build never imports it, nor jupytext and nbconvert behind it (a fifth of a
build's time, and tens of MB of memory)."""

from __future__ import annotations

import copy

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugins

__all__ = ["NOTEBOOK_PLUGIN", "NOTEBOOK_OPTIONS", "add_notebook_plugin"]

NOTEBOOK_PLUGIN = "mkdocs-jupyter"
NOTEBOOK_OPTIONS = {
    "include": ["facilitator/*.ipynb"],
    "ignore": ["*.md", "*.py"],  # else it opens every Markdown page with jupytext to look
    "execute": False,             # the notebook is rendered as saved, with its outputs
    "include_requirejs": False,   # no loaders from a CDN
    "custom_mathjax_url": "",
}


def add_notebook_plugin(config) -> None:
    """Add mkdocs-jupyter to this build's plugins, unless the site lists it itself."""
    if NOTEBOOK_PLUGIN in config.plugins:
        return
    installed = get_plugins()
    if NOTEBOOK_PLUGIN not in installed:
        raise PluginError(f"the facilitator edition needs {NOTEBOOK_PLUGIN}: "
                          "pip install -e . installs it")
    plugin = installed[NOTEBOOK_PLUGIN].load()()
    errors, _ = plugin.load_config(copy.deepcopy(NOTEBOOK_OPTIONS), config.config_file_path)
    if errors:
        raise PluginError(f"{NOTEBOOK_PLUGIN}: " + "; ".join(f"{k}: {e}" for k, e in errors))
    # Registers its events; the build runs them from the next event on (it has no on_config).
    config.plugins[NOTEBOOK_PLUGIN] = plugin
