"""Reminders to the guests who have not answered, through the tick, once; and the
retention purge of guests' personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from cityties.core.tick import discover, run_job

from .. import services as svc
from ..models import Invitation
from .factories import make_reception

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminded(delegation, soyhuce, staff, company_rep, mail_cards):
    """A reception whose reminder time has come, three guests mailed, one answered."""
    now = timezone.now()
    reception = make_reception(delegation, actor=staff, remind_at=now + timedelta(days=5))
    quota = svc.check_set_quota(reception, actor=staff, participant=soyhuce, size=5)
    guests = [
        svc.check_add_guest(
            quota, actor=company_rep, fields={"name": f"Guest {n}", "email": f"g{n}@example.org"}
        )
        for n in range(3)
    ]
    mail_cards(guests, actor=company_rep)
    svc.check_answer(guests[0], actor=None, attending=True)
    return guests


LATER = timezone.now() + timedelta(days=6)


def _run(name, now=None):
    return run_job(discover()[name], now=now, force=True)


def test_reminders_go_to_those_who_have_not_answered_once(
    reminded, smtp_inbox, django_capture_on_commit_callbacks
):
    smtp_inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _run("reception.rsvp_reminders", now=LATER).items == 2
    assert _run("reception.rsvp_reminders", now=LATER).items == 0
    assert sorted(r for rcpts, _m in smtp_inbox.messages for r in rcpts) == [
        "g1@example.org",
        "g2@example.org",
    ]
    assert Invitation.objects.filter(reminded_at__isnull=False).count() == 2


def test_no_reminder_before_its_time(delegation, soyhuce, staff, company_rep, mail_cards):
    reception = make_reception(
        delegation, actor=staff, remind_at=timezone.now() + timedelta(days=2)
    )
    quota = svc.check_set_quota(reception, actor=staff, participant=soyhuce, size=1)
    guest = svc.check_add_guest(quota, actor=company_rep, fields={"name": "A", "email": "a@x.org"})
    mail_cards([guest], actor=company_rep)
    assert _run("reception.rsvp_reminders", now=timezone.now() + timedelta(days=1)).items == 0


def test_guests_are_erased_after_the_retention_period(guest, reception, staff, settings):
    svc.check_check_in(guest, actor=staff, reception=reception)
    later = reception.session.ends_at + timedelta(days=settings.PERSON_RETENTION_DAYS + 1)
    Invitation.objects.filter(pk=guest.pk).update(updated_at=reception.session.ends_at)
    _run("reception.erase_guests", now=later)
    erased = Invitation.objects.get(pk=guest.pk)
    assert (erased.name, erased.email, erased.organisation) == ("[erased]", "", "")
    assert erased.erased_at == later
    # The counts stay; the audit trail keeps no name.
    assert svc.overview(reception).total.arrived == 1
    assert not LogEntry.objects.filter(object_repr__icontains="Martínez").exists()


def test_guests_are_kept_within_the_retention_period(guest, reception, settings):
    soon = reception.session.ends_at + timedelta(days=settings.PERSON_RETENTION_DAYS - 1)
    _run("reception.erase_guests", now=soon)
    assert Invitation.objects.get(pk=guest.pk).name == "José Martínez"
