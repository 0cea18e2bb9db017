"""What a user sees when filling the network's forms: amounts, errors, confirmations."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from cityties.network.models import Activity, Person

from .factories import foreign_city as us_city
from .factories import make_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def twinning(caen_officer, caen):
    return make_partnership(caen_officer, caen, us_city("Nashville"), title="Caen and Nashville")


def activity(budget: str) -> dict[str, object]:
    return {
        "kind": "visit",
        "title": "Visite",
        "start_date": "2016-05-02",
        "people_involved": 0,
        "students": 0,
        "companies": 0,
        "contracts": 0,
        "budget": budget,
        "budget_currency": "EUR",
    }


@pytest.mark.parametrize("typed", ["12500,50", "12 500,50", "12\u202f500,50", "12 500.50"])
def test_a_budget_typed_the_french_way_is_saved_as_meant(client_for, caen_officer, twinning, typed):
    # "12500,50" once saved 1,250,050 EUR.
    url = reverse("network:activity_create", args=[twinning.pk])
    response = client_for(caen_officer).post(url, activity(typed))
    assert response.status_code == 302
    assert Activity.objects.get().budget == Decimal("12500.50")


def test_the_budget_field_is_a_text_box_with_the_numeric_keyboard(
    client_for, caen_officer, twinning
):
    page = client_for(caen_officer).get(reverse("network:activity_create", args=[twinning.pk]))
    content = page.content.decode()
    assert 'name="budget"' in content and 'inputmode="decimal"' in content
    assert 'type="number" name="budget"' not in content


def test_errors_are_summarised_at_the_top_with_links_to_their_fields(client_for, staff, caen):
    response = client_for(staff).post(
        reverse("network:organisation_edit", args=[caen.pk]),
        {"name": "", "kind": caen.kind, "country": "FR", "website": "javascript:alert(1)"},
    )
    content = response.content.decode()
    summary = content[
        content.index('class="error-summary"') : content.index(
            "</div>", content.index('class="error-summary"')
        )
    ]
    assert 'href="#id_name"' in summary and 'href="#id_website"' in summary
    assert 'id="id_name_error"' in content  # and inline, by the field


def test_the_success_message_is_shown_in_a_live_region_after_saving(client_for, staff, caen):
    response = client_for(staff).post(
        reverse("network:organisation_edit", args=[caen.pk]),
        {"name": "Ville de Caen", "kind": caen.kind, "country": "FR"},
        follow=True,
    )
    content = response.content.decode()
    region = content[content.index('class="messages"') :]
    assert region.index('aria-live="polite"') < region.index("Modifications enregistrées")


def test_the_shared_checkbox_sits_inside_its_own_label(client_for, caen_officer):
    content = client_for(caen_officer).get(reverse("network:partnership_create")).content.decode()
    label = content[content.index('<label for="id_is_shared"') :]
    label = label[: label.index("</label>")]
    assert 'id="id_is_shared"' in label and "Partagé avec le réseau" in label


def person_post(caen, **extra):
    return {"first_name": "Joël", "last_name": "Bruneau", "organisation": caen.pk, **extra}


def test_a_phone_number_is_stored_in_e164_and_shown_formatted(client_for, caen_officer, caen):
    client = client_for(caen_officer)
    response = client.post(
        reverse("network:person_create"), person_post(caen, phone="02 31 30 41 00")
    )
    assert response.status_code == 302
    person = Person.objects.get(last_name="Bruneau")
    assert person.phone == "+33231304100"
    assert "+33 2 31 30 41 00" in client.get(response.url).content.decode()


def test_a_number_that_is_not_a_phone_is_refused_by_the_field(client_for, caen_officer, caen):
    response = client_for(caen_officer).post(
        reverse("network:person_create"), person_post(caen, phone="12 34")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["phone"]
    assert not Person.objects.exists()


def test_the_api_refuses_an_invalid_phone_number(client_for, staff, caen):
    response = client_for(staff).post(
        "/api/network/people",
        json.dumps(
            {"first_name": "A", "last_name": "B", "organisation_id": caen.pk, "phone": "abc"}
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_phone"


def test_languages_are_picked_from_a_list_named_in_the_readers_language(
    client_for, caen_officer, caen
):
    client = client_for(caen_officer)
    content = client.get(reverse("network:person_create")).content.decode()
    assert 'value="en"' in content and "anglais" in content
    response = client.post(
        reverse("network:person_create"), person_post(caen, languages=["fr", "en"])
    )
    assert response.status_code == 302
    assert Person.objects.get().languages == "fr,en"
    assert "français, anglais" in client.get(response.url).content.decode()


def test_the_import_mapping_says_required_in_french(client_for, staff, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cityties.imports.models import ImportJob

    settings.MEDIA_ROOT = tmp_path
    job = ImportJob.objects.create(
        kind="people",
        source_name="Annuaire",
        file=SimpleUploadedFile("people.csv", b"Nom\nDupont\n"),
        original_filename="people.csv",
        created_by=staff,
    )
    content = client_for(staff).get(reverse("imports:mapping", args=[job.pk])).content
    assert "(obligatoire)" in content.decode()
    assert "(required)" not in content.decode()


def test_a_missing_field_is_named_in_the_readers_language(staff):
    from cityties.network import services

    with pytest.raises(services.DirectoryError) as refused:
        services.check_create_organisation(actor=staff, name="X", kind="commune", country="")
    assert str(refused.value) == "Le champ Pays est obligatoire."
