import pytest
from django.utils import translation

from cityties.delegations import services as svc
from cityties.delegations.models import Participant
from cityties.network.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_company_brings_its_sponsoring_member_along(delegation, company, caen, staff):
    svc.check_add_company(delegation, actor=staff, company=company, sponsor=caen)
    kinds = dict(
        Participant.objects.filter(delegation=delegation).values_list("organisation__name", "kind")
    )
    assert kinds == {"Soyhuce": "company", "Ville de Caen": "government"}


def test_a_delegate_belongs_to_the_participating_organisation(
    delegation, caen, tours_person, staff
):
    participant = svc.check_add_government(delegation, actor=staff, organisation=caen)
    with pytest.raises(svc.DelegationError) as exc:
        svc.check_add_delegate(participant, actor=staff, person=tours_person, role="staff")
    assert exc.value.code == "person_not_in_organisation"


def test_a_company_cannot_take_part_as_a_government(delegation, company, staff):
    with pytest.raises(svc.DelegationError) as exc:
        svc.check_add_government(delegation, actor=staff, organisation=company)
    assert exc.value.code == "not_member_government"


def test_counts_give_cities_companies_and_people(delegation, caen, company, caen_person, staff):
    government = svc.check_add_government(delegation, actor=staff, organisation=caen)
    svc.check_add_delegate(government, actor=staff, person=caen_person, role="staff")
    svc.check_add_company(delegation, actor=staff, company=company, sponsor=caen)
    counts = svc.delegation_counts(svc.participants_with_delegates(delegation))
    assert (counts.cities, counts.companies, counts.people) == (1, 1, 1)


def test_the_pitch_is_read_in_the_readers_language_with_fallback(company, company_rep):
    profile = svc.check_save_company_profile(
        company, actor=company_rep, pitch_fr="Une application citoyenne", pitch_en=""
    )
    with translation.override("en"):
        assert profile.pitch == "Une application citoyenne"
    svc.check_save_company_profile(company, actor=company_rep, pitch_en="A citizen app")
    profile.refresh_from_db()
    with translation.override("en"):
        assert profile.pitch == "A citizen app"
    with translation.override("fr"):
        assert profile.pitch == "Une application citoyenne"


def test_target_markets_are_iso_codes(company, company_rep):
    with pytest.raises(svc.DelegationError) as exc:
        svc.check_save_company_profile(company, actor=company_rep, target_markets="USA")
    assert exc.value.code == "invalid_markets"
    profile = svc.check_save_company_profile(company, actor=company_rep, target_markets="us, ca")
    assert profile.target_markets == "US,CA"


@pytest.fixture
def two_cities(delegation, caen, tours, caen_person, tours_person, staff):
    caen_part = svc.check_add_government(delegation, actor=staff, organisation=caen)
    tours_part = svc.check_add_government(delegation, actor=staff, organisation=tours)
    caen_delegate = svc.check_add_delegate(caen_part, actor=staff, person=caen_person, role="staff")
    svc.check_add_delegate(tours_part, actor=staff, person=tours_person, role="elected")
    return caen_part, tours_part, caen_delegate


def test_a_tours_officer_cannot_change_caens_delegates(client_for, two_cities, tours_officer):
    caen_part, _tours_part, caen_delegate = two_cities
    client = client_for(tours_officer)
    assert client.post(f"/delegations/delegates/{caen_delegate.pk}/remove/").status_code == 403
    response = client.post(
        f"/delegations/participants/{caen_part.pk}/", {"person": 1, "role": "staff"}
    )
    assert response.status_code == 403
    assert caen_part.delegates.count() == 1


def test_a_tours_officer_adds_its_own_delegate(client_for, two_cities, tours, tours_officer):
    _caen_part, tours_part, _d = two_cities
    person = PersonFactory(organisation=tours, first_name="Julien", last_name="Moreau")
    response = client_for(tours_officer).post(
        f"/delegations/participants/{tours_part.pk}/", {"person": person.pk, "role": "elected"}
    )
    assert response.status_code == 302
    assert tours_part.delegates.count() == 2


def test_a_participating_officer_sees_the_participant_list(
    client_for, two_cities, delegation, tours_officer
):
    response = client_for(tours_officer).get(f"/delegations/{delegation.pk}/participants/")
    assert response.status_code == 200
    assert "Vautier" in response.content.decode()


def test_a_tours_officer_cannot_bring_caens_company(
    client_for, two_cities, delegation, company, tours_officer
):
    response = client_for(tours_officer).post(
        f"/delegations/{delegation.pk}/participants/companies/", {"company": company.pk}
    )
    assert response.status_code == 403
    assert not delegation.participants.filter(organisation=company).exists()


def test_a_company_rep_sees_only_its_own_profile(client_for, company, company_rep, caen):
    other = OrganisationFactory(name="Starnav", kind="company", is_member=False, sponsor=caen)
    client = client_for(company_rep)
    assert client.get(f"/delegations/companies/{company.pk}/").status_code == 200
    assert client.get(f"/delegations/companies/{other.pk}/").status_code == 403
    assert client.get(f"/delegations/companies/{other.pk}/edit/").status_code == 403


def test_a_company_rep_edits_its_profile(client_for, company, company_rep):
    response = client_for(company_rep).post(
        f"/delegations/companies/{company.pk}/edit/",
        {"pitch_fr": "Appli", "pitch_en": "App", "is_sme": "on", "target_markets": "US"},
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.company_profile.pitch_en == "App"


def test_the_sponsoring_officer_edits_its_companys_profile(
    client_for, company, caen_officer, tours_officer
):
    assert (
        client_for(caen_officer).get(f"/delegations/companies/{company.pk}/edit/").status_code
        == 200
    )
    assert (
        client_for(tours_officer).get(f"/delegations/companies/{company.pk}/edit/").status_code
        == 403
    )


def test_the_lead_sees_the_profile_of_a_company_of_its_delegation(
    client_for, delegation, tours_company, tours, staff, caen_officer
):
    svc.check_add_company(delegation, actor=staff, company=tours_company, sponsor=tours)
    response = client_for(caen_officer).get(f"/delegations/companies/{tours_company.pk}/")
    assert response.status_code == 200


def test_a_company_rep_sees_the_programme_but_not_the_participants(
    client_for, delegation, company, caen, company_person, staff, company_rep
):
    participant = svc.check_add_company(delegation, actor=staff, company=company, sponsor=caen)
    svc.check_add_delegate(participant, actor=staff, person=company_person, role="company")
    client = client_for(company_rep)
    assert client.get(f"/delegations/{delegation.pk}/").status_code == 200
    assert client.get(f"/delegations/{delegation.pk}/programme/").status_code == 200
    assert client.get(f"/delegations/{delegation.pk}/participants/").status_code == 403


def test_a_partner_viewer_sees_a_delegation_it_funds(
    client_for, delegation, ministry, staff, viewer
):
    client = client_for(viewer)
    assert client.get(f"/delegations/{delegation.pk}/").status_code == 403
    svc.check_add_supporter(delegation, actor=staff, organisation=ministry, role="funder")
    assert client.get(f"/delegations/{delegation.pk}/").status_code == 200
    assert client.get(f"/delegations/{delegation.pk}/milestones/").status_code == 200
    assert (
        client.post(f"/delegations/{delegation.pk}/move/", {"to_status": "proposal"}).status_code
        == 403
    )
