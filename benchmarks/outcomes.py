"""Outcomes at federation scale: the return-on-investment dashboards and their PDF report.

    .venv/bin/python benchmarks/outcomes.py [--requests N] [--quick]

Builds a throwaway SQLite database under var/bench/ with a fixed seed: 50 delegations over
five years (ten a year, each to its own event), 300 participants each (30 member
governments and 270 of their companies, the same 30 cities and 1,350 companies coming
back edition after edition), 10 outcome records per participant (150,000: contacts,
follow-ups, proposals, tenders, contracts, agreements, press; one value in five kept
private), the pavilion of each delegation (stands shared by the companies, a reception,
travel, an export-agency subsidy and a regional co-funding), the matchmaking of each event
(a delegate per participant, 600 requests and 300 meetings held), the debrief survey at 0
and 6 months, and a partnership with 500 records of its own. Rows are bulk-inserted (not
what is measured); the pavilion's kept costs are then computed once (timed on its own).

Each dashboard (year by year, a delegation against the one a year before, a participant,
a member city, a partnership, the export agency's figures; also the year-by-year and a
delegation as the funding ministry, a partner viewer) is timed through django.test.Client:
p50/p95 server time over --requests requests, charts included, with its query count. The
same dashboards on a database of 1/10 of the rows, built first in the same run, show
whether the queries grow with the rows. The delegation's and the year-by-year PDF reports
are timed (three runs each after one untimed PDF that loads WeasyPrint; the slowest is
reported), and so is a first view of each dashboard with its charts drawn afresh
(matplotlib; the charts are then kept by their figures). --quick runs the large
database at 1/5 of the scale.

The last line is machine-readable:
RESULT dashboard_p95_ms=<ms> report_pdf_s=<s> max_queries=<n>
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import PageFigures, measure, setup_django  # noqa: E402

SEED = 20161116
FIRST_YEAR = 2015
YEARS = 5
CITIES = 30
KINDS = [
    "contact",
    "contact",
    "contact",
    "follow_up",
    "follow_up",
    "proposal",
    "tender",
    "contract",
    "agreement",
    "press",
]
STATUSES = ["submitted", "shortlisted", "won", "lost"]
DASHBOARD_TARGET_MS = 200
PDF_TARGET_S = 3.0


@dataclass(frozen=True)
class Scale:
    delegations: int
    participants: int  # per delegation, of which a tenth are governments
    records: int  # per participant
    partnership_records: int

    @property
    def governments(self) -> int:
        return max(2, self.participants // 10)


FULL = Scale(50, 300, 10, 500)


def seed(scale: Scale, rng: random.Random) -> dict[str, Any]:
    """Every row the dashboards read, bulk-inserted; returns who and what to time."""
    from django.core.management import call_command

    from cityties.accounts.models import Membership, Role, User
    from cityties.delegations.models import Delegate, Delegation, Participant, Supporter
    from cityties.events.models import Event
    from cityties.network.models import Organisation, Partnership, PartnershipMember, Person

    call_command("flush", interactive=False, verbosity=0)
    federation = Organisation.objects.create(
        name="Cités Unies France", kind="association", country="FR", is_member=False
    )
    staff = User.objects.create(email="staff@bench.example", full_name="Bench Staff")
    Membership.objects.create(user=staff, organisation=federation, role=Role.NETWORK_STAFF)
    ministry = Organisation.objects.create(
        name="Ministère (DAECT)", kind="agency", country="FR", is_member=False
    )
    viewer = User.objects.create(email="daect@bench.example", full_name="Bench Ministry")
    Membership.objects.create(user=viewer, organisation=ministry, role=Role.PARTNER_VIEWER)
    agency = Organisation.objects.create(
        name="Business France", kind="agency", country="FR", is_member=False
    )
    region = Organisation.objects.create(
        name="Région Normandie", kind="region", country="FR", is_member=True
    )
    govs = Organisation.objects.bulk_create(
        Organisation(name=f"Ville {n:02d}", kind="commune", country="FR", is_member=True)
        for n in range(scale.governments)
    )
    companies_per = scale.participants - scale.governments
    # Each company travels to one edition in five: the same firms come back.
    firms = Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"Entreprise {n:04d}",
                kind="company",
                country="FR",
                is_member=False,
                sponsor=govs[n % len(govs)],
            )
            for n in range(companies_per * 5)
        ),
        batch_size=1000,
    )
    us_city = Organisation.objects.create(name="Nashville", kind="city", country="US")
    events = []
    for d in range(scale.delegations):
        year = FIRST_YEAR + d * YEARS // scale.delegations
        start = datetime(year, 11, 1 + d % 10 * 2, 14, tzinfo=UTC)
        events.append(
            Event(
                kind="congress",
                title_fr=f"Congrès {d}",
                title_en=f"Summit {d}",
                starts_at=start,
                ends_at=start + timedelta(days=3),
                time_zone="America/New_York",
                city=f"Ville hôte {d:02d}",
                country="US",
                organiser=us_city,
                visibility="network",
            )
        )
    Event.objects.bulk_create(events)
    delegations = Delegation.objects.bulk_create(
        Delegation(title=f"Délégation {d:02d}", event=event, lead=govs[d % len(govs)])
        for d, event in enumerate(events)
    )
    Supporter.objects.bulk_create(
        Supporter(delegation=delegation, organisation=ministry, role="funder")
        for delegation in delegations
    )
    participants: list[Participant] = []
    for d, delegation in enumerate(delegations):
        participants += [
            Participant(delegation=delegation, organisation=g, kind="government") for g in govs
        ]
        offset = d % 5
        participants += [
            Participant(
                delegation=delegation,
                organisation=firm,
                kind="company",
                sponsor_id=firm.sponsor_id,
            )
            for firm in firms[offset::5][:companies_per]
        ]
    Participant.objects.bulk_create(participants, batch_size=2000)
    people = Person.objects.bulk_create(
        (
            Person(
                first_name=f"Prénom{n}",
                last_name=f"Nom{n}",
                organisation_id=p.organisation_id,
                email=f"delegate{n}@bench.example",
                languages="fr,en",
            )
            for n, p in enumerate(participants)
        ),
        batch_size=2000,
    )
    delegates = Delegate.objects.bulk_create(
        (
            Delegate(participant=p, person=person, role="company" if p.sponsor_id else "elected")
            for p, person in zip(participants, people, strict=True)
        ),
        batch_size=2000,
    )
    _pavilion(delegations, participants, agency, region)
    _matchmaking(delegations, events, participants, delegates, scale)
    _surveys(delegations, participants, rng)
    _records(delegations, participants, scale, rng)
    partnership = Partnership.objects.create(
        title="Ville 00 – Nashville", kind="twinning", status="active"
    )
    PartnershipMember.objects.bulk_create(
        [
            PartnershipMember(partnership=partnership, organisation=govs[0]),
            PartnershipMember(partnership=partnership, organisation=us_city),
        ]
    )
    _partnership_records(partnership, govs[0], scale.partnership_records, rng)
    last = delegations[-1]
    # A year before the last: the edition it is compared with.
    previous = delegations[-1 - scale.delegations // YEARS]
    busiest = next(p for p in participants if p.delegation_id == last.pk and p.sponsor_id)
    return {
        "staff": staff,
        "viewer": viewer,
        "delegation": last.pk,
        "previous": previous.pk,
        "participant": busiest.pk,
        "city": govs[0].pk,
        "partnership": partnership.pk,
    }


def _pavilion(delegations: list[Any], participants: list[Any], agency: Any, region: Any) -> None:
    """Per delegation: stands of nine companies, a reception and travel shared by all,
    the export agency's 50 % on the companies' stands, the region's 20 % on travel."""
    from cityties.pavilion.models import CostItem, ExchangeRate, Share, SubsidyRule
    from cityties.pavilion.services.items import recount_items

    members: dict[int, list[Any]] = {}
    for p in participants:
        members.setdefault(p.delegation_id, []).append(p)
    items, shares, rules, rates = [], [], [], []
    for delegation in delegations:
        people = members[delegation.pk]
        companies = [p for p in people if p.sponsor_id]
        rates.append(
            ExchangeRate(
                delegation=delegation,
                currency="USD",
                rate=Decimal("0.9012"),
                source="BCE",
                on_date=date(2016, 6, 30),
            )
        )
        own: list[tuple[Any, list[Any]]] = []
        for n in range(0, len(companies), 9):
            stand = CostItem(
                delegation=delegation,
                kind="stand",
                label=f"Stand {n // 9 + 1}",
                planned_amount=Decimal("2000.00"),
                currency="USD",
                split="equal",
            )
            own.append((stand, companies[n : n + 9]))
        for kind, amount in (("reception", "15000.00"), ("travel", "90000.00")):
            own.append(
                (
                    CostItem(
                        delegation=delegation,
                        kind=kind,
                        label=kind.title(),
                        planned_amount=Decimal(amount),
                        currency="EUR",
                        split="equal",
                    ),
                    people,
                )
            )
        items += own
        rules += [
            SubsidyRule(
                delegation=delegation,
                position=1,
                label="Export agency",
                funder=agency,
                rate=Decimal("50"),
                kinds=["stand"],
                participant_kind="company",
            ),
            SubsidyRule(
                delegation=delegation,
                position=2,
                label="Regional co-funding",
                funder=region,
                rate=Decimal("20"),
                kinds=["travel"],
            ),
        ]
    ExchangeRate.objects.bulk_create(rates)
    CostItem.objects.bulk_create([item for item, _who in items], batch_size=1000)
    for item, who in items:
        shares += [Share(item=item, participant=p) for p in who]
    Share.objects.bulk_create(shares, batch_size=2000)
    SubsidyRule.objects.bulk_create(rules)
    recount_items([item.pk for item, _who in items])


def _matchmaking(
    delegations: list[Any],
    events: list[Any],
    participants: list[Any],
    delegates: list[Any],
    scale: Scale,
) -> None:
    """A profile per delegate; each sends two requests within its event; half are held."""
    from cityties.matchmaking.models import Meeting, MeetingRequest, Place, Profile, Slot, pair_key

    event_of = {d.pk: e for d, e in zip(delegations, events, strict=True)}
    profiles = Profile.objects.bulk_create(
        (
            Profile(
                event=event_of[p.delegation_id],
                delegate=delegate,
                name=f"Délégué {n}",
                kind="company" if p.sponsor_id else "city",
            )
            for n, (p, delegate) in enumerate(zip(participants, delegates, strict=True))
        ),
        batch_size=2000,
    )
    slots, places = [], []
    for event in events:
        slots += [
            Slot(
                event=event,
                starts_at=event.starts_at + timedelta(minutes=20 * n),
                ends_at=event.starts_at + timedelta(minutes=20 * n + 20),
            )
            for n in range(30)
        ]
        places.append(Place(event=event, name="Tables", kind="table", capacity=20))
    Slot.objects.bulk_create(slots, batch_size=2000)
    Place.objects.bulk_create(places)
    per_event: dict[int, list[Any]] = {}
    for profile in profiles:
        per_event.setdefault(profile.event_id, []).append(profile)
    now = datetime(2016, 10, 1, tzinfo=UTC)
    requests, held = [], []
    for e, event in enumerate(events):
        group = per_event[event.pk]
        size = len(group)
        for n, sender in enumerate(group):
            for step in (1, 7):
                recipient = group[(n + step) % size]
                request = MeetingRequest(
                    event=event,
                    sender=sender,
                    recipient=recipient,
                    pair_key=pair_key(sender.pk, recipient.pk),
                    priority=1,
                    status="accepted",
                    expires_at=now,
                    answered_at=now,
                )
                requests.append(request)
                if step == 1:
                    held.append((e, n, request))
    MeetingRequest.objects.bulk_create(requests, batch_size=2000)
    meetings = []
    for e, n, request in held:
        meetings.append(
            Meeting(
                event=events[e],
                request=request,
                slot=slots[e * 30 + n % 30],
                place=places[e],
                table=n // 30 + 1,
                status="held",
            )
        )
    Meeting.objects.bulk_create(meetings, batch_size=2000)


def _surveys(delegations: list[Any], participants: list[Any], rng: random.Random) -> None:
    from cityties.outcomes.models import SurveyInvitation

    ends = {d.pk: d.event.ends_at for d in delegations}
    rows = []
    for p in participants:
        for step in (0, 6):
            sent = ends[p.delegation_id] + timedelta(days=7 + 30 * step)
            answered = rng.random() < 0.6
            rows.append(
                SurveyInvitation(
                    delegation_id=p.delegation_id,
                    participant=p,
                    step=step,
                    sent_at=sent,
                    reminded_at=sent + timedelta(days=10) if not answered else None,
                    answered_at=sent + timedelta(days=3) if answered else None,
                    usefulness=rng.randint(2, 5) if answered else None,
                )
            )
    SurveyInvitation.objects.bulk_create(rows, batch_size=2000)


def _value(kind: str, rng: random.Random) -> Decimal | None:
    if kind in ("tender", "contract"):
        return Decimal(rng.randrange(5_000, 400_000)).quantize(Decimal("0.01"))
    if kind == "proposal":
        return Decimal(rng.randrange(2_000, 50_000)).quantize(Decimal("0.01"))
    return None


def _records(
    delegations: list[Any], participants: list[Any], scale: Scale, rng: random.Random
) -> None:
    from cityties.outcomes.models import OutcomeRecord

    years = {d.pk: d.event.starts_at.year for d in delegations}
    events = {d.pk: d.event_id for d in delegations}
    batch: list[Any] = []
    for p in participants:
        year = years[p.delegation_id]
        for n in range(scale.records):
            kind = KINDS[n % len(KINDS)]
            value = _value(kind, rng)
            occurred = date(year, 12, 1) + timedelta(days=rng.randrange(0, 365))
            batch.append(
                OutcomeRecord(
                    organisation_id=p.organisation_id,
                    city_id=p.sponsor_id or p.organisation_id,
                    delegation_id=p.delegation_id,
                    participant=p,
                    event_id=events[p.delegation_id],
                    kind=kind,
                    title=f"{kind} {n}",
                    counterpart="City of Nashville" if kind in ("tender", "contract") else "",
                    value=value,
                    currency="EUR",
                    value_eur=value,
                    status=rng.choice(STATUSES) if kind == "tender" else "",
                    occurred_on=occurred,
                    confidential=value is not None and rng.random() < 0.2,
                    source="survey" if n % 3 == 0 else "manual",
                    year=year,
                )
            )
        if len(batch) >= 20_000:
            OutcomeRecord.objects.bulk_create(batch, batch_size=2000)
            batch = []
    OutcomeRecord.objects.bulk_create(batch, batch_size=2000)


def _partnership_records(partnership: Any, city: Any, count: int, rng: random.Random) -> None:
    from cityties.network.models import Activity
    from cityties.outcomes.models import OutcomeRecord

    Activity.objects.bulk_create(
        Activity(
            partnership=partnership,
            title=f"Semaine économique {y}",
            kind="economic_mission",
            start_date=date(y, 5, 10),
            budget=Decimal("12000.00"),
            budget_currency="EUR",
        )
        for y in range(FIRST_YEAR, FIRST_YEAR + YEARS)
    )
    rows = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        value = _value(kind, rng)
        rows.append(
            OutcomeRecord(
                organisation=city,
                city=city,
                partnership=partnership,
                kind=kind,
                title=f"{kind} {n}",
                counterpart="Metro Nashville" if kind in ("tender", "contract") else "",
                value=value,
                value_eur=value,
                status="submitted" if kind == "tender" else "",
                occurred_on=date(FIRST_YEAR + n % YEARS, 6, 1),
                year=FIRST_YEAR + n % YEARS,
            )
        )
    OutcomeRecord.objects.bulk_create(rows, batch_size=2000)


def check_sums(world: dict[str, Any]) -> list[str]:
    """The delegation's dashboard figures against the rows they add up (staff's view)."""
    from django.db.models import Q, Sum

    from cityties.outcomes import services as svc
    from cityties.outcomes.models import OutcomeRecord, ParticipantCost
    from cityties.outcomes.services.scope import Reader

    pk = world["delegation"]
    shown = svc.total(
        Reader.of(world["staff"]),
        records=Q(delegation_id=pk),
        participants=Q(delegation_id=pk),
        delegations=Q(pk=pk),
    )
    records = OutcomeRecord.objects.filter(delegation_id=pk)
    expected = {
        "contracts": records.filter(kind="contract").count(),
        "contract_value": records.filter(kind="contract").aggregate(s=Sum("value_eur"))["s"],
        "tenders": records.filter(kind="tender").count(),
        "public": ParticipantCost.objects.filter(delegation_id=pk).aggregate(s=Sum("public"))["s"],
    }
    return [
        f"{name}: dashboard {getattr(shown, name)} != rows {value}"
        for name, value in expected.items()
        if getattr(shown, name) != value
    ]


def timed_pdf(client: Any, url: str, runs: int = 3) -> float:
    slowest = 0.0
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        slowest = max(slowest, time.perf_counter() - started)
        assert response.status_code == 200 and response.content[:4] == b"%PDF", url
    return slowest


def figures(scale: Scale, requests: int, *, pdf: bool) -> tuple[dict[str, PageFigures], dict]:
    from django.test import Client

    from cityties.outcomes.models import OutcomeRecord, ParticipantCost
    from cityties.outcomes.services import costs

    started = time.perf_counter()
    world = seed(scale, random.Random(SEED))
    seed_s = time.perf_counter() - started
    started = time.perf_counter()
    costs.refresh_all()
    refresh_s = time.perf_counter() - started
    print(
        f"== {scale.delegations} delegations x {scale.participants} participants x "
        f"{scale.records} records: {OutcomeRecord.objects.count():,} records, "
        f"{ParticipantCost.objects.count():,} participant costs; "
        f"built in {seed_s:.1f} s, kept costs computed in {refresh_s:.1f} s"
    )
    problems = check_sums(world)
    for problem in problems:
        print(f"  MISMATCH {problem}")
    staff, ministry = Client(), Client()
    backend = "django.contrib.auth.backends.ModelBackend"
    staff.force_login(world["staff"], backend=backend)
    ministry.force_login(world["viewer"], backend=backend)
    d = world["delegation"]
    pages: dict[str, tuple[Any, str]] = {
        "years": (staff, "/outcomes/"),
        "delegation": (staff, f"/outcomes/delegations/{d}/?compare={world['previous']}"),
        "participant": (staff, f"/outcomes/participants/{world['participant']}/"),
        "city": (staff, f"/outcomes/cities/{world['city']}/"),
        "partnership": (staff, f"/outcomes/partnerships/{world['partnership']}/"),
        "agency": (staff, f"/outcomes/delegations/{d}/agency/"),
        "years (ministry)": (ministry, "/outcomes/"),
        "delegation (ministry)": (ministry, f"/outcomes/delegations/{d}/"),
    }
    found = {label: measure(client, url, requests) for label, (client, url) in pages.items()}
    extra: dict[str, Any] = {"problems": problems, "cold": {}}
    from cityties.pavilion import charts

    for label, (client, url) in pages.items():
        # The charts are kept by their figures: a first view draws them (matplotlib).
        charts._drawn.cache_clear()
        started = time.perf_counter()
        client.get(url)
        extra["cold"][label] = (time.perf_counter() - started) * 1000
    if pdf:
        # Once untimed: the first PDF of a process loads WeasyPrint and its fonts.
        timed_pdf(staff, f"/outcomes/delegations/{d}/report.pdf", runs=1)
        extra["pdf"] = {
            "delegation": timed_pdf(
                staff, f"/outcomes/delegations/{d}/report.pdf?compare={world['previous']}"
            ),
            "years": timed_pdf(staff, "/outcomes/report.pdf"),
            "agency (ministry)": timed_pdf(ministry, f"/outcomes/delegations/{d}/agency.pdf"),
        }
        extra["xlsx_s"] = timed_pdf_free(staff, f"/outcomes/delegations/{d}/report.xlsx")
    return found, extra


def timed_pdf_free(client: Any, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, url
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page")
    parser.add_argument("--quick", action="store_true", help="the large database at 1/5")
    args = parser.parse_args(argv)
    large_scale = Scale(10, 150, 10, 100) if args.quick else FULL
    small_scale = Scale(5, 30, 10, 50)
    setup_django("outcomes")
    if hasattr(os, "getloadavg"):
        print("load average: " + " ".join(f"{v:.2f}" for v in os.getloadavg()))
    small, _ = figures(small_scale, max(5, args.requests // 4), pdf=False)
    large, extra = figures(large_scale, args.requests, pdf=True)
    print(
        "\n== dashboards: small database -> large (p50, p95 server time; queries; "
        "a first view, its charts drawn)"
    )
    for label, page in large.items():
        print(
            f"  {label:<22} p50 {page.p50_ms:6.1f} ms  p95 {small[label].p95_ms:6.1f} -> "
            f"{page.p95_ms:6.1f} ms  queries {small[label].queries:3d} -> {page.queries:3d}  "
            f"{page.size_kb:5.0f} kB  first {extra['cold'][label]:6.1f} ms"
        )
    for label, seconds in extra["pdf"].items():
        print(f"  PDF {label:<18} {seconds:.2f} s (slowest of 3)")
    print(f"  XLSX delegation        {extra['xlsx_s']:.2f} s")
    dashboard_p95 = max(page.p95_ms for page in large.values())
    pdf_s = max(extra["pdf"].values())
    constant = all(small[k].queries == large[k].queries for k in large)
    print(
        f"target: dashboards p95 <= {DASHBOARD_TARGET_MS} ms: "
        f"{'met' if dashboard_p95 <= DASHBOARD_TARGET_MS else 'MISSED'}; "
        f"PDF <= {PDF_TARGET_S:.0f} s: {'met' if pdf_s <= PDF_TARGET_S else 'MISSED'}; "
        f"constant queries: {'yes' if constant else 'NO'}; "
        f"sums: {'equal' if not extra['problems'] else 'MISMATCH'}"
    )
    if hasattr(os, "getloadavg"):
        print("load average: " + " ".join(f"{v:.2f}" for v in os.getloadavg()))
    if args.quick:
        print("  (quick run: not the real scale)")
    print(
        f"RESULT dashboard_p95_ms={dashboard_p95:.1f} report_pdf_s={pdf_s:.2f} "
        f"max_queries={max(page.queries for page in large.values())}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
