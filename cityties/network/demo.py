"""Loads the demo directory and the demo accounts. Idempotent: keyed by natural names."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from cityties.accounts.models import Membership, User

from . import demo_data as data
from . import services as partnership_services
from .models import Activity, CountryGroup, Organisation, Partnership, Person, Sector, Theme

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


def _date(parts: tuple[int, int, int] | None) -> date | None:
    return date(*parts) if parts else None


@transaction.atomic
def load_partnerships(orgs: dict[str, Organisation]) -> dict[str, Partnership]:
    """Themes, partnerships and activities of the minutes, through the services so that
    the history shows them; a second run changes nothing."""
    themes = {}
    for code, fr, en in data.THEMES:
        themes[code], _ = Theme.objects.update_or_create(
            code=code, defaults={"label_fr": fr, "label_en": en}
        )
    # The network's staff records the demo, as it would after the meeting.
    actor = User.objects.filter(email=data.DEMO_USERS[0][0]).first()
    partnerships: dict[str, Partnership] = {}
    for spec in data.PARTNERSHIPS:
        values = {
            "members": [orgs[key] for key in spec["members"]],
            "kind": spec["kind"],
            "title": spec["title"],
            "status": spec["status"],
            "signed_on": _date(spec["signed_on"]),
            "renewed_on": None,
            "themes": [themes[code] for code in spec["themes"]],
            "cost_sharing": spec["cost_sharing"],
            "cost_sharing_notes": spec["cost_sharing_notes"],
            "description": spec["description"],
            "is_public": spec["is_public"],
            "is_shared": spec["is_shared"],
        }
        partnership = Partnership.objects.filter(title=spec["title"]).first()
        if partnership is None:
            partnership = partnership_services.do_create_partnership(actor=actor, **values)
        elif _comparable(partnership_services.partnership_values(partnership)) != _comparable(
            values
        ):
            partnership_services.do_update_partnership(partnership, actor=actor, **values)
        partnerships[spec["key"]] = partnership
    for spec in data.ACTIVITIES:
        partnership = partnerships[spec["partnership"]]
        activity_values = {
            **{k: v for k, v in spec.items() if k != "partnership"},
            "start_date": _date(spec["start_date"]),
            "end_date": _date(spec["end_date"]),
            "budget": Decimal(spec["budget"]),
        }
        activity = Activity.objects.filter(partnership=partnership, title=spec["title"]).first()
        if activity is None:
            partnership_services.check_add_activity(partnership, actor=actor, **activity_values)
        elif partnership_services.activity_values(activity) != activity_values:
            partnership_services.check_update_activity(activity, actor=actor, **activity_values)
    return partnerships


def _comparable(values: dict) -> dict:
    """Values with related rows reduced to their ids, so that equal means unchanged."""
    return values | {
        "members": {org.pk for org in values["members"]},
        "themes": {theme.pk for theme in values["themes"]},
    }


def load() -> dict[str, Organisation]:
    orgs = load_directory()
    people = load_people(orgs)
    load_groups(orgs, people)
    load_users(orgs, people)
    load_partnerships(orgs)
    return orgs
