"""Bad input is refused, never a 500: integers past what a column holds and country codes
that are not countries, on pages and in the API; a stored extreme value or a document
whose file went missing never breaks a page."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from cityties.core.fields import MAX_COUNT
from cityties.network.models import Activity, Organisation

from .factories import CountryGroupFactory, add_activity, make_partnership
from .test_partnerships_services import pdf_upload

HUGE = "99999999999999999999"  # 10**20: past 64 bits


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def twinning(caen_officer, caen, nashville):
    return make_partnership(caen_officer, caen, nashville, title="Caen and Nashville")


def _json(client, method: str, url: str, data: dict):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def _activity_form(**values: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "visit",
        "title": "Visit",
        "start_date": "2016-05-01",
        "people_involved": 0,
        "students": 0,
        "companies": 0,
        "contracts": 0,
        "budget": "0",
        "budget_currency": "EUR",
    }
    data.update(values)
    return data


# --- Query strings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["network:partnership_list", "network:atlas", "network:atlas_data"]
)
def test_a_huge_member_filter_is_ignored_on_pages(client_for, staff, twinning, url_name):
    response = client_for(staff).get(reverse(url_name), {"member": HUGE})
    assert response.status_code == 200


def test_a_huge_member_filter_is_ignored_on_the_public_atlas(client, twinning):
    response = client.get(reverse("network:atlas_public_data"), {"member": HUGE})
    assert response.status_code == 200


@pytest.mark.parametrize("param", ["group", "sector", "page"])
def test_huge_filters_are_ignored_on_the_organisation_list(client_for, staff, param):
    response = client_for(staff).get(reverse("network:organisation_list"), {param: HUGE})
    assert response.status_code == 200


def test_a_huge_organisation_filter_is_ignored_on_the_people_list(client_for, staff):
    response = client_for(staff).get(reverse("network:person_list"), {"organisation": HUGE})
    assert response.status_code == 200


def test_a_huge_id_in_a_page_url_is_a_404(client_for, staff):
    response = client_for(staff).get(f"/network/partnerships/{HUGE}/")
    assert response.status_code == 404


# --- Counts of an activity -------------------------------------------------------------


def test_the_form_refuses_a_count_past_the_maximum(client_for, caen_officer, twinning):
    url = reverse("network:activity_create", args=[twinning.pk])
    response = client_for(caen_officer).post(url, _activity_form(people_involved=10**19))
    assert response.status_code == 200
    assert response.context["form"].errors["people_involved"]
    assert not Activity.objects.exists()


def test_the_services_refuse_a_count_past_the_maximum(caen_officer, twinning):
    from cityties.network import services as svc

    with pytest.raises(svc.PartnershipError) as excinfo:
        add_activity(caen_officer, twinning, students=MAX_COUNT + 1)
    assert excinfo.value.code == "indicator_too_large"


@pytest.mark.parametrize(
    "url_name",
    ["network:partnership_detail", "network:partnership_edit", "network:activity_create"],
)
def test_a_stored_extreme_count_does_not_break_the_partnership_pages(
    client_for, caen_officer, twinning, url_name
):
    # Rows written before the bound: the largest value the column took on this database.
    largest = 2**63 - 1 if connection.vendor == "sqlite" else 2**31 - 1
    for day in (1, 2):
        activity = add_activity(caen_officer, twinning, start_date=date(2016, 5, day))
        Activity.objects.filter(pk=activity.pk).update(people_involved=largest)
    response = client_for(caen_officer).get(reverse(url_name, args=[twinning.pk]))
    assert response.status_code == 200
    api = client_for(caen_officer).get(f"/api/network/partnerships/{twinning.pk}/indicators")
    assert api.status_code == 200


# --- Documents whose file is missing --------------------------------------------------


@pytest.fixture
def lost_document(caen_officer, twinning):
    from cityties.network import services as svc

    document = svc.check_upload_document(
        twinning, actor=caen_officer, title="Charter", upload=pdf_upload()
    )
    document.file.storage.delete(document.file.name)
    return document


def test_downloading_a_document_whose_file_is_missing_is_a_404(
    client_for, caen_officer, lost_document
):
    url = reverse("network:partnership_document_download", args=[lost_document.pk])
    assert client_for(caen_officer).get(url).status_code == 404


def test_the_detail_page_lists_a_document_whose_file_is_missing(
    client_for, caen_officer, twinning, lost_document
):
    response = client_for(caen_officer).get(
        reverse("network:partnership_detail", args=[twinning.pk])
    )
    assert response.status_code == 200
    assert "Charter" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [{"member": HUGE}, {"offset": HUGE}, {"limit": HUGE}],
)
def test_huge_integers_in_the_partnership_api_are_a_422(client_for, staff, twinning, query):
    response = client_for(staff).get("/api/network/partnerships", query)
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/network/organisations", {"group": HUGE}),
        ("/api/network/organisations", {"offset": HUGE}),
        ("/api/network/people", {"organisation": HUGE}),
    ],
)
def test_huge_integers_in_the_directory_api_are_a_422(client_for, staff, path, query):
    assert client_for(staff).get(path, query).status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        f"/api/network/partnerships/{HUGE}",
        f"/api/network/organisations/{HUGE}",
        f"/api/network/people/{HUGE}",
        f"/api/network/groups/{HUGE}",
    ],
)
def test_a_huge_id_in_an_api_path_is_a_422(client_for, staff, path):
    assert client_for(staff).get(path).status_code == 422


def test_the_api_refuses_a_count_past_the_maximum(client_for, caen_officer, twinning):
    url = f"/api/network/partnerships/{twinning.pk}/activities"
    response = _json(
        client_for(caen_officer),
        "post",
        url,
        {"kind": "visit", "title": "Visit", "start_date": "2016-05-01", "people_involved": 10**19},
    )
    assert response.status_code == 422
    assert not Activity.objects.exists()


def test_the_api_refuses_a_partner_id_past_64_bits(client_for, staff, caen):
    response = _json(
        client_for(staff),
        "post",
        "/api/network/partnerships",
        {"kind": "twinning", "partner_ids": [caen.pk, 10**20]},
    )
    assert response.status_code == 422


# --- Country codes ---------------------------------------------------------------------

NOT_COUNTRIES = ["ZZ", "EU", "QO", "XX"]


@pytest.mark.parametrize("code", NOT_COUNTRIES)
def test_the_api_refuses_a_code_that_is_no_country(client_for, staff, code):
    response = _json(
        client_for(staff),
        "post",
        "/api/network/organisations",
        {"name": "Nowhere", "kind": "foreign_city", "country": code},
    )
    assert response.status_code == 422
    assert not Organisation.objects.filter(name="Nowhere").exists()


@pytest.mark.parametrize("code", NOT_COUNTRIES)
def test_the_api_refuses_changing_to_a_code_that_is_no_country(client_for, staff, nashville, code):
    url = f"/api/network/organisations/{nashville.pk}"
    assert _json(client_for(staff), "patch", url, {"country": code}).status_code == 422
    nashville.refresh_from_db()
    assert nashville.country == "US"


def test_the_api_reads_a_lower_case_country_code(client_for, staff):
    response = _json(
        client_for(staff),
        "post",
        "/api/network/organisations",
        {"name": "Kyoto", "kind": "foreign_city", "country": "jp"},
    )
    assert response.status_code == 201
    assert response.json()["country"] == "JP"


@pytest.mark.parametrize("code", NOT_COUNTRIES)
def test_the_organisation_form_refuses_a_code_that_is_no_country(client_for, staff, code):
    data = {"name": "Nowhere", "kind": "foreign_city", "country": code}
    response = client_for(staff).post(reverse("network:organisation_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["country"]
    assert not Organisation.objects.filter(name="Nowhere").exists()


@pytest.mark.parametrize("code", NOT_COUNTRIES)
def test_the_services_refuse_a_code_that_is_no_country(staff, code):
    from cityties.network import services

    with pytest.raises(services.DirectoryError) as excinfo:
        services.check_create_organisation(
            actor=staff, name="Nowhere", kind="foreign_city", country=code
        )
    assert excinfo.value.code == "unknown_country"


# --- Ids past 64 bits in forms ---------------------------------------------------------


def test_the_partnership_form_refuses_a_partner_id_past_64_bits(client_for, staff, caen):
    data = {"partners": [caen.pk, HUGE], "kind": "twinning", "status": "active"}
    response = client_for(staff).post(reverse("network:partnership_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["partners"]


def test_the_organisation_form_refuses_a_sector_id_past_64_bits(client_for, staff):
    data = {"name": "Kyoto", "kind": "foreign_city", "country": "JP", "sectors": [HUGE]}
    response = client_for(staff).post(reverse("network:organisation_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["sectors"]


def test_the_group_form_refuses_a_member_id_past_64_bits(client_for, staff, federation, caen):
    group = CountryGroupFactory(country="DE", federation=federation)
    url = reverse("network:group_edit", args=[group.pk])
    response = client_for(staff).post(url, {"name": group.name, "members": [caen.pk, HUGE]})
    assert response.status_code == 200
    assert response.context["form"].errors["members"]
