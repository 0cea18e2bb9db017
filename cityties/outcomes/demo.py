"""The outcomes of the minutes. Nashville 2015: Soyhuce's contract for a citizen-relations
smartphone app (its value kept private), Starnav's tender to the City of Charlottesville,
Caen's contacts with the Nashville Technology Council (a second meeting planned for
April), references for Sans Contact Normandie, the mayor's workshop. Pittsburgh 2016:
plausible ones (a contract in dollars, tenders, an agreement with Carnegie Mellon, an
office announced). The debrief survey answered at 0 and 6 months for Nashville and at 0
months for Pittsburgh; several answers became the records. Values other than the
source's are illustrative. Idempotent: a second run changes nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from cityties.delegations.models import Delegation, Participant
from cityties.delegations.services import delegate_language

from . import services as svc
from .models import OutcomeRecord, SurveyInvitation
from .services.surveys import recipient

D = Decimal
PARIS = ZoneInfo("Europe/Paris")


def _participant(delegation: Delegation, name: str) -> Participant | None:
    return (
        Participant.objects.filter(delegation=delegation, organisation__name=name)
        .select_related("delegation__event", "organisation")
        .first()
    )


def _record(actor: Any, delegation: Delegation, name: str, **fields: Any) -> None:
    participant = _participant(delegation, name)
    if participant is not None:
        svc.check_create_record(actor=actor, participant=participant, fields=fields)  # type: ignore[arg-type]


def _answer(
    delegation: Delegation,
    name: str,
    step: int,
    *,
    answered: datetime | None,
    usefulness: int = 4,
    followups: list[tuple[str, str]] = (),  # type: ignore[assignment]
    deals: list[dict[str, Any]] = (),  # type: ignore[assignment]
    comments: str = "",
    reminded: bool = False,
) -> None:
    """An invitation as the clock would have mailed it, answered (or not) on a date."""
    participant = _participant(delegation, name)
    delegate = recipient(participant) if participant else None
    if participant is None or delegate is None:
        return
    sent = svc.due_at(delegation, step)
    invitation = SurveyInvitation.objects.create(
        delegation=delegation,
        participant=participant,
        step=step,
        person=delegate.person,
        language=delegate_language(delegate),
        sent_at=sent,
        reminded_at=sent + timedelta(days=10) if reminded else None,
    )
    if answered is None:
        return
    invitation.participant = participant
    svc.check_answer(
        invitation,
        usefulness=usefulness,
        followups=[svc.Followup(label, level) for label, level in followups],
        deals=list(deals),  # type: ignore[arg-type]
        comments=comments,
        today=answered.date(),
    )
    SurveyInvitation.objects.filter(pk=invitation.pk).update(answered_at=answered)


def load_nashville(actor: Any, delegation: Delegation) -> None:
    _record(
        actor,
        delegation,
        "Soyhuce",
        kind="contract",
        title="Application smartphone de gestion de la relation avec les administrés",
        counterpart="Ville américaine rencontrée à Nashville",
        value=D("45000.00"),
        currency="EUR",
        confidential=True,
        occurred_on=date(2016, 2, 15),
        duration_months=12,
        notes="Valeur communiquée à la ville de Caen sous réserve de confidentialité.",
    )
    _record(
        actor,
        delegation,
        "Ville de Caen",
        kind="press",
        title="Atelier animé par le maire de Caen, première prise de parole étrangère",
        counterpart="National League of Cities",
        occurred_on=date(2015, 11, 5),
    )
    _answer(
        delegation,
        "Ville de Caen",
        0,
        answered=datetime(2015, 11, 20, 10, 0, tzinfo=PARIS),
        usefulness=5,
        followups=[("Nashville Technology Council", "valuable")],
        comments="Des contacts privilégiés qu'une démarche autonome n'aurait pas permis.",
    )
    _answer(
        delegation,
        "Starnav",
        0,
        answered=datetime(2015, 11, 25, 9, 0, tzinfo=PARIS),
        usefulness=5,
        deals=[
            {
                "kind": "tender",
                "title": "Appel d'offres de la ville de Charlottesville",
                "counterpart": "City of Charlottesville",
                "value": D("120000.00"),
                "currency": "USD",
                "status": "submitted",
                "occurred_on": date(2015, 11, 23),
            }
        ],
    )
    _answer(
        delegation,
        "Sans Contact Normandie",
        0,
        answered=datetime(2015, 11, 27, 16, 0, tzinfo=PARIS),
        usefulness=4,
        followups=[("Références auprès de villes américaines", "knowledge")],
    )
    _answer(
        delegation,
        "Soyhuce",
        0,
        answered=datetime(2015, 11, 19, 11, 0, tzinfo=PARIS),
        usefulness=5,
        comments="L'accompagnement de la ville a beaucoup compté.",
    )
    # Six months on: the second meeting with the Technology Council took place in April.
    _answer(
        delegation,
        "Ville de Caen",
        6,
        answered=datetime(2016, 5, 12, 10, 0, tzinfo=PARIS),
        usefulness=5,
        followups=[("Nashville Technology Council", "negotiation")],
    )
    _answer(delegation, "Starnav", 6, answered=datetime(2016, 5, 17, 9, 0, tzinfo=PARIS))
    _answer(delegation, "Soyhuce", 6, answered=datetime(2016, 5, 18, 14, 0, tzinfo=PARIS))
    _answer(delegation, "Sans Contact Normandie", 6, answered=None, reminded=True)


def load_pittsburgh(actor: Any, delegation: Delegation) -> None:
    _record(
        actor,
        delegation,
        "Soyhuce",
        kind="contract",
        title="Application de relation citoyenne pour une deuxième ville américaine",
        counterpart="City of Pittsburgh — Department of Innovation & Performance",
        value=D("60000.00"),
        currency="EUR",
        confidential=True,
        occurred_on=date(2017, 3, 15),
        duration_months=24,
        notes="Rencontre au stand A, suivie d'une démonstration en janvier.",
    )
    _record(
        actor,
        delegation,
        "Garonne Données Urbaines",
        kind="contract",
        title="Données de mobilité ouvertes pour le réseau de bus",
        counterpart="Port Authority of Allegheny County",
        value=D("35000.00"),
        currency="USD",
        occurred_on=date(2017, 5, 2),
        duration_months=12,
    )
    _record(
        actor,
        delegation,
        "Rhône Biotech Solutions",
        kind="investment",
        title="Bureau à Pittsburgh pour le marché nord-américain",
        counterpart="Pittsburgh Life Sciences Greenhouse",
        value=D("250000.00"),
        currency="EUR",
        jobs=3,
        occurred_on=date(2017, 9, 1),
    )
    _record(
        actor,
        delegation,
        "Ville de Caen",
        kind="press",
        title="Le « village français » dans la presse de Pittsburgh",
        counterpart="Pittsburgh Post-Gazette",
        occurred_on=date(2016, 11, 18),
    )
    _answer(
        delegation,
        "Ville de Caen",
        0,
        answered=datetime(2016, 11, 30, 10, 0, tzinfo=PARIS),
        usefulness=5,
        followups=[("City of Pittsburgh — International Relations", "valuable")],
    )
    _answer(
        delegation,
        "Starnav",
        0,
        answered=datetime(2016, 12, 2, 9, 0, tzinfo=PARIS),
        usefulness=4,
        deals=[
            {
                "kind": "tender",
                "title": "Suivi des patients pour les services de santé du comté",
                "counterpart": "Allegheny County Health Department",
                "value": D("80000.00"),
                "currency": "USD",
                "status": "submitted",
                "occurred_on": date(2016, 12, 1),
            }
        ],
    )
    _answer(
        delegation,
        "Touraine Capteurs",
        0,
        answered=datetime(2016, 11, 28, 15, 0, tzinfo=PARIS),
        usefulness=4,
        followups=[
            ("Pittsburgh Office of Sustainability", "negotiation"),
            ("Carnegie Mellon University", "valuable"),
        ],
        deals=[
            {
                "kind": "tender",
                "title": "Capteurs d'efficacité énergétique pour les écoles",
                "counterpart": "Pittsburgh Public Schools",
                "value": D("65000.00"),
                "currency": "USD",
                "status": "shortlisted",
                "occurred_on": date(2016, 11, 25),
            }
        ],
    )
    _answer(
        delegation,
        "Rhône Biotech Solutions",
        0,
        answered=datetime(2016, 11, 29, 11, 0, tzinfo=PARIS),
        usefulness=5,
        followups=[("Carnegie Mellon University", "agreement")],
    )
    _answer(
        delegation,
        "Conseil régional d'Auvergne-Rhône-Alpes",
        0,
        answered=datetime(2016, 12, 5, 10, 0, tzinfo=PARIS),
        usefulness=4,
        followups=[("Pennsylvania Department of Community and Economic Development", "valuable")],
    )
    _answer(delegation, "Soyhuce", 0, answered=datetime(2016, 11, 27, 18, 0, tzinfo=PARIS))
    for name in ("Toulouse Métropole", "Ville de Tours", "Garonne Données Urbaines"):
        _answer(delegation, name, 0, answered=None, reminded=True)


@transaction.atomic
def load(delegations: dict[str, Delegation], actor: Any) -> None:
    nashville, pittsburgh = delegations["nashville_2015"], delegations["pittsburgh_2016"]
    for delegation, loader in ((nashville, load_nashville), (pittsburgh, load_pittsburgh)):
        if not OutcomeRecord.objects.filter(delegation=delegation).exists():
            loader(actor, delegation)
    svc.refresh([nashville.pk, pittsburgh.pk])
