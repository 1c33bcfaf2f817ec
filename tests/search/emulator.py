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


def start_emulator(log_path):
    """Start the emulator with its warnings ("token filter … ignored", one per index reset)
    going to a log file instead of the test output."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    saved = os.dup(2)
    with log_path.open("w") as log:
        os.dup2(log.fileno(), 2)  # the server process inherits this stderr
        try:
            return OsmemServer.start(addr="127.0.0.1:0", japanese=False)
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def main():
    log_path = ROOT / "test-artifacts" / "osmem-server.log"
    with start_emulator(log_path) as server:
        print(
            f"OpenSearch-Emulator osmem-server {server.version} auf {server.url} "
            f"(Meldungen: {log_path.relative_to(ROOT)})",
            flush=True,
        )
        env = {**os.environ, "OPENSEARCH_URL": server.url}
        command = [sys.executable, "-m", "pytest", "tests/search", *sys.argv[1:]]
        return subprocess.call(command, cwd=ROOT, env=env)  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
