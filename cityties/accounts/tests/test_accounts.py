import re

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from cityties.accounts import guestlinks, services
from cityties.accounts.models import Invitation, Membership, Role, User
from cityties.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _link(body: str) -> str:
    match = re.search(r"https?://\S+", body)
    assert match, body
    return match.group(0)


def test_login_with_email_reaches_the_dashboard(client, caen_officer):
    response = client.post(
        "/accounts/login/", {"username": "caen@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, caen_officer):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "caen@example.org", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": "caen@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not_lock(client, caen_officer):
    for _ in range(4):
        client.post("/accounts/login/", {"username": "caen@example.org", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": "caen@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_invitation_is_mailed_over_smtp_and_its_link_creates_the_account(
    client_for, staff, caen, smtp_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            "/accounts/users/invite/",
            {
                "full_name": "Nouvelle Personne",
                "email": "nouvelle@example.org",
                "organisation": caen.pk,
                "role": Role.MEMBER_OFFICER,
            },
        )
    assert response.status_code == 302
    [body] = smtp_inbox.bodies_to("nouvelle@example.org")
    link = _link(body)
    path = link.split("8000", 1)[-1]
    page = client_for(None).get(path)
    assert page.status_code == 200
    new_password = "Une-phrase-de-passe-2016"
    done = client_for(None).post(path, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    user = User.objects.get(email="nouvelle@example.org")
    assert user.check_password(new_password)
    assert user.memberships.get().role == Role.MEMBER_OFFICER


def test_an_invitation_link_works_only_once(staff, caen, client_for):
    invitation = services.check_invite_user(
        email="a@example.org", full_name="A", organisation=caen, role="member_officer", actor=staff
    )
    token = guestlinks.make_token(services.INVITATION_PURPOSE, invitation.pk)
    services.check_accept_invitation(token=token, password="Une-phrase-de-passe-2016")
    with pytest.raises(services.AccountError) as error:
        services.check_accept_invitation(token=token, password="Une-phrase-de-passe-2016")
    assert error.value.code == "invitation_used"
    page = client_for(None).get(f"/accounts/invitation/{token}/")
    assert page.status_code == 410


def test_a_tampered_guest_link_is_refused_with_a_clear_page(staff, caen, client_for):
    invitation = services.check_invite_user(
        email="b@example.org", full_name="B", organisation=caen, role="member_officer", actor=staff
    )
    token = guestlinks.make_token(services.INVITATION_PURPOSE, invitation.pk)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client_for(None).get(f"/accounts/invitation/{forged}/")
    assert response.status_code == 400
    content = response.content.decode()
    assert 'data-code="guest_link_invalid"' in content
    assert "Ce lien n" in content  # the French message, not a stack trace
    assert not User.objects.filter(email="b@example.org").exists()


def test_an_expired_guest_link_is_refused(staff, caen, client_for, settings):
    invitation = services.check_invite_user(
        email="c@example.org", full_name="C", organisation=caen, role="member_officer", actor=staff
    )
    token = guestlinks.make_token(services.INVITATION_PURPOSE, invitation.pk)
    settings.INVITATION_MAX_AGE_DAYS = -1
    response = client_for(None).get(f"/accounts/invitation/{token}/")
    assert response.status_code == 410
    assert 'data-code="guest_link_expired"' in response.content.decode()


def test_a_guest_token_for_one_purpose_is_worthless_for_another():
    token = guestlinks.make_token("rsvp", 42)
    assert guestlinks.read_token(token, "rsvp").object_id == 42
    with pytest.raises(guestlinks.GuestLinkError) as error:
        guestlinks.read_token(token, "homestay")
    assert error.value.code == "guest_link_invalid"


def test_password_reset_mail_link_sets_a_new_password(client, caen_officer, smtp_inbox, settings):
    response = client.post("/accounts/password-reset/", {"email": "caen@example.org"})
    assert response.status_code == 302
    [body] = smtp_inbox.bodies_to("caen@example.org")
    path = "/" + _link(body).split("/", 3)[3]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    new_password = "Nouveau-mot-de-passe-2016"
    done = client.post(set_url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    caen_officer.refresh_from_db()
    assert caen_officer.check_password(new_password)


def test_only_network_staff_may_invite(client_for, caen_officer, caen):
    response = client_for(caen_officer).post(
        "/accounts/users/invite/",
        {
            "full_name": "X",
            "email": "x@example.org",
            "organisation": caen.pk,
            "role": "network_staff",
        },
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_a_role_change_is_audited_with_its_actor(staff, caen_officer):
    membership = caen_officer.memberships.get()
    services.do_set_role(membership=membership, role=Role.PARTNER_VIEWER, actor=staff)
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Membership), object_pk=str(membership.pk)
    ).latest("timestamp")
    assert entry.actor == staff
    assert entry.changes_dict["role"] == [Role.MEMBER_OFFICER, Role.PARTNER_VIEWER]


def test_a_company_representative_must_belong_to_a_company(staff, caen):
    with pytest.raises(services.AccountError) as error:
        services.check_invite_user(
            email="d@example.org", full_name="D", organisation=caen, role="company_rep", actor=staff
        )
    assert error.value.code == "role_org_mismatch"
