"""Ticks started at once on several machines: PostgreSQL row locks keep each job single."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, connections
from django.utils import timezone

from cityties.core import tick
from cityties.core.models import TickItem, TickRun

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (run by CI)"
)
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def registry():
    saved = dict(tick.REGISTRY)
    yield tick.REGISTRY
    tick.REGISTRY.clear()
    tick.REGISTRY.update(saved)


def _in_parallel(target, n: int) -> list:
    barrier = threading.Barrier(n)
    results: list = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(target())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_parallel_ticks_run_a_job_once(registry):
    calls: list[int] = []

    @tick.periodic("test.slow", every=timedelta(hours=1))
    def slow(run: tick.JobRun) -> None:
        calls.append(1)
        time.sleep(0.5)
        run.claim("test:slow:1")

    now = timezone.now()
    outcomes = _in_parallel(lambda: tick.run_job(registry["test.slow"], now=now).status, 4)
    assert sorted(outcomes).count("done") == 1
    assert set(outcomes) <= {"done", "busy", "not_due"}
    assert calls == [1]
    assert TickRun.objects.filter(job="test.slow").count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_claims_of_one_key_succeed_once():
    from django.db import transaction

    def claim() -> bool:
        with transaction.atomic():
            return tick.JobRun(job="test.claims", now=timezone.now()).claim("test:key")

    assert sorted(_in_parallel(claim, 6)) == [False] * 5 + [True]
    assert TickItem.objects.filter(key="test:key").count() == 1


@pytest.mark.django_db(transaction=True)
def test_tick_commands_started_together_run_each_job_once(settings):
    # Separate processes against the test database, as several machines would be.
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {"DATABASE_URL": url, "TASKS_BACKEND": "immediate", "PATH": "/usr/bin:/bin"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    procs = [
        subprocess.Popen([sys.executable, "-m", "cityties", "tick"], cwd=ROOT, env=env)
        for _ in range(3)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    for name in tick.discover():
        assert TickRun.objects.filter(job=name, status="done").count() == 1, name
