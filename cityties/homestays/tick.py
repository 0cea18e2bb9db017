"""Periodic jobs of homestays, run by `python -m cityties tick`."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cityties.core.tick import JobRun, periodic

from .services import do_purge_plan, plans_to_purge


@periodic("homestays.purge", every=timedelta(days=1))
def purge(run: JobRun) -> None:
    """Erase the families' and guests' personal data once the retention period is over."""
    for plan in plans_to_purge(timezone.localtime(run.now).date()):
        if run.claim(f"homestays.purge:{plan.pk}"):
            erased = do_purge_plan(plan)
            run.note(f"plan {plan.pk}: {erased} families erased")
