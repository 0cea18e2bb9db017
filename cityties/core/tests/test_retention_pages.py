"""The retention review page: staff erase or keep people without contact for 3 years."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cityties.core import retention
from cityties.network.models import Person
from cityties.network.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _stale(org, *, years: float = 3.1, **fields):
    person = PersonFactory(organisation=org, **fields)
    Person.objects.filter(pk=person.pk).update(
        updated_at=timezone.now() - timedelta(days=round(365 * years))
    )
    return person


def test_people_without_contact_for_three_years_are_listed(client_for, staff, caen):
    stale = _stale(caen, last_name="Ancien")
    _stale(caen, years=2, last_name="Recent")
    body = client_for(staff).get("/retention/").content.decode()
    assert "Ancien" in body
    assert "Recent" not in body
    assert list(retention.people_to_review()) == [stale]


def test_a_recent_login_is_a_contact(caen, caen_officer):
    person = _stale(caen, user=caen_officer)
    caen_officer.last_login = timezone.now() - timedelta(days=30)
    caen_officer.save(update_fields=["last_login"])
    assert person not in retention.people_to_review()


def test_a_country_group_president_is_in_contact(caen):
    from cityties.network.tests.factories import CountryGroupFactory

    person = _stale(caen)
    CountryGroupFactory(country="US", president=person)
    assert person not in retention.people_to_review()


def test_a_country_group_staff_lead_is_in_contact(caen):
    from cityties.network.tests.factories import CountryGroupFactory

    person = _stale(caen)
    other = _stale(caen)
    CountryGroupFactory(country="US", staff_lead=person)
    CountryGroupFactory(country="JP", president=None)
    assert list(retention.people_to_review()) == [other]


def test_staff_erase_the_selected_after_confirming(client_for, staff, caen):
    person = _stale(caen, last_name="Ancien", email="ancien@example.org")
    response = client_for(staff).post(
        "/retention/", {"people": [person.pk], "action": "erase", "confirm": "on"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.erased_at is not None
    assert person.email == ""


def test_erasure_needs_the_confirmation(client_for, staff, caen):
    person = _stale(caen)
    response = client_for(staff).post("/retention/", {"people": [person.pk], "action": "erase"})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.erased_at is None


def test_a_kept_person_leaves_the_review(client_for, staff, caen):
    person = _stale(caen)
    client_for(staff).post("/retention/", {"people": [person.pk], "action": "keep"})
    assert person not in retention.people_to_review()
    person.refresh_from_db()
    assert person.erased_at is None


def test_only_people_due_can_be_erased_from_the_review(client_for, staff, caen):
    recent = PersonFactory(organisation=caen)
    client_for(staff).post(
        "/retention/", {"people": [recent.pk], "action": "erase", "confirm": "on"}
    )
    recent.refresh_from_db()
    assert recent.erased_at is None


def test_the_review_is_for_staff_only(client_for, caen_officer):
    assert client_for(caen_officer).get("/retention/").status_code == 403
