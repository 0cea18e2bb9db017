"""Outcome records: what the services accept and refuse, what the database refuses, and
who may enter, change and read them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from cityties.outcomes import services as svc
from cityties.outcomes.models import OutcomeRecord

from .factories import record

pytestmark = pytest.mark.django_db
D = Decimal


def test_a_tender_in_dollars_is_converted_at_the_delegations_rate(outcomes):
    tender = outcomes.starnav_tender
    assert (tender.value, tender.currency) == (D("100000.00"), "USD")
    assert tender.value_eur == D("90130.00")  # 0.9013 EUR per dollar
    assert tender.year == outcomes.village.delegation.event.local_start.year


def test_a_record_keeps_the_member_city_of_its_participant(outcomes, caen, tours):
    assert outcomes.soyhuce_contract.city == caen
    assert outcomes.capteurs_contract.city == tours


def test_a_currency_without_a_rate_needs_the_value_in_euros(village, staff):
    with pytest.raises(svc.OutcomeError) as exc:
        record(
            village.companies["soyhuce"],
            staff,
            kind="contract",
            counterpart="Ville de Montréal",
            value=D("10000"),
            currency="CAD",
        )
    assert exc.value.code == "no_rate" and exc.value.field == "value_eur"
    given = record(
        village.companies["soyhuce"],
        staff,
        kind="contract",
        counterpart="Ville de Montréal",
        value=D("10000"),
        currency="CAD",
        value_eur=D("6800.00"),
    )
    assert given.value_eur == D("6800.00")


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"kind": "contract", "counterpart": ""}, "buyer_required"),
        ({"kind": "contact", "status": "won"}, "status_not_for_kind"),
        ({"kind": "tender", "counterpart": "X", "status": "pending"}, "unknown_status"),
        ({"kind": "press", "value": D("10")}, "value_not_for_kind"),
        ({"kind": "tender", "counterpart": "X", "duration_months": 12}, "duration_not_for_kind"),
        ({"kind": "contact", "jobs": 3}, "jobs_not_for_kind"),
        ({"kind": "contact", "title": "  "}, "title_required"),
        ({"kind": "unknown"}, "unknown_kind"),
        ({"kind": "contact", "currency": "euro"}, "invalid_currency"),
        ({"kind": "contact", "decided_on": date(2016, 1, 1)}, "decided_before"),
    ],
)
def test_the_services_refuse_an_incoherent_record(village, staff, fields, code):
    with pytest.raises(svc.OutcomeError) as exc:
        record(village.companies["starnav"], staff, **fields)
    assert exc.value.code == code


def test_a_tender_without_a_status_is_submitted(village, staff):
    tender = record(village.companies["starnav"], staff, kind="tender", counterpart="Boston")
    assert tender.status == "submitted"


def test_the_database_refuses_a_contract_without_a_buyer(outcomes):
    with pytest.raises(IntegrityError), transaction.atomic():
        OutcomeRecord.objects.filter(pk=outcomes.soyhuce_contract.pk).update(counterpart="")


def test_the_database_refuses_a_value_without_its_euros(outcomes):
    with pytest.raises(IntegrityError), transaction.atomic():
        OutcomeRecord.objects.filter(pk=outcomes.starnav_tender.pk).update(value_eur=None)


def test_changing_the_value_converts_it_again(outcomes, staff):
    tender = svc.check_update_record(
        outcomes.starnav_tender, actor=staff, fields={"value": D("200000.00")}
    )
    assert tender.value_eur == D("180260.00")
    won = svc.check_update_record(
        tender, actor=staff, fields={"status": "won", "decided_on": date(2017, 3, 1)}
    )
    assert won.status == "won" and won.value_eur == D("180260.00")


def test_a_partnership_record_belongs_to_one_of_its_partners(caen, tours, nashville, staff):
    from cityties.network import services as network

    twinning = network.check_create_partnership(
        actor=staff, members=[caen, nashville], kind="twinning"
    )
    fields: svc.RecordFields = {
        "kind": "agreement",
        "title": "Accord de coopération économique",
        "occurred_on": date(2016, 6, 7),
    }
    agreement = svc.check_create_record(
        actor=staff, partnership=twinning, organisation=caen, fields=fields
    )
    assert agreement.city == caen and agreement.year == 2016 and agreement.delegation is None
    with pytest.raises(svc.OutcomeError) as exc:
        svc.check_create_record(
            actor=staff, partnership=twinning, organisation=tours, fields=fields
        )
    assert exc.value.code == "not_a_partner"


# --- Who may change them --------------------------------------------------------------


def _form(**fields):
    data = {
        "kind": "contract",
        "title": "Contrat",
        "counterpart": "City of Nashville",
        "occurred_on": "2016-12-01",
        "value": "12 500,50",
        "currency": "EUR",
    }
    return {**data, **fields}


def test_the_company_records_a_contract_for_itself(village, client_for, company_rep):
    soyhuce = village.companies["soyhuce"]
    response = client_for(company_rep).post(
        f"/outcomes/participants/{soyhuce.pk}/records/new/", _form(confidential="on")
    )
    assert response.status_code == 302
    contract = OutcomeRecord.objects.get(participant=soyhuce)
    assert contract.value == D("12500.50") and contract.confidential
    assert contract.created_by == company_rep


def test_a_member_cannot_record_for_another_members_company(village, client_for, tours_officer):
    soyhuce = village.companies["soyhuce"]
    response = client_for(tours_officer).post(
        f"/outcomes/participants/{soyhuce.pk}/records/new/", _form()
    )
    assert response.status_code == 403
    assert not OutcomeRecord.objects.exists()


def test_a_member_cannot_change_or_remove_another_members_record(
    outcomes, client_for, tours_officer
):
    contract = outcomes.soyhuce_contract
    client = client_for(tours_officer)
    assert client.get(f"/outcomes/records/{contract.pk}/edit/").status_code == 403
    assert client.post(f"/outcomes/records/{contract.pk}/edit/", _form()).status_code == 403
    assert client.post(f"/outcomes/records/{contract.pk}/delete/").status_code == 403
    contract.refresh_from_db()
    assert contract.title == "Application de relation citoyenne"


def test_tours_changes_its_own_companys_record(outcomes, client_for, tours_officer):
    contract = outcomes.capteurs_contract
    response = client_for(tours_officer).post(
        f"/outcomes/records/{contract.pk}/edit/",
        _form(title="Capteurs pour cinq écoles", counterpart="Pittsburgh Public Schools"),
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.title == "Capteurs pour cinq écoles"


def test_a_member_does_not_see_another_members_records(outcomes, client_for, tours_officer):
    client = client_for(tours_officer)
    listed = client.get("/api/outcomes/records").json()
    assert {r["organisation"] for r in listed} == {"Touraine Capteurs"}
    contract = outcomes.soyhuce_contract
    assert client.get(f"/api/outcomes/records/{contract.pk}").status_code == 403
    page = client.get("/outcomes/records/").content.decode()
    assert "Capteurs pour trois écoles" in page and "relation citoyenne" not in page
    caen = contract.city_id
    assert client.get(f"/outcomes/cities/{caen}/").status_code == 403


def test_the_funder_sees_the_record_but_not_its_private_value_nor_notes(
    outcomes, client_for, viewer
):
    contract = outcomes.soyhuce_contract
    shown = client_for(viewer).get(f"/api/outcomes/records/{contract.pk}").json()
    assert shown["value"] is None and shown["value_eur"] is None and shown["value_private"]
    assert shown["notes"] is None
    assert shown["title"] == "Application de relation citoyenne"


def test_the_company_sees_its_own_private_value_and_notes(outcomes, client_for, company_rep):
    contract = outcomes.soyhuce_contract
    shown = client_for(company_rep).get(f"/api/outcomes/records/{contract.pk}").json()
    assert shown["value"] == "48000.00" and not shown["value_private"]
    assert shown["notes"] == "Négocié avec le directeur du numérique."


def test_a_record_is_in_the_audit_trail_with_its_author(outcomes, staff):
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get_for_object(outcomes.soyhuce_contract).get()
    assert entry.actor == staff and entry.action == LogEntry.Action.CREATE
