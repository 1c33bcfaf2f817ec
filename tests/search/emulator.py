"""Run the search tests a second time through Wagtail's OpenSearch 3 backend.

No real OpenSearch or Elasticsearch server can be installed on our machines, so this starts
osmem-server (PyPI), an in-memory OpenSearch-compatible emulator, on a free loopback port and
runs `pytest tests/search` with OPENSEARCH_URL pointing at it. The emulator speaks the REST API
Wagtail's backend uses (index creation with our analysis settings, bulk indexing, search,
autocomplete) and applies the light German stemmer; it is not OpenSearch itself.

    .venv/bin/python tests/search/emulator.py [pytest options]
"""

import os
import subprocess
import sys
from pathlib import Path

from osmem_server import OsmemServer

ROOT = Path(__file__).resolve().parents[2]


def main():
    with OsmemServer.start(addr="127.0.0.1:0", japanese=False) as server:
        print(f"OpenSearch-Emulator osmem-server {server.version} auf {server.url}", flush=True)
        env = {**os.environ, "OPENSEARCH_URL": server.url}
        command = [sys.executable, "-m", "pytest", "tests/search", *sys.argv[1:]]
        return subprocess.call(command, cwd=ROOT, env=env)  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
