"""The matchmaking of the 2016 NLC City Summit (Pittsburgh): a generated list of 600
American attendees imported like a registration platform's export, the French delegates'
profiles, their requests to the people recommended to them (most accepted, some declined,
some waiting), slots around the plenaries and the lunch break, the B2B tables and the
pavilion's stands, and a computed, published schedule. Idempotent: each part is made
once. No mail is sent (the people are invented)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.db import transaction

from cityties.delegations.models import Delegation

from . import services as svc
from .demo_data import attendee_csv
from .imports.run import import_attendees
from .models import (
    Attendee,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Place,
    Profile,
    Recommendation,
    RunStatus,
    ScheduleRun,
    Slot,
)
from .services import schedule

ATTENDEES = 600
REQUESTS_PER_DELEGATE = 8

# What each French organisation offers and looks for (in French: the engine matches it
# with the Americans' English).
PROFILES: dict[str, tuple[str, str, str]] = {
    "Ville de Caen": (
        "city",
        "ville intelligente et relation citoyenne\ntourisme de mémoire",
        "partenariats économiques avec des villes américaines\naccueil d'entreprises",
    ),
    "Toulouse Métropole": (
        "city",
        "données de mobilité et transports publics",
        "coopération universitaire et recherche",
    ),
    "Ville de Tours": (
        "city",
        "efficacité énergétique des bâtiments publics",
        "éclairage public intelligent",
    ),
    "Conseil régional d'Auvergne-Rhône-Alpes": (
        "state",
        "biotechnologies et santé",
        "investissements étrangers",
    ),
    "Soyhuce": ("company", "application de relation citoyenne", "villes pilotes"),
    "Starnav": ("company", "télémédecine pour les seniors", "hôpitaux et services de santé"),
    "Garonne Données Urbaines": (
        "company",
        "plateforme de données ouvertes",
        "métropoles partenaires",
    ),
    "Touraine Capteurs": (
        "company",
        "capteurs de qualité de l'air",
        "bâtiments publics à équiper",
    ),
    "Rhône Biotech Solutions": (
        "company",
        "traitement de l'eau potable",
        "services des eaux",
    ),
}
MESSAGES = (
    "Nous serions heureux de vous présenter notre démarche lors du City Summit.",
    "We would be glad to meet you at the French village to discuss a partnership.",
    "Pourrions-nous échanger sur vos besoins ? Nous sommes au village français.",
)


def _setup(event: Any, actor: Any) -> None:
    setup = svc.setup_of(event)
    if not Slot.objects.filter(event=event).exists():
        svc.check_save_setup(
            event,
            actor=actor,
            first_day=date(2016, 11, 16),
            last_day=date(2016, 11, 19),
            day_starts=time(9, 0),
            day_ends=time(17, 0),
            slot_minutes=20,
            breaks=[["12:30", "14:00"]],
            max_requests=30,
            max_meetings=setup.max_meetings,
        )
        svc.check_generate_slots(event, actor=actor)
    if not Place.objects.filter(event=event).exists():
        svc.check_add_place(
            event, actor=actor, name="Espace rendez-vous B2B", kind="table", capacity=20
        )
        svc.check_places_from_stands(event, actor=actor)


def _profiles(event: Any, actor: Any) -> list[Profile]:
    from cityties.network.models import Sector

    svc.ensure_delegate_profiles(event)
    delegates = list(
        Profile.objects.filter(event=event, delegate__isnull=False)
        .select_related("delegate__participant__organisation")
        .order_by("pk")
    )
    for profile in delegates:
        wanted = PROFILES.get(profile.delegate.participant.organisation.name)  # type: ignore[union-attr]
        if wanted and not (profile.offers or profile.needs):
            kind, offers, needs = wanted
            svc.check_save_profile(
                profile,
                actor=actor,
                kind=kind,
                sectors=list(profile.sectors.all())
                or list(Sector.objects.filter(code="smart_city")),
                offers=offers,
                needs=needs,
                pitch=profile.pitch,
                languages=profile.languages or "fr,en",
            )
    return delegates


def _requests(event: Any, actor: Any, delegates: list[Profile]) -> None:
    if MeetingRequest.objects.filter(event=event).exists():
        return
    attendees = set(
        Profile.objects.filter(event=event, attendee__isnull=False).values_list("pk", flat=True)
    )
    count = 0
    for profile in delegates:
        picks = [
            rec.other_id
            for rec in Recommendation.objects.filter(profile=profile).order_by("rank")
            if rec.other_id in attendees
        ][:REQUESTS_PER_DELEGATE]
        for other in Profile.objects.filter(pk__in=picks).order_by("pk"):
            try:
                request = svc.check_send_request(
                    profile,
                    other,
                    actor=actor,
                    message=MESSAGES[count % len(MESSAGES)],
                    priority=1 + count % 3,
                    notify=False,
                )
            except svc.MatchmakingError:
                continue  # the other side asked first
            if count % 5 < 3:
                svc.do_answer_request(request, actor=None, accept=True, notify=False)
            elif count % 5 == 3:
                svc.do_answer_request(request, actor=None, accept=False, notify=False)
            count += 1


def _schedule(event: Any, actor: Any) -> None:
    if ScheduleRun.objects.filter(event=event, status=RunStatus.DONE).exists():
        return
    run = ScheduleRun.objects.create(event=event, started_by=actor, stage="queued")
    schedule.run(run.pk, time_limit=3)
    svc.check_publish(event, actor=actor, notify=False)


def _record_onsite(event: Any, actor: Any) -> None:
    """The summit is over: the delegates recorded their meetings as held, one in eight
    as a no-show (once: nothing is recorded again on a second load)."""
    meetings = Meeting.objects.filter(event=event).order_by("slot__starts_at", "pk")
    if meetings.exclude(status=MeetingStatus.PLANNED).exists():
        return
    with transaction.atomic():
        for count, meeting in enumerate(meetings):
            status = MeetingStatus.NO_SHOW if count % 8 == 7 else MeetingStatus.HELD
            svc.check_record_onsite(meeting, actor=actor, status=status)


def load(delegations: dict[str, Delegation], actor: Any) -> dict[str, int]:
    delegation = delegations["pittsburgh_2016"]
    event = delegation.event
    with transaction.atomic():
        _setup(event, actor)
        if not Attendee.objects.filter(event=event).exists():
            imported = import_attendees(
                attendee_csv(ATTENDEES),
                "nlc-city-summit-2016-registrants.csv",
                event=event,
                actor=actor,
                source="NLC City Summit registrations",
            )
            assert imported.outcome is not None, [e.message for e in imported.result.errors[:5]]
        delegates = _profiles(event, actor)
    svc.compute_recommendations(event)
    with transaction.atomic():
        _requests(event, actor, delegates)
    _schedule(event, actor)
    _record_onsite(event, actor)
    return {
        "event": event.pk,
        "attendees": Attendee.objects.filter(event=event).count(),
        "requests": MeetingRequest.objects.filter(event=event).count(),
    }
