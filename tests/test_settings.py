"""The plugin's settings (builder/site/plugin.py) are refused at config time, with
a clear message, when they would make a site that misbehaves."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import REPO

SETTING = "quick_exit_url: https://www.google.ca/"
NOT_A_WEB_ADDRESS = ("is not a web address: write an absolute http:// or https:// address of "
                     "another site, such as https://www.google.ca/")


def configure(root: Path, setting: str) -> Path:
    """The mini course's mkdocs.yml with the plugin's quick_exit_url line replaced."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count(SETTING) == 1
    config.write_text(text.replace(SETTING, setting), encoding="utf-8")
    return config


def refusal(config: Path, caplog) -> str:
    """What MkDocs logs when it refuses the config."""
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        load_config(str(config))
    return caplog.text


def test_an_empty_quick_exit_url_stops_the_build(mini, tmp_path):
    configure(mini, 'quick_exit_url: ""')
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}  # this checkout's builder
    result = subprocess.run([sys.executable, "-m", "builder", "build", "-d", str(tmp_path / "s")],
                            cwd=mini, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert f"option 'quick_exit_url': \"\" {NOT_A_WEB_ADDRESS}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("value", ['"javascript:alert(1)"', "/relative/path",
                                   "'https://example.org/\"onclick=\"x'", "https:///no-host",
                                   "ftp://example.org/"])
def test_quick_exit_url_must_be_an_absolute_web_address(mini, caplog, value):
    logged = refusal(configure(mini, f"quick_exit_url: {value}"), caplog)
    assert "option 'quick_exit_url': " in logged and NOT_A_WEB_ADDRESS in logged


@pytest.mark.parametrize("setting,option", [
    ("site_id: Our Agency", "site_id"),
    ("modules: [01-one, ../../outside/evil]", "modules"),
])
def test_ids_in_the_settings_follow_the_id_pattern(mini, caplog, setting, option):
    logged = refusal(configure(mini, f"{SETTING}\n    {setting}"), caplog)
    assert f"option '{option}': " in logged
    assert "is not an id: use lowercase letters, digits and hyphens" in logged


def test_good_settings_are_kept(mini):
    config = load_config(str(configure(mini, "quick_exit_url: http://example.org/away?q=1\n"
                                       "    site_id: our-agency\n    modules: [02-two, 01-one]")))
    settings = config.plugins["peer-support"].config
    assert (settings.quick_exit_url, settings.site_id, settings.modules) == (
        "http://example.org/away?q=1", "our-agency", ["02-two", "01-one"])
