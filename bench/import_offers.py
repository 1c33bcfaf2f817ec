"""Import N generated offers (default 10,000) through the offer import and print wall time and
peak memory. Uses DATABASE_URL (PostgreSQL in the issue's target); the database is a fresh
test database that is dropped afterwards.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/import_offers.py
"""

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from support import throwaway_database

WORDS = [
    "Garten",
    "Sprache",
    "Robotik",
    "Theater",
    "Lesen",
    "Rechnen",
    "Kochen",
    "Natur",
    "Musik",
    "Technik",
    "Klima",
    "Beruf",
    "Bewerbung",
    "Familie",
    "Computer",
    "Geschichte",
    "Werkstatt",
    "Chemie",
    "Tanz",
    "Medien",
]


def generate_rows(count, seed=7):
    from home.seed_data import AUDIENCES, LIFE_PHASES, TOPICS
    from offers.vocabulary import DISTRICTS

    rng = random.Random(seed)
    rows = []
    for number in range(count):
        words = rng.sample(WORDS, 3)
        rows.append(
            {
                "external_id": f"bench-{number:06d}",
                "title": f"{words[0]}-Kurs {words[1]} {number}",
                "summary": f"Ein Angebot zu {words[0]}, {words[1]} und {words[2]} für alle.",
                "description": " ".join(rng.choice(WORDS) for _ in range(60)),
                "provider": f"Anbieter {number % 150}",
                "topics": [slug for slug, _ in rng.sample(TOPICS, 2)],
                "life_phases": [rng.choice(LIFE_PHASES)[0]],
                "audiences": [slug for slug, _ in rng.sample(AUDIENCES, 2)],
                "format": rng.choice(["praesenz", "praesenz", "online", "hybrid"]),
                "district": rng.choice(DISTRICTS)[0],
                "start_date": f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "cost": rng.choice(["0", "0", "15", "49.90"]),
                "age_min": str(rng.choice([0, 6, 10, 16])),
                "schedule": "dienstags 16-18 Uhr",
            }
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with throwaway_database() as connection:
        from offers.importing import import_offers

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.json"
            path.write_text(json.dumps(generate_rows(args.rows), ensure_ascii=False))
            data = path.read_bytes()
        before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        report = import_offers(data, "bench.json")
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = import_offers(data, "bench.json")
        second = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"database: {connection.vendor}, rows: {args.rows}, file: {len(data) / 1e6:.1f} MB")
        print(f"first import:  {first:7.1f} s  {report.counts_line}")
        print(f"second import: {second:7.1f} s  {again.counts_line}")
        print(
            f"peak memory (RSS): {before_mb:.0f} MB after migrating the empty database, "
            f"{peak_mb:.0f} MB after both imports"
        )


if __name__ == "__main__":
    main()
