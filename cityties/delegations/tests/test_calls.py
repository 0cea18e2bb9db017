from datetime import timedelta

import pytest
from django.utils import timezone

from cityties.delegations import services as svc
from cityties.delegations.models import Application, CompanyProfile, Participant
from cityties.network.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(delegation, caen_officer):
    return svc.check_open_call(
        delegation, actor=caen_officer, deadline=timezone.now() + timedelta(days=20)
    )


@pytest.fixture
def tours_company_b(tours):
    return OrganisationFactory(
        name="Loire Mobilité", kind="company", is_member=False, sponsor=tours
    )


def _propose(call, officer, company, **extra):
    values = {
        "contact_name": "Directrice",
        "contact_email": f"contact@{company.name.split()[0].lower()}.example",
        "language": "en",
    } | extra
    return svc.check_propose_company(call, actor=officer, company=company, **values)


def test_a_tours_officer_proposes_a_company_of_tours(call, tours_company, tours_officer):
    application = _propose(call, tours_officer, tours_company)
    assert (application.sponsor.name, application.status) == ("Ville de Tours", "submitted")


def test_an_officer_cannot_propose_another_citys_company(call, company, tours_officer):
    with pytest.raises(svc.DelegationError) as exc:
        _propose(call, tours_officer, company)
    assert exc.value.code == "not_your_company"


def test_a_company_applies_once(call, tours_company, tours_officer):
    _propose(call, tours_officer, tours_company)
    with pytest.raises(svc.DelegationError) as exc:
        _propose(call, tours_officer, tours_company)
    assert exc.value.code == "already_applied"


def test_the_call_is_closed_after_its_deadline(call, tours_company, tours_officer):
    with pytest.raises(svc.DelegationError) as exc:
        _propose(call, tours_officer, tours_company, now=call.deadline + timedelta(seconds=1))
    assert exc.value.code == "call_closed"


def test_declining_needs_a_reason(call, tours_company, tours_officer, caen_officer):
    application = _propose(call, tours_officer, tours_company)
    with pytest.raises(svc.DelegationError) as exc:
        svc.check_decide(application, actor=caen_officer, decision="declined")
    assert exc.value.code == "reason_required"


def test_accepting_brings_the_company_and_its_city_into_the_delegation(
    call, tours_company, tours_officer, caen_officer
):
    application = _propose(call, tours_officer, tours_company)
    svc.check_decide(application, actor=caen_officer, decision="accepted")
    kinds = dict(
        Participant.objects.filter(delegation=call.delegation).values_list(
            "organisation__name", "kind"
        )
    )
    assert kinds == {"Touraine Tech": "company", "Ville de Tours": "government"}


def test_each_decision_is_mailed_in_the_applicants_language(
    call,
    tours_company,
    tours_company_b,
    tours_officer,
    caen_officer,
    smtp_inbox,
    django_capture_on_commit_callbacks,
):
    first = _propose(call, tours_officer, tours_company, language="en")
    second = _propose(call, tours_officer, tours_company_b, language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        svc.check_decide(first, actor=caen_officer, decision="accepted")
    with django_capture_on_commit_callbacks(execute=True):
        svc.check_decide(second, actor=caen_officer, decision="declined", reason="Hors secteur")
    (accepted,) = smtp_inbox.bodies_to("contact@touraine.example")
    (declined,) = smtp_inbox.bodies_to("contact@loire.example")
    assert "is accepted" in accepted
    assert "n'est pas retenue" in declined or "pas retenu" in declined
    assert "Hors secteur" in declined


def test_a_waitlisted_application_can_be_accepted_later(
    call, tours_company, tours_officer, caen_officer
):
    application = _propose(call, tours_officer, tours_company)
    svc.check_decide(application, actor=caen_officer, decision="waitlisted")
    svc.check_decide(application, actor=caen_officer, decision="accepted")
    assert Application.objects.get().status == "accepted"


def test_the_company_applies_through_the_signed_link(client, call, tours_company):
    token = svc.application_token(call, tours_company)
    response = client.post(
        f"/delegations/apply/{token}/",
        {
            "contact_name": "Léa",
            "contact_email": "lea@touraine.example",
            "language": "fr",
            "pitch_fr": "Capteurs urbains",
            "pitch_en": "Urban sensors",
        },
    )
    assert response.status_code == 200
    application = Application.objects.get()
    assert (application.company, application.proposed_by) == (tours_company, None)
    assert CompanyProfile.objects.get(company=tours_company).pitch_en == "Urban sensors"


def test_a_forged_link_is_refused(client, call):
    assert client.get("/delegations/apply/forged-token/").status_code == 400


def test_the_invitation_link_is_mailed(
    client_for, call, tours_company, tours_officer, smtp_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(tours_officer).post(
            f"/delegations/{call.delegation_id}/call/invite/",
            {"company": tours_company.pk, "email": "hello@touraine.example", "language": "en"},
        )
    assert response.status_code == 302
    (body,) = smtp_inbox.bodies_to("hello@touraine.example")
    assert "/delegations/apply/" in body


def test_a_tours_officer_sees_only_its_own_proposals(
    client_for, call, tours_company, company, tours_officer, caen_officer
):
    _propose(call, tours_officer, tours_company)
    _propose(call, caen_officer, company)
    body = client_for(tours_officer).get(f"/delegations/{call.delegation_id}/call/").content
    assert "Touraine Tech" in body.decode()
    assert "Soyhuce" not in body.decode()


def test_a_tours_officer_cannot_decide(client_for, call, tours_company, tours_officer):
    application = _propose(call, tours_officer, tours_company)
    response = client_for(tours_officer).post(
        f"/delegations/applications/{application.pk}/decide/", {"decision": "accepted"}
    )
    assert response.status_code == 403


def test_a_company_rep_cannot_open_the_call_page(client_for, call, company_rep):
    assert (
        client_for(company_rep).get(f"/delegations/{call.delegation_id}/call/").status_code == 403
    )
