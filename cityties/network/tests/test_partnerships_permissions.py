"""Who may read and change partnerships, through the pages and through the API alike."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from .test_partnerships_services import add_activity, make_partnership, us_city

API = "/api/network"


@pytest.fixture
def nashville(db):
    return us_city("Nashville")


@pytest.fixture
def private_twinning(caen_officer, caen, nashville):
    return make_partnership(caen_officer, caen, nashville, title="Private ties", is_shared=False)


@pytest.fixture
def shared_twinning(caen_officer, caen, nashville):
    return make_partnership(caen_officer, caen, nashville, title="Shared ties", is_shared=True)


def page(name: str, pk: int) -> str:
    return reverse(f"network:{name}", args=[pk])


def api_patch(client, url: str, data: dict):
    return client.patch(url, json.dumps(data), content_type="application/json")


# --- A Tours officer and Caen's private partnership ----------------------------------


def test_tours_officer_cannot_read_a_private_caen_partnership_page(
    client_for, tours_officer, private_twinning
):
    url = page("partnership_detail", private_twinning.pk)
    assert client_for(tours_officer).get(url).status_code == 403


def test_tours_officer_cannot_read_a_private_caen_partnership_by_api(
    client_for, tours_officer, private_twinning
):
    client = client_for(tours_officer)
    assert client.get(f"{API}/partnerships/{private_twinning.pk}").status_code == 403
    assert client.get(f"{API}/partnerships/{private_twinning.pk}/activities").status_code == 403


def test_private_partnership_is_not_listed_for_tours(client_for, tours_officer, private_twinning):
    client = client_for(tours_officer)
    listing = client.get(reverse("network:partnership_list")).content.decode()
    assert "Private ties" not in listing
    assert client.get(f"{API}/partnerships").json()["count"] == 0


def test_caen_officer_reads_their_private_partnership(client_for, caen_officer, private_twinning):
    client = client_for(caen_officer)
    assert client.get(page("partnership_detail", private_twinning.pk)).status_code == 200
    assert client.get(f"{API}/partnerships").json()["count"] == 1


# --- A Tours officer and Caen's shared partnership -----------------------------------


def test_tours_officer_reads_but_cannot_edit_a_shared_partnership_page(
    client_for, tours_officer, shared_twinning
):
    client = client_for(tours_officer)
    assert client.get(page("partnership_detail", shared_twinning.pk)).status_code == 200
    assert client.get(page("partnership_edit", shared_twinning.pk)).status_code == 403
    assert client.post(page("partnership_archive", shared_twinning.pk)).status_code == 403
    assert client.get(page("activity_create", shared_twinning.pk)).status_code == 403


def test_tours_officer_cannot_edit_a_shared_partnership_by_api(
    client_for, tours_officer, caen_officer, shared_twinning
):
    client = client_for(tours_officer)
    activity = add_activity(caen_officer, shared_twinning)
    url = f"{API}/partnerships/{shared_twinning.pk}"
    assert client.get(url).status_code == 200
    assert api_patch(client, url, {"status": "ended"}).status_code == 403
    assert client.post(f"{url}/archive").status_code == 403
    assert api_patch(client, f"{API}/activities/{activity.pk}", {"students": 9}).status_code == 403
    assert client.delete(f"{API}/activities/{activity.pk}").status_code == 403
    shared_twinning.refresh_from_db()
    assert shared_twinning.status == "active"
    assert shared_twinning.archived_at is None


def test_tours_officer_cannot_edit_an_activity_page(
    client_for, tours_officer, caen_officer, shared_twinning
):
    activity = add_activity(caen_officer, shared_twinning)
    client = client_for(tours_officer)
    assert client.get(page("activity_edit", activity.pk)).status_code == 403
    assert client.post(page("activity_delete", activity.pk)).status_code == 403


# --- The partner viewer, the company representative and the staff --------------------


def test_viewer_reads_but_cannot_edit(client_for, viewer, shared_twinning):
    client = client_for(viewer)
    assert client.get(page("partnership_detail", shared_twinning.pk)).status_code == 200
    assert client.get(page("partnership_edit", shared_twinning.pk)).status_code == 403
    assert client.get(reverse("network:partnership_create")).status_code == 403
    url = f"{API}/partnerships/{shared_twinning.pk}"
    assert api_patch(client, url, {"status": "ended"}).status_code == 403
    response = client.post(
        f"{API}/partnerships",
        json.dumps({"partner_ids": [], "kind": "twinning"}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_company_rep_cannot_create_a_partnership(client_for, company_rep):
    assert client_for(company_rep).get(reverse("network:partnership_create")).status_code == 403


def test_staff_reads_and_edits_a_private_partnership(client_for, staff, private_twinning):
    client = client_for(staff)
    assert client.get(page("partnership_detail", private_twinning.pk)).status_code == 200
    assert client.get(page("partnership_edit", private_twinning.pk)).status_code == 200
    url = f"{API}/partnerships/{private_twinning.pk}"
    assert api_patch(client, url, {"status": "dormant"}).status_code == 200
    private_twinning.refresh_from_db()
    assert private_twinning.status == "dormant"


def test_staff_edits_through_the_page(client_for, staff, shared_twinning, caen, nashville):
    response = client_for(staff).post(
        page("partnership_edit", shared_twinning.pk),
        {"partners": [caen.pk, nashville.pk], "kind": "friendship", "status": "active"},
    )
    assert response.status_code == 302
    shared_twinning.refresh_from_db()
    assert shared_twinning.kind == "friendship"


def test_private_documents_are_not_downloadable_by_others(
    client_for, tours_officer, caen_officer, private_twinning, settings, tmp_path
):
    from cityties.network import services as svc

    from .test_partnerships_services import pdf_upload

    settings.MEDIA_ROOT = tmp_path
    document = svc.check_upload_document(
        private_twinning, actor=caen_officer, title="", upload=pdf_upload()
    )
    url = page("partnership_document_download", document.pk)
    assert client_for(tours_officer).get(url).status_code == 403
    assert client_for(caen_officer).get(url).status_code == 200
