"""The events the minutes of 30 March 2016 name, loaded into the calendar. Idempotent:
keyed by French title and organiser; a second run changes nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from cityties.accounts.models import User
from cityties.network.models import CountryGroup, Organisation

from . import services
from .models import Event

PARIS = "Europe/Paris"
EASTERN = "America/New_York"
CENTRAL = "America/Chicago"


def _at(zone: str, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=ZoneInfo(zone))  # type: ignore[arg-type,misc]


# (key, organiser name, kind, zone, start, end, fields)
EVENTS: list[tuple[str, str, str, str, tuple[int, ...], tuple[int, ...], dict[str, Any]]] = [
    (
        "nashville_2015",
        "National League of Cities",
        "congress",
        CENTRAL,
        (2015, 11, 4, 8, 0),
        (2015, 11, 7, 17, 0),
        {
            "title_fr": "Congrès annuel de la NLC (City Summit) 2015",
            "title_en": "NLC City Summit 2015",
            "city": "Nashville",
            "country": "US",
            "visibility": "public",
            "link": "https://www.nlc.org",
            "description_fr": "Première participation française : Caen et trois startups.",
            "description_en": "First French participation: Caen and three startups.",
        },
    ),
    (
        "pittsburgh_2016",
        "National League of Cities",
        "congress",
        EASTERN,
        (2016, 11, 16, 8, 0),
        (2016, 11, 19, 17, 0),
        {
            "title_fr": "Congrès annuel de la NLC (City Summit) 2016",
            "title_en": "NLC City Summit 2016",
            "venue": "David L. Lawrence Convention Center",
            "city": "Pittsburgh",
            "country": "US",
            "visibility": "public",
            "link": "https://www.nlc.org",
            "description_fr": "Environ 3 000 participants. Une délégation française est proposée "
            "par Caen au groupe-pays États-Unis.",
            "description_en": "About 3,000 attendees. Caen proposes a French delegation to the "
            "United States country group.",
        },
    ),
    (
        "group_meeting_2016",
        "Cités Unies France",
        "meeting",
        PARIS,
        (2016, 3, 30, 10, 0),
        (2016, 3, 30, 13, 0),
        {
            "title_fr": "Réunion du groupe-pays États-Unis",
            "title_en": "United States country group meeting",
            "venue": "Cités Unies France",
            "city": "Paris",
            "country": "FR",
            "visibility": "group",
            "group": True,
        },
    ),
    (
        "dday_forum",
        "Ville de Caen",
        "forum",
        PARIS,
        (2016, 6, 7, 9, 0),
        (2016, 6, 7, 18, 0),
        {
            "title_fr": "D-Day economic forum",
            "title_en": "D-Day Economic Forum",
            "city": "Caen",
            "country": "FR",
            "visibility": "network",
            "description_fr": "Échange entre acteurs économiques dans la ligne de la célébration "
            "du débarquement. Inscription auprès du service des relations internationales de "
            "Caen.",
            "description_en": "Business exchange in the spirit of the D-Day commemorations. "
            "Register with Caen's international relations department.",
        },
    ),
    (
        "forum_2016",
        "Cités Unies France",
        "forum",
        PARIS,
        (2016, 7, 4, 9, 0),
        (2016, 7, 5, 18, 0),
        {
            "title_fr": "7e Forum de l'action internationale des collectivités",
            "title_en": "7th Forum of local governments' international action",
            "city": "Paris",
            "country": "FR",
            "visibility": "public",
            "description_fr": "Organisé avec le soutien du MAEDI ; dimension européenne.",
            "description_en": "Held with the support of the foreign ministry; a European "
            "dimension.",
        },
    ),
    (
        "general_assembly_2016",
        "Cités Unies France",
        "meeting",
        PARIS,
        (2016, 7, 5, 14, 0),
        (2016, 7, 5, 17, 0),
        {
            "title_fr": "Assemblée générale de Cités Unies France",
            "title_en": "Cités Unies France general assembly",
            "city": "Paris",
            "country": "FR",
            "visibility": "network",
            "description_fr": "Pendant le 7e Forum.",
            "description_en": "During the 7th Forum.",
        },
    ),
    (
        "toulouse_atlanta",
        "Ville de Toulouse",
        "mission",
        EASTERN,
        (2016, 10, 14, 9, 0),
        (2016, 10, 20, 18, 0),
        {
            "title_fr": "Délégation de Toulouse à Atlanta",
            "title_en": "Toulouse delegation to Atlanta",
            "city": "Atlanta",
            "country": "US",
            "visibility": "network",
            "description_fr": "Avec notamment l'économiste Jean Tirole.",
            "description_en": "With the economist Jean Tirole among others.",
        },
    ),
    (
        "marseille_miami",
        "Ville de Marseille",
        "mission",
        EASTERN,
        (2016, 2, 15, 9, 0),
        (2016, 2, 19, 18, 0),
        {
            "title_fr": "Mission exploratoire de Marseille à Miami",
            "title_en": "Marseille exploratory mission to Miami",
            "city": "Miami",
            "country": "US",
            "visibility": "network",
            "description_fr": "En vue d'un accord de coopération d'ici à la fin 2016.",
            "description_en": "Towards a cooperation agreement by the end of 2016.",
        },
    ),
    (
        "tours_fair_2017",
        "Ville de Tours",
        "fair",
        PARIS,
        (2017, 5, 5, 10, 0),
        (2017, 5, 14, 19, 0),
        {
            "title_fr": "Foire de Tours — thématique États-Unis",
            "title_en": "Tours Fair — United States theme",
            "city": "Tours",
            "country": "FR",
            "visibility": "public",
            "description_fr": "Accueil d'une délégation de Minneapolis et du Minnesota (treize "
            "entreprises). Les membres du groupe-pays sont invités.",
            "description_en": "Hosts a delegation from Minneapolis and Minnesota (thirteen "
            "companies). Members of the country group are invited.",
        },
    ),
]


@transaction.atomic
def load(actor: User | None = None) -> dict[str, Event]:
    group = CountryGroup.objects.filter(country="US").first()
    events: dict[str, Event] = {}
    for key, organiser_name, kind, zone, start, end, fields in EVENTS:
        organiser = Organisation.objects.get(name=organiser_name)
        values: dict[str, Any] = {
            **services.DEFAULTS,
            **fields,
            "kind": kind,
            "organiser": organiser,
            "time_zone": zone,
            "starts_at": _at(zone, *start),
            "ends_at": _at(zone, *end),
            "group": group if fields.get("group") else None,
        }
        event = Event.objects.filter(title_fr=values["title_fr"], organiser=organiser).first()
        if event is None:
            event = services.do_create_event(actor=actor, **values)
        elif services.event_values(event) != values:
            services.do_update_event(event, actor=actor, **values)
        events[key] = event
    return events
