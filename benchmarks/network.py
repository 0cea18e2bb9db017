"""Network area at the federation's real scale: import time and page server times.

    .venv/bin/python benchmarks/network.py [--quick]

Builds a throwaway SQLite database under var/bench/ with a fixed seed: about 4,800 French
governments, 10,000 foreign partners, 30,000 people and 31 country groups, then imports
12,000 partnerships from a CSV file through the real import code path (the task, its
validation and its write pass). It then times the partnership list, the atlas data
endpoint and a country-group page (p50/p95 over 50 requests each, django.test.Client
logged in as network staff) and counts their queries. The same figures at 1/10 of the
scale, measured in the same run, show whether the pages grow with the number of rows.
--quick runs at 1/10 and 1/100 of the scale with fewer requests.

Then, on the full-scale directory, a twinning list as people keep it: 3,842 rows
`city1, country1, city2, country2` naming 5,044 distinct real places (from the gazetteer)
in about 100 countries, none of them in the directory yet; its preview is timed, then its
import creating the missing organisations with their coordinates.

The last line is machine-readable:
RESULT import_s=<s> list_p95_ms=<ms> atlas_p95_ms=<ms> group_p95_ms=<ms> max_queries=<n>
twinnings_preview_s=<s> twinnings_import_s=<s>
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "network.sqlite3"
SEED = 20160330  # the date of the US country group's meeting

FULL = {"french": 4_800, "foreign": 10_000, "partnerships": 12_000, "people": 30_000}
GROUPS = 31
THEMES = [
    ("economy", "Économie", "Economy"),
    ("innovation", "Innovation", "Innovation"),
    ("culture", "Culture", "Culture"),
    ("education-youth", "Éducation et jeunesse", "Education and youth"),
    ("memory", "Mémoire", "Memory"),
    ("health", "Santé", "Health"),
    ("emergency", "Gestion des urgences", "Emergency management"),
    ("tourism", "Tourisme", "Tourism"),
    ("gastronomy", "Gastronomie", "Gastronomy"),
]
KINDS = ["Jumelage", "Coopération", "Pacte d'amitié", "Memorandum", "En négociation"]
STATUSES = ["actif", "actif", "actif", "en sommeil", "terminé"]


def setup_django() -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cityties.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
    os.environ["TASKS_BACKEND"] = "immediate"
    os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    import logging

    logging.getLogger("django.tasks").setLevel(logging.WARNING)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@dataclass
class Scale:
    factor: float
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.counts = {k: max(10, round(v * self.factor)) for k, v in FULL.items()}


def seed(scale: Scale, rng: random.Random) -> dict[str, Any]:
    """Directory rows with bulk_create; partnerships come later, through the import."""
    from babel import Locale

    from cityties.accounts.models import Membership, Role, User
    from cityties.network.models import CountryGroup, Organisation, Person, Theme

    codes = [str(c) for c in Locale("en").territories]
    countries = sorted(c for c in codes if len(c) == 2 and c.isalpha())
    countries = [c for c in countries if c not in {"FR", "ZZ", "EU", "EZ", "UN", "QO"}][:139]
    federation = Organisation.objects.create(
        name="Cités Unies France", kind="association", country="FR"
    )
    staff = User.objects.create(email="staff@bench.example", full_name="Bench Staff")
    Membership.objects.create(user=staff, organisation=federation, role=Role.NETWORK_STAFF)
    Theme.objects.bulk_create(Theme(code=c, label_fr=fr, label_en=en) for c, fr, en in THEMES)

    french_kinds = ["commune"] * 8 + ["intercommunality", "departement", "region"]
    french = [
        Organisation(
            name=f"Collectivité {i:05d}",
            kind=rng.choice(french_kinds),
            country="FR",
            city=f"Ville {i:05d}",
            latitude=round(rng.uniform(42.5, 51.0), 4),
            longitude=round(rng.uniform(-4.5, 8.0), 4),
            is_member=True,
        )
        for i in range(scale.counts["french"])
    ]
    foreign = [
        Organisation(
            name=f"Foreign City {i:05d}",
            kind=rng.choice(["foreign_city", "foreign_city", "foreign_county", "foreign_state"]),
            country=countries[i % len(countries)],
            city=f"City {i:05d}",
            latitude=round(rng.uniform(-45.0, 65.0), 4),
            longitude=round(rng.uniform(-170.0, 175.0), 4),
        )
        for i in range(scale.counts["foreign"])
    ]
    Organisation.objects.bulk_create(french + foreign, batch_size=2000)
    french = list(Organisation.objects.filter(country="FR", is_member=True).order_by("pk"))
    foreign = list(Organisation.objects.exclude(country="FR").order_by("pk"))
    everyone = french + foreign
    Person.objects.bulk_create(
        (
            Person(
                first_name=f"Prénom{i}",
                last_name=f"Nom{i}",
                organisation=everyone[i % len(everyone)],
                email=f"person{i}@bench.example",
            )
            for i in range(scale.counts["people"])
        ),
        batch_size=2000,
    )
    groups = CountryGroup.objects.bulk_create(
        CountryGroup(name=f"Groupe-pays {c}", country=c, federation=federation)
        for c in countries[:GROUPS]
    )
    through = CountryGroup.members.through
    through.objects.bulk_create(
        through(countrygroup_id=g.pk, organisation_id=o.pk)
        for g in groups
        for o in rng.sample(french, min(150, len(french)))
    )
    return {"staff": staff, "french": french, "foreign": foreign, "group": groups[0]}


def partnership_csv(
    scale: Scale, french: list[Any], foreign: list[Any], rng: random.Random
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Partenaires", "Type", "Statut", "Date de signature", "Thèmes", "Public"])
    n_fr, n_foreign = len(french), len(foreign)
    for k in range(scale.counts["partnerships"]):
        # Distinct (French, foreign) pairs, so that no row duplicates another.
        partners = [french[k % n_fr].name, foreign[(k * 7919) % n_foreign].name]
        if k % 20 == 0:
            partners.append(french[(k + n_fr // 2) % n_fr].name)
        signed = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1950, 2016)}"
        themes = "; ".join(rng.sample([t[0] for t in THEMES], rng.randint(0, 3)))
        writer.writerow(
            [
                " / ".join(partners),
                rng.choice(KINDS),
                rng.choice(STATUSES),
                signed,
                themes,
                "oui" if k % 3 == 0 else "non",
            ]
        )
    return out.getvalue().encode("utf-8")


def run_import(staff: Any, data: bytes) -> tuple[float, Any]:
    from django.core.files.base import ContentFile

    from cityties.imports.mapping import guess_mapping
    from cityties.imports.models import ImportJob, ImportStatus
    from cityties.imports.reading import read_table
    from cityties.imports.tasks import run_import as task

    started = time.perf_counter()
    job = ImportJob(
        kind="partnerships",
        source_name="benchmark",
        original_filename="partnerships.csv",
        created_by=staff,
        status=ImportStatus.QUEUED,
        mapping=guess_mapping("partnerships", read_table(data, "x.csv").headers),
    )
    job.file.save("partnerships.csv", ContentFile(data), save=False)
    job.save()
    task.enqueue(job.pk)
    elapsed = time.perf_counter() - started
    job.refresh_from_db()
    return elapsed, job


@dataclass
class PageFigures:
    cold_ms: float  # the first request: for the atlas data, the one that fills the cache
    p50_ms: float
    p95_ms: float
    queries: int
    size_kb: float


def measure(client: Any, url: str, requests: int) -> PageFigures:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    response = client.get(url)
    cold_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    for _ in range(2):
        client.get(url)
    # DEBUG keeps a log of queries that each request resets: start from an empty one.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20)[18] if len(times) >= 2 else times[0]
    return PageFigures(
        cold_ms, statistics.median(times), p95, len(captured), len(response.content) / 1024
    )


def pages(group_pk: int) -> dict[str, str | None]:
    from django.urls import NoReverseMatch, reverse

    urls: dict[str, str | None] = {}
    for label, name, args in (
        ("list", "network:partnership_list", []),
        ("atlas", "network:atlas_data", []),
        ("group", "network:group_detail", [group_pk]),
    ):
        try:
            urls[label] = reverse(name, args=args)
        except NoReverseMatch:
            print(f"  note: {name} does not exist yet; page skipped")
            urls[label] = None
    return urls


def run_scale(scale: Scale, requests: int) -> dict[str, Any]:
    from django.core.management import call_command
    from django.test import Client

    from cityties.network.models import Partnership

    call_command("flush", interactive=False, verbosity=0)
    rng = random.Random(SEED)
    counts = ", ".join(f"{v:,} {k}" for k, v in scale.counts.items())
    print(f"\n== scale x{scale.factor:g}: {counts}")
    started = time.perf_counter()
    world = seed(scale, rng)
    print(f"  seeded in {time.perf_counter() - started:.1f} s")
    data = partnership_csv(scale, world["french"], world["foreign"], rng)
    import_s, job = run_import(world["staff"], data)
    if job.status != "done":
        print(f"  import REFUSED: {job.report[:5]}")
    print(
        f"  import of {scale.counts['partnerships']:,} CSV rows: {import_s:.2f} s "
        f"({job.created_count:,} created, {Partnership.objects.count():,} partnerships)"
    )
    client = Client()
    client.force_login(world["staff"], backend="django.contrib.auth.backends.ModelBackend")
    figures: dict[str, PageFigures | None] = {}
    for label, url in pages(world["group"].pk).items():
        if url is None:
            figures[label] = None
            continue
        figures[label] = page = measure(client, url, requests)
        print(
            f"  {label:<6} {url:<26} first {page.cold_ms:7.1f} ms  "
            f"p50 {page.p50_ms:7.1f} ms  p95 {page.p95_ms:7.1f} ms  "
            f"{page.queries:3d} queries  {page.size_kb:8.1f} kB"
        )
    return {"import_s": import_s, "pages": figures}


TWINNINGS = {"rows": 3_842, "partners": 5_044, "countries": 100}


def twinning_csv(rng: random.Random) -> tuple[bytes, int]:
    """Real place names, one French partner and one foreign partner per row."""
    from cityties.core import gazetteer
    from cityties.core.countries import country_name

    places = gazetteer.load()
    by_country: dict[str, list[int]] = {}
    seen: set[tuple[str, str]] = set()
    for i in range(len(places)):
        place = places.place(i)
        key = (place.country, gazetteer.place_key(place.name))
        # Towns of 5,000 or more, one per name and country, so that each row is unique.
        if (
            place.population >= 5000
            and key not in seen
            and len(places.candidates(place.name, place.country)) == 1
        ):
            seen.add(key)
            by_country.setdefault(place.country, []).append(i)
    foreign_countries = sorted(
        (c for c in by_country if c != "FR"), key=lambda c: -len(by_country[c])
    )[: TWINNINGS["countries"] - 1]
    french_count = 1_500
    foreign_count = TWINNINGS["partners"] - french_count
    french = rng.sample(by_country["FR"], french_count)
    foreign: list[int] = []
    per_country = {c: rng.sample(by_country[c], len(by_country[c])) for c in foreign_countries}
    while len(foreign) < foreign_count:
        for country in foreign_countries:
            if per_country[country] and len(foreign) < foreign_count:
                foreign.append(per_country[country].pop())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["city1", "country1", "city2", "country2"])
    pairs = list(foreign) + rng.sample(foreign, TWINNINGS["rows"] - len(foreign))
    for n, i in enumerate(pairs):
        here, there = places.place(french[n % french_count]), places.place(i)
        writer.writerow([here.name, "France", there.name, country_name(there.country, "en")])
    return out.getvalue().encode("utf-8"), len(set(pairs)) + french_count


def run_twinnings(staff: Any, rng: random.Random) -> dict[str, float]:
    from django.core.files.base import ContentFile

    from cityties.imports.jobs import run_job, validate_job
    from cityties.imports.mapping import guess_mapping
    from cityties.imports.models import ImportJob, ImportStatus
    from cityties.imports.reading import read_table
    from cityties.network.models import Organisation

    data, partners = twinning_csv(rng)
    print(f"\n== twinning list: {TWINNINGS['rows']:,} rows, {partners:,} distinct partners")
    before = Organisation.objects.count()
    started = time.perf_counter()
    table = read_table(data, "twinnings.csv")
    job = ImportJob(
        kind="partnerships",
        source_name="benchmark twinnings",
        original_filename="twinnings.csv",
        created_by=staff,
        status=ImportStatus.QUEUED,
        mapping=guess_mapping("partnerships", table.headers),
        options={"defaults": {"kind": "twinning"}, "create_missing": True},
    )
    result = validate_job(job, table, user=staff)
    preview_s = time.perf_counter() - started
    print(
        f"  preview: {preview_s:.2f} s, {len(result.errors)} errors, "
        f"{result.planned.get('organisations', 0):,} organisations to create "
        f"({result.planned.get('placed', 0):,} placed)"
    )
    started = time.perf_counter()
    job.file.save("twinnings.csv", ContentFile(data), save=False)
    job.save()
    run_job(job.pk)
    import_s = time.perf_counter() - started
    job.refresh_from_db()
    created = Organisation.objects.count() - before
    placed = Organisation.objects.filter(latitude__isnull=False).count()
    print(
        f"  import: {import_s:.2f} s, status {job.status}, created {job.outcome.get('created')}"
        f" ({created:,} organisations; {placed:,} of all organisations placed)"
    )
    return {"preview_s": preview_s, "import_s": import_s}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1/10 and 1/100 scale, 10 requests")
    args = parser.parse_args(argv)
    setup_django()
    full, requests = (0.1, 10) if args.quick else (1.0, 50)
    baseline = run_scale(Scale(full / 10), requests)
    result = run_scale(Scale(full), requests)
    from cityties.accounts.models import User

    twinnings = run_twinnings(User.objects.get(email="staff@bench.example"), random.Random(SEED))

    print("\n== growth from 1/10 of the scale to the scale measured (p95 ratio, queries)")
    for label, page in result["pages"].items():
        small = baseline["pages"].get(label)
        if page is None or small is None:
            continue
        print(
            f"  {label:<6} p95 x{page.p95_ms / max(small.p95_ms, 0.001):.1f}, "
            f"queries {small.queries} -> {page.queries}"
        )
    print(f"  import x{result['import_s'] / max(baseline['import_s'], 0.001):.1f}")
    if args.quick:
        print("  (quick run: not the real scale)")

    def p95(label: str) -> str:
        page = result["pages"].get(label)
        return f"{page.p95_ms:.1f}" if page else "NA"

    max_queries = max((p.queries for p in result["pages"].values() if p), default=0)
    print(
        f"RESULT import_s={result['import_s']:.2f} list_p95_ms={p95('list')} "
        f"atlas_p95_ms={p95('atlas')} group_p95_ms={p95('group')} max_queries={max_queries} "
        f"twinnings_preview_s={twinnings['preview_s']:.2f} "
        f"twinnings_import_s={twinnings['import_s']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
