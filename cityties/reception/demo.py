"""The receptions of the minutes. Nashville 2015: Caen's evening reception, where French
food opened doors, with invitation cards given to its three startups to hand out.
Pittsburgh 2016: the French reception of the delegation, with quotas for each exhibitor
of the "village français" and each member city. The guests' names are invented; their
organisations are the kind the source names. Idempotent: a second run changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from cityties.delegations import services as delegation_services
from cityties.delegations.models import Delegation, Participant, Session

from . import services as svc
from .models import Invitation, Quota, Reception

CENTRAL = ZoneInfo("America/Chicago")
EASTERN = ZoneInfo("America/New_York")

FIRST = [
    "Mary",
    "James",
    "Linda",
    "Robert",
    "Patricia",
    "Michael",
    "Barbara",
    "David",
    "Jennifer",
    "William",
    "Susan",
    "Richard",
    "Karen",
    "Joseph",
    "Nancy",
    "Thomas",
    "Lisa",
    "Charles",
    "Betty",
    "Daniel",
    "Sandra",
    "Matthew",
    "Ashley",
    "Anthony",
    "Donna",
    "Mark",
    "Emily",
    "Steven",
    "Michelle",
    "Andrew",
    "José",
    "Zoë",
]
LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Martínez",
    "Hernández",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
]

NASHVILLE_ORGS = [
    ("Metropolitan Government of Nashville and Davidson County", "Office of the Mayor"),
    ("Nashville Area Chamber of Commerce", "Vice President, International"),
    ("Vanderbilt University", "Professor of Urban Studies"),
    ("Tennessee Department of Economic and Community Development", "Trade Director"),
    ("Nashville Sister Cities", "Board member"),
    ("Nashville Electric Service", "Innovation Manager"),
]
PITTSBURGH_ORGS = [
    ("City of Pittsburgh", "Office of the Mayor"),
    ("Carnegie Mellon University", "Director, Metro21"),
    ("Allegheny County", "Economic Development"),
    (
        "Pennsylvania Department of Community and Economic Development",
        "Office of International Business Development",
    ),
    ("National League of Cities", "Programme Director"),
    ("Pittsburgh Technology Council", "Vice President"),
    ("University of Pittsburgh", "Center for Urban Health"),
    ("City of Cleveland", "Chief Innovation Officer"),
]

# (title fr, title en, delegation key, starts, ends, venue, address, capacity, plus-ones,
#  quotas {participant name: size}, guests named per quota, answered, arrived)
RECEPTIONS: list[tuple[Any, ...]] = [
    (
        "Réception de la délégation caennaise",
        "Reception of the Caen delegation",
        "nashville_2015",
        datetime(2015, 11, 5, 18, 30, tzinfo=CENTRAL),
        datetime(2015, 11, 5, 21, 0, tzinfo=CENTRAL),
        "Music City Center — Davidson Ballroom foyer",
        "201 Rep. John Lewis Way S, Nashville, TN",
        90,
        1,
        {"Ville de Caen": 30, "Soyhuce": 15, "Starnav": 15, "Sans Contact Normandie": 15},
        NASHVILLE_ORGS,
    ),
    (
        "Réception française",
        "French reception",
        "pittsburgh_2016",
        datetime(2016, 11, 17, 18, 30, tzinfo=EASTERN),
        datetime(2016, 11, 17, 21, 0, tzinfo=EASTERN),
        "Downtown Pittsburgh",
        "Fairmont Pittsburgh, 510 Market Street, Pittsburgh, PA",
        160,
        1,
        {
            "Ville de Caen": 25,
            "Toulouse Métropole": 15,
            "Ville de Tours": 10,
            "Conseil régional d'Auvergne-Rhône-Alpes": 20,
            "Soyhuce": 12,
            "Starnav": 12,
            "Garonne Données Urbaines": 12,
            "Touraine Capteurs": 12,
            "Rhône Biotech Solutions": 12,
        },
        PITTSBURGH_ORGS,
    ),
]


def _session(
    actor: Any,
    delegation: Delegation,
    fr: str,
    en: str,
    starts: datetime,
    ends: datetime,
    place: str,
) -> Session:
    existing = Session.objects.filter(delegation=delegation, kind="reception").first()
    return existing or delegation_services.check_add_session(
        delegation,
        actor=actor,
        kind="reception",
        title_fr=fr,
        title_en=en,
        starts_at=starts,
        ends_at=ends,
        place=place,
        run_by_delegation=True,
        for_everyone=True,
    )


def _guests(quota: Quota, seed: int, count: int, orgs: list[tuple[str, str]]) -> list[Any]:
    guests = []
    for n in range(count):
        k = seed * 7 + n
        first, last = FIRST[k % len(FIRST)], LAST[(k * 5 + seed) % len(LAST)]
        organisation, function = orgs[k % len(orgs)]
        guests.append(
            {
                "name": f"{first} {last}",
                "organisation": organisation,
                "function": function,
                "email": f"{first}.{last}.{quota.pk}.{n}@example.org".lower()
                .replace("é", "e")
                .replace("ë", "e")
                .replace("á", "a"),
                "language": "fr" if n % 9 == 4 else "en",
            }
        )
    return guests


def _fill(actor: Any, reception: Reception, orgs: list[tuple[str, str]]) -> None:
    """Most of each quota named, most guests answered, most of the yes came (a few with a
    plus-one), spread over the evening at two doors."""
    session = reception.session
    before = session.starts_at - timedelta(days=6)
    for seed, quota in enumerate(reception.quotas.select_related("participant").order_by("pk")):
        made = svc.do_add_guests(quota, _guests(quota, seed, quota.size - 2, orgs), actor=actor)
        for n, invitation in enumerate(made):
            if n % 6 == 5:
                continue  # no answer
            attending = n % 5 != 3
            plus = 1 if attending and n % 4 == 0 else 0
            svc.check_answer(
                invitation, actor=actor, attending=attending, plus_ones=plus, now=before
            )
        Invitation.objects.filter(quota=quota).update(sent_at=before - timedelta(days=10))
    arrivals = Invitation.objects.filter(reception=reception, rsvp__in=["yes", "pending"])
    for n, invitation in enumerate(arrivals.order_by("pk")):
        if n % 7 == 6:
            continue  # said yes, did not come
        svc.check_check_in(
            invitation,
            actor=actor,
            reception=reception,
            plus_ones=invitation.plus_ones,
            door="Main entrance" if n % 3 else "Side door",
            at=session.starts_at + timedelta(minutes=(n * 3) % 110),
        )


@transaction.atomic
def load(delegations: dict[str, Delegation], actor: Any) -> dict[str, Reception]:
    made = {}
    for fr, en, key, starts, ends, venue, address, capacity, plus, quotas, orgs in RECEPTIONS:
        delegation = delegations[key]
        session = _session(actor, delegation, fr, en, starts, ends, venue)
        reception = Reception.objects.filter(session=session).first()
        if reception is None:
            reception = svc.check_create_reception(
                session,
                actor=actor,
                fields={
                    "venue": venue,
                    "address": address,
                    "capacity": capacity,
                    "plus_ones_allowed": plus,
                    "card_languages": "fr,en",
                    "remind_at": starts - timedelta(days=3),
                },
            )
            for name, size in quotas.items():
                participant = Participant.objects.get(
                    delegation=delegation, organisation__name=name
                )
                svc.check_set_quota(reception, actor=actor, participant=participant, size=size)
            _fill(actor, reception, orgs)
        made[key] = reception
    return made
