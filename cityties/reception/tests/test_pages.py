"""The pages: a company sees only its own guests; the lead's view per exhibitor; the door
answers with its part of the page under htmx; who came, as a spreadsheet."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from .. import services as svc
from .factories import add_guests

pytestmark = pytest.mark.django_db


def test_a_company_sees_its_own_guests_and_not_another_city(
    guest, reception, tours_city, staff, company_rep, client_for
):
    other = svc.check_set_quota(reception, actor=staff, participant=tours_city, size=3)
    client = client_for(company_rep)
    assert "José Martínez" in client.get(f"/reception/quotas/{guest.quota_id}/").content.decode()
    assert client.get(f"/reception/quotas/{other.pk}/").status_code == 403
    assert client.get(f"/reception/{reception.pk}/").status_code == 403


def test_an_exhibitor_names_a_guest_on_its_page(quota, company_rep, client_for):
    response = client_for(company_rep).post(
        f"/reception/quotas/{quota.pk}/",
        {"name": "Ann Lee", "organisation": "CMU", "email": "ann@cmu.example", "language": "en"},
    )
    assert response.status_code == 302
    assert quota.invitations.get().name == "Ann Lee"


def test_the_lead_view_counts_per_exhibitor(
    guest, quota, reception, staff, caen_officer, client_for
):
    more = add_guests(quota, 2)
    svc.check_answer(guest, actor=None, attending=True, plus_ones=2)
    svc.check_answer(more[0], actor=None, attending=False)
    svc.check_check_in(guest.__class__.objects.get(pk=guest.pk), actor=staff, reception=reception)
    (line,) = svc.overview(reception).lines
    assert (line.size, line.named, line.yes, line.no, line.pending) == (5, 3, 1, 1, 1)
    assert (line.arrived, line.plus_ones_announced, line.plus_ones_arrived) == (1, 2, 2)
    page = client_for(caen_officer).get(f"/reception/{reception.pk}/").content.decode()
    assert "Soyhuce" in page


def test_the_lead_view_takes_the_same_queries_for_many_quotas(
    reception, soyhuce, tours_city, staff, django_assert_max_num_queries
):
    svc.check_set_quota(reception, actor=staff, participant=soyhuce, size=3)
    svc.check_set_quota(reception, actor=staff, participant=tours_city, size=3)
    with django_assert_max_num_queries(2):
        svc.overview(reception)


def test_the_door_answers_a_scan_with_its_part_of_the_page(
    guest, reception, caen_officer, client_for
):
    response = client_for(caen_officer).post(
        f"/reception/{reception.pk}/door/scan/",
        {"code": svc.qr_payload(guest)},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert page.startswith('<div id="door-result"') and "José Martínez" in page


def test_a_check_in_tells_the_head_count_to_refresh(guest, reception, caen_officer, client_for):
    response = client_for(caen_officer).post(
        f"/reception/{reception.pk}/door/{guest.pk}/in/", HTTP_HX_REQUEST="true"
    )
    assert (
        response["HX-Trigger"] == "door-changed" and 'data-code="in"' in response.content.decode()
    )


def test_the_door_search_finds_a_name_without_its_accents(
    guest, reception, caen_officer, client_for
):
    response = client_for(caen_officer).get(f"/reception/{reception.pk}/door/search/?q=martinez")
    assert "José Martínez" in response.content.decode()


def test_who_came_as_a_workbook(guest, reception, staff, client_for):
    svc.check_check_in(guest, actor=staff, reception=reception, plus_ones=1, door="North")
    response = client_for(staff).get(f"/reception/{reception.pk}/arrivals.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][:7] == (
        "José Martínez",
        "City of Pittsburgh",
        "Director of innovation",
        "Soyhuce",
        1,
        2,
        "North",
    )


def test_the_delegation_page_links_the_reception_for_the_lead(
    reception, delegation, caen_officer, client_for
):
    page = client_for(caen_officer).get(f"/delegations/{delegation.pk}/").content.decode()
    assert f"/reception/{reception.pk}/door/" in page
    assert 'id="plug-reception"' not in page


def test_the_delegation_page_links_a_company_to_its_own_quota(
    quota, delegation, company_rep, client_for
):
    page = client_for(company_rep).get(f"/delegations/{delegation.pk}/").content.decode()
    assert f"/reception/quotas/{quota.pk}/" in page
    assert "/door/" not in page
