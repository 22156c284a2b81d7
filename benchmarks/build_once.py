"""One MkDocs build in a fresh process, for benchmarks/run.py.

    python benchmarks/build_once.py CONFIG SITE_DIR

Prints one JSON line: seconds spent loading the config (imports the plugins)
and building (every plugin event included), the seconds of those spent in our
plugin's event handlers (0 without it), and the pages written."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path


def main(config_file: str, site_dir: str) -> int:
    started = time.perf_counter()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    config = load_config(config_file, site_dir=site_dir)
    ours = _time_handlers(config.plugins, "peer-support")
    loaded = time.perf_counter()
    build(config)
    done = time.perf_counter()
    pages = sum(1 for _ in Path(site_dir).rglob("*.html"))
    print(json.dumps({"config_s": loaded - started, "build_s": done - loaded,
                      "plugin_s": sum(ours), "pages": pages}))
    return 0


def _time_handlers(plugins, name: str) -> list[float]:
    """Time every event handler of the plugin called `name`; the list gets each call's."""
    spent: list[float] = []
    plugin = plugins.get(name)
    for handlers in plugins.events.values():
        for i, handler in enumerate(handlers):
            if getattr(handler, "__self__", None) is plugin is not None:
                handlers[i] = _timed(handler, spent)
                plugins._event_origins[handlers[i]] = name  # as MkDocs names the running plugin
    return spent


def _timed(handler, spent: list[float]):
    def run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)
    return run


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
