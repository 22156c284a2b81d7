"""The SCORM build: the offline trainee edition (relative links, pages as .html)
with a launch page and the LMS adapter. `python -m builder export --format
scorm12|scorm2004` (builder/commands/scorm.py) adds this plugin to that one
build; no other build has it, nor its scripts.

The launch page (LAUNCH_PAGE) is the package's one SCO. It holds the session
with the learning management system for as long as the course is open, and
shows the course, with its own navigation, in a frame: the LMS allows one
session a launch, and each page of the course is a document of its own.
assets/scorm.js runs on every page before the other components (it keeps each
LMS learner's data in the browser apart); assets/scorm-report.js, on the launch
page only, says what the LMS is told."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from builder.pages.templating import render
from builder.site.plugin import ASSET_DIR, BUNDLE, HERE, SCORM_SCRIPTS, SCRIPTS, minified

__all__ = ["ScormPlugin", "add_scorm_plugin", "LAUNCH_PAGE", "HOME_PAGE", "PLUGIN"]

PLUGIN = "peer-support-scorm"
LAUNCH_PAGE = "scorm.html"
HOME_PAGE = "index.html"
ADAPTER, REPORT = SCORM_SCRIPTS


class ScormConfig(base.Config):
    version = c.Choice(("1.2", "2004"), default="1.2")


class ScormPlugin(BasePlugin[ScormConfig]):
    @event_priority(-50)  # after the peer-support plugin has listed its scripts
    def on_config(self, config):
        if not config.plugins["peer-support"].config.offline:
            raise PluginError("the SCORM build is an offline build (pages as .html, relative links)")
        scripts = config.extra_javascript
        bundle = next(i for i, s in enumerate(scripts) if str(s) == f"{ASSET_DIR}/{BUNDLE}")
        scripts.insert(bundle, f"{ASSET_DIR}/{ADAPTER}")  # before storage.js reads the site id
        return config

    def on_files(self, files: Files, config) -> Files:
        for name in SCORM_SCRIPTS:
            files.append(File.generated(config, f"{ASSET_DIR}/{name}",
                                        content=minified(HERE / "assets" / name)))
        config_js, bundle = SCRIPTS
        scripts = [f"{ASSET_DIR}/{name}" for name in (config_js, ADAPTER, bundle, REPORT)]
        page = render("scorm_launch.html", version=self.config.version,
                      site_name=config.site_name, scripts=scripts, home=HOME_PAGE)
        files.append(File.generated(config, LAUNCH_PAGE, content=page))
        return files


def add_scorm_plugin(config, version: str) -> None:
    """Add the SCORM plugin, for SCORM `version` ("1.2" or "2004"), to this build."""
    plugin = ScormPlugin()
    errors, _ = plugin.load_config({"version": version}, config.config_file_path)
    if errors:
        raise PluginError("; ".join(f"{key}: {error}" for key, error in errors))
    config.plugins[PLUGIN] = plugin
