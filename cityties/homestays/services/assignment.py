"""The assignment: the engine run as a background task (confirmed families, every guest,
the locked placements as locks), its result written in one transaction; moves by hand
checked against every rule, the breach named; locks."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.solvers import homestays as engine

from ..models import Family, FamilyStatus, Guest, Placement, Plan, Run, RunStatus
from .errors import HomestayError
from .plans import ensure_open

logger = logging.getLogger(__name__)

#: The engine's time budget in a run (seconds).
RUN_SECONDS = 8.0


def host_id(family: Family) -> str:
    return f"f{family.pk}"


def guest_id(guest: Guest) -> str:
    return f"g{guest.pk}"


def family_pk(engine_id: str) -> int:
    return int(engine_id[1:])


def to_host(family: Family) -> engine.Host:
    genders = family.genders
    return engine.Host(
        id=host_id(family),
        beds=family.beds,
        start=family.available_from,
        end=family.available_to,
        languages=frozenset(family.language_list),
        pets=family.pets,
        smoking=family.smoking,
        genders=None if len(genders) == 2 else frozenset(genders),
        same_gender_only=family.same_gender_only,
        minutes_to_venue=family.minutes_to_venue,
    )


def to_guest(guest: Guest) -> engine.Guest:
    return engine.Guest(
        id=guest_id(guest),
        arrive=guest.arrive,
        leave=guest.leave,
        gender=guest.gender or None,
        languages=frozenset(guest.language_list),
        pet_allergy=guest.pet_allergy,
        non_smoking=guest.non_smoking,
        max_minutes=guest.max_minutes,
        colleagues=(f"g{guest.colleague_id}",) if guest.colleague_id else (),
        priority=guest.priority,
    )


@dataclass(frozen=True)
class Rows:
    families: list[Family]
    guests: list[Guest]
    placements: list[Placement]


def load(plan: Plan) -> Rows:
    return Rows(
        families=list(plan.families.exclude(status=FamilyStatus.WITHDRAWN).order_by("pk")),
        guests=list(
            plan.guests.select_related(
                "delegate__person", "delegate__participant__organisation"
            ).order_by("pk")
        ),
        placements=list(Placement.objects.filter(guest__plan=plan).select_related("family")),
    )


def engine_input(rows: Rows) -> engine.Input:
    """Confirmed families, every guest, locked placements (at confirmed families) as locks."""
    confirmed = [f for f in rows.families if f.status == FamilyStatus.CONFIRMED]
    ids = {f.pk for f in confirmed}
    return engine.Input(
        hosts=tuple(to_host(f) for f in confirmed),
        guests=tuple(to_guest(g) for g in rows.guests),
        locked=tuple(
            engine.Lock(guest=f"g{p.guest_id}", host=f"f{p.family_id}")
            for p in rows.placements
            if p.locked and p.family_id in ids
        ),
    )


def _busy(plan: Plan) -> bool:
    return plan.runs.filter(status__in=(RunStatus.QUEUED, RunStatus.RUNNING)).exists()


def check_start_run(plan: Plan, *, actor: Any) -> Run:
    """Queue a run of the engine; its task writes the result when done."""
    ensure_open(plan)
    if _busy(plan):
        raise HomestayError(_("An assignment is already running."), code="run_in_progress")
    if not plan.guests.exists():
        raise HomestayError(_("Add the guests who need a homestay first."), code="no_guest")
    if not plan.families.filter(status=FamilyStatus.CONFIRMED).exists():
        raise HomestayError(
            _("Confirm at least one family (its checks done) first."), code="no_family"
        )
    return do_start_run(plan, actor=actor)


def do_start_run(plan: Plan, *, actor: Any) -> Run:
    from ..tasks import run_assignment

    with transaction.atomic(), acting_as(actor):
        run = Run.objects.create(
            plan=plan, started_by=actor if getattr(actor, "is_authenticated", False) else None
        )
        transaction.on_commit(lambda: run_assignment.enqueue(run.pk))
    return run


def _set_progress(run_id: int, stage: str, fraction: float) -> None:
    Run.objects.filter(pk=run_id).update(
        progress=max(0, min(100, round(fraction * 100))), stage=stage
    )


def do_run(run_id: int, seconds: float | None = None) -> Run:
    """Run the engine for a queued run and write its result (the task calls this)."""
    run = Run.objects.select_related("plan__delegation").get(pk=run_id)
    claimed = Run.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, progress=5, stage="loading"
    )
    if not claimed:  # run already (a task delivered twice, or run inline by the demo)
        return run
    rows = load(run.plan)
    try:
        inp = engine_input(rows)
        result = engine.assign(
            inp,
            time_limit=seconds or getattr(settings, "HOMESTAY_ENGINE_SECONDS", RUN_SECONDS),
            progress=lambda stage, fraction: _set_progress(run.pk, stage, 0.05 + 0.9 * fraction),
        )
    except engine.InvalidInput as exc:
        return _fail(run, f"{exc.id}: {exc.message}")
    except Exception as exc:  # a bug must not leave the run "running" for ever
        logger.exception("Homestay assignment run %s failed", run.pk)
        return _fail(run, str(exc))
    apply_result(run, rows, result)
    run.refresh_from_db()
    return run


def _fail(run: Run, message: str) -> Run:
    Run.objects.filter(pk=run.pk).update(
        status=RunStatus.FAILED, error=message[:2000], finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def apply_result(run: Run, rows: Rows, result: engine.Result) -> None:
    """Replace the placements that are not locked by the engine's, in one transaction."""
    locked = {p.guest_id for p in rows.placements if p.locked}
    with transaction.atomic(), acting_as(run.started_by):
        Placement.objects.filter(guest__plan=run.plan, locked=False).delete()
        Placement.objects.filter(guest__plan=run.plan, locked=True).exclude(
            family__status=FamilyStatus.CONFIRMED
        ).delete()
        Placement.objects.bulk_create(
            Placement(guest_id=int(a.guest[1:]), family_id=family_pk(a.host))
            for a in result.assignments
            if int(a.guest[1:]) not in locked
        )
        Run.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE,
            progress=100,
            stage="done",
            finished_at=timezone.now(),
            stats={
                "placed": result.placed,
                "priority": result.priority,
                "pairs": result.pairs,
                "upper_bound": result.upper_bound,
                "pairs_upper_bound": result.pairs_upper_bound,
                "method": result.method,
                "seconds": result.seconds,
            },
            unplaced={
                u.guest[1:]: [
                    {
                        "code": r.code,
                        "hosts": [family_pk(h) for h in r.hosts],
                        "nights": [n.isoformat() for n in r.nights],
                        "of": r.of,
                    }
                    for r in u.reasons
                ]
                for u in result.unplaced
            },
        )


# --- By hand ---------------------------------------------------------------------------


def breaches_if_moved(rows: Rows, guest: Guest, family: Family) -> list[engine.Breach]:
    """The rules the assignment would break with ``guest`` at ``family`` (the others
    where they are)."""
    at_family = [p.guest_id for p in rows.placements if p.family_id == family.pk]
    others = {g.pk: g for g in rows.guests}
    held = [to_guest(others[pk]) for pk in at_family if pk != guest.pk and pk in others]
    host, moved = to_host(family), to_guest(guest)
    found = [
        engine.Breach(code, host.id, (moved.id,)) for code in engine.static_failures(host, moved)
    ]
    found += [b for b in engine.shared_breaches(host, [*held, moved]) if moved.id in b.guests]
    return found


def check_move_guest(guest: Guest, *, actor: Any, family: Family | None) -> Placement | None:
    """Put a guest with a family by hand (then locked), or take them out (``None``); a
    move breaking a rule is refused, the breach named."""
    from ..texts import breach_text

    plan = guest.plan
    ensure_open(plan)
    if _busy(plan):
        raise HomestayError(_("Wait for the running assignment to finish."), code="run_in_progress")
    with transaction.atomic(), acting_as(actor):
        Plan.objects.select_for_update().get(pk=plan.pk)
        if family is None:
            Placement.objects.filter(guest=guest).delete()
            return None
        if family.plan_id != plan.pk:
            raise HomestayError(_("This family hosts another delegation."), code="family_elsewhere")
        if family.status != FamilyStatus.CONFIRMED:
            raise HomestayError(
                _("Only a confirmed family (its checks done) can host."),
                code="family_not_confirmed",
            )
        rows = load(plan)
        found = breaches_if_moved(rows, guest, family)
        if found:
            names = {g.pk: g.delegate.person.full_name for g in rows.guests}
            raise HomestayError(
                breach_text(found[0], family=family, guest=guest, names=names),
                code=f"breach_{found[0].code}",
            )
        placement, _created = Placement.objects.update_or_create(
            guest=guest,
            defaults={
                "family": family,
                "locked": True,
                "by_hand": True,
                "updated_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
    return placement


def check_set_lock(guest: Guest, *, actor: Any, locked: bool) -> Placement:
    ensure_open(guest.plan)
    placement = Placement.objects.filter(guest=guest).first()
    if placement is None:
        raise HomestayError(_("Only a placed guest can be locked."), code="not_placed")
    with transaction.atomic(), acting_as(actor):
        placement.locked = locked
        placement.save(update_fields=["locked", "updated_at"])
    return placement


def latest_run(plan: Plan) -> Run | None:
    return plan.runs.order_by("-created_at", "-id").first()
