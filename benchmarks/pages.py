"""What the page benchmarks share: a throwaway SQLite database under var/bench/, and the
server time and query count of a page over repeated requests."""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"


def setup_django(db_name: str) -> None:
    """Django on a fresh SQLite file var/bench/<db_name>.sqlite3, migrated."""
    db_path = BENCH_DIR / f"{db_name}.sqlite3"
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cityties.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["TASKS_BACKEND"] = "immediate"
    os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    import logging

    logging.getLogger("django.tasks").setLevel(logging.WARNING)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@dataclass
class PageFigures:
    p50_ms: float
    p95_ms: float
    queries: int
    size_kb: float
    # The process's own CPU time per request (median): on a machine shared with other
    # work, the wall-clock figures above also count the time spent waiting for a core.
    cpu_ms: float = 0.0


def measure(client: Any, url: str, requests: int) -> PageFigures:
    """Two warm-up requests, one counted for its queries, then `requests` timed ones."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(url).status_code == 200, url
    # As a server worker does after start-up (cityties/wsgi.py), what is loaded so far
    # (here also the seeded rows) is kept out of the collector's full passes.
    gc.collect()
    gc.freeze()
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    times, cpu = [], []
    for _ in range(requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    p95 = statistics.quantiles(times, n=20)[18] if len(times) >= 2 else times[0]
    return PageFigures(
        statistics.median(times),
        p95,
        len(captured),
        len(response.content) / 1024,
        statistics.median(cpu),
    )
