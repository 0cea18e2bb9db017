"""Outcomes of the test village, entered through the services: Soyhuce's contract (its
value kept private), Starnav's tender in dollars, Touraine Capteurs' contacts and a
contract, and the ministry's view of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from cityties.pavilion.tests.factories import Village

from .. import services as svc
from ..models import OutcomeRecord

D = Decimal


@dataclass
class Outcomes:
    village: Village
    soyhuce_contract: OutcomeRecord
    starnav_tender: OutcomeRecord
    capteurs_contact: OutcomeRecord
    capteurs_contract: OutcomeRecord


def record(participant: Any, actor: Any, **fields: Any) -> OutcomeRecord:
    fields.setdefault("occurred_on", date(2016, 12, 1))
    fields.setdefault("title", fields["kind"])
    return svc.check_create_record(actor=actor, participant=participant, fields=fields)


def make_outcomes(village: Village, *, actor: Any) -> Outcomes:
    companies = village.companies
    return Outcomes(
        village=village,
        soyhuce_contract=record(
            companies["soyhuce"],
            actor,
            kind="contract",
            title="Application de relation citoyenne",
            counterpart="City of Nashville",
            value=D("48000.00"),
            currency="EUR",
            confidential=True,
            duration_months=24,
            notes="Négocié avec le directeur du numérique.",
        ),
        starnav_tender=record(
            companies["starnav"],
            actor,
            kind="tender",
            title="Appel d'offres de Charlottesville",
            counterpart="City of Charlottesville",
            value=D("100000.00"),
            currency="USD",
            status="submitted",
        ),
        capteurs_contact=record(
            companies["capteurs"], actor, kind="contact", title="Pittsburgh Energy Office"
        ),
        capteurs_contract=record(
            companies["capteurs"],
            actor,
            kind="contract",
            title="Capteurs pour trois écoles",
            counterpart="Pittsburgh Public Schools",
            value=D("15000.00"),
        ),
    )


def make_outcome_rows(participant_id: int, partnership_id: int, city: Any) -> dict[str, int]:
    """A private contract of a company participant and a partnership's agreement: the rows
    the URL matrix and the API schema tests reach."""
    from cityties.delegations.models import Participant
    from cityties.network.models import Partnership

    participant = Participant.objects.select_related("delegation__event").get(pk=participant_id)
    contract = svc.check_create_record(
        actor=None,
        participant=participant,
        fields={
            "kind": "contract",
            "title": "Application de relation citoyenne",
            "counterpart": "City of Nashville",
            "value": D("48000.00"),
            "occurred_on": date(2016, 12, 1),
            "confidential": True,
        },
    )
    agreement = svc.check_create_record(
        actor=None,
        partnership=Partnership.objects.get(pk=partnership_id),
        organisation=city,
        fields={"kind": "agreement", "title": "Accord économique", "occurred_on": date(2016, 6, 7)},
    )
    return {"record": contract.pk, "partnership_record": agreement.pk}
