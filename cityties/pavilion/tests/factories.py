"""A village of two shared stands for five companies from three cities, set up through
the services, with an export-agency rule capped per company."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from cityties.delegations import services as delegation_services
from cityties.delegations.models import Delegation, Participant
from cityties.network.models import Organisation
from cityties.network.tests.factories import OrganisationFactory

from .. import services as svc
from ..models import CostItem, SubsidyRule

D = Decimal


@dataclass
class Village:
    delegation: Delegation
    cities: dict[str, Participant]
    companies: dict[str, Participant]
    stands: list[CostItem]
    rule: SubsidyRule
    agency: Organisation


def make_village(
    delegation: Delegation,
    *,
    actor: Any,
    caen: Organisation,
    tours: Organisation,
    company: Organisation,
) -> Village:
    toulouse = OrganisationFactory(name="Toulouse Métropole", city="Toulouse")
    agency: Any = OrganisationFactory(name="Business France", kind="agency", is_member=False)
    delegation_services.check_add_supporter(
        delegation, actor=actor, organisation=agency, role="funder"
    )
    sponsors = {"caen": caen, "tours": tours, "toulouse": toulouse}
    wanted = [
        ("soyhuce", company, "caen"),
        (
            "starnav",
            OrganisationFactory(name="Starnav", kind="company", is_member=False, sponsor=caen),
            "caen",
        ),
        (
            "capteurs",
            OrganisationFactory(
                name="Touraine Capteurs", kind="company", is_member=False, sponsor=tours
            ),
            "tours",
        ),
        (
            "loire",
            OrganisationFactory(
                name="Loire Numérique", kind="company", is_member=False, sponsor=tours
            ),
            "tours",
        ),
        (
            "garonne",
            OrganisationFactory(
                name="Garonne Données", kind="company", is_member=False, sponsor=toulouse
            ),
            "toulouse",
        ),
    ]
    companies = {}
    for key, organisation, city in wanted:
        companies[key] = delegation_services.check_add_company(
            delegation, actor=actor, company=organisation, sponsor=sponsors[city]
        )
        svc.check_save_facts(companies[key], actor=actor, fields={"sme": True})
    cities = {
        key: Participant.objects.get(delegation=delegation, organisation=org)
        for key, org in sponsors.items()
    }
    svc.check_set_rate(
        delegation,
        actor=actor,
        currency="USD",
        rate=D("0.9013"),
        source="BCE",
        on_date=date(2016, 6, 30),
    )
    first = svc.check_create_item(
        delegation,
        actor=actor,
        fields={
            "kind": "stand",
            "label": "Stand A",
            "planned_amount": D("2000.00"),
            "currency": "USD",
            "area_m2": D("9"),
            "split": "equal",
        },
    )
    for key in ("soyhuce", "starnav", "capteurs"):
        svc.check_set_share(first, actor=actor, participant=companies[key])
    second = svc.check_create_item(
        delegation,
        actor=actor,
        fields={
            "kind": "stand",
            "label": "Stand B",
            "planned_amount": D("4000.00"),
            "currency": "USD",
            "area_m2": D("18"),
            "split": "area",
        },
    )
    svc.check_set_share(second, actor=actor, participant=companies["loire"], area_m2=D("12"))
    svc.check_set_share(second, actor=actor, participant=companies["garonne"], area_m2=D("6"))
    rule = svc.check_create_rule(
        delegation,
        actor=actor,
        fields={
            "label": "Pavillon France",
            "funder": agency,
            "rate": D("50"),
            "kinds": ["stand", "registration"],
            "participant_kind": "company",
            "sme_only": True,
            "cap_per_participant": D("1000.00"),
        },
    )
    return Village(delegation, cities, companies, [first, second], rule, agency)


def make_pavilion(delegation: Delegation, *, funder: Organisation) -> dict[str, int]:
    """One stand shared by the delegation's participants, a covered part, a USD rate and
    a rule: the rows the URL matrix and the API schema tests reach."""
    participants = list(delegation.participants.all())
    government = next(p for p in participants if p.kind == "government")
    rate = svc.check_set_rate(
        delegation,
        actor=None,
        currency="USD",
        rate=D("0.9013"),
        source="BCE",
        on_date=date(2016, 6, 30),
    )
    stand = svc.check_create_item(
        delegation,
        actor=None,
        fields={
            "kind": "stand",
            "label": "Stand 1",
            "planned_amount": D("2000.00"),
            "currency": "USD",
            "area_m2": D("9"),
            "split": "equal",
        },
    )
    share = None
    for participant in participants:
        share = svc.check_set_share(stand, actor=None, participant=participant)
    cover = svc.check_set_cover(stand, actor=None, participant=government, amount=D("300.00"))
    rule = svc.check_create_rule(
        delegation,
        actor=None,
        fields={"label": "Aide", "funder": funder, "rate": D("50"), "kinds": ["stand"]},
    )
    assert share is not None
    return {
        "item": stand.pk,
        "share": share.pk,
        "cover": cover.pk,
        "rate": rate.pk,
        "rule": rule.pk,
    }
