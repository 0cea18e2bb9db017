"""A crisis with a FACECO fund, set up through the services: Caen's private Oudin-Santini
pledge with its council decision, half paid; Tours' public humanitarian pledge; a project
in New Orleans with a report, a document and a photo; Caen's emergency-management offer
proposed for New Orleans' need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from cityties.network.models import Organisation
from cityties.network.tests.factories import foreign_city

from .. import services as svc
from ..models import (
    Attachment,
    Crisis,
    Fund,
    Funding,
    Match,
    Need,
    Offer,
    Payment,
    Pledge,
    Project,
    Report,
)

D = Decimal
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name: str = "deliberation.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@dataclass
class World:
    crisis: Crisis
    fund: Fund
    new_orleans: Organisation
    caen_pledge: Pledge
    tours_pledge: Pledge
    payment: Payment
    project: Project
    funding: Funding
    report: Report
    document: Attachment
    photo: Attachment
    offer: Offer
    need: Need
    match: Match

    def ids(self, prefix: str = "solidarity_") -> dict[str, int]:
        return {f"{prefix}{name}": getattr(self, name).pk for name in self.__dataclass_fields__}


def make_crisis(actor: Any, *, affected: list[Organisation]) -> Crisis:
    return svc.check_create_crisis(
        actor=actor,
        fields={
            "title_fr": "Inondations en Louisiane",
            "title_en": "Louisiana floods",
            "kind": "flood",
            "country": "US",
            "region": "Louisiana",
            "occurred_on": date(2016, 8, 12),
            "description_fr": "Pluies diluviennes sur le sud de la Louisiane.",
            "description_en": "Torrential rain over southern Louisiana.",
        },
        affected=affected,
    )


def make_fund(actor: Any, crisis: Crisis, *, manager: Organisation | None, **fields: Any) -> Fund:
    values: Any = {
        "title_fr": "Fonds Louisiane",
        "title_en": "Louisiana fund",
        "channel": "faceco" if manager is not None else "network",
        "manager": manager,
        "target_amount": D("140000.00"),
        "opens_on": date(2016, 8, 20),
        "purposes": ["relief", "water", "sanitation", "reconstruction"],
        **fields,
    }
    return svc.check_create_fund(crisis, actor=actor, fields=values)


def budgets(member: Organisation, actor: Any, year: int = 2016) -> None:
    svc.check_save_oudin_budget(
        member,
        actor=actor,
        year=year,
        water=D("12480000.00"),
        sanitation=D("8250000.00"),
        waste=D("3000050.00"),
    )


def make_world(
    *, staff: Any, caen: Organisation, tours: Organisation, ministry: Organisation
) -> World:
    new_orleans = foreign_city("New Orleans")
    crisis = make_crisis(staff, affected=[new_orleans])
    fund = make_fund(staff, crisis, manager=ministry)
    budgets(caen, staff)
    caen_pledge = svc.check_create_pledge(
        fund,
        actor=staff,
        member=caen,
        amount=D("40000.00"),
        legal_basis="oudin_sanitation",
        budget_year=2016,
        pledged_on=date(2016, 9, 1),
        is_private=True,
    )
    caen_pledge = svc.check_record_decision(
        caen_pledge,
        actor=staff,
        decided_on=date(2016, 9, 26),
        reference="DEL-2016-0412",
        upload=pdf(),
    )
    payment = svc.check_add_payment(
        caen_pledge, actor=staff, paid_on=date(2016, 10, 3), amount=D("20000.00"), channel="faceco"
    )
    tours_pledge = svc.check_create_pledge(
        fund,
        actor=staff,
        member=tours,
        amount=D("15000.00"),
        legal_basis="humanitarian",
        pledged_on=date(2016, 9, 5),
    )
    project = svc.check_create_project(
        fund,
        actor=staff,
        fields={
            "partner": new_orleans,
            "title_fr": "Pompes de drainage du Lower Ninth Ward",
            "title_en": "Lower Ninth Ward drainage pumps",
            "starts_on": date(2016, 10, 1),
        },
    )
    funding = svc.check_set_funding(project, actor=staff, funder=caen, planned=D("20000.00"))
    report = svc.check_add_report(
        project,
        actor=staff,
        kind="interim",
        reported_on=date(2016, 12, 15),
        progress=40,
        summary_fr="Deux pompes sur cinq remises en service.",
        summary_en="Two pumps out of five back in service.",
    )
    document = svc.check_add_attachment(
        report, actor=staff, kind="document", caption="Rapport", upload=pdf("rapport.pdf")
    )
    photo = svc.check_add_attachment(
        report, actor=staff, kind="photo", caption="Pompe n° 2", upload=png()
    )
    offer = svc.check_create_offer(
        actor=staff,
        member=caen,
        fields={
            "domain": "emergency",
            "title": "Gestion de crise",
            "description": "Plan communal de sauvegarde et gestion des inondations.",
            "staff_days": 20,
            "languages": "fr,en",
        },
    )
    need = svc.check_create_need(
        actor=staff,
        partner=new_orleans,
        crisis=crisis,
        fields={
            "domain": "emergency",
            "title": "Flood emergency planning",
            "description": "Review the city's flood emergency plan.",
            "staff_days": 15,
            "languages": "en",
        },
    )
    match = svc.check_propose_match(need, offer, actor=staff)
    return World(
        crisis=crisis,
        fund=fund,
        new_orleans=new_orleans,
        caen_pledge=caen_pledge,
        tours_pledge=tours_pledge,
        payment=payment,
        project=project,
        funding=funding,
        report=report,
        document=document,
        photo=photo,
        offer=offer,
        need=need,
        match=match,
    )


def make_solidarity(
    *, staff: Any, caen: Organisation, tours: Organisation, ministry: Organisation
) -> dict[str, int]:
    """The world's primary keys, prefixed for the permission matrix."""
    return make_world(staff=staff, caen=caen, tours=tours, ministry=ministry).ids()


def openapi_ids(caen: Organisation) -> dict[str, list[int]]:
    """The world around `caen`, for the API fuzzing: path parameter name -> seeded ids."""
    from cityties.network.tests.factories import OrganisationFactory

    tours = OrganisationFactory(name="Ville de Tours", city="Tours")
    ministry = OrganisationFactory(name="MAEDI — DAECT", kind="ministry", is_member=False)
    world = make_world(staff=None, caen=caen, tours=tours, ministry=ministry)
    return {
        "crisis_id": [world.crisis.pk],
        "fund_id": [world.fund.pk],
        "pledge_id": [world.caen_pledge.pk, world.tours_pledge.pk],
        "project_id": [world.project.pk],
        "need_id": [world.need.pk],
        "match_id": [world.match.pk],
    }
