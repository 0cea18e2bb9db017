"""What the homestay pages share: running a service with its refusal turned into a
message, and the plan's rows for the pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from ..models import Family, FamilyStatus, Guest, Placement, Plan, Run
from ..services import HomestayError, latest_run, load
from ..texts import reason_text


def attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    try:
        action()
    except HomestayError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, success)
    return True


@dataclass
class GuestRow:
    guest: Guest
    placement: Placement | None
    reasons: list[str]


@dataclass
class Board:
    """The coordinator's view of a plan: families, guests with their places, the last run."""

    plan: Plan
    families: list[Family]
    guests: list[GuestRow]
    run: Run | None
    beds: int
    placed: int

    @property
    def confirmed_families(self) -> list[Family]:
        return [f for f in self.families if f.status == FamilyStatus.CONFIRMED]


def board(plan: Plan) -> Board:
    rows = load(plan)
    run = latest_run(plan)
    placements = {p.guest_id: p for p in rows.placements}
    names = {f.pk: f.household for f in rows.families}
    reasons = run.unplaced if run is not None and run.status == "done" else {}
    guests = []
    for guest in rows.guests:
        placement = placements.get(guest.pk)
        texts = []
        if placement is None:
            for reason in reasons.get(str(guest.pk), []):
                texts.append(reason_text(reason, guest=guest, families=names))
        guests.append(GuestRow(guest, placement, texts))
    confirmed = [f for f in rows.families if f.status == FamilyStatus.CONFIRMED]
    return Board(
        plan=plan,
        families=rows.families,
        guests=guests,
        run=run,
        beds=sum(f.beds for f in confirmed),
        placed=len(placements),
    )


def nights_of(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days)]
