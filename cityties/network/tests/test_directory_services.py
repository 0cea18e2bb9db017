"""Services for organisations: creation, duplicates, update, archive."""

from __future__ import annotations

import pytest
import rules
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction

from cityties.core.errors import NotAllowedError
from cityties.network import services
from cityties.network.models import Organisation, Sector


def create(actor, **fields) -> Organisation:
    fields.setdefault("kind", "foreign_city")
    fields.setdefault("country", "US")
    return services.check_create_organisation(actor=actor, **fields)


def test_create_organisation_records_the_actor_in_the_audit_trail(staff):
    org = create(staff, name="Nashville")
    entry = LogEntry.objects.get_for_object(org).get()
    assert entry.actor == staff


def test_create_organisation_sets_sectors(staff):
    sector = Sector.objects.create(code="health", label_fr="Santé", label_en="Health")
    org = create(staff, name="Nashville", sectors=[sector])
    assert list(org.sectors.all()) == [sector]


def test_duplicate_name_ignoring_case_and_accents_is_refused(staff):
    existing = create(staff, name="Ville de Montréal", country="CA")
    with pytest.raises(services.DuplicateError) as error:
        create(staff, name="  VILLE DE MONTREAL ", country="ca")
    assert error.value.code == "duplicate"
    assert error.value.existing == existing
    assert "Ville de Montréal" in str(error.value)
    assert Organisation.objects.filter(country="CA").count() == 1


def test_same_name_in_another_country_is_not_a_duplicate(staff):
    create(staff, name="Paris", country="US")
    assert create(staff, name="Paris", country="FR", kind="commune").country == "FR"


def test_renaming_onto_an_existing_name_is_a_duplicate(staff):
    create(staff, name="Atlanta")
    other = create(staff, name="Nashville")
    with pytest.raises(services.DuplicateError):
        services.check_update_organisation(other, actor=staff, name="atlanta")


def test_unknown_country_is_refused(staff):
    with pytest.raises(services.DirectoryError) as error:
        create(staff, name="Atlantis", country="QQ")
    assert error.value.code == "unknown_country"


def test_sponsor_is_only_for_companies(staff, caen):
    with pytest.raises(services.DirectoryError) as error:
        create(staff, name="Nashville", sponsor=caen)
    assert error.value.code == "sponsor_not_company"


def test_half_coordinates_are_refused(staff):
    with pytest.raises(services.DirectoryError) as error:
        create(staff, name="Nashville", latitude=36.1)
    assert error.value.code == "invalid_coordinates"


def test_update_organisation_changes_fields(caen_officer, caen):
    services.check_update_organisation(caen, actor=caen_officer, description="Normandy capital")
    caen.refresh_from_db()
    assert caen.description == "Normandy capital"


def test_archive_then_unarchive_organisation(staff, tours):
    services.check_archive_organisation(tours, actor=staff)
    assert tours.archived_at is not None
    services.check_unarchive_organisation(tours, actor=staff)
    tours.refresh_from_db()
    assert tours.archived_at is None


def test_archiving_twice_is_refused(staff, tours):
    services.check_archive_organisation(tours, actor=staff)
    with pytest.raises(services.DirectoryError) as error:
        services.check_archive_organisation(tours, actor=staff)
    assert error.value.code == "already_archived"


def test_a_member_sponsoring_active_companies_cannot_be_archived(staff, caen, company):
    with pytest.raises(services.DirectoryError) as error:
        services.check_archive_organisation(caen, actor=staff)
    assert error.value.code == "has_sponsored"


def test_officer_may_create_a_foreign_partner(caen_officer):
    candidate = Organisation(name="Nashville", kind="foreign_city", country="US")
    assert rules.test_rule("network.create_this_organisation", caen_officer, candidate)


def test_officer_may_create_a_company_they_sponsor(caen_officer, caen):
    candidate = Organisation(name="Start", kind="company", country="FR", sponsor=caen)
    assert rules.test_rule("network.create_this_organisation", caen_officer, candidate)


def test_officer_may_not_create_a_company_sponsored_by_another_city(caen_officer, tours):
    candidate = Organisation(name="Start", kind="company", country="FR", sponsor=tours)
    assert not rules.test_rule("network.create_this_organisation", caen_officer, candidate)


def test_officer_may_not_create_a_french_government(caen_officer):
    candidate = Organisation(name="Ville de Lyon", kind="commune", country="FR")
    assert not rules.test_rule("network.create_this_organisation", caen_officer, candidate)


def test_officer_may_not_create_a_member(caen_officer):
    candidate = Organisation(name="Québec", kind="foreign_city", country="CA", is_member=True)
    assert not rules.test_rule("network.create_this_organisation", caen_officer, candidate)


def test_company_rep_may_not_create_organisations(company_rep):
    candidate = Organisation(name="Nashville", kind="foreign_city", country="US")
    assert not rules.test_rule("network.create_this_organisation", company_rep, candidate)


def test_staff_may_create_anything(staff):
    candidate = Organisation(name="Ville de Lyon", kind="commune", country="FR", is_member=True)
    assert rules.test_rule("network.create_this_organisation", staff, candidate)


def test_officer_cannot_hand_their_company_to_another_city(caen_officer, company, tours):
    with pytest.raises(NotAllowedError) as error:
        services.check_update_organisation(company, actor=caen_officer, sponsor=tours)
    assert error.value.code == "not_allowed"


def test_officer_cannot_make_an_organisation_a_member(caen_officer, company):
    with pytest.raises(NotAllowedError):
        services.check_update_organisation(company, actor=caen_officer, is_member=True)


def test_officer_may_change_the_description_of_their_company(caen_officer, company):
    services.check_update_organisation(company, actor=caen_officer, description="Apps")
    company.refresh_from_db()
    assert company.description == "Apps"


def test_company_rep_cannot_re_sponsor_its_company_through_the_service(company_rep, company, tours):
    with pytest.raises(NotAllowedError):
        services.check_update_organisation(company, actor=company_rep, sponsor=tours)


def test_staff_moves_a_company_to_another_sponsor(staff, company, tours):
    services.check_update_organisation(company, actor=staff, sponsor=tours)
    company.refresh_from_db()
    assert company.sponsor == tours


def test_the_database_refuses_a_second_active_organisation_with_one_folded_name(staff):
    services.do_create_organisation(
        actor=staff, name="Ville de Montréal", kind="foreign_city", country="CA"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        services.do_create_organisation(
            actor=staff, name="VILLE DE MONTREAL", kind="foreign_city", country="CA"
        )


def test_the_folded_name_is_kept_by_bulk_writes_too(staff):
    (org,) = Organisation.objects.bulk_create(
        [Organisation(name="Ville d'Épinal", kind="commune", country="FR")]
    )
    assert Organisation.objects.get(pk=org.pk).name_key == "ville d epinal"
    org.name = "Épinal"
    Organisation.objects.bulk_update([org], ["name"])
    assert Organisation.objects.get(pk=org.pk).name_key == "epinal"
