"""Loads the demo directory and the demo accounts. Idempotent: keyed by natural names."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from cityties.accounts.models import Membership, User

from . import demo_data as data
from .models import CountryGroup, Organisation, Person, Sector

CONSENT_DATE = datetime(2016, 3, 30, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@transaction.atomic
def load_directory() -> dict[str, Organisation]:
    sectors = {}
    for code, fr, en in data.SECTORS:
        sectors[code], _ = Sector.objects.update_or_create(
            code=code, defaults={"label_fr": fr, "label_en": en}
        )
    orgs: dict[str, Organisation] = {}
    for (
        key,
        name,
        short,
        kind,
        country,
        region,
        city,
        lat,
        lon,
        member,
        website,
        org_sectors,
    ) in data.ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(
            name=name,
            country=country,
            defaults={
                "short_name": short,
                "kind": kind,
                "region": region,
                "city": city,
                "latitude": lat,
                "longitude": lon,
                "is_member": member,
                "website": website,
                "description": data.COMPANY_DESCRIPTIONS.get(key, ""),
            },
        )
        org.sectors.set([sectors[code] for code in org_sectors])
        orgs[key] = org
    for company, sponsor in data.COMPANY_SPONSORS.items():
        orgs[company].sponsor = orgs[sponsor]
        orgs[company].save(update_fields=["sponsor"])
    return orgs


@transaction.atomic
def load_people(orgs: dict[str, Organisation]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for key, civility, first, last, function, org_key, languages in data.PEOPLE:
        person, _ = Person.objects.update_or_create(
            first_name=first,
            last_name=last,
            organisation=orgs[org_key],
            defaults={
                "civility": civility,
                "function": function,
                "languages": languages,
                "email": f"{first}.{last}".lower().replace(" ", "-") + "@example.org",
                "consent_given": True,
                "consent_date": CONSENT_DATE,
            },
        )
        people[key] = person
    return people


@transaction.atomic
def load_groups(orgs: dict[str, Organisation], people: dict[str, Person]) -> CountryGroup:
    group, _ = CountryGroup.objects.update_or_create(
        federation=orgs["cuf"],
        country="US",
        defaults={
            "name": "Groupe-pays États-Unis",
            "president": people["president"],
            "staff_lead": people["cuf_cm"],
            "description": "French local governments working with American cities, states "
            "and associations: twinnings, the NLC City Summit delegation, economic missions.",
        },
    )
    group.members.set([orgs[key] for key in data.US_GROUP_MEMBERS])
    return group


@transaction.atomic
def load_users(orgs: dict[str, Organisation], people: dict[str, Person]) -> list[User]:
    users = []
    for email, person_key, org_key, role in data.DEMO_USERS:
        person = people[person_key]
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, data.DEMO_PASSWORD, full_name=person.full_name)
        Membership.objects.get_or_create(user=user, organisation=orgs[org_key], role=role)
        if person.user_id != user.pk:
            person.user = user
            person.save(update_fields=["user"])
        users.append(user)
    return users


def load() -> dict[str, Organisation]:
    orgs = load_directory()
    people = load_people(orgs)
    load_groups(orgs, people)
    load_users(orgs, people)
    return orgs
