"""One MkDocs build in a fresh process, for benchmarks/run.py.

    python benchmarks/build_once.py CONFIG SITE_DIR

Prints one JSON line: seconds spent loading the config (imports the plugins)
and building (every plugin event included), and the pages written."""

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
    loaded = time.perf_counter()
    build(config)
    done = time.perf_counter()
    pages = sum(1 for _ in Path(site_dir).rglob("*.html"))
    print(json.dumps({"config_s": loaded - started, "build_s": done - loaded, "pages": pages}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
