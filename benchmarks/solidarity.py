"""A solidarity fund at federation scale: the public progress page's server time and
query count, cached and uncached, and the signed-in fund page.

    .venv/bin/python benchmarks/solidarity.py [--quick]

Builds a throwaway SQLite database under var/bench/ with a fixed seed: one fund with 2,000
member governments pledging (a quarter of them privately), 6,000 payments, 200 projects
with three reports each. It times the public page of the fund (anonymous, p50/p95 over 50
requests): cached, as visitors get it, and rebuilt on every request (cache cleared before
each one), and the fund page as network staff; it counts their queries. The same figures
at 1/10 of the scale, measured in the same run, show whether the pages grow with the rows.
--quick runs at 1/10 and 1/100 of the scale with fewer requests.

The last line is machine-readable:
RESULT public_cached_p95_ms=<ms> public_cold_p95_ms=<ms> fund_page_p95_ms=<ms>
cached_queries=<n> cold_queries=<n> (on one line)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import PageFigures, measure, setup_django

SEED = 20100112  # the day of Haiti's earthquake
FULL = {"members": 2_000, "payments": 6_000, "projects": 200}
REPORTS = 3


@dataclass
class Scale:
    factor: float

    def count(self, name: str) -> int:
        return max(5, round(FULL[name] * self.factor))


def seed(scale: Scale, rng: random.Random) -> dict[str, Any]:
    from django.core.management import call_command

    from cityties.accounts.models import Membership, Role, User
    from cityties.network.models import Organisation
    from cityties.solidarity.models import (
        Crisis,
        Fund,
        Funding,
        Payment,
        Pledge,
        Project,
        Report,
    )

    call_command("flush", interactive=False, verbosity=0)
    federation = Organisation.objects.create(name="CUF", kind="association", country="FR")
    staff = User.objects.create(email="staff@bench.example", full_name="Bench Staff")
    Membership.objects.create(user=staff, organisation=federation, role=Role.NETWORK_STAFF)
    members = Organisation.objects.bulk_create(
        (
            Organisation(name=f"Commune {i:05d}", kind="commune", country="FR", is_member=True)
            for i in range(scale.count("members"))
        ),
        batch_size=2000,
    )
    partners = Organisation.objects.bulk_create(
        Organisation(name=f"Ville {i:03d}", kind="foreign_city", country="HT") for i in range(20)
    )
    crisis = Crisis.objects.create(
        title_fr="Séisme", kind="earthquake", country="HT", occurred_on=date(2010, 1, 12)
    )
    fund = Fund.objects.create(
        crisis=crisis,
        title_fr="Fonds Haïti",
        title_en="Haiti fund",
        channel="network",
        manager=federation,
        target_amount=Decimal("5000000.00"),
        opens_on=date(2010, 1, 15),
        purposes=["relief", "reconstruction"],
    )
    start = date(2010, 2, 1)
    pledges = Pledge.objects.bulk_create(
        (
            Pledge(
                fund=fund,
                member=member,
                amount=Decimal(rng.randrange(1_000, 100_000)),
                legal_basis=rng.choice(["humanitarian", "own_budget"]),
                budget_year=2010,
                pledged_on=start,
                decided_on=start + timedelta(days=20),
                decision_reference=f"DEL-{i}",
                is_private=rng.random() < 0.25,
            )
            for i, member in enumerate(members)
        ),
        batch_size=2000,
    )
    payments = []
    for pledge in pledges:
        parts = max(0, round(scale.count("payments") / len(pledges) + rng.choice([-1, 0, 1])))
        share = (pledge.amount / 4).quantize(Decimal("0.01"))
        for k in range(min(parts, 4)):
            payments.append(
                Payment(
                    pledge=pledge,
                    paid_on=start + timedelta(days=30 + k),
                    amount=share,
                    channel="network",
                )
            )
            pledge.paid_total += share
    Payment.objects.bulk_create(payments, batch_size=2000)
    Pledge.objects.bulk_update(pledges, ["paid_total"], batch_size=2000)
    projects = Project.objects.bulk_create(
        Project(fund=fund, partner=rng.choice(partners), title_fr=f"Projet {i:03d}")
        for i in range(scale.count("projects"))
    )
    Funding.objects.bulk_create(
        Funding(
            project=project,
            funder=funder,
            planned=Decimal(rng.randrange(5_000, 50_000)),
            spent=Decimal(rng.randrange(0, 50_000)),
        )
        for project in projects
        for funder in rng.sample(members, 2)
    )
    Report.objects.bulk_create(
        Report(
            project=project,
            kind="interim",
            reported_on=start + timedelta(days=60 * k),
            progress=30 * k,
            summary_fr="Avancement.",
        )
        for project in projects
        for k in range(1, REPORTS + 1)
    )
    return {"staff": staff, "fund": fund.pk, "payments": len(payments)}


def measure_cold(client: Any, url: str, requests: int) -> PageFigures:
    """Like `measure`, with the cache emptied before each request: the page rebuilt."""
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    # The debug log holds a bounded number of queries: empty it, or the count is wrong.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    times = []
    for _ in range(requests):
        cache.clear()
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20)[18] if len(times) >= 2 else times[0]
    return PageFigures(statistics.median(times), p95, len(captured), len(response.content) / 1024)


def run_scale(scale: Scale, requests: int) -> dict[str, PageFigures]:
    from django.test import Client

    rng = random.Random(SEED)
    sizes = ", ".join(f"{scale.count(k):,} {k}" for k in FULL)
    print(f"\n== scale x{scale.factor:g}: {sizes}, {REPORTS} reports a project")
    started = time.perf_counter()
    world = seed(scale, rng)
    print(f"  seeded in {time.perf_counter() - started:.1f} s ({world['payments']:,} payments)")
    anonymous = Client()
    staff = Client()
    staff.force_login(world["staff"], backend="django.contrib.auth.backends.ModelBackend")
    public = f"/solidarity/public/funds/{world['fund']}/"
    figures = {
        "public_cached": measure(anonymous, public, requests),
        "public_cold": measure_cold(anonymous, public, requests),
        "fund_page": measure(staff, f"/solidarity/funds/{world['fund']}/", requests),
    }
    for label, page in figures.items():
        print(
            f"  {label:<14} p50 {page.p50_ms:7.1f} ms  p95 {page.p95_ms:7.1f} ms  "
            f"{page.queries:3d} queries  {page.size_kb:8.1f} kB"
        )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1/10 and 1/100 scale, 10 requests")
    args = parser.parse_args(argv)
    setup_django("solidarity")
    full, requests = (0.1, 10) if args.quick else (1.0, 50)
    baseline = run_scale(Scale(full / 10), requests)
    result = run_scale(Scale(full), requests)
    print("\n== growth from 1/10 of the scale to the scale measured (p95 ratio, queries)")
    for label, page in result.items():
        small = baseline[label]
        print(
            f"  {label:<14} p95 x{page.p95_ms / max(small.p95_ms, 0.001):.1f}, "
            f"queries {small.queries} -> {page.queries}"
        )
    if args.quick:
        print("  (quick run: not the real scale)")
    print(
        f"RESULT public_cached_p95_ms={result['public_cached'].p95_ms:.1f} "
        f"public_cold_p95_ms={result['public_cold'].p95_ms:.1f} "
        f"fund_page_p95_ms={result['fund_page'].p95_ms:.1f} "
        f"cached_queries={result['public_cached'].queries} "
        f"cold_queries={result['public_cold'].queries}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
