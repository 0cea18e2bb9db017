"""Recommendations: for each delegate, the attendees and other delegates worth meeting,
ranked by the relevance engine (`cityties.solvers.relevance`), with its reasons.

The ranking of a whole event (300 delegates against 3,300 people) takes about a second, so
it runs in the background when profiles change and its result is kept in
`Recommendation`; the page then reads a few rows, filtered by kind, state and sector.
Reasons are kept structured and rendered in the reader's language when shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from cityties.events.models import Event
from cityties.solvers.relevance import SECTORS, Reason, rank_all, render_reason, resolve_sector
from cityties.solvers.relevance import Profile as EngineProfile

from ..models import (
    OPEN_STATUSES,
    EventSetup,
    MeetingRequest,
    Profile,
    Recommendation,
    pair_key,
)
from .profiles import ensure_delegate_profiles
from .setup import setup_of

#: Kept per delegate: enough for the filters to still find people in a small state.
KEPT = 200
PER_PAGE = 25


def _engine_sector(code: str, label_en: str, label_fr: str) -> str | None:
    if code in SECTORS:
        return code
    return resolve_sector(label_en) or resolve_sector(label_fr)


@dataclass(frozen=True)
class Facts:
    """What the filters need of a person, kept with each recommendation."""

    kind: str
    state: str
    is_attendee: bool
    sectors: str


def engine_profiles(event: Event) -> tuple[list[EngineProfile], dict[int, Facts]]:
    """The event's people as the relevance engine sees them (attendees not erased), and
    the facts the filters need of each."""
    profiles = (
        Profile.objects.filter(event=event)
        .exclude(attendee__erased_at__isnull=False)
        .only("pk", "kind", "state", "attendee_id", "offers", "needs", "pitch", "interests")
        .prefetch_related("sectors")
        .order_by("pk")
    )
    memo: dict[int, str | None] = {}
    out = []
    facts: dict[int, Facts] = {}
    for profile in profiles:
        sectors = []
        codes = []
        for sector in profile.sectors.all():
            codes.append(sector.code)
            if sector.pk not in memo:
                memo[sector.pk] = _engine_sector(sector.code, sector.label_en, sector.label_fr)
            if memo[sector.pk]:
                sectors.append(memo[sector.pk])
        pitch = " ".join(part for part in (profile.pitch, profile.interests) if part)
        out.append(
            EngineProfile(
                id=str(profile.pk),
                sectors=tuple(dict.fromkeys(s for s in sectors if s)),
                offers=tuple(profile.offer_list()),
                needs=tuple(profile.need_list()),
                pitch=pitch,
            )
        )
        facts[profile.pk] = Facts(
            kind=profile.kind,
            state=profile.state,
            is_attendee=profile.attendee_id is not None,
            sectors=(",".join(["", *codes, ""]) if codes else "")[:1000],
        )
    return out, facts


def _reason_json(reason: Reason) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": reason.kind}
    for name in ("sector", "mine", "theirs"):
        if getattr(reason, name):
            data[name] = getattr(reason, name)
    if reason.terms:
        data["terms"] = list(reason.terms)
    return data


def compute_recommendations(event: Event) -> int:
    """Rank everybody for each delegate of the event and keep the best; returns the number
    of rows kept."""
    setup = setup_of(event)
    EventSetup.objects.filter(pk=setup.pk).update(recommendations_stale=False)
    ensure_delegate_profiles(event)
    # ensure_delegate_profiles may have marked it stale again: this run covers that.
    EventSetup.objects.filter(pk=setup.pk).update(recommendations_stale=False)
    profiles, facts = engine_profiles(event)
    # Who travels with whom: people of one participant never need a request.
    together = dict(
        Profile.objects.filter(event=event, delegate__isnull=False).values_list(
            "pk", "delegate__participant_id"
        )
    )
    delegates = [str(pk) for pk in together]
    ranked = rank_all(profiles, delegates, limit=KEPT) if delegates and profiles else {}
    for reader, matches in ranked.items():
        mine = together[int(reader)]
        ranked[reader] = [m for m in matches if together.get(int(m.party)) != mine]
    rows = [
        (
            int(reader),
            int(match.party),
            facts[int(match.party)].kind,
            facts[int(match.party)].state,
            facts[int(match.party)].is_attendee,
            facts[int(match.party)].sectors,
            rank,
            round(match.score, 4),
            json.dumps([_reason_json(reason) for reason in match.reasons], ensure_ascii=False),
        )
        for reader, matches in ranked.items()
        for rank, match in enumerate(matches, 1)
    ]
    with transaction.atomic():
        Recommendation.objects.filter(profile__event=event).delete()
        _insert(rows)
        EventSetup.objects.filter(pk=setup.pk).update(recommendations_at=timezone.now())
    return len(rows)


COLUMNS = (
    "profile_id",
    "other_id",
    "other_kind",
    "other_state",
    "other_is_attendee",
    "other_sectors",
    "rank",
    "score",
    "reasons",
)


def _insert(rows: list[tuple[Any, ...]]) -> None:
    """Tens of thousands of rows in one statement per batch: through the ORM, building
    60,000 model instances and their SQL took ten times the ranking itself."""
    table = connection.ops.quote_name(Recommendation._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    marks = ", ".join(["%s"] * len(COLUMNS))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5_000):
            cursor.executemany(
                # Identifiers from the model's own metadata, values as parameters.
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                rows[start : start + 5_000],
            )


def render_reasons(reasons: list[dict[str, Any]], language: str | None = None) -> list[str]:
    """The engine's reasons as sentences in the reader's language."""
    lang = "en" if (language or get_language() or "fr").startswith("en") else "fr"
    texts = []
    for data in reasons:
        reason = Reason(
            kind=str(data.get("kind", "")),
            sector=data.get("sector"),
            mine=data.get("mine"),
            theirs=data.get("theirs"),
            terms=tuple(data.get("terms", ())),
        )
        try:
            texts.append(render_reason(reason, lang))
        except KeyError:  # a concept the engine no longer knows
            continue
    return texts


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    state: str = ""
    sector: str = ""  # a network.Sector code
    delegates: bool = True
    attendees: bool = True


@dataclass
class Line:
    recommendation: Recommendation
    other: Profile
    reasons: list[str]
    request: MeetingRequest | None


def recommendations(profile: Profile, filters: Filters) -> QuerySet[Recommendation]:
    qs = Recommendation.objects.filter(profile=profile)
    if filters.kind:
        qs = qs.filter(other_kind=filters.kind)
    if filters.state:
        qs = qs.filter(other_state__iexact=filters.state)
    if filters.sector:
        qs = qs.filter(other_sectors__contains=f",{filters.sector},")
    if not filters.delegates:
        qs = qs.filter(other_is_attendee=True)
    if not filters.attendees:
        qs = qs.filter(other_is_attendee=False)
    return qs.order_by("rank")


def recommendation_page(profile: Profile, filters: Filters, number: Any) -> tuple[Page, list[Line]]:
    """One page of the reader's recommendations with their reasons and the open request
    between the two people, if any (the same few queries whatever the page holds)."""
    page = Paginator(recommendations(profile, filters), PER_PAGE).get_page(number)
    items: list[Recommendation] = list(page.object_list)
    others = Profile.objects.exclude(attendee__erased_at__isnull=False).in_bulk(
        [item.other_id for item in items]
    )
    keys = [pair_key(profile.pk, item.other_id) for item in items]
    open_requests = {
        request.pair_key: request
        for request in MeetingRequest.objects.filter(pair_key__in=keys, status__in=OPEN_STATUSES)
    }
    lines = [
        Line(
            recommendation=item,
            other=others[item.other_id],
            reasons=render_reasons(item.reasons),
            request=open_requests.get(pair_key(profile.pk, item.other_id)),
        )
        for item in items
        if item.other_id in others
    ]
    return page, lines


def state_choices(event: Event) -> list[str]:
    states = (
        Profile.objects.filter(event=event)
        .exclude(state="")
        .order_by("state")
        .values_list("state", flat=True)
        .distinct()
    )
    return list(states)
