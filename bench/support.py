"""Shared set-up of the benchmark scripts: Django with the test settings and a throwaway
test database (from DATABASE_URL, `test_` prefixed) that is dropped afterwards."""

import os
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


@contextmanager
def throwaway_database(keep=False):
    """The test database for a benchmark; with `keep` it is reused when it exists and left
    in place afterwards (for repeated runs on the same data)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bildung.settings.test"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)
    try:
        yield connection
    finally:
        if keep:
            connection.close()
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)
