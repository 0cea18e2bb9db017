"""The development outbox: mail kept in the database and read by staff on /outbox/."""

from __future__ import annotations

import pytest
from django.core.mail import send_mail

from cityties.core.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox_backend(settings):
    settings.MAILERS = {"default": {"BACKEND": "cityties.core.outbox.OutboxBackend"}}


def test_development_mail_is_kept_instead_of_sent(outbox_backend):
    send_mail("Réinitialisation", "Suivez http://testserver/reset/x/ ici.", None, ["a@example.org"])
    message = OutboxMessage.objects.get()
    assert message.subject == "Réinitialisation"
    assert message.to == "a@example.org"
    assert "http://testserver/reset/x/" in message.body


def test_development_settings_keep_mail_in_the_outbox(settings):
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.MAILERS['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={"DJANGO_SETTINGS_MODULE": "cityties.settings", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "cityties.core.outbox.OutboxBackend"


def test_staff_follow_a_mailed_link_from_the_outbox(outbox_backend, client_for, staff):
    send_mail(
        "Invitation", "Acceptez : http://testserver/accounts/invitation/abc/", None, ["b@x.org"]
    )
    client = client_for(staff)
    listing = client.get("/outbox/").content.decode()
    assert "Invitation" in listing
    message = OutboxMessage.objects.get()
    page = client.get(f"/outbox/{message.pk}/").content.decode()
    assert '<a href="http://testserver/accounts/invitation/abc/"' in page


def test_the_outbox_is_for_staff_only(outbox_backend, client_for, caen_officer):
    assert client_for(caen_officer).get("/outbox/").status_code == 403


def test_the_outbox_does_not_exist_when_mail_is_really_sent(client_for, staff):
    assert client_for(staff).get("/outbox/").status_code == 404
