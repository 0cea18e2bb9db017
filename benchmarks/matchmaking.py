"""Matchmaking at City Summit scale: the import, the recommendations, the schedule, pages.

    .venv/bin/python benchmarks/matchmaking.py [--quick]

Builds a throwaway SQLite database under var/bench/ with a fixed seed: one delegation of
300 delegates (30 French cities with two delegates each, 240 companies with one), and
imports the generated attendee list of 3,000 people (`cityties.matchmaking.demo_data`,
a registration platform's CSV export) through the import engine, timing it (read, check,
merge, write; the recommendations, recomputed in the background afterwards, are timed on
their own). Then 12,000 accepted requests (40 per delegate, among the people recommended
to them) are placed end to end by a schedule run (load the rows, solve, write the
meetings), on 54 slots and 250 tables; and the recommendations page and an agenda page
are timed (p50/p95 over 50 requests each, server time through django.test.Client, as
network staff) with their queries counted, for a delegate with few meetings and one with
many. --quick runs at 1/10 of the scale with 10 requests per page.

The last line is machine-readable:
RESULT import_s=<s> recommend_p95_ms=<ms> agenda_p95_ms=<ms> schedule_s=<s> max_queries=<n>
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from datetime import time as clock
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "matchmaking.sqlite3"
SEED = 20161117
PER_DELEGATE = 40


def setup_django() -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cityties.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
    # Background work is queued, not run in the timed call: each part is timed on its own.
    os.environ["TASKS_BACKEND"] = "database"
    os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed_delegation(cities: int, companies: int) -> dict[str, Any]:
    """Staff, the event and one delegation; bulk rows for speed (not what is measured)."""
    from cityties.accounts.models import Membership, Role, User
    from cityties.delegations.models import Delegate, Delegation, Participant
    from cityties.events.tests.factories import make_event
    from cityties.network.demo_data import SECTORS
    from cityties.network.models import Organisation, Person, Sector

    for code, fr, en in SECTORS:
        Sector.objects.get_or_create(code=code, defaults={"label_fr": fr, "label_en": en})
    federation = Organisation.objects.create(
        name="Cités Unies France", kind="association", country="FR", is_member=False
    )
    staff = User.objects.create_user("staff@bench.example", "x", full_name="Staff")
    Membership.objects.create(user=staff, organisation=federation, role=Role.NETWORK_STAFF)
    nlc = Organisation.objects.create(
        name="National League of Cities", kind="association", country="US", is_member=False
    )
    event = make_event(nlc, visibility="network")
    govs = Organisation.objects.bulk_create(
        [Organisation(name=f"Ville {n}", kind="commune", country="FR") for n in range(cities)]
    )
    firms = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Entreprise {n}",
                kind="company",
                country="FR",
                is_member=False,
                sponsor=govs[n % cities],
            )
            for n in range(companies)
        ]
    )
    delegation = Delegation.objects.create(title="Délégation", event=event, lead=govs[0])
    participants = Participant.objects.bulk_create(
        [Participant(delegation=delegation, organisation=g, kind="government") for g in govs]
        + [
            Participant(delegation=delegation, organisation=f, kind="company", sponsor=f.sponsor)
            for f in firms
        ]
    )
    people = Person.objects.bulk_create(
        [
            Person(
                first_name=f"Prénom{n}",
                last_name=f"Nom{n}",
                organisation=p.organisation,
                email=f"delegate{n}@bench.example",
                languages="fr,en",
            )
            for n, p in enumerate(participants[:cities] * 2 + participants[cities:])
        ]
    )
    Delegate.objects.bulk_create(
        [
            Delegate(
                participant=participants[n % cities]
                if n < 2 * cities
                else participants[n - cities],
                person=person,
                role="staff",
            )
            for n, person in enumerate(people)
        ]
    )
    return {"staff": staff, "event": event}


def profile_delegates(event: Any, rng: random.Random) -> list[Any]:
    from cityties.matchmaking import services as svc
    from cityties.matchmaking.models import Profile
    from cityties.solvers.relevance.demo import _EN_NEEDS, _FR_OFFERS

    svc.ensure_delegate_profiles(event)
    profiles = list(Profile.objects.filter(event=event, delegate__isnull=False))
    for profile in profiles:
        profile.offers = "\n".join(rng.sample(_FR_OFFERS, 2))
        profile.needs = rng.choice(_EN_NEEDS)
    Profile.objects.bulk_update(profiles, ["offers", "needs"])
    return profiles


def accepted_requests(event: Any, delegates: list[Any], rng: random.Random) -> int:
    from django.utils import timezone

    from cityties.matchmaking.models import MeetingRequest, Recommendation, pair_key

    attendee_ids = set(
        event.match_profiles.filter(attendee__isnull=False).values_list("pk", flat=True)
    )
    ranked: dict[int, list[int]] = {}
    for reader, other in Recommendation.objects.filter(profile__in=delegates).values_list(
        "profile_id", "other_id"
    ):
        if other in attendee_ids:
            ranked.setdefault(reader, []).append(other)
    everyone = sorted(attendee_ids)
    rows = []
    now = timezone.now()
    for delegate in delegates:
        picks = ranked.get(delegate.pk, [])[: PER_DELEGATE * 2]
        chosen = rng.sample(picks, min(PER_DELEGATE, len(picks)))
        while len(chosen) < PER_DELEGATE:
            other = rng.choice(everyone)
            if other not in chosen:
                chosen.append(other)
        for other in chosen:
            rows.append(
                MeetingRequest(
                    event=event,
                    sender=delegate,
                    recipient_id=other,
                    pair_key=pair_key(delegate.pk, other),
                    priority=rng.choice((1, 1, 2, 3)),
                    status="accepted",
                    expires_at=now,
                    answered_at=now,
                )
            )
    MeetingRequest.objects.bulk_create(rows, batch_size=2_000)
    return len(rows)


def measure(client: Any, url: str, requests: int) -> tuple[float, float, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(url).status_code == 200, url
    # Each request starts by resetting the connection's query log: start from zero.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20)[18] if len(times) >= 2 else times[0]
    return statistics.median(times), p95, len(captured)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1/10 of the scale")
    args = parser.parse_args(argv)
    factor, page_requests = (0.1, 10) if args.quick else (1.0, 50)
    setup_django()
    from django.db.models import Count
    from django.test import Client

    from cityties.matchmaking import services as svc
    from cityties.matchmaking.demo_data import attendee_csv
    from cityties.matchmaking.imports.run import import_attendees
    from cityties.matchmaking.models import Meeting, Profile, ScheduleRun
    from cityties.matchmaking.services import schedule

    rng = random.Random(SEED)
    attendees = round(3_000 * factor)
    world = seed_delegation(cities=max(3, round(30 * factor)), companies=round(240 * factor))
    event, staff = world["event"], world["staff"]
    delegates = profile_delegates(event, rng)
    print(f"== {len(delegates)} delegates, {attendees:,} attendees")

    data = attendee_csv(attendees, seed=SEED)
    started = time.perf_counter()
    imported = import_attendees(data, "registrants.csv", event=event, actor=staff)
    import_s = time.perf_counter() - started
    assert imported.outcome is not None, imported.result.errors[:3]
    print(
        f"  import: {len(imported.result.rows):,} people from {attendees:,} rows "
        f"({imported.result.planned.get('skipped', 0)} merged), "
        f"{len(imported.result.errors)} errors, {import_s:.2f} s"
    )
    started = time.perf_counter()
    kept = svc.compute_recommendations(event)
    ranking_s = time.perf_counter() - started
    print(f"  recommendations: {kept:,} kept for {len(delegates)} delegates in {ranking_s:.2f} s")

    svc.check_save_setup(
        event,
        actor=staff,
        first_day=date(2016, 11, 17),
        last_day=date(2016, 11, 19),
        day_starts=clock(9, 0),
        day_ends=clock(16, 0),
        breaks=[["12:00", "13:00"]],
        max_meetings=45,
    )
    slots, _removed = svc.check_generate_slots(event, actor=staff)
    tables = max(10, round(250 * factor))
    for hall in range(5):
        svc.check_add_place(
            event, actor=staff, name=f"Hall {hall + 1}", kind="table", capacity=tables // 5
        )
    requests = accepted_requests(event, delegates, rng)
    run = ScheduleRun.objects.create(event=event, started_by=staff)
    started = time.perf_counter()
    run = schedule.run(run.pk)
    schedule_s = time.perf_counter() - started
    assert run.status == "done", run.error
    print(
        f"  schedule: {requests:,} accepted requests, {slots} slots, {tables} tables: "
        f"{run.placed:,} placed, {run.ratio_percent:.3f} % of the proven bound "
        f"({run.method}), end to end {schedule_s:.1f} s (engine {run.seconds:.1f} s in it)"
    )
    reasons: dict[str, int] = {}
    for entry in run.unplaced:
        reasons[entry["reason"]] = reasons.get(entry["reason"], 0) + 1
    print(f"  left out: {reasons or 'none'}")

    client = Client()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    busy = Profile.objects.annotate(n=Count("bookings")).filter(n__gt=0).order_by("-n", "pk")
    most, least = busy.filter(delegate__isnull=False).first(), busy.last()
    assert most is not None and least is not None
    pages = {
        "recommendations": f"/matchmaking/profiles/{most.pk}/recommendations/",
        "recommendations p3": f"/matchmaking/profiles/{most.pk}/recommendations/?page=3",
        "agenda (most)": f"/matchmaking/profiles/{most.pk}/agenda/",
        "agenda (least)": f"/matchmaking/profiles/{least.pk}/agenda/",
    }
    figures = {}
    for label, url in pages.items():
        figures[label] = p50, p95, queries = measure(client, url, page_requests)
        print(f"  {label:<20} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {queries:3d} queries")
    meetings = {p.pk: Meeting.objects.filter(bookings__profile=p).count() for p in (most, least)}
    print(
        f"  agenda queries with {meetings[most.pk]} meetings: {figures['agenda (most)'][2]}, "
        f"with {meetings[least.pk]}: {figures['agenda (least)'][2]}"
    )
    if args.quick:
        print("  (quick run: not the real scale)")
    print(
        f"RESULT import_s={import_s:.2f} "
        f"recommend_p95_ms={figures['recommendations'][1]:.1f} "
        f"agenda_p95_ms={figures['agenda (most)'][1]:.1f} "
        f"schedule_s={schedule_s:.1f} "
        f"max_queries={max(q for _a, _b, q in figures.values())}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
