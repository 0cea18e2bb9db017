"""People pages: who sees whom, create, edit, archive, consent."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cityties.network.models import Person
from cityties.network.tests.factories import PersonFactory


def listed(response) -> list[str]:
    return [p.full_name for p in response.context["page"]]


def test_tours_officer_gets_403_on_a_caen_persons_page(client_for, tours_officer, joel):
    url = reverse("network:person_detail", args=[joel.pk])
    assert client_for(tours_officer).get(url).status_code == 403


@pytest.mark.parametrize("persona", ["staff", "caen_officer"])
def test_staff_and_caen_officer_see_a_caen_persons_page(client_for, request, persona, joel):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse("network:person_detail", args=[joel.pk]))
    assert response.status_code == 200
    assert "joel@caen.example" in response.content.decode()


def test_person_page_shows_consent_with_its_date(client_for, staff, caen):
    from cityties.network import services

    person = services.check_create_person(
        actor=staff, organisation=caen, first_name="A", last_name="B", consent_given=True
    )
    html = client_for(staff).get(reverse("network:person_detail", args=[person.pk])).content
    assert str(person.consent_date.year) in html.decode()
    assert "Given on" in html.decode() or "Donné" in html.decode()


def test_people_list_shows_only_visible_people(client_for, tours_officer, tours, joel):
    PersonFactory(first_name="Sonia", last_name="Tourangelle", organisation=tours)
    assert listed(client_for(tours_officer).get(reverse("network:person_list"))) == [
        "Sonia Tourangelle"
    ]


def test_company_rep_sees_only_their_own_record(client_for, company_rep, company, joel):
    PersonFactory(first_name="Other", last_name="Employee", organisation=company)
    mine = PersonFactory(first_name="Rep", last_name="Self", organisation=company, user=company_rep)
    assert listed(client_for(company_rep).get(reverse("network:person_list"))) == [mine.full_name]


def test_people_list_query_count_does_not_grow_with_rows(client_for, staff, caen, tours):
    client = client_for(staff)
    PersonFactory.create_batch(5, organisation=caen)
    client.get(reverse("network:person_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("network:person_list"))
    PersonFactory.create_batch(15, organisation=caen)
    PersonFactory.create_batch(15, organisation=tours)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("network:person_list"))
    assert len(many) == len(few)


def person_data(org, **changes):
    data = {"first_name": "Joël", "last_name": "Bruneau", "organisation": org.pk}
    data.update(changes)
    return data


def test_caen_officer_adds_a_person_to_caen(client_for, caen_officer, caen):
    data = person_data(caen, email="new@caen.example", consent_given="on")
    response = client_for(caen_officer).post(reverse("network:person_create"), data)
    person = Person.objects.get(email="new@caen.example")
    assert response.status_code == 302
    assert person.consent_date is not None


def test_tours_officer_cannot_add_a_person_to_caen(client_for, tours_officer, caen):
    client_for(tours_officer).post(reverse("network:person_create"), person_data(caen))
    assert not Person.objects.filter(organisation=caen).exists()


def test_viewer_cannot_open_the_add_person_page(client_for, viewer):
    assert client_for(viewer).get(reverse("network:person_create")).status_code == 403


def test_adding_a_person_with_a_known_email_names_the_existing_one(client_for, staff, caen, joel):
    data = person_data(caen, first_name="J.", email="JOEL@caen.example")
    response = client_for(staff).post(reverse("network:person_create"), data)
    assert response.status_code == 200
    assert "Joël Bruneau" in response.content.decode()
    assert Person.objects.filter(email__iexact="joel@caen.example").count() == 1


def test_tours_officer_cannot_edit_a_caen_person(client_for, tours_officer, caen, joel):
    url = reverse("network:person_edit", args=[joel.pk])
    client = client_for(tours_officer)
    assert client.get(url).status_code == 403
    assert client.post(url, person_data(caen, function="Spy")).status_code == 403


def test_caen_officer_withdraws_consent(client_for, caen_officer, caen, staff):
    from cityties.network import services

    person = services.check_create_person(
        actor=staff, organisation=caen, first_name="A", last_name="B", consent_given=True
    )
    url = reverse("network:person_edit", args=[person.pk])
    client_for(caen_officer).post(url, person_data(caen, first_name="A", last_name="B"))
    person.refresh_from_db()
    assert (person.consent_given, person.consent_date) == (False, None)


def test_person_archive_toggles(client_for, caen_officer, joel):
    url = reverse("network:person_archive", args=[joel.pk])
    client_for(caen_officer).post(url)
    joel.refresh_from_db()
    assert joel.archived_at is not None
