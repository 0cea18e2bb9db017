"""The clock: due jobs run once per period, claimed items are done once, ever."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from cityties.core import tick
from cityties.core.models import TickItem, TickJobState, TickRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    saved = dict(tick.REGISTRY)
    yield tick.REGISTRY
    tick.REGISTRY.clear()
    tick.REGISTRY.update(saved)


def test_apps_register_their_jobs():
    jobs = tick.discover()
    assert {"imports.purge_uploads", "core.retention_review"} <= set(jobs)


def test_a_job_runs_once_per_period(registry):
    calls = []
    job_fn = tick.periodic("test.count", every=timedelta(hours=1))(lambda run: calls.append(1))
    assert job_fn is not None
    now = timezone.now()
    assert tick.run_job(registry["test.count"], now=now).status == "done"
    assert tick.run_job(registry["test.count"], now=now + timedelta(minutes=59)).status == "not_due"
    assert tick.run_job(registry["test.count"], now=now + timedelta(minutes=61)).status == "done"
    assert calls == [1, 1]
    assert TickRun.objects.filter(job="test.count", status="done").count() == 2


def test_a_claimed_key_is_never_done_twice(registry):
    done = []

    @tick.periodic("test.claim", every=timedelta(seconds=1))
    def claim(run):
        if run.claim("test:item:1"):
            done.append(run.now)

    now = timezone.now()
    for minute in range(3):
        tick.run_job(registry["test.claim"], now=now + timedelta(minutes=minute))
    assert len(done) == 1
    assert TickItem.objects.get(key="test:item:1").run.job == "test.claim"


def test_a_failing_job_leaves_no_claim_and_runs_again_next_tick(registry):
    attempts = []

    @tick.periodic("test.flaky", every=timedelta(hours=1))
    def flaky(run):
        attempts.append(1)
        assert run.claim("test:flaky:1")
        if len(attempts) == 1:
            raise RuntimeError("crash after the claim")

    now = timezone.now()
    assert tick.run_job(registry["test.flaky"], now=now).status == "failed"
    assert not TickItem.objects.filter(key="test:flaky:1").exists()
    assert TickRun.objects.get(job="test.flaky").status == "failed"
    # Not marked as a success: the next tick, a minute later, tries again.
    assert tick.run_job(registry["test.flaky"], now=now + timedelta(minutes=1)).status == "done"
    assert TickItem.objects.filter(key="test:flaky:1").exists()


def test_mail_queued_by_a_failing_job_is_never_sent(
    registry, staff, smtp_inbox, django_capture_on_commit_callbacks
):
    from cityties.core.tasks import mail_staff

    @tick.periodic("test.mail_then_crash", every=timedelta(hours=1))
    def mail_then_crash(run):
        run.enqueue(
            mail_staff, "People to review for erasure", "core/email/retention_review.txt", {}
        )
        raise RuntimeError("crash")

    with django_capture_on_commit_callbacks(execute=True):
        tick.run_job(registry["test.mail_then_crash"])
    assert smtp_inbox.messages == []


def test_the_command_runs_due_jobs_and_exits(capsys):
    call_command("tick")
    assert TickJobState.objects.filter(name="imports.purge_uploads").exists()
    call_command("tick")  # nothing is due a second time
    assert TickRun.objects.filter(job="imports.purge_uploads").count() == 1


def _import_job(staff, days_old: int):
    from cityties.network.models import ImportJob

    job = ImportJob(
        kind="people",
        source_name="Annuaire",
        original_filename="people.csv",
        created_by=staff,
        status="done",
    )
    job.file.save("people.csv", ContentFile(b"Nom\nDupont\n"), save=False)
    job.save()
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=days_old))
    job.refresh_from_db()
    return job


def test_import_uploads_older_than_30_days_are_deleted(staff):
    old, recent = _import_job(staff, 31), _import_job(staff, 29)
    old_path, recent_path = Path(old.file.path), Path(recent.file.path)
    tick.run_due(only=["imports.purge_uploads"])
    old.refresh_from_db()
    assert not old_path.exists()
    assert old.file.name == ""
    assert old.status == "done"  # the record and its report stay
    assert recent_path.exists()


def test_an_unfinished_import_whose_upload_is_purged_is_closed(staff):
    from cityties.network.models import ImportJob

    job = _import_job(staff, 40)
    ImportJob.objects.filter(pk=job.pk).update(status="mapped")
    tick.run_due(only=["imports.purge_uploads"])
    job.refresh_from_db()
    assert job.status == "failed"


def test_purge_survives_a_file_already_gone(staff):
    job = _import_job(staff, 31)
    Path(job.file.path).unlink()
    assert tick.run_due(only=["imports.purge_uploads"])[0].status == "done"
    job.refresh_from_db()
    assert job.file.name == ""


def _stale_person(org, years: float = 3.1):
    from cityties.network.models import Person
    from cityties.network.tests.factories import PersonFactory

    person = PersonFactory(organisation=org)
    Person.objects.filter(pk=person.pk).update(
        updated_at=timezone.now() - timedelta(days=round(365 * years))
    )
    return person


def _review(now, capture):
    with capture(execute=True):
        tick.run_due(only=["core.retention_review"], now=now)


def test_retention_review_mails_staff_once_about_newly_due_people(
    staff, caen, django_capture_on_commit_callbacks
):
    _stale_person(caen)
    _stale_person(caen, years=1)
    now = timezone.now()
    _review(now, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [staff.email]
    assert "1 personne" in mail.outbox[0].body
    assert "/retention/" in mail.outbox[0].body
    # Every later review of the same people sends nothing more.
    for day in (1, 2, 3):
        _review(now + timedelta(days=day), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_retention_review_mails_again_only_for_people_newly_due(
    staff, caen, django_capture_on_commit_callbacks
):
    _stale_person(caen)
    now = timezone.now()
    _review(now, django_capture_on_commit_callbacks)
    _stale_person(caen)
    _review(now + timedelta(days=1), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert "1 personne" in mail.outbox[1].body
