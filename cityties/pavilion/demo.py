"""The pavilion of the minutes. Nashville 2015: Caen took three stands at USD 2,000, one
per startup, and paid for them; the startups paid their own travel. Pittsburgh 2016: a
"village français" of three stands shared by six companies from Caen, Toulouse, Tours
and Auvergne-Rhône-Alpes, with an export-agency rule (50 % of stand and registration,
capped per company and for the event, within the de minimis ceiling) and the region's
co-funding of its own companies. Amounts other than the stands' price are illustrative.
Idempotent: a second run changes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from cityties.delegations import services as delegation_services
from cityties.delegations.models import Delegation, Participant, Supporter
from cityties.network.models import Organisation

from . import services as svc
from .models import CostItem, SubsidyRule

D = Decimal
CAEN = "Ville de Caen"
REGION = "Conseil régional d'Auvergne-Rhône-Alpes"
BUSINESS_FRANCE = "Business France"

REGIONS = {
    "Soyhuce": "Normandie",
    "Starnav": "Normandie",
    "Sans Contact Normandie": "Normandie",
    "Garonne Données Urbaines": "Occitanie",
    "Touraine Capteurs": "Centre-Val de Loire",
    "Rhône Biotech Solutions": "Auvergne-Rhône-Alpes",
}


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _participant(delegation: Delegation, name: str) -> Participant:
    return Participant.objects.get(delegation=delegation, organisation__name=name)


def _item(delegation: Delegation, actor: Any, label: str, **fields: Any) -> CostItem:
    existing = CostItem.objects.filter(delegation=delegation, label=label).first()
    return existing or svc.check_create_item(
        delegation,
        actor=actor,
        fields={"label": label, **fields},  # type: ignore[typeddict-item]
    )


def _share(item: CostItem, actor: Any, name: str, **measures: Any) -> None:
    participant = _participant(item.delegation, name)
    if not item.shares.filter(participant=participant).exists():
        svc.check_set_share(item, actor=actor, participant=participant, **measures)


def _facts(delegation: Delegation, actor: Any, name: str, **fields: Any) -> None:
    participant = _participant(delegation, name)
    if not hasattr(participant, "facts"):
        svc.check_save_facts(participant, actor=actor, fields=fields)  # type: ignore[arg-type]


def load_nashville(actor: Any, delegation: Delegation) -> None:
    svc.check_set_rate(
        delegation,
        actor=actor,
        currency="USD",
        rate=D("0.9013"),
        source="BCE, taux de référence",
        on_date=date(2015, 9, 15),
    )
    for number, name in enumerate(("Soyhuce", "Starnav", "Sans Contact Normandie"), 1):
        stand = _item(
            delegation,
            actor,
            f"Stand {number} — {name}",
            kind="stand",
            planned_amount=D("2000.00"),
            actual_amount=D("2000.00"),
            currency="USD",
            area_m2=D("9"),
            split="equal",
        )
        _share(stand, actor, name)
        if not stand.covers.exists():
            # Caen bought the three stands for its startups.
            svc.check_set_cover(
                stand,
                actor=actor,
                participant=_participant(delegation, CAEN),
                amount=D("1802.60"),
            )
        travel = _item(
            delegation,
            actor,
            f"Voyage — {name}",
            kind="travel",
            planned_amount=D("1450.00"),
            actual_amount=D("1386.40"),
            split="equal",
        )
        _share(travel, actor, name)
        _facts(delegation, actor, name, sme=True, region="Normandie")
    reception = _item(
        delegation,
        actor,
        "Réception de la délégation",
        kind="reception",
        planned_amount=D("2500.00"),
        actual_amount=D("2310.00"),
        split="equal",
    )
    _share(reception, actor, CAEN)
    svc.check_save_dossier(
        delegation,
        actor=actor,
        previous=None,
        summary_fr="Délégation pilote de la ville de Caen avec trois startups du territoire.",
        summary_en="The City of Caen's pilot delegation with three local startups.",
    )


def _join(actor: Any, pittsburgh: Delegation, nashville: Delegation) -> None:
    """Caen's third startup of 2015 joins the village, and the export agency funds it."""
    if not pittsburgh.participants.filter(organisation__name="Sans Contact Normandie").exists():
        delegation_services.check_add_company(
            pittsburgh, actor=actor, company=_org("Sans Contact Normandie"), sponsor=_org(CAEN)
        )
    if not Supporter.objects.filter(
        delegation=pittsburgh, organisation__name=BUSINESS_FRANCE
    ).exists():
        delegation_services.check_add_supporter(
            pittsburgh,
            actor=actor,
            organisation=_org(BUSINESS_FRANCE),
            role="funder",
            note="Pavillon France : le City Summit inscrit au programme des salons aidés.",
        )


def load_pittsburgh(actor: Any, delegation: Delegation, nashville: Delegation) -> None:
    _join(actor, delegation, nashville)
    svc.check_set_rate(
        delegation,
        actor=actor,
        currency="USD",
        rate=D("0.9007"),
        source="BCE, taux de référence",
        on_date=date(2016, 6, 30),
    )
    stand_a = _item(
        delegation,
        actor,
        "Village français — stand A",
        kind="stand",
        planned_amount=D("4000.00"),
        currency="USD",
        area_m2=D("18"),
        split="area",
    )
    _share(stand_a, actor, "Soyhuce", area_m2=D("6"))
    _share(stand_a, actor, "Starnav", area_m2=D("6"))
    _share(stand_a, actor, "Sans Contact Normandie", area_m2=D("6"))
    if not stand_a.covers.exists():
        svc.check_set_cover(
            stand_a, actor=actor, participant=_participant(delegation, CAEN), amount=D("600.00")
        )
    stand_b = _item(
        delegation,
        actor,
        "Village français — stand B",
        kind="stand",
        planned_amount=D("4000.00"),
        currency="USD",
        area_m2=D("18"),
        split="area",
    )
    _share(stand_b, actor, "Garonne Données Urbaines", area_m2=D("9"))
    _share(stand_b, actor, "Touraine Capteurs", area_m2=D("9"))
    stand_c = _item(
        delegation,
        actor,
        "Village français — stand C",
        kind="stand",
        planned_amount=D("2000.00"),
        currency="USD",
        area_m2=D("9"),
        split="equal",
    )
    _share(stand_c, actor, "Rhône Biotech Solutions")
    registration = _item(
        delegation,
        actor,
        "Frais d'inscription au village",
        kind="registration",
        planned_amount=D("2100.00"),
        split="equal",
    )
    for name in REGIONS:
        _share(registration, actor, name)
    fitting = _item(
        delegation,
        actor,
        "Aménagement et signalétique du village",
        kind="fitting",
        planned_amount=D("3600.00"),
        split="equal",
    )
    for name in (CAEN, "Toulouse Métropole", "Ville de Tours", REGION):
        _share(fitting, actor, name)
    reception = _item(
        delegation,
        actor,
        "Réception « French Touch »",
        kind="reception",
        planned_amount=D("6000.00"),
        split="weights",
    )
    for name, percent in (
        (CAEN, "40"),
        ("Toulouse Métropole", "20"),
        ("Ville de Tours", "20"),
        (REGION, "20"),
    ):
        _share(reception, actor, name, percent=D(percent))
    communication = _item(
        delegation,
        actor,
        "Brochure bilingue du village",
        kind="communication",
        planned_amount=D("1800.00"),
        split="equal",
    )
    _share(communication, actor, CAEN)
    for name, region in REGIONS.items():
        _facts(
            delegation,
            actor,
            name,
            sme=True,
            region=region,
            prior_participations=1
            if name in ("Soyhuce", "Starnav", "Sans Contact Normandie")
            else 0,
            previous_edition=name in ("Soyhuce", "Starnav", "Sans Contact Normandie"),
        )
    if not SubsidyRule.objects.filter(delegation=delegation).exists():
        svc.check_create_rule(
            delegation,
            actor=actor,
            fields={
                "label": "Pavillon France — aide aux PME exposantes",
                "funder": _org(BUSINESS_FRANCE),
                "rate": D("50"),
                "kinds": ["stand", "registration"],
                "participant_kind": "company",
                "sme_only": True,
                "max_prior_participations": 3,
                "max_area_m2": D("12"),
                "max_price_per_m2": D("400.00"),
                "cap_per_participant": D("1000.00"),
                "cap_total": D("5000.00"),
                "window_limit": D("300000.00"),
                "window_all_or_nothing": True,
                "legal_reference": "Règlement (UE) 2023/2831 de la Commission (de minimis) ; "
                "conditions des pavillons France de Team France Export",
                "legal_text": "Aide de 50 % du coût du stand et des frais d'inscription, "
                "plafonnée par entreprise et par événement, dans la limite du plafond de "
                "minimis de 300 000 EUR sur trois ans.",
            },
        )
        svc.check_create_rule(
            delegation,
            actor=actor,
            fields={
                "label": "Région Auvergne-Rhône-Alpes — aide aux salons à l'international",
                "funder": _org(REGION),
                "rate": D("30"),
                "kinds": ["stand", "registration"],
                "participant_kind": "company",
                "regions": ["Auvergne-Rhône-Alpes"],
                "cap_per_participant": D("1000.00"),
                "legal_reference": "Délibération du conseil régional (aide aux entreprises "
                "exposant à l'international)",
            },
        )
    svc.check_save_dossier(
        delegation,
        actor=actor,
        previous=nashville,
        summary_fr="Un « village français » au City Summit de la NLC à Pittsburgh : des "
        "collectivités du groupe-pays États-Unis et des entreprises de leurs territoires "
        "partagent trois stands, avec le soutien de la NLC, de Cités Unies France et de la "
        "DAECT.",
        summary_en="A French village at the NLC City Summit in Pittsburgh: local governments "
        "of the United States country group and companies from their territories share "
        "three stands, supported by the NLC, Cités Unies France and the DAECT.",
        previous_outcomes_fr="Nashville 2015 : trois startups caennaises exposantes ; un "
        "contrat pour une application de relation citoyenne (Soyhuce) ; un appel d'offres "
        "remis à Charlottesville (Starnav) ; de nouveaux contacts et des références.",
        previous_outcomes_en="Nashville 2015: three Caen startups exhibited; a contract for "
        "a citizen-relations app (Soyhuce); a tender submitted to Charlottesville (Starnav); "
        "new contacts and references.",
    )


@transaction.atomic
def load(delegations: dict[str, Delegation], actor: Any) -> None:
    nashville, pittsburgh = delegations["nashville_2015"], delegations["pittsburgh_2016"]
    if not nashville.cost_items.exists():
        load_nashville(actor, nashville)
    if not pittsburgh.cost_items.exists():
        load_pittsburgh(actor, pittsburgh, nashville)
