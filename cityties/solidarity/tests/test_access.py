"""Who sees what: a member never sees or changes another's private pledge, its council
document or the reports of a project it did not fund, on the pages, in the API or through
the files; the fund's managers and staff see everything."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cityties.accounts.models import Role
from cityties.accounts.tests.factories import MembershipFactory, UserFactory
from cityties.network.tests.factories import OrganisationFactory
from cityties.solidarity import services as svc

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def lyon_officer(db):
    """The officer of a member that gave nothing to this fund."""
    lyon = OrganisationFactory(name="Métropole de Lyon", kind="intercommunality")
    user = UserFactory(email="lyon@example.org")
    MembershipFactory(user=user, organisation=lyon, role=Role.MEMBER_OFFICER)
    return user


def test_another_member_cannot_read_a_private_pledge(world, client_for, tours_officer):
    client = client_for(tours_officer)
    pk = world.caen_pledge.pk
    assert client.get(f"/solidarity/pledges/{pk}/").status_code == 403
    assert client.get(f"/api/solidarity/pledges/{pk}").status_code == 403
    listed = client.get(f"/api/solidarity/funds/{world.fund.pk}/pledges").json()
    assert [p["id"] for p in listed] == [world.tours_pledge.pk]


def test_another_member_cannot_change_or_pay_a_pledge(world, client_for, tours_officer):
    client = client_for(tours_officer)
    pk = world.tours_pledge.pk
    caen = world.caen_pledge.pk
    assert client.get(f"/solidarity/pledges/{caen}/edit/").status_code == 403
    response = client.post(
        f"/solidarity/pledges/{caen}/payments/",
        {"paid_on": "2016-10-04", "amount": "10", "channel": "direct"},
    )
    assert response.status_code == 403
    response = client.post(
        f"/api/solidarity/pledges/{caen}/payments",
        {"paid_on": "2016-10-04", "amount": "10", "channel": "direct"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.post(f"/solidarity/pledges/{caen}/cancel/").status_code == 403
    assert client.post(f"/solidarity/payments/{world.payment.pk}/remove/").status_code == 403
    world.caen_pledge.refresh_from_db()
    assert world.caen_pledge.paid_total == D("20000.00")
    # Its own pledge Tours may change.
    assert client.get(f"/solidarity/pledges/{pk}/edit/").status_code == 200


def test_a_public_pledge_is_read_but_its_decision_document_is_not(
    world, client_for, staff, caen_officer, tours_officer
):
    tours = svc.check_record_decision(
        world.tours_pledge,
        actor=staff,
        decided_on=date(2016, 9, 30),
        reference="DEL-T-1",
        upload=_pdf(),
    )
    caen = client_for(caen_officer)
    assert caen.get(f"/solidarity/pledges/{tours.pk}/").status_code == 200
    assert caen.get(f"/solidarity/pledges/{tours.pk}/decision/document/").status_code == 403
    assert caen.get(f"/api/solidarity/pledges/{tours.pk}").json()["decision_reference"] == ""
    assert (
        client_for(tours_officer)
        .get(f"/solidarity/pledges/{tours.pk}/decision/document/")
        .status_code
        == 200
    )


def test_a_shared_decision_is_read_by_the_network(world, client_for, staff, caen_officer):
    tours = svc.check_record_decision(
        world.tours_pledge,
        actor=staff,
        decided_on=date(2016, 9, 30),
        reference="DEL-T-1",
        upload=_pdf(),
        shared=True,
    )
    response = client_for(caen_officer).get(f"/solidarity/pledges/{tours.pk}/decision/document/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_decision_document_is_served_to_its_member_and_the_fund(
    world, client_for, caen_officer, viewer
):
    path = f"/solidarity/pledges/{world.caen_pledge.pk}/decision/document/"
    for user in (caen_officer, viewer):
        assert client_for(user).get(path).status_code == 200


def test_the_reports_are_for_those_who_funded_the_project(
    world, client_for, tours_officer, lyon_officer, company_rep
):
    document = f"/solidarity/attachments/{world.document.pk}/"
    photo = f"/solidarity/attachments/{world.photo.pk}/"
    # Tours pledged to the fund: it reads the reports of what its money funds.
    tours = client_for(tours_officer)
    assert tours.get(document).status_code == 200
    assert tours.get(photo)["Content-Disposition"].startswith("inline")
    assert (
        "Deux pompes sur cinq"
        in tours.get(f"/solidarity/projects/{world.project.pk}/").content.decode()
    )
    for user in (lyon_officer, company_rep):
        client = client_for(user)
        assert client.get(document).status_code == 403
        assert client.get(photo).status_code == 403
        page = client.get(f"/solidarity/projects/{world.project.pk}/").content.decode()
        assert "Deux pompes sur cinq" not in page
        assert f"/solidarity/attachments/{world.document.pk}/" not in page
        api = client.get(f"/api/solidarity/projects/{world.project.pk}").json()
        assert api["reports"] is None


def test_the_files_are_never_under_a_public_address(world, client_for):
    assert client_for(None).get(f"/solidarity/attachments/{world.document.pk}/").status_code == 302
    assert (
        f"/media/{world.document.file.name}"
        not in client_for(None).get(f"/solidarity/public/funds/{world.fund.pk}/").content.decode()
    )


def test_a_member_cannot_pledge_for_another(world, client_for, tours_officer, caen):
    response = client_for(tours_officer).post(
        f"/api/solidarity/funds/{world.fund.pk}/pledges",
        {"member_id": caen.pk, "amount": "10.00", "legal_basis": "humanitarian"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "not_your_government"
    page = client_for(tours_officer).post(
        f"/solidarity/funds/{world.fund.pk}/pledge/",
        {
            "member": caen.pk,
            "amount": "10",
            "legal_basis": "humanitarian",
            "budget_year": 2016,
            "pledged_on": "2016-09-01",
        },
    )
    assert page.status_code == 200 and world.fund.pledges.count() == 2


def test_a_member_reads_only_its_own_budgets(world, client_for, tours_officer, caen):
    client = client_for(tours_officer)
    assert client.get(f"/solidarity/members/{caen.pk}/budgets/").status_code == 403
    assert client.get(f"/api/solidarity/members/{caen.pk}/headroom/2016").status_code == 403


def test_only_the_offering_member_answers_a_match(world, client_for, tours_officer, caen_officer):
    path = f"/solidarity/expertise/matches/{world.match.pk}/answer/"
    assert client_for(tours_officer).post(path, {"accept": "1"}).status_code == 403
    assert client_for(caen_officer).post(path, {"accept": "1"}).status_code == 302
    world.match.refresh_from_db()
    assert world.match.status == "accepted"


def test_a_member_run_fund_is_managed_by_its_officers(
    world, client_for, staff, caen, caen_officer, lyon_officer
):
    from .factories import make_fund

    fund = make_fund(staff, world.crisis, manager=caen, channel="member")
    pledge = svc.check_create_pledge(
        fund,
        actor=staff,
        member=world.tours_pledge.member,
        amount=D("100.00"),
        legal_basis="humanitarian",
        pledged_on=date(2016, 9, 1),
        is_private=True,
    )
    caen = client_for(caen_officer)
    assert caen.get(f"/solidarity/pledges/{pledge.pk}/").status_code == 200
    assert caen.get(f"/solidarity/funds/{fund.pk}/edit/").status_code == 200
    # Managing the fund is not changing a member's pledge.
    assert caen.get(f"/solidarity/pledges/{pledge.pk}/edit/").status_code == 403
    assert client_for(lyon_officer).get(f"/solidarity/pledges/{pledge.pk}/").status_code == 403


def _pdf():
    from .factories import pdf

    return pdf("tours.pdf")
