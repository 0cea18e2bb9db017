"""Services for country groups: members, president, staff lead."""

from __future__ import annotations

import pytest

from cityties.network import services
from cityties.network.tests.factories import CountryGroupFactory, PersonFactory


@pytest.fixture
def us_group(federation):
    return CountryGroupFactory(name="Groupe-pays États-Unis", country="US", federation=federation)


def test_add_member(staff, us_group, caen):
    services.check_add_group_member(us_group, caen, actor=staff)
    assert list(us_group.members.all()) == [caen]


def test_adding_a_member_twice_is_refused(staff, us_group, caen):
    services.check_add_group_member(us_group, caen, actor=staff)
    with pytest.raises(services.GroupError) as error:
        services.check_add_group_member(us_group, caen, actor=staff)
    assert error.value.code == "already_member"


def test_remove_member(staff, us_group, caen):
    services.check_add_group_member(us_group, caen, actor=staff)
    services.check_remove_group_member(us_group, caen, actor=staff)
    assert not us_group.members.exists()


def test_president_must_belong_to_a_member(staff, us_group, tours):
    person = PersonFactory(organisation=tours)
    with pytest.raises(services.GroupError) as error:
        services.check_set_group_president(us_group, person, actor=staff)
    assert error.value.code == "president_not_member"


def test_set_president_from_a_member(staff, us_group, caen):
    services.check_add_group_member(us_group, caen, actor=staff)
    person = PersonFactory(organisation=caen)
    services.check_set_group_president(us_group, person, actor=staff)
    us_group.refresh_from_db()
    assert us_group.president == person


def test_the_presidents_organisation_cannot_be_removed(staff, us_group, caen):
    services.check_add_group_member(us_group, caen, actor=staff)
    services.check_set_group_president(us_group, PersonFactory(organisation=caen), actor=staff)
    with pytest.raises(services.GroupError) as error:
        services.check_remove_group_member(us_group, caen, actor=staff)
    assert error.value.code == "president_member"


def test_staff_lead_must_belong_to_the_federation(staff, us_group, caen):
    with pytest.raises(services.GroupError) as error:
        services.check_set_group_staff_lead(us_group, PersonFactory(organisation=caen), actor=staff)
    assert error.value.code == "staff_lead_not_federation"


def test_set_staff_lead_from_the_federation(staff, us_group, federation):
    lead = PersonFactory(organisation=federation)
    services.check_set_group_staff_lead(us_group, lead, actor=staff)
    us_group.refresh_from_db()
    assert us_group.staff_lead == lead
