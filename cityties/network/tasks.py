"""Background tasks of the network area."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from . import imports


@task()
def run_import(job_id: int) -> dict[str, Any]:
    """Run an import job by id: validate every row, then write all of them or none."""
    return imports.run_job(job_id)
