"""Ranking the expertise offers for a partner's need.

The relevance engine (`cityties.solvers.relevance`) compares the domains and the texts,
French against English; this adds what it does not know about expertise: the languages
both sides speak, whether the offer is available over the need's dates, and how many of
the staff-days needed it covers. Pure Python, no Django: the services feed it the rows and
render the reasons in the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cityties.solvers.relevance import Profile, Reason, rank

# Weights of the engine's relevance, the shared languages and the availability.
W_RELEVANCE, W_LANGUAGE, W_DATES, W_DAYS = 0.55, 0.2, 0.15, 0.1

# The engine's sector for each domain of expertise.
DOMAIN_SECTORS: dict[str, str] = {
    "emergency": "public_safety",
    "water": "water",
    "waste": "waste",
    "reconstruction": "construction",
    "health": "health",
    "planning": "urban_planning",
    "education": "education",
}


@dataclass(frozen=True, slots=True)
class Party:
    """An offer or a need: ids are the rows' primary keys."""

    id: int
    domain: str
    texts: tuple[str, ...]
    languages: frozenset[str]
    staff_days: int
    starts_on: date | None = None
    ends_on: date | None = None


@dataclass(frozen=True, slots=True)
class Ranked:
    offer: int
    score: float
    relevance: float
    reasons: tuple[Reason, ...]  # the engine's: same domain, offer text ~ need text
    languages: tuple[str, ...]  # spoken by both, sorted
    coverage: float  # share of the need's dates the offer is available, 0 to 1
    days: float  # share of the staff-days needed the offer covers, 0 to 1


def _profile(key: str, party: Party, *, offering: bool) -> Profile:
    sector = DOMAIN_SECTORS.get(party.domain)
    texts = tuple(t for t in party.texts if t.strip())
    return Profile(
        id=key,
        sectors=(sector,) if sector else (),
        offers=texts if offering else (),
        needs=() if offering else texts,
        pitch=" ".join(texts),
    )


def coverage(need: Party, offer: Party) -> float:
    """How much of the need's period the offer is available: 0 when the periods do not
    meet, the share of the need's days when the need has both ends, else 1."""
    start = max((d for d in (need.starts_on, offer.starts_on) if d), default=None)
    end = min((d for d in (need.ends_on, offer.ends_on) if d), default=None)
    if start is not None and end is not None and start > end:
        return 0.0
    if need.starts_on is None or need.ends_on is None:
        return 1.0
    assert start is not None and end is not None
    return ((end - start).days + 1) / ((need.ends_on - need.starts_on).days + 1)


def rank_offers(need: Party, offers: Sequence[Party]) -> list[Ranked]:
    """Every offer, best first (ties by id), with its score in [0, 1] and its reasons."""
    if not offers:
        return []
    profiles = [_profile("need", need, offering=False)]
    profiles += [_profile(f"o{offer.id}", offer, offering=True) for offer in offers]
    found = {m.party: m for m in rank(profiles, "need", limit=len(offers))}
    ranked = []
    for offer in offers:
        match = found.get(f"o{offer.id}")
        relevance = min(1.0, match.score) if match else 0.0
        shared = tuple(sorted(need.languages & offer.languages))
        dates = coverage(need, offer)
        days = min(1.0, offer.staff_days / need.staff_days) if need.staff_days > 0 else 1.0
        score = (
            W_RELEVANCE * relevance
            + W_LANGUAGE * (1.0 if shared else 0.0)
            + W_DATES * dates
            + W_DAYS * days
        )
        # Nobody to talk to, or never there when needed: kept, but far down the list.
        if not shared or dates == 0.0:
            score /= 4
        ranked.append(
            Ranked(
                offer=offer.id,
                score=round(score, 4),
                relevance=round(relevance, 4),
                reasons=match.reasons if match else (),
                languages=shared,
                coverage=round(dates, 4),
                days=round(days, 4),
            )
        )
    ranked.sort(key=lambda r: (-r.score, r.offer))
    return ranked
