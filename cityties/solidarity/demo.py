"""The solidarity of the minutes' last paragraph: after Haiti's earthquake (2010), the
network's fund and what it paid for, closed with its final reports; and an open fund
through FACECO for a partner of the United States group, New Orleans, after the Louisiana
floods of August 2016, with the group's members pledging (Caen under Oudin-Santini, with
its council decision), paying in part, a project with an interim report, and Toulouse's
emergency managers (who went to the New Orleans colloquium after Katrina) matched to the
city's need. Amounts, references and people are illustrative. Idempotent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import translation

from cityties.network import services as network_services
from cityties.network.models import Organisation

from . import services as svc
from .demo_files import pdf, png
from .models import Crisis, Fund, Pledge, Project

D = Decimal
CUF = "Cités Unies France"
MAEDI = "Ministère des Affaires étrangères et du Développement international — DAECT"
NEW_ORLEANS = "City of New Orleans"


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name, archived_at=None)


def _haiti_city(actor: Any, name: str, region: str, lat: float, lon: float) -> Organisation:
    found = Organisation.objects.filter(name=name, country="HT").first()
    return found or network_services.check_create_organisation(
        actor=actor,
        name=name,
        kind="foreign_city",
        country="HT",
        region=region,
        city=name.removeprefix("Ville de "),
        latitude=lat,
        longitude=lon,
    )


def _pledge(
    fund: Fund,
    actor: Any,
    member: str,
    amount: str,
    basis: str,
    pledged_on: date,
    *,
    decided_on: date | None = None,
    paid: Sequence[tuple[date, str]] = (),
    private: bool = False,
    document: bool = False,
) -> Pledge:
    pledge = svc.check_create_pledge(
        fund,
        actor=actor,
        member=_org(member),
        amount=D(amount),
        legal_basis=basis,
        pledged_on=pledged_on,
        is_private=private,
    )
    if decided_on:
        number = f"DEL-{decided_on.year}-{pledge.pk:04d}"
        upload = None
        if document:
            upload = pdf(
                f"deliberation-{number}.pdf",
                [
                    f"{member} - extrait du registre des délibérations",
                    f"Séance du {decided_on:%d/%m/%Y}, délibération n° {number}",
                    f"Objet : contribution de {amount} EUR au {fund.title_fr}",
                    f"Base légale : {pledge.get_legal_basis_display()}",
                ],
            )
        pledge = svc.check_record_decision(
            pledge, actor=actor, decided_on=decided_on, reference=number, upload=upload
        )
    for paid_on, value in paid:
        svc.check_add_payment(
            pledge, actor=actor, paid_on=paid_on, amount=D(value), channel=_channel(fund)
        )
    return pledge


def _channel(fund: Fund) -> str:
    return {"faceco": "faceco", "network": "network"}.get(fund.channel, "direct")


def _report(
    project: Project,
    actor: Any,
    kind: str,
    on: date,
    progress: int,
    fr: str,
    en: str,
    colour: tuple[int, int, int],
) -> None:
    report = svc.check_add_report(
        project,
        actor=actor,
        kind=kind,
        reported_on=on,
        progress=progress,
        summary_fr=fr,
        summary_en=en,
    )
    svc.check_add_attachment(
        report,
        actor=actor,
        kind="document",
        caption=f"{report.get_kind_display()} – {project.title_fr}",
        upload=pdf(f"rapport-{report.pk}.pdf", [project.title_fr, f"{on:%d/%m/%Y}", fr]),
    )
    svc.check_add_attachment(
        report,
        actor=actor,
        kind="photo",
        caption=f"{project.title_fr}, {on:%m/%Y}",
        upload=png(f"photo-{report.pk}.png", colour),
    )


def load_haiti(actor: Any) -> Fund:
    existing = Fund.objects.filter(title_fr="Fonds de solidarité Haïti").first()
    if existing:
        return existing
    port_au_prince = _haiti_city(actor, "Ville de Port-au-Prince", "Ouest", 18.5944, -72.3074)
    jacmel = _haiti_city(actor, "Ville de Jacmel", "Sud-Est", 18.2342, -72.5347)
    crisis = svc.check_create_crisis(
        actor=actor,
        fields={
            "title_fr": "Séisme en Haïti",
            "title_en": "Haiti earthquake",
            "kind": "earthquake",
            "country": "HT",
            "region": "Ouest, Sud-Est",
            "occurred_on": date(2010, 1, 12),
            "description_fr": "Séisme de magnitude 7 près de Port-au-Prince : plus de 200 000 "
            "morts, 1,5 million de sans-abri, Jacmel et Léogâne dévastées.",
            "description_en": "A magnitude 7 earthquake near Port-au-Prince: over 200,000 dead, "
            "1.5 million homeless, Jacmel and Léogâne devastated.",
        },
        affected=[port_au_prince, jacmel],
    )
    fund = svc.check_create_fund(
        crisis,
        actor=actor,
        fields={
            "title_fr": "Fonds de solidarité Haïti",
            "title_en": "Haiti solidarity fund",
            "channel": "network",
            "manager": _org(CUF),
            "target_amount": D("300000.00"),
            "opens_on": date(2010, 1, 15),
            "closes_on": date(2011, 12, 31),
            "purposes": ["relief", "water", "sanitation", "reconstruction", "education"],
            "purpose_fr": "Reconstruction d'écoles et de l'accès à l'eau, aux côtés des "
            "collectivités haïtiennes partenaires.",
            "purpose_en": "Rebuilding schools and access to water, alongside the partner "
            "Haitian local governments.",
        },
    )
    svc.check_save_oudin_budget(
        _org("Métropole de Lyon"),
        actor=actor,
        year=2010,
        water=D("95000000.00"),
        sanitation=D("120000000.00"),
        waste=None,
    )
    early = date(2010, 2, 1)
    for member, amount, basis in [
        ("Ville de Caen", "30000.00", "humanitarian"),
        ("Métropole de Lyon", "80000.00", "oudin_water"),
        ("Ville de Toulouse", "50000.00", "own_budget"),
        ("Ville de Marseille", "40000.00", "humanitarian"),
        ("Ville de Nancy", "15000.00", "humanitarian"),
        ("Ville du Havre", "20000.00", "humanitarian"),
        ("Ville de Saint-Étienne", "10000.00", "humanitarian"),
    ]:
        _pledge(
            fund, actor, member, amount, basis, early,
            decided_on=date(2010, 2, 22), paid=[(date(2010, 4, 15), amount)],
        )  # fmt: skip
    _pledge(
        fund, actor, "Ville de Tours", "10000.00", "humanitarian", early,
        decided_on=date(2010, 3, 1), paid=[(date(2010, 5, 3), "10000.00")], private=True,
    )  # fmt: skip
    school = svc.check_create_project(
        fund,
        actor=actor,
        fields={
            "partner": jacmel,
            "title_fr": "Reconstruction de l'école communale de Jacmel",
            "title_en": "Rebuilding Jacmel's municipal school",
            "description_fr": "Huit classes parasismiques pour 400 élèves.",
            "description_en": "Eight earthquake-resistant classrooms for 400 pupils.",
            "starts_on": date(2010, 6, 1),
            "ends_on": date(2011, 9, 30),
        },
    )
    svc.check_set_funding(
        school, actor=actor, funder=_org(CUF), planned=D("150000.00"), spent=D("148200.00")
    )
    svc.check_set_funding(
        school, actor=actor, funder=jacmel, planned=D("10000.00"), spent=D("12400.00")
    )
    _report(
        school, actor, "interim", date(2010, 12, 10), 45,
        "Fondations et gros œuvre terminés ; quatre classes hors d'eau.",
        "Foundations and structure done; four classrooms weatherproof.", (150, 120, 90),
    )  # fmt: skip
    _report(
        school, actor, "final", date(2011, 10, 20), 100,
        "Huit classes ouvertes à la rentrée 2011, 412 élèves accueillis.",
        "Eight classrooms opened for the 2011 school year, 412 pupils enrolled.",
        (200, 170, 120),
    )  # fmt: skip
    water = svc.check_create_project(
        fund,
        actor=actor,
        fields={
            "partner": port_au_prince,
            "title_fr": "Bornes-fontaines de Carrefour-Feuilles",
            "title_en": "Carrefour-Feuilles standpipes",
            "starts_on": date(2010, 5, 1),
            "ends_on": date(2011, 6, 30),
        },
    )
    svc.check_set_funding(
        water, actor=actor, funder=_org("Métropole de Lyon"), planned=D("80000.00"),
        spent=D("79350.00"),
    )  # fmt: skip
    _report(
        water, actor, "final", date(2011, 7, 15), 100,
        "Vingt-deux bornes-fontaines et un comité de l'eau par quartier.",
        "Twenty-two standpipes and a water committee in each neighbourhood.", (90, 120, 160),
    )  # fmt: skip
    svc.check_update_fund(fund, actor=actor, fields={"status": "closed"})
    svc.check_update_crisis(crisis, actor=actor, fields={"status": "closed"})
    return fund


def load_louisiana(actor: Any) -> Fund:
    existing = Fund.objects.filter(title_fr="Fonds Louisiane 2016").first()
    if existing:
        return existing
    new_orleans = _org(NEW_ORLEANS)
    crisis = svc.check_create_crisis(
        actor=actor,
        fields={
            "title_fr": "Inondations en Louisiane",
            "title_en": "Louisiana floods",
            "kind": "flood",
            "country": "US",
            "region": "Louisiana",
            "occurred_on": date(2016, 8, 12),
            "description_fr": "Des pluies diluviennes submergent le sud de la Louisiane ; "
            "les quartiers bas de La Nouvelle-Orléans sont touchés, onze ans après Katrina.",
            "description_en": "Torrential rain floods southern Louisiana; New Orleans' "
            "low-lying neighbourhoods are hit, eleven years after Katrina.",
            "status": "recovery",
        },
        affected=[new_orleans],
    )
    fund = svc.check_create_fund(
        crisis,
        actor=actor,
        fields={
            "title_fr": "Fonds Louisiane 2016",
            "title_en": "Louisiana 2016 fund",
            "channel": "faceco",
            "manager": _org(MAEDI),
            "target_amount": D("140000.00"),
            "opens_on": date(2016, 8, 22),
            "closes_on": date(2017, 6, 30),
            "purposes": ["relief", "water", "sanitation", "reconstruction", "expertise"],
            "purpose_fr": "Drainage et pompage des eaux, relogement d'urgence, expertise en "
            "gestion de crise.",
            "purpose_en": "Drainage and pumping, emergency housing, emergency-management "
            "expertise.",
        },
    )
    caen = _org("Ville de Caen")
    svc.check_save_oudin_budget(
        caen,
        actor=actor,
        year=2016,
        water=D("12480000.00"),
        sanitation=D("8250000.00"),
        waste=D("3000050.00"),
    )
    _pledge(
        fund, actor, "Ville de Caen", "40000.00", "oudin_sanitation", date(2016, 9, 1),
        decided_on=date(2016, 9, 26), paid=[(date(2016, 10, 3), "20000.00")], document=True,
    )  # fmt: skip
    _pledge(
        fund, actor, "Ville de Toulouse", "30000.00", "humanitarian", date(2016, 8, 29),
        decided_on=date(2016, 9, 15), paid=[(date(2016, 10, 10), "30000.00")], document=True,
    )  # fmt: skip
    _pledge(
        fund, actor, "Ville de Marseille", "25000.00", "humanitarian", date(2016, 9, 5),
        decided_on=date(2016, 10, 3), document=True,
    )  # fmt: skip
    _pledge(
        fund, actor, "Ville du Havre", "10000.00", "humanitarian", date(2016, 9, 8),
        decided_on=date(2016, 9, 29), paid=[(date(2016, 11, 4), "5000.00")],
    )  # fmt: skip
    _pledge(fund, actor, "Ville de Nancy", "5000.00", "own_budget", date(2016, 9, 12))
    _pledge(
        fund, actor, "Ville de Tours", "10000.00", "own_budget", date(2016, 9, 14), private=True
    )
    pumps = svc.check_create_project(
        fund,
        actor=actor,
        fields={
            "partner": new_orleans,
            "title_fr": "Remise en état des stations de pompage du Lower Ninth Ward",
            "title_en": "Restoring the Lower Ninth Ward pumping stations",
            "description_fr": "Cinq pompes de drainage noyées par la crue.",
            "description_en": "Five drainage pumps drowned by the flood.",
            "starts_on": date(2016, 10, 1),
            "ends_on": date(2017, 5, 31),
        },
    )
    svc.check_set_funding(
        pumps, actor=actor, funder=_org(MAEDI), planned=D("60000.00"), spent=D("21800.00")
    )
    svc.check_set_funding(
        pumps, actor=actor, funder=caen, planned=D("20000.00"), spent=D("9500.00")
    )
    _report(
        pumps, actor, "interim", date(2016, 12, 15), 40,
        "Deux pompes sur cinq remises en service ; commande des moteurs de remplacement.",
        "Two pumps out of five back in service; replacement motors ordered.", (70, 90, 70),
    )  # fmt: skip
    _expertise(actor, crisis, new_orleans)
    return fund


def _expertise(actor: Any, crisis: Crisis, new_orleans: Organisation) -> None:
    toulouse = svc.check_create_offer(
        actor=actor,
        member=_org("Ville de Toulouse"),
        fields={
            "domain": "emergency",
            "title": "Gestion de crise et plan communal de sauvegarde",
            "description": "Les gestionnaires de crise de Toulouse, présents au colloque de La "
            "Nouvelle-Orléans après Katrina : plan de sauvegarde, exercices, gestion des "
            "inondations et retour d'expérience d'AZF.",
            "staff_days": 20,
            "languages": "fr,en",
            "starts_on": date(2016, 9, 1),
            "ends_on": date(2017, 6, 30),
        },
    )
    svc.check_create_offer(
        actor=actor,
        member=_org("Ville de Caen"),
        fields={
            "domain": "water",
            "title": "Assainissement et eaux pluviales",
            "description": "Ingénieurs du service de l'assainissement : bassins d'orage, "
            "réseaux unitaires.",
            "staff_days": 10,
            "languages": "fr",
        },
    )
    need = svc.check_create_need(
        actor=actor,
        partner=new_orleans,
        crisis=crisis,
        fields={
            "domain": "emergency",
            "title": "Flood emergency plan review",
            "description": "Review the city's flood emergency plan and run a crisis exercise "
            "with the Office of Homeland Security and Emergency Preparedness.",
            "staff_days": 15,
            "languages": "en",
            "starts_on": date(2016, 10, 1),
            "ends_on": date(2017, 3, 31),
        },
    )
    match = svc.check_propose_match(need, toulouse, actor=actor)
    svc.check_answer_match(match, actor=actor, accept=True)


def load(actor: Any) -> dict[str, Fund]:
    """The two funds; the directory (network demo) must be loaded."""
    # The documents and captions it writes are in French, whatever the command's language.
    with transaction.atomic(), translation.override("fr"):
        return {"haiti": load_haiti(actor), "louisiana": load_louisiana(actor)}
