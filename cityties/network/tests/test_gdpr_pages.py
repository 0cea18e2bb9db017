"""GDPR pages: only network staff export and erase; erasure needs confirmation."""

from __future__ import annotations

import json

from django.urls import reverse


def test_staff_downloads_a_persons_data_as_json(client_for, staff, joel):
    response = client_for(staff).get(reverse("network:person_export", args=[joel.pk]))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["person"]["first_name"] == "Joël"


def test_officer_cannot_export_even_their_colleague(client_for, caen_officer, joel):
    url = reverse("network:person_export", args=[joel.pk])
    assert client_for(caen_officer).get(url).status_code == 403


def test_export_and_erase_buttons_are_shown_to_staff_only(client_for, staff, caen_officer, joel):
    url = reverse("network:person_detail", args=[joel.pk])
    erase = reverse("network:person_erase", args=[joel.pk])
    assert erase in client_for(staff).get(url).content.decode()
    assert erase not in client_for(caen_officer).get(url).content.decode()


def test_erase_without_confirmation_changes_nothing(client_for, staff, joel):
    response = client_for(staff).post(reverse("network:person_erase", args=[joel.pk]))
    assert response.status_code == 200
    joel.refresh_from_db()
    assert joel.erased_at is None


def test_erase_with_confirmation_erases(client_for, staff, joel):
    url = reverse("network:person_erase", args=[joel.pk])
    response = client_for(staff).post(url, {"confirm": "on"})
    assert response.status_code == 302
    joel.refresh_from_db()
    assert joel.erased_at is not None
    assert joel.first_name == ""


def test_officer_cannot_erase(client_for, caen_officer, joel):
    url = reverse("network:person_erase", args=[joel.pk])
    assert client_for(caen_officer).post(url, {"confirm": "on"}).status_code == 403


def test_erased_person_page_is_gone(client_for, staff, joel):
    client = client_for(staff)
    client.post(reverse("network:person_erase", args=[joel.pk]), {"confirm": "on"})
    assert client.get(reverse("network:person_detail", args=[joel.pk])).status_code == 404
