"""Services for people: creation, duplicates by e-mail, consent, archive."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from cityties.network import services
from cityties.network.tests.factories import PersonFactory


def make(actor, organisation, **fields):
    fields.setdefault("first_name", "Joël")
    fields.setdefault("last_name", "Bruneau")
    return services.check_create_person(actor=actor, organisation=organisation, **fields)


def test_create_person_is_audited_with_the_actor(caen_officer, caen):
    person = make(caen_officer, caen, email="joel.bruneau@caen.fr")
    assert LogEntry.objects.get_for_object(person).get().actor == caen_officer


def test_email_is_normalised_to_lower_case(staff, caen):
    assert make(staff, caen, email=" Joel.Bruneau@Caen.FR ").email == "joel.bruneau@caen.fr"


def test_same_email_is_a_duplicate_naming_the_existing_person(staff, caen, tours):
    existing = make(staff, caen, email="joel.bruneau@caen.fr")
    with pytest.raises(services.DuplicateError) as error:
        make(staff, tours, first_name="J.", email="JOEL.BRUNEAU@caen.fr")
    assert error.value.code == "duplicate"
    assert error.value.existing == existing
    assert "Joël Bruneau" in str(error.value)


def test_people_without_email_are_not_duplicates(staff, caen):
    make(staff, caen)
    assert make(staff, caen).pk


def test_updating_onto_another_persons_email_is_a_duplicate(staff, caen):
    make(staff, caen, email="a@caen.fr")
    other = make(staff, caen, first_name="Sonia", email="b@caen.fr")
    with pytest.raises(services.DuplicateError):
        services.check_update_person(other, actor=staff, email="a@caen.fr")


def test_names_are_required(staff, caen):
    with pytest.raises(services.DirectoryError) as error:
        make(staff, caen, last_name="  ")
    assert error.value.code == "last_name_required"


def test_consent_given_records_its_date(staff, caen):
    person = make(staff, caen, consent_given=True)
    assert person.consent_given is True
    assert person.consent_date is not None


def test_consent_date_is_kept_when_consent_stays_given(staff, caen):
    person = make(staff, caen, consent_given=True)
    first_date = person.consent_date
    services.check_update_person(person, actor=staff, function="Maire", consent_given=True)
    person.refresh_from_db()
    assert person.consent_date == first_date


def test_withdrawn_consent_clears_its_date(staff, caen):
    person = make(staff, caen, consent_given=True)
    services.check_update_person(person, actor=staff, consent_given=False)
    person.refresh_from_db()
    assert person.consent_given is False
    assert person.consent_date is None


def test_languages_are_normalised(staff, caen):
    assert make(staff, caen, languages="FR; en , fr").languages == "fr,en"


def test_bad_language_codes_are_refused(staff, caen):
    with pytest.raises(services.DirectoryError) as error:
        make(staff, caen, languages="French")
    assert error.value.code == "invalid_languages"


def test_person_cannot_join_an_archived_organisation(staff, tours):
    services.check_archive_organisation(tours, actor=staff)
    with pytest.raises(services.DirectoryError) as error:
        make(staff, tours)
    assert error.value.code == "organisation_archived"


def test_archive_and_unarchive_person(staff, caen):
    person = PersonFactory(organisation=caen)
    services.check_archive_person(person, actor=staff)
    assert person.archived_at is not None
    services.check_unarchive_person(person, actor=staff)
    assert person.archived_at is None
