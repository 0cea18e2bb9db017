"""The card mailed with its RSVP link, the guest's answer through it, and why a forged,
replaced or expired link is refused."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from cityties.accounts.guestlinks import GuestLinkError

from .. import services as svc
from ..card import render_card
from ..models import Invitation

pytestmark = pytest.mark.django_db


def _rsvp_path(body: str) -> str:
    line = next(line for line in body.splitlines() if "/reception/rsvp/" in line)
    return line[line.index("/reception/rsvp/") :].strip()


def test_the_card_is_mailed_once_with_the_pdf_and_the_link(
    guest, company_rep, smtp_inbox, mail_cards
):
    assert mail_cards([guest], actor=company_rep) == 1
    assert mail_cards([guest], actor=company_rep) == 0
    ((rcpts, message),) = smtp_inbox.messages
    assert rcpts == ["jose@pittsburgh.example"]
    assert "French reception" in message["Subject"]
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert "/reception/rsvp/" in smtp_inbox.bodies_to("jose@pittsburgh.example")[0]


def test_the_mail_is_in_the_guest_language(quota, company_rep, smtp_inbox, mail_cards):
    guest = svc.check_add_guest(
        quota,
        actor=company_rep,
        fields={"name": "Hélène Dubois", "email": "helene@example.fr", "language": "fr"},
    )
    mail_cards([guest], actor=company_rep)
    (body,) = smtp_inbox.bodies_to("helene@example.fr")
    assert "Merci de nous dire si vous viendrez" in body


def test_the_card_is_bilingual_with_the_guest_name(guest, tmp_path):
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(render_card(guest))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count("José Martínez") == 2
    assert "Réception française" in text and "French reception" in text
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    assert len(images.stdout.splitlines()) == 3  # the header, its rule, the QR code


def test_the_guest_answers_through_the_mailed_link(
    guest, client, company_rep, smtp_inbox, mail_cards
):
    mail_cards([guest], actor=company_rep)
    path = _rsvp_path(smtp_inbox.bodies_to("jose@pittsburgh.example")[0])
    page = client.get(path)
    assert page.status_code == 200 and "José Martínez" in page.content.decode()
    response = client.post(path, {"attending": "yes", "plus_ones": "2"})
    assert response.status_code == 200
    guest.refresh_from_db()
    assert (guest.rsvp, guest.plus_ones) == ("yes", 2)


def test_the_link_cannot_rename_the_guest(guest, client):
    path = f"/reception/rsvp/{svc.rsvp_token(guest)}/"
    client.post(path, {"attending": "yes", "name": "Someone Else", "email": "x@example.org"})
    guest.refresh_from_db()
    assert (guest.name, guest.email, guest.rsvp) == (
        "José Martínez",
        "jose@pittsburgh.example",
        "yes",
    )


def test_plus_ones_above_the_allowance_are_refused(guest):
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_answer(guest, actor=None, attending=True, plus_ones=3)
    assert error.value.code == "too_many_plus_ones"


def test_declining_drops_the_plus_ones(guest):
    svc.check_answer(guest, actor=None, attending=True, plus_ones=2)
    answered = svc.check_answer(Invitation.objects.get(pk=guest.pk), actor=None, attending=False)
    assert (answered.rsvp, answered.plus_ones) == ("no", 0)


def test_a_forged_link_is_refused(guest, client):
    token = svc.rsvp_token(guest)
    response = client.get(f"/reception/rsvp/{token[:-3]}abc/")
    assert response.status_code == 400


def test_a_link_for_one_guest_does_not_open_another(guest, quota, company_rep):
    from cityties.accounts.guestlinks import make_token

    other = svc.check_add_guest(quota, actor=company_rep, fields={"name": "Other guest"})
    forged = make_token(svc.guests.RSVP_PURPOSE, other.pk, k=guest.link_key)
    with pytest.raises(GuestLinkError):
        svc.read_rsvp_token(forged)


def test_the_link_expires_after_the_reception(guest):
    token = svc.rsvp_token(guest)
    later = guest.reception.session.ends_at + timedelta(minutes=1)
    with pytest.raises(GuestLinkError) as error:
        svc.read_rsvp_token(token, now=later)
    assert error.value.code == "guest_link_expired"


def test_answers_close_when_the_reception_starts(guest):
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_answer(guest, actor=None, attending=True, now=guest.reception.session.starts_at)
    assert error.value.code == "answers_closed"


def test_no_card_is_mailed_after_the_reception(guest, company_rep, smtp_inbox, mail_cards):
    session = guest.reception.session
    session.starts_at = timezone.now() - timedelta(hours=5)
    session.ends_at = timezone.now() - timedelta(hours=1)
    session.save()
    assert mail_cards([Invitation.objects.get(pk=guest.pk)], actor=company_rep) == 0
    assert smtp_inbox.messages == []
