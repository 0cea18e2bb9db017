"""Load: gunicorn (3 workers) on PostgreSQL under 50 concurrent sessions of mixed roles.

    .venv/bin/python benchmarks/load.py [--quick] [--sessions 50] [--duration 60]

Creates its own PostgreSQL database (`cityties_load` on the server of LOAD_DATABASE_URL,
default postgres://postgres@127.0.0.1:5432/cityties_load), fills it with the
federation-scale data of benchmarks/network.py (4,800 French governments, 10,000 foreign
partners, 30,000 people, 12,000 partnerships imported through the real import), and starts
gunicorn on a free port of 127.0.0.1 with the production settings (DEBUG=0, database
cache, persistent connections), as behind nginx (X-Forwarded-Proto: https).

Each session logs in through the real login form (CSRF token and cookie) before the clock
starts, then, until the duration is up, browses as its role would, pausing 0.5-2 s
(at random) between clicks: lists, details, the atlas and its data, searches, exports, and one write
in ten (an activity added to one of its partnerships, or a language switch). Nothing
leaves 127.0.0.1; the run is bounded by --duration; gunicorn and the database are
removed at the end. --quick runs at 1/10 of the data, 20 sessions, 20 s.

Times are measured twice: by the sessions (what a person waits, including the queue in
front of the three workers and this process's own share of the two cores) and by
gunicorn's access log (the time a worker spent on each request).

The last line is machine-readable:
RESULT load_rps=<r> load_p95_ms=<ms> load_errors=<n>
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
PASSWORD = "Charge-de-la-federation-2016"
HOST = "127.0.0.1"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ACCESS_LOG = BENCH_DIR / "load-access.log"


# --- The database and the server --------------------------------------------------------


def _admin_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "cityties_load"
    return parts._replace(path="/postgres").geturl(), name


def recreate_database(url: str, *, drop_only: bool = False) -> None:
    import psycopg

    admin, name = _admin_url(url)
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"refusing database name {name!r}")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def server_env(url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_")) and key not in {"DEBUG", "SECRET_KEY"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cityties.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=url,
        DATABASE_CONN_MAX_AGE="60",
        CACHE_BACKEND="database",
        TASKS_BACKEND="immediate",
        MEDIA_ROOT=str(BENCH_DIR / "load-media"),
        CITYTIES_VAR_DIR=str(BENCH_DIR / "load-var"),
        LOG_LEVEL="WARNING",
    )
    return env


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()
    import logging

    logging.getLogger("django.tasks").setLevel(logging.WARNING)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    log = open(BENCH_DIR / "load-gunicorn.log", "wb")  # noqa: SIM115 - kept for the child
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "cityties.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--backlog",
            "256",
            # The time a worker spent on each request, in microseconds (%(D)s).
            "--access-logfile",
            str(ACCESS_LOG),
            "--access-logformat",
            "%(m)s %(U)s?%(q)s %(s)s %(D)s",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {BENCH_DIR / 'load-gunicorn.log'}")
        try:
            status, _body, _h = Session(port, "probe").request("GET", "/healthz")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


# --- The data ---------------------------------------------------------------------------


@dataclass
class Persona:
    role: str
    email: str
    partnerships: list[int] = field(default_factory=list)  # ids it may see in detail
    editable: list[int] = field(default_factory=list)  # ids it may add activities to
    organisations: list[int] = field(default_factory=list)


def seed_world(factor: float, sessions: int) -> dict[str, Any]:
    from django.contrib.auth.hashers import make_password

    # The generator of benchmarks/network.py (this script's directory is on sys.path).
    from network import SEED, Scale, partnership_csv, run_import, seed

    from cityties.accounts.models import Membership, Role, User
    from cityties.network.models import Organisation, Partnership, PartnershipMember

    rng = random.Random(SEED)
    scale = Scale(factor)
    started = time.perf_counter()
    world = seed(scale, rng)
    _import_s, job = run_import(world["staff"], partnership_csv(scale, *_orgs(world), rng))
    if job.status != "done":
        raise SystemExit(f"the import was refused: {job.report[:3]}")
    print(
        f"  {Organisation.objects.count():,} organisations, {Partnership.objects.count():,} "
        f"partnerships, seeded in {time.perf_counter() - started:.1f} s"
    )
    password = make_password(PASSWORD)
    french = world["french"]
    ministry = Organisation.objects.create(
        name="Ministère — DAECT", kind="ministry", country="FR", is_member=False
    )
    shares = {"staff": 0.2, "officer": 0.5, "company": 0.15}
    counts = {role: max(1, round(sessions * share)) for role, share in shares.items()}
    counts["viewer"] = max(1, sessions - sum(counts.values()))
    personas: list[Persona] = []
    all_ids = list(Partnership.objects.values_list("pk", flat=True))
    all_orgs = [o.pk for o in french[:500]] + [o.pk for o in world["foreign"][:500]]

    def user(email: str, org: Any, role: str) -> None:
        account = User.objects.create(email=email, full_name=email.split("@")[0], password=password)
        Membership.objects.create(user=account, organisation=org, role=role)

    User.objects.filter(pk=world["staff"].pk).update(password=password)
    for i in range(counts["staff"]):
        email = "staff@bench.example" if i == 0 else f"staff{i}@bench.example"
        if i:
            user(email, Organisation.objects.get(name="Cités Unies France"), Role.NETWORK_STAFF)
        personas.append(Persona("staff", email, all_ids, all_ids, all_orgs))
    for i in range(counts["officer"]):
        org = french[i]
        email = f"officer{i}@bench.example"
        user(email, org, Role.MEMBER_OFFICER)
        own = list(
            PartnershipMember.objects.filter(organisation=org).values_list(
                "partnership_id", flat=True
            )
        )
        personas.append(Persona("officer", email, own or all_ids[:1], own, all_orgs))
    for i in range(counts["company"]):
        sponsor = french[i]
        company = Organisation.objects.create(
            name=f"Entreprise {i:03d}", kind="company", country="FR", sponsor=sponsor
        )
        email = f"company{i}@bench.example"
        user(email, company, Role.COMPANY_REP)
        personas.append(Persona("company", email, [], [], [company.pk, sponsor.pk]))
    for i in range(counts["viewer"]):
        email = f"viewer{i}@bench.example"
        user(email, ministry, Role.PARTNER_VIEWER)
        public = list(
            Partnership.objects.filter(is_public=True).values_list("pk", flat=True)[:2000]
        )
        personas.append(Persona("viewer", email, public, [], all_orgs))
    analyse()
    return {"personas": personas, "group": world["group"].pk}


def analyse() -> None:
    """Planner statistics, as a database in service has them from autovacuum.

    Right after a bulk load there are none until autovacuum's next pass, and PostgreSQL
    then plans nested loops over every partnership (the group page took 1 s, not 12 ms).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _orgs(world: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    return world["french"], world["foreign"]


# --- The sessions -----------------------------------------------------------------------


class Session:
    """One browser: its cookies and a connection to 127.0.0.1 (reopened when closed)."""

    def __init__(self, port: int, label: str) -> None:
        self.port = port
        self.label = label
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def request(
        self, method: str, path: str, form: dict[str, Any] | None = None
    ) -> tuple[int, bytes, http.client.HTTPResponse]:
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",  # as nginx says it, so no HTTPS redirect
            "Referer": f"https://{HOST}{path}",
            "Accept-Language": "fr",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            # The CSRF cookie holds the secret that the form's token masks: either is valid.
            if "csrftoken" in self.cookies:
                form = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **form}
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie: SimpleCookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, data, response

    def login(self, email: str) -> None:
        status, body, _r = self.request("GET", "/accounts/login/")
        match = CSRF_INPUT.search(body.decode())
        if status != 200 or match is None:
            raise RuntimeError(f"login page: {status}")
        form = {"csrfmiddlewaretoken": match.group(1), "username": email, "password": PASSWORD}
        status, _body, _response = self.request("POST", "/accounts/login/", form)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login of {email} refused: {status}")


LOGIN_SLOTS = threading.BoundedSemaphore(3)


@dataclass
class Sample:
    kind: str
    ms: float
    ok: bool
    status: int
    path: str = ""


def actions(persona: Persona, group: int, rng: random.Random) -> tuple[str, str, str, Any]:
    """The next click of this persona: (kind, method, path, form or None)."""
    from django.urls import reverse

    if rng.random() < 0.1:
        if persona.editable:
            pk = rng.choice(persona.editable)
            form = {
                "kind": "visit",
                "title": f"Visite {rng.randint(1, 10**6)}",
                "start_date": f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                "people_involved": rng.randint(0, 40),
                "students": 0,
                "companies": rng.randint(0, 5),
            }
            return "write", "POST", reverse("network:activity_create", args=[pk]), form
        language = rng.choice(["fr", "en"])
        form = {"language": language, "next": "/dashboard/"}
        return "write", "POST", reverse("core:set_language"), form
    choices: list[tuple[float, str, str]] = [
        (1.0, "dashboard", reverse("core:dashboard")),
        (1.5, "list", reverse("network:partnership_list")),
        (1.0, "list", reverse("network:organisation_list")),
        (0.5, "list", reverse("network:person_list")),
        (
            1.0,
            "search",
            reverse("network:organisation_list") + f"?q=Ville+{rng.randint(0, 999):03d}",
        ),
        (1.0, "search", reverse("network:partnership_list") + f"?q=City+{rng.randint(0, 99):02d}"),
        (0.5, "atlas", reverse("network:atlas")),
        (1.0, "atlas", reverse("network:atlas_data")),
        (0.3, "export", reverse("network:atlas_export", args=["csv"])),
    ]
    if persona.partnerships:
        pk = rng.choice(persona.partnerships)
        choices.append((2.0, "detail", reverse("network:partnership_detail", args=[pk])))
    if persona.organisations:
        pk = rng.choice(persona.organisations)
        choices.append((1.5, "detail", reverse("network:organisation_detail", args=[pk])))
    if persona.role in {"staff", "officer", "viewer"}:
        choices.append((0.5, "detail", reverse("network:group_detail", args=[group])))
    weights = [c[0] for c in choices]
    _w, kind, path = rng.choices(choices, weights=weights)[0]
    return kind, "GET", path, None


def run_session(
    persona: Persona,
    port: int,
    group: int,
    seed: int,
    start: threading.Event,
    deadline: list[float],
    out: list[Sample],
    logins: list[float],
    think: float,
) -> None:
    rng = random.Random(seed)
    session = Session(port, persona.email)
    try:
        # As many logins at once as workers: each hashes a password for about a second.
        with LOGIN_SLOTS:
            began = time.perf_counter()
            session.login(persona.email)
            logins.append((time.perf_counter() - began) * 1000)
    except Exception as exc:
        out.append(Sample("login", 0.0, False, 0))
        print(f"  login failed for {persona.email}: {exc}")
        return
    start.wait()
    # People do not all click at the same instant: the first click comes after a pause too.
    time.sleep(rng.uniform(0, think * 1.6))
    while time.monotonic() < deadline[0]:
        kind, method, path, form = actions(persona, group, rng)
        began = time.perf_counter()
        try:
            status, _body, _response = session.request(method, path, form)
        except (http.client.HTTPException, OSError) as exc:
            status = 0
            print(f"  {method} {path}: {exc!r}")
        ms = (time.perf_counter() - began) * 1000
        ok = status == 200 or (method == "POST" and status == 302)
        if not ok and status:
            print(f"  {method} {path} -> {status}")
        out.append(Sample(kind, ms, ok, status, f"{method} {path}"))
        # A person reading the page: 0.5-2 s with the default mean of 1.25 s.
        time.sleep(rng.uniform(think * 0.4, think * 1.6))


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def drive(world: dict[str, Any], port: int, sessions: int, duration: float, think: float) -> None:
    personas = world["personas"][:sessions]
    start = threading.Event()
    deadline = [0.0]
    samples: list[Sample] = []
    logins: list[float] = []
    threads = [
        threading.Thread(
            target=run_session,
            args=(p, port, world["group"], i, start, deadline, samples, logins, think),
            daemon=True,
        )
        for i, p in enumerate(personas)
    ]
    roles: dict[str, int] = defaultdict(int)
    for persona in personas:
        roles[persona.role] += 1
    print(f"  {len(personas)} sessions: " + ", ".join(f"{n} {r}" for r, n in roles.items()))
    for thread in threads:
        thread.start()
    # Log everyone in first (each login hashes a password: seconds of CPU for 50 people).
    while len(logins) + sum(1 for s in samples if s.kind == "login") < len(personas):
        time.sleep(0.1)
    print(
        f"  logins (before the clock starts): {len(logins)} through the login form, "
        f"p50 {percentile(logins, 50):.0f} ms"
    )
    log_offset = ACCESS_LOG.stat().st_size if ACCESS_LOG.exists() else 0
    began = time.monotonic()
    deadline[0] = began + duration
    start.set()
    for thread in threads:
        thread.join(timeout=duration + 60)
    elapsed = time.monotonic() - began
    report_server(samples, log_offset)
    report(samples, elapsed)


def report_server(samples: list[Sample], offset: int) -> None:
    """The workers' own time per request, from gunicorn's access log."""
    kinds = {s.path: s.kind for s in samples if s.path}
    by_kind: dict[str, list[float]] = defaultdict(list)
    with open(ACCESS_LOG, "rb") as log:
        log.seek(offset)
        for line in log.read().decode(errors="replace").splitlines():
            parts = line.split()
            if len(parts) != 4 or not parts[3].isdigit():
                continue
            path = parts[1].removesuffix("?")
            kind = kinds.get(f"{parts[0]} {path}")
            if kind is not None:
                by_kind[kind].append(int(parts[3]) / 1000)
    every = [ms for rows in by_kind.values() for ms in rows]
    if not every:
        return
    print(f"\n  server side (gunicorn's access log){'requests':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for kind, ms in sorted(by_kind.items()):
        print(f"  {kind:<36}{len(ms):>9}{percentile(ms, 50):>9.0f}{percentile(ms, 95):>9.0f}")
    print(f"  {'all':<36}{len(every):>9}{percentile(every, 50):>9.0f}{percentile(every, 95):>9.0f}")


def report(samples: list[Sample], elapsed: float) -> None:
    measured = [s for s in samples if s.kind != "login"]
    errors = [s for s in samples if not s.ok]
    times = [s.ms for s in measured]
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for sample in measured:
        by_kind[sample.kind].append(sample)
    print("\n  as the sessions saw it")
    print(f"  {'kind':<10}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}")
    for kind, rows in sorted(by_kind.items()):
        ms = [r.ms for r in rows]
        print(
            f"  {kind:<10}{len(rows):>9}{percentile(ms, 50):>9.0f}{percentile(ms, 95):>9.0f}"
            f"{max(ms):>9.0f}{sum(not r.ok for r in rows):>8}"
        )
    rps = len(measured) / elapsed if elapsed else 0.0
    p50, p95, p99 = (percentile(times, p) for p in (50, 95, 99))
    print(
        f"\n  {len(measured):,} requests in {elapsed:.1f} s: {rps:.1f} requests/s, "
        f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms, {len(errors)} errors "
        "(target: p95 <= 300 ms, 0 errors)"
    )
    print(f"RESULT load_rps={rps:.1f} load_p95_ms={p95:.0f} load_errors={len(errors)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1/10 data, 20 sessions, 20 s")
    parser.add_argument("--sessions", type=int, default=None)
    parser.add_argument("--duration", type=float, default=None, help="seconds (default 60)")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--think", type=float, default=1.25, help="mean pause between clicks (s)")
    args = parser.parse_args(argv)
    factor = 0.1 if args.quick else 1.0
    sessions = min(args.sessions or (20 if args.quick else 50), 200)
    duration = min(args.duration or (20.0 if args.quick else 60.0), 600.0)
    url = os.environ.get("LOAD_DATABASE_URL", f"postgres://postgres@{HOST}:5432/cityties_load")
    if urlsplit(url).hostname not in {HOST, "localhost"}:
        raise SystemExit("the load benchmark runs against a PostgreSQL on 127.0.0.1 only")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    print(
        f"== load: {sessions} sessions, {duration:.0f} s, data x{factor:g}, {args.workers} workers"
    )
    recreate_database(url)
    server: subprocess.Popen[bytes] | None = None
    try:
        env = server_env(url)
        setup_django(env)
        world = seed_world(factor, sessions)
        from django.db import connections

        connections.close_all()
        port = free_port()
        server = start_gunicorn(env, port, args.workers)
        drive(world, port, sessions, duration, args.think)
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        from django.db import connections

        connections.close_all()
        recreate_database(url, drop_only=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
