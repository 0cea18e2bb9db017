"""The United States group (Caen and Tours are members) and a group Tours is not in."""

from __future__ import annotations

import pytest

from cityties.network.tests.factories import CountryGroupFactory, OrganisationFactory, PersonFactory


@pytest.fixture
def us_group(caen, tours, federation):
    group = CountryGroupFactory(name="Groupe-pays États-Unis", country="US", federation=federation)
    group.members.add(caen, tours)
    return group


@pytest.fixture
def japan_group(caen, federation):
    """Caen is a member; Tours is not."""
    group = CountryGroupFactory(name="Groupe-pays Japon", country="JP", federation=federation)
    group.members.add(caen)
    return group


@pytest.fixture
def claire(caen):
    return PersonFactory(
        organisation=caen,
        civility="ms",
        first_name="Claire",
        last_name="Vautier",
        function="Chef de service relations internationales",
        email="claire.vautier@example.org",
        languages="fr,en",
    )


@pytest.fixture
def herve(caen):
    return PersonFactory(
        organisation=caen,
        civility="mr",
        first_name="Hervé",
        last_name="Lemarchand",
        function="Maire",
        email="herve@example.org",
        languages="fr",
    )


@pytest.fixture
def anne(tours):
    return PersonFactory(
        organisation=tours,
        civility="ms",
        first_name="Anne-Sophie",
        last_name="Delorme",
        function="Responsable des relations internationales",
        email="anne@tours.example",
        languages="en",
    )


@pytest.fixture
def expert(db):
    agency = OrganisationFactory(name="Business France", kind="agency", is_member=False)
    return PersonFactory(organisation=agency, first_name="Mathieu", last_name="Petit")
