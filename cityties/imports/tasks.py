"""Background tasks of the import engine."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from .jobs import run_job


@task()
def run_import(job_id: int) -> dict[str, Any]:
    """Run an import job by id: validate every row, then write them (or none)."""
    return run_job(job_id)
