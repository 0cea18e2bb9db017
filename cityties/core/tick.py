"""The clock: periodic jobs that apps register, run by `python -m cityties tick`.

An app declares its jobs in its own `tick.py` module::

    @periodic("imports.purge_uploads", every=timedelta(hours=1))
    def purge_uploads(run: JobRun) -> None:
        for upload in old_uploads():
            if run.claim(f"imports.purge:{upload.pk}"):
                ...

`run_due()` runs each job whose period has elapsed since its last success. A job runs
inside one transaction holding its state row's lock: two ticks at once never run the
same job together (the second skips it), and a job that fails leaves nothing half done,
so the next tick simply tries again. Work that must happen once per item (a mail, a
notification) claims a unique key with `run.claim()` in that same transaction; mail is
enqueued as a task, which the database backend stores in that same transaction too.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.db import IntegrityError, transaction
from django.tasks import Task
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass
class JobRun:
    """What a job sees of its run: the time it started and the claims it made."""

    job: str
    now: datetime
    items: int = 0
    notes: list[str] = field(default_factory=list)

    def claim(self, key: str) -> bool:
        """Reserve `key` for this run; False if an earlier run already did it."""
        from .models import TickItem

        try:
            with transaction.atomic():
                TickItem.objects.create(key=key[:255], job=self.job)
        except IntegrityError:
            return False
        self.items += 1
        return True

    def note(self, text: str) -> None:
        self.notes.append(text)

    def enqueue(self, task: Task, *args: Any) -> None:
        """Queue a task (a mail) so that it exists if, and only if, this run commits.

        The database task backend stores it in the run's own transaction; a backend that
        runs tasks at once waits for the commit instead (at most once, never twice).
        """
        if task.get_backend().__class__.__module__.startswith("django_tasks_db"):
            task.enqueue(*args)
        else:
            transaction.on_commit(lambda: task.enqueue(*args))


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    function: Callable[[JobRun], None]


REGISTRY: dict[str, Job] = {}


def periodic(name: str, *, every: timedelta) -> Callable[[Callable[[JobRun], None]], Callable]:
    """Register a job that runs at most once per `every`."""

    def register(function: Callable[[JobRun], None]) -> Callable[[JobRun], None]:
        REGISTRY[name] = Job(name=name, every=every, function=function)
        return function

    return register


def discover() -> dict[str, Job]:
    """Import the `tick` module of every installed app, which registers its jobs."""
    for config in apps.get_app_configs():
        module = f"{config.name}.tick"
        if config.name != __package__ and find_spec(module) is not None:
            import_module(module)
    import_module(f"{__package__}.jobs")
    return REGISTRY


@dataclass(frozen=True)
class Outcome:
    job: str
    status: str  # "done", "failed", "not_due", "busy"
    items: int = 0


def run_job(job: Job, *, now: datetime | None = None, force: bool = False) -> Outcome:
    from .models import TickItem, TickJobState, TickRun, TickRunStatus

    now = now or timezone.now()
    TickJobState.objects.get_or_create(name=job.name)
    run = JobRun(job=job.name, now=now)
    try:
        with transaction.atomic():
            # skip_locked: a tick running this job already holds the row; leave it to it.
            state = (
                TickJobState.objects.select_for_update(skip_locked=True)
                .filter(name=job.name)
                .first()
            )
            if state is None:
                return Outcome(job.name, "busy")
            if not force and state.last_success_at and now < state.last_success_at + job.every:
                return Outcome(job.name, "not_due")
            state.last_started_at = now
            job.function(run)
            record = TickRun.objects.create(
                job=job.name,
                started_at=now,
                finished_at=timezone.now(),
                status=TickRunStatus.DONE,
                items=run.items,
                detail="\n".join(run.notes),
            )
            TickItem.objects.filter(job=job.name, run=None).update(run=record)
            state.last_success_at = now
            state.save(update_fields=["last_started_at", "last_success_at"])
    except Exception:
        logger.exception("Periodic job %s failed", job.name)
        TickRun.objects.create(
            job=job.name,
            started_at=now,
            finished_at=timezone.now(),
            status=TickRunStatus.FAILED,
            detail=traceback.format_exc(limit=20)[-4000:],
        )
        return Outcome(job.name, "failed")
    return Outcome(job.name, "done", run.items)


def run_due(
    *, now: datetime | None = None, only: list[str] | None = None, force: bool = False
) -> list[Outcome]:
    """Run every registered job that is due (or only those named); one failing job does
    not stop the others."""
    jobs = discover()
    names = only if only else sorted(jobs)
    unknown = [name for name in names if name not in jobs]
    if unknown:
        raise KeyError(", ".join(unknown))
    return [run_job(jobs[name], now=now, force=force) for name in names]
