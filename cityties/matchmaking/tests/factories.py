"""A matchmaking of one of everything, made through the services (the permission matrix,
the API fuzzing and the tests use it): Caen leads a delegation to the event with its
officer and Soyhuce's representative as delegates; two attendees; slots, a table, a
request accepted and placed, one pending."""

from __future__ import annotations

from datetime import time
from typing import Any, cast

from cityties.delegations import services as delegation_services
from cityties.events.models import Event
from cityties.network.models import Organisation, Person, Sector
from cityties.network.tests.factories import PersonFactory

from .. import services as svc
from ..imports.run import import_attendees
from ..models import Meeting, Profile

ATTENDEES_CSV = (
    "NLC City Summit 2016 — attendee list\n"
    "\n"
    "First Name,Last Name,Email,Organization,Title,City,State,Interests,Needs\n"
    "Jane,Doe,jane.doe@pittsburghpa.gov,City of Pittsburgh,Chief Innovation Officer,"
    'Pittsburgh,PA,"Smart city, Digital",resident engagement\n'
    "Marcus,Lee,mlee@alleghenycounty.us,Allegheny County,County Executive,Pittsburgh,PA,"
    "Health,remote care for elderly residents\n"
)


SECTORS = [
    ("smart_city", "Ville intelligente", "Smart city"),
    ("digital", "Numérique", "Digital"),
    ("health", "Santé", "Health"),
    ("mobility", "Mobilité", "Mobility"),
]


def _person(organisation: Organisation, user: Any, languages: str, first: str, last: str) -> Person:
    """The user's person when they have one already (a user is one person)."""
    existing = Person.objects.filter(user=user).first() if user is not None else None
    if existing is not None:
        return existing
    return cast(
        Person,
        PersonFactory(
            organisation=organisation,
            user=user,
            languages=languages,
            first_name=first,
            last_name=last,
            email=f"{first}.{last}@example.org".lower(),
        ),
    )


def make_matchmaking(
    event: Event,
    *,
    actor: Any,
    lead: Organisation,
    company: Organisation,
    lead_user: Any = None,
    rep: Any = None,
) -> dict[str, Any]:
    delegation = delegation_services.check_create_delegation(
        actor=actor, title="Délégation au City Summit", event=event, lead=lead
    )
    participant = delegation_services.check_add_company(
        delegation, actor=actor, company=company, sponsor=lead
    )
    government = delegation.participants.get(organisation=lead)
    officer = delegation_services.check_add_delegate(
        government,
        actor=actor,
        person=_person(lead, lead_user, "fr,en", "Claire", "Vautier"),
        role="staff",
    )
    seller = delegation_services.check_add_delegate(
        participant,
        actor=actor,
        person=_person(company, rep, "fr", "Antoine", "Girard"),
        role="company",
    )
    svc.check_save_setup(event, actor=actor, day_starts=time(9, 0), day_ends=time(11, 0), breaks=[])
    svc.check_generate_slots(event, actor=actor)
    place = svc.check_add_place(event, actor=actor, name="Tables B2B", kind="table", capacity=2)
    for code, fr, en in SECTORS:
        Sector.objects.get_or_create(code=code, defaults={"label_fr": fr, "label_en": en})
    imported = import_attendees(ATTENDEES_CSV.encode(), "attendees.csv", event=event, actor=actor)
    assert imported.outcome is not None, [e.message for e in imported.result.errors]
    svc.ensure_delegate_profiles(event)
    officer_profile = Profile.objects.get(delegate=officer)
    seller_profile = Profile.objects.get(delegate=seller)
    jane = Profile.objects.get(attendee__email="jane.doe@pittsburghpa.gov")
    marcus = Profile.objects.get(attendee__email="mlee@alleghenycounty.us")
    accepted = svc.check_send_request(seller_profile, jane, actor=actor, message="Hello")
    svc.do_answer_request(accepted, actor=None, accept=True)
    pending = svc.check_send_request(officer_profile, marcus, actor=actor, message="Bonjour")
    svc.check_save_profile(
        seller_profile,
        actor=actor,
        kind="company",
        sectors=list(Sector.objects.filter(code="smart_city")),
        offers="application de relation citoyenne",
        languages="fr,en",
    )
    svc.compute_recommendations(event)
    run = svc.check_start_run(event, actor=actor, time_limit=1)
    from ..services import schedule

    schedule.run(run.pk, time_limit=1)
    meeting = Meeting.objects.get(request=accepted)
    return {
        "mm_event": event.pk,
        "mm_delegation": delegation.pk,
        "mm_officer": officer_profile.pk,
        "mm_seller": seller_profile.pk,
        "mm_jane": jane.pk,
        "mm_marcus": marcus.pk,
        "mm_attendee": jane.attendee_id,
        "mm_accepted": accepted.pk,
        "mm_pending": pending.pk,
        "mm_meeting": meeting.pk,
        "mm_place": place.pk,
        "mm_slot": meeting.slot_id,
        "mm_run": run.pk,
        "mm_answer_token": svc.answer_token(pending),
        "mm_attendee_token": svc.attendee_token(marcus.attendee),
    }


def import_on_command_line(path: Any, event: Event, actor: Any) -> dict[str, Any]:
    """`python -m cityties import attendees PATH --default event=<id> --json`, as the issue
    is checked: the JSON report."""
    import io
    import json

    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "import",
        "attendees",
        str(path),
        "--default",
        f"event={event.pk}",
        "--as",
        actor.email,
        "--json",
        stdout=out,
    )
    return cast(dict[str, Any], json.loads(out.getvalue()))
