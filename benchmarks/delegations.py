"""Calendar and delegations at federation scale: page server times and query counts.

    .venv/bin/python benchmarks/delegations.py [--quick]

Builds a throwaway SQLite database under var/bench/ with a fixed seed: 2,000 events over
three years, 50 delegations with 300 participants each (one delegate each), 40 milestones
and 20 programme sessions each. It times the calendar month view of the busiest month,
a delegation page and a delegate's itinerary page (p50/p95 over 50 requests each,
django.test.Client logged in as network staff) and counts their queries. The same
figures at 1/10 of the scale, measured in the same run, show whether the pages grow with
the number of rows. --quick runs at 1/10 and 1/100 of the scale with fewer requests.

The last line is machine-readable:
RESULT calendar_p95_ms=<ms> delegation_p95_ms=<ms> itinerary_p95_ms=<ms> max_queries=<n>
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import PageFigures, measure, setup_django

SEED = 20161116  # the first day of the 2016 City Summit

FULL = {"events": 2_000, "delegations": 50, "participants": 300, "milestones": 40}
SESSIONS = 20
ZONES = ["Europe/Paris", "America/New_York", "America/Chicago", "Asia/Tokyo", "Africa/Dakar"]
KINDS = ["congress", "fair", "forum", "mission", "reception", "workshop", "exchange", "meeting"]
START = datetime(2016, 1, 1, tzinfo=UTC)


@dataclass
class Scale:
    factor: float

    def count(self, name: str) -> int:
        # Per-delegation sizes scale too, so that the growth between scales shows.
        return max(5, round(FULL[name] * self.factor))


def seed(scale: Scale, rng: random.Random) -> dict[str, Any]:
    from cityties.accounts.models import Membership, Role, User
    from cityties.delegations.models import (
        Delegate,
        Delegation,
        Milestone,
        Participant,
        Session,
    )
    from cityties.events.models import Event
    from cityties.network.models import Organisation, Person

    federation = Organisation.objects.create(
        name="Cités Unies France", kind="association", country="FR"
    )
    staff = User.objects.create(email="staff@bench.example", full_name="Bench Staff")
    Membership.objects.create(user=staff, organisation=federation, role=Role.NETWORK_STAFF)
    n_participants = scale.count("participants")
    governments = Organisation.objects.bulk_create(
        Organisation(name=f"Collectivité {i:04d}", kind="commune", country="FR", is_member=True)
        for i in range(max(60, n_participants // 5))
    )
    companies = Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"Entreprise {i:05d}",
                kind="company",
                country="FR",
                sponsor=governments[i % len(governments)],
            )
            for i in range(n_participants * 40)
        ),
        batch_size=2000,
    )
    organisers = [*governments[:40], federation]
    events = Event.objects.bulk_create(
        (
            Event(
                kind=rng.choice(KINDS),
                title_fr=f"Événement {i:05d}",
                title_en=f"Event {i:05d}",
                starts_at=(start := START + timedelta(hours=rng.randrange(0, 3 * 365 * 24))),
                ends_at=start + timedelta(hours=rng.choice([2, 8, 30, 76])),
                time_zone=rng.choice(ZONES),
                city="Ville",
                country=rng.choice(["FR", "US", "JP", "SN", "DE"]),
                organiser=rng.choice(organisers),
                visibility=rng.choice(["public", "network", "network", "organisation"]),
            )
            for i in range(scale.count("events"))
        ),
        batch_size=2000,
    )
    delegations = Delegation.objects.bulk_create(
        Delegation(
            title=f"Délégation {i:03d}",
            event=events[i],
            lead=governments[i % len(governments)],
            status="confirmed",
        )
        for i in range(scale.count("delegations"))
    )
    participants: list[Participant] = []
    n_governments = max(1, n_participants // 30)
    for d in delegations:
        # The companies' sponsors take part as governments, as the services ensure.
        sponsors = rng.sample(governments, n_governments)
        pool = [c for c in companies if c.sponsor in sponsors]
        for org in rng.sample(pool, min(len(pool), n_participants - n_governments)):
            participants.append(
                Participant(delegation=d, organisation=org, kind="company", sponsor=org.sponsor)
            )
        for gov in sponsors:
            participants.append(Participant(delegation=d, organisation=gov, kind="government"))
    participants = Participant.objects.bulk_create(participants, batch_size=2000)
    people = Person.objects.bulk_create(
        (
            Person(first_name=f"P{i}", last_name=f"N{i}", organisation_id=p.organisation_id)
            for i, p in enumerate(participants)
        ),
        batch_size=2000,
    )
    delegates = Delegate.objects.bulk_create(
        (
            Delegate(participant=p, person=person, role="company")
            for p, person in zip(participants, people, strict=True)
        ),
        batch_size=2000,
    )
    Milestone.objects.bulk_create(
        (
            Milestone(
                delegation=d,
                title=f"Jalon {k}",
                due_on=date(2016, 1, 1) + timedelta(days=7 * k),
                owner_organisation=d.lead,
                status=rng.choice(["open", "in_progress", "done"]),
            )
            for d in delegations
            for k in range(scale.count("milestones"))
        ),
        batch_size=2000,
    )
    sessions = Session.objects.bulk_create(
        Session(
            delegation=d,
            kind="workshop",
            title_fr=f"Séance {k}",
            starts_at=d.event.starts_at + timedelta(hours=k),
            ends_at=d.event.starts_at + timedelta(hours=k, minutes=45),
            for_everyone=k % 4 == 0,
        )
        for d in delegations
        for k in range(SESSIONS)
    )
    through = Session.delegates.through
    first = delegations[0]
    own = [dl for dl in delegates if dl.participant.delegation_id == first.pk]
    through.objects.bulk_create(
        through(session_id=s.pk, delegate_id=dl.pk)
        for s in sessions
        if s.delegation_id == first.pk and not s.for_everyone
        for dl in own[:: max(1, len(own) // 60)]
    )
    busiest = max(
        ((e.starts_at.year, e.starts_at.month) for e in events),
        key=lambda ym: sum(1 for e in events if (e.starts_at.year, e.starts_at.month) == ym),
    )
    return {
        "staff": staff,
        "delegation": first.pk,
        "delegate": own[0].pk,
        "month": f"{busiest[0]}-{busiest[1]:02d}",
        "month_events": sum(1 for e in events if (e.starts_at.year, e.starts_at.month) == busiest),
    }


def run_scale(scale: Scale, requests: int) -> dict[str, PageFigures]:
    from django.core.management import call_command
    from django.test import Client

    call_command("flush", interactive=False, verbosity=0)
    rng = random.Random(SEED)
    sizes = ", ".join(f"{scale.count(k):,} {k}" for k in FULL)
    print(f"\n== scale x{scale.factor:g}: {sizes} (per delegation where it applies)")
    started = time.perf_counter()
    world = seed(scale, rng)
    print(f"  seeded in {time.perf_counter() - started:.1f} s")
    client = Client()
    client.force_login(world["staff"], backend="django.contrib.auth.backends.ModelBackend")
    urls = {
        "calendar": f"/calendar/?month={world['month']}",
        "delegation": f"/delegations/{world['delegation']}/",
        "itinerary": f"/delegations/itineraries/{world['delegate']}/",
    }
    figures = {}
    for label, url in urls.items():
        figures[label] = page = measure(client, url, requests)
        print(
            f"  {label:<10} {url:<36} p50 {page.p50_ms:7.1f} ms  p95 {page.p95_ms:7.1f} ms  "
            f"{page.queries:3d} queries  {page.size_kb:8.1f} kB"
        )
    print(f"  (busiest month: {world['month_events']} events)")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1/10 and 1/100 scale, 10 requests")
    args = parser.parse_args(argv)
    setup_django("delegations")
    full, requests = (0.1, 10) if args.quick else (1.0, 50)
    baseline = run_scale(Scale(full / 10), requests)
    result = run_scale(Scale(full), requests)
    print("\n== growth from 1/10 of the scale to the scale measured (p95 ratio, queries)")
    for label, page in result.items():
        small = baseline[label]
        print(
            f"  {label:<10} p95 x{page.p95_ms / max(small.p95_ms, 0.001):.1f}, "
            f"queries {small.queries} -> {page.queries}"
        )
    if args.quick:
        print("  (quick run: not the real scale)")
    print(
        f"RESULT calendar_p95_ms={result['calendar'].p95_ms:.1f} "
        f"delegation_p95_ms={result['delegation'].p95_ms:.1f} "
        f"itinerary_p95_ms={result['itinerary'].p95_ms:.1f} "
        f"max_queries={max(p.queries for p in result.values())}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
