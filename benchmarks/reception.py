"""The reception's door at scale: a check-in request's server time, and four doors at once.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/reception.py [--quick]

Creates a throwaway database (on DATABASE_URL's server when given, else a SQLite file
under var/bench/) with a reception of 3,000 invitations on 10 quotas, named through the
services, with a fixed seed. Then:

- the check-in: 300 guests checked in one after the other (after 20 untimed) through
  the door page's check-in request (django.test.Client, network staff, as htmx sends it); p50/p95;
- four doors in parallel, one thread and one database connection each, scanning 1,000
  cards through the API's check-in (look-up and check-in in one request), the same
  guests often at several doors; the head count must equal the people behind the
  distinct cards scanned, and each guest must have one check-in.

`measure(...)` returns {"checkin_p95_ms": float, "doors_exact": 0|1} (the homestays
benchmark prints it on its combined line). The last line is machine-readable:
RESULT checkin_p95_ms=<ms> doors_exact=<0|1>
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
SEED = 20161117  # the evening of the 2016 French reception


def setup_django() -> None:
    """Django on DATABASE_URL's server, or on a SQLite file; nothing if already set up."""
    import django
    from django.apps import apps

    if apps.ready:
        return
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cityties.settings"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'reception-main.sqlite3'}")
    os.environ["TASKS_BACKEND"] = "immediate"
    os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    django.setup()
    import logging

    # The doors' refusals (409) are expected: not logged as warnings.
    logging.getLogger("django.request").setLevel(logging.ERROR)


def _create_database() -> str:
    """A fresh database beside the configured one (test_<name>), migrated; its old name."""
    from django.conf import settings
    from django.db import connection

    old_name = str(settings.DATABASES["default"]["NAME"])
    if connection.vendor == "sqlite":
        # On a file, so that the door threads share it.
        path = BENCH_DIR / "reception.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        connection.settings_dict["TEST"]["NAME"] = str(path)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return old_name


def seed(invitations: int, rng: random.Random) -> dict[str, Any]:
    from datetime import timedelta

    from django.utils import timezone

    from cityties.accounts.models import Membership, Role, User
    from cityties.delegations import services as delegation_services
    from cityties.events import services as event_services
    from cityties.network.models import Organisation
    from cityties.reception import services as svc
    from cityties.reception.models import Invitation

    federation = Organisation.objects.create(
        name="Cités Unies France", kind="association", country="FR"
    )
    staff = User.objects.create(email="staff@bench.example", full_name="Bench Staff")
    Membership.objects.create(user=staff, organisation=federation, role=Role.NETWORK_STAFF)
    caen = Organisation.objects.create(
        name="Ville de Caen", kind="commune", country="FR", is_member=True
    )
    start = timezone.now() + timedelta(days=10)
    values: dict[str, Any] = {
        **event_services.DEFAULTS,
        "kind": "congress",
        "title_en": "NLC City Summit",
        "starts_at": start,
        "ends_at": start + timedelta(days=3),
        "time_zone": "America/New_York",
        "city": "Pittsburgh",
        "country": "US",
        "organiser": caen,
        "visibility": "network",
    }
    event = event_services.do_create_event(actor=None, **values)
    delegation = delegation_services.do_create_delegation(
        actor=None, title="Délégation", event=event, lead=caen
    )
    session = delegation_services.check_add_session(
        delegation,
        actor=None,
        kind="reception",
        title_en="French reception",
        starts_at=start + timedelta(days=1),
        ends_at=start + timedelta(days=1, hours=3),
    )
    reception = svc.check_create_reception(
        session,
        actor=None,
        fields={"venue": "Downtown", "capacity": invitations * 3, "plus_ones_allowed": 2},
    )
    per_quota = invitations // 10
    for n in range(10):
        company = Organisation.objects.create(
            name=f"Entreprise {n:02d}", kind="company", country="FR", sponsor=caen
        )
        participant = delegation_services.check_add_company(
            delegation, actor=None, company=company, sponsor=caen
        )
        quota = svc.check_set_quota(reception, actor=None, participant=participant, size=per_quota)
        svc.do_add_guests(
            quota,
            [
                {
                    "name": f"Guest {n:02d}-{k:04d}",
                    "organisation": "City of Pittsburgh",
                    "function": "",
                    "email": f"guest{n}-{k}@bench.example",
                    "language": "en",
                }
                for k in range(per_quota)
            ],
            actor=None,
        )
    guests = list(Invitation.objects.filter(reception=reception).order_by("pk"))
    # A third announce plus-ones: the door counts them.
    for guest in rng.sample(guests, len(guests) // 3):
        Invitation.objects.filter(pk=guest.pk).update(rsvp="yes", plus_ones=rng.choice([1, 2]))
    return {"staff": staff, "reception": reception, "guests": guests}


def _client(user: Any) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


WARM_UP = 20


def time_check_ins(world: dict[str, Any], count: int, rng: random.Random) -> list[float]:
    """The door's check-in request for `count` guests, after a few untimed ones (the
    first requests of a process compile its templates and fill its caches)."""
    reception, guests = world["reception"], world["guests"]
    client = _client(world["staff"])
    times = []
    for n, guest in enumerate(rng.sample(guests, count + WARM_UP)):
        started = time.perf_counter()
        response = client.post(
            f"/reception/{reception.pk}/door/{guest.pk}/in/",
            {"door": "Main entrance"},
            HTTP_HX_REQUEST="true",
        )
        if n >= WARM_UP:
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and 'data-code="in"' in response.content.decode()
    return times


def run_doors(world: dict[str, Any], scans: int, doors: int, rng: random.Random) -> dict[str, Any]:
    """Each door scans its share of `scans` cards drawn from a pool small enough that the
    same guests come to several doors; returns the expected and the counted figures."""
    from django.db import connections

    from cityties.reception import services as svc
    from cityties.reception.models import CheckIn, Invitation, Reception

    reception = world["reception"]
    already = set(CheckIn.objects.filter(reception=reception).values_list("invitation", flat=True))
    pool = [g for g in world["guests"] if g.pk not in already][: scans // 2]
    plans = [[rng.choice(pool) for _ in range(scans // doors)] for _ in range(doors)]
    statuses: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(doors)
    before = Reception.objects.get(pk=reception.pk).present

    def door(number: int, plan: list[Any]) -> None:
        try:
            client = _client(world["staff"])
            barrier.wait()
            for guest in plan:
                response = client.post(
                    f"/api/reception/receptions/{reception.pk}/checkins",
                    {"code": svc.qr_payload(guest), "door": f"Door {number}"},
                    content_type="application/json",
                )
                statuses.append(response.status_code)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=door, args=(n, plan)) for n, plan in enumerate(plans)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    scanned = {g.pk for plan in plans for g in plan}
    expected = before + sum(
        1 + plus
        for plus in Invitation.objects.filter(pk__in=scanned).values_list("plus_ones", flat=True)
    )
    present = Reception.objects.get(pk=reception.pk).present
    rows = CheckIn.objects.filter(invitation__in=scanned).count()
    exact = (
        not errors
        and present == expected
        and rows == len(scanned)
        and statuses.count(201) == len(scanned)
        and statuses.count(409) == len(statuses) - len(scanned)
    )
    return {
        "scans": len(statuses),
        "distinct": len(scanned),
        "expected": expected,
        "present": present,
        "errors": errors,
        "seconds": seconds,
        "exact": exact,
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(
    invitations: int = 3_000, check_ins: int = 300, scans: int = 1_000, doors: int = 4
) -> dict[str, Any]:
    """Build the reception in a throwaway database, time the check-ins, run the doors."""
    setup_django()
    from django.db import connection

    rng = random.Random(SEED)
    old_name = _create_database()
    try:
        world = seed(invitations, rng)
        times = time_check_ins(world, check_ins, rng)
        door_figures = run_doors(world, scans, doors, rng)
        vendor = connection.vendor
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return {
        "checkin_p95_ms": round(percentile(times, 0.95), 1),
        "checkin_p50_ms": round(statistics.median(times), 1),
        "doors_exact": int(door_figures["exact"]),
        "doors": door_figures,
        "database": vendor,
        "invitations": len(world["guests"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="300 invitations, 100 scans")
    args = parser.parse_args()
    sizes = {"invitations": 300, "check_ins": 60, "scans": 100} if args.quick else {}
    figures = measure(**sizes)
    doors = figures["doors"]
    print(f"database: {figures['database']}, {figures['invitations']} invitations")
    print(
        f"check-in request: p50 {figures['checkin_p50_ms']} ms, "
        f"p95 {figures['checkin_p95_ms']} ms (target <= 50)"
    )
    print(
        f"4 doors: {doors['scans']} scans of {doors['distinct']} distinct cards in "
        f"{doors['seconds']:.1f} s; head count {doors['present']} for {doors['expected']} "
        f"expected: {'exact' if doors['exact'] else 'WRONG'}"
        + (
            f" ({len(doors['errors'])} door errors: {doors['errors'][:1]})"
            if doors["errors"]
            else ""
        )
    )
    print(f"RESULT checkin_p95_ms={figures['checkin_p95_ms']} doors_exact={figures['doors_exact']}")


if __name__ == "__main__":
    main()
