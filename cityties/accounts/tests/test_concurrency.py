"""Races that only a real database server can show: run on PostgreSQL in CI."""

import threading

import pytest
from django.db import connection, connections

from cityties.accounts import guestlinks, services
from cityties.accounts.models import User

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (run by CI)"
)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_clicks_on_one_invitation_create_one_account(staff, caen):
    invitation = services.check_invite_user(
        email="race@example.org",
        full_name="Race",
        organisation=caen,
        role="member_officer",
        actor=staff,
    )
    token = guestlinks.make_token(services.INVITATION_PURPOSE, invitation.pk)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def accept() -> None:
        try:
            barrier.wait()
            services.check_accept_invitation(token=token, password="Une-phrase-de-passe-2016")
            outcomes.append("created")
        except services.AccountError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "invitation_used", "invitation_used", "invitation_used"]
    assert User.objects.filter(email="race@example.org").count() == 1
