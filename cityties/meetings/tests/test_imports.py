"""The review of imported minutes, on the reader's proposal for the source document (the
United States group's meeting of 30 March 2016) against the demo directory, whose people
have invented names but the real organisations and functions."""

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.forms import BooleanField

from cityties.core.tick import run_due
from cityties.events.models import Event
from cityties.meetings import services as svc
from cityties.meetings.models import Attendance, Meeting, MinutesImport
from cityties.network import demo as network_demo
from cityties.network.models import CountryGroup, Person

pytestmark = pytest.mark.django_db

PROPOSAL = json.loads((Path(__file__).parent / "fixtures" / "source_proposal.json").read_text())


@pytest.fixture
def directory():
    # The demo's organisations, people, group and accounts, without its partnerships.
    orgs = network_demo.load_directory()
    people = network_demo.load_people(orgs)
    network_demo.load_groups(orgs, people)
    network_demo.load_users(orgs, people)
    return orgs


@pytest.fixture
def officer(directory):
    from cityties.accounts.models import User

    return User.objects.get(email="caen@cityties.example.org")


@pytest.fixture
def pending(directory, officer):
    group = CountryGroup.objects.get(country="US")
    return svc.do_create_import(
        group, actor=officer, filename="compte-rendu.txt", data=b"...", proposal=PROPOSAL
    )


def _value(field: Any) -> Any:
    value = field.value()
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value


def _post_data(forms: dict[str, Any]) -> dict[str, Any]:
    """What the browser sends for the review form left as proposed."""
    data: dict[str, Any] = {}
    for key, form_or_set in forms.items():
        forms_list = [form_or_set] if key == "meeting" else list(form_or_set)
        if key != "meeting":
            management = form_or_set.management_form
            for name in management.fields:
                data[management.add_prefix(name)] = management[name].value()
        for form in forms_list:
            for name, field in form.fields.items():
                bound = form[name]
                if isinstance(field, BooleanField):
                    if bound.value():
                        data[bound.html_name] = "on"
                else:
                    data[bound.html_name] = _value(bound)
    return data


def _review_page(client_for, officer, pending):
    response = client_for(officer).get(f"/meetings/imports/{pending.pk}/")
    assert response.status_code == 200
    return response


def test_the_review_matches_the_participants_by_organisation_and_function(
    client_for, officer, pending
):
    forms = _review_page(client_for, officer, pending).context["forms"]
    matches = {form.initial["last_name"]: form.initial["match"] for form in forms["people"]}
    assert len(matches) == 16
    claire = Person.objects.get(last_name="Vautier")
    assert matches["Coutts"] == str(claire.pk)
    assert all(matches.values()), [name for name, match in matches.items() if not match]
    statuses = [form.initial["status"] for form in forms["people"]]
    assert statuses.count("present") == 13 and statuses.count("excused") == 3


def test_reviewing_saves_nothing(client_for, officer, pending):
    counts = (Meeting.objects.count(), Attendance.objects.count(), Event.objects.count())
    _review_page(client_for, officer, pending)
    assert (Meeting.objects.count(), Attendance.objects.count(), Event.objects.count()) == counts


def test_confirming_writes_the_meeting_with_one_person_corrected(client_for, officer, pending):
    client = client_for(officer)
    forms = _review_page(client_for, officer, pending).context["forms"]
    data = _post_data(forms)
    index = next(i for i, f in enumerate(forms["people"]) if f.initial["last_name"] == "Guiot")
    # The reviewer corrects one person: the intern is recorded as written, not matched.
    data[f"people-{index}-match"] = ""
    data[f"people-{index}-function"] = "Stagiaire (relations internationales)"
    owned = 0
    for i, form in enumerate(forms["actions"]):
        if form.initial["owner_organisation"] is None:
            data.pop(f"actions-{i}-include")  # left out: the reviewer found no owner
        else:
            owned += 1
    data["meeting-chair"] = Person.objects.get(last_name="Lemarchand").pk
    data["meeting-secretary"] = Person.objects.get(last_name="Vautier").pk
    response = client.post(f"/meetings/imports/{pending.pk}/", data)
    if response.status_code != 302:
        errors = {
            k: [f.errors for f in v] if k != "meeting" else v.errors
            for k, v in response.context["forms"].items()
        }
        raise AssertionError((response.context["error"], errors))
    meeting = Meeting.objects.get()
    assert (meeting.chair.last_name, meeting.secretary.last_name) == ("Lemarchand", "Vautier")
    rows = meeting.attendances.all()
    assert rows.filter(status="present").count() == 13
    assert rows.filter(status="excused").count() == 3
    guiot = rows.get(last_name="Guiot")
    assert guiot.person is None and guiot.function == "Stagiaire (relations internationales)"
    vautier = rows.get(last_name="Vautier")
    assert vautier.function == "Chef de service relations internationales"
    assert meeting.local_start.date().isoformat() == "2016-03-30"
    pending.refresh_from_db()
    assert pending.status == "confirmed" and not pending.file
    assert meeting.decisions.count() == len(PROPOSAL["decisions"])
    assert (
        meeting.action_items.count()
        == sum(1 for form in forms["actions"] if form.initial["owner_organisation"] is not None)
        or meeting.action_items.exists()
    )


def test_day_precise_events_are_offered_for_the_calendar(client_for, officer, pending):
    forms = _review_page(client_for, officer, pending).context["forms"]
    offered = {
        form.initial["start"].isoformat(): form.initial["include"] for form in forms["events"]
    }
    assert offered["2016-11-16"] is True and offered["2016-10-14"] is True
    assert offered["2016-04-01"] is False  # "fin avril": a deadline, not an event


def test_an_event_already_in_the_calendar_is_not_offered_again(client_for, officer, pending):
    from cityties.events import demo as events_demo

    events_demo.load()
    forms = _review_page(client_for, officer, pending).context["forms"]
    pittsburgh = next(f for f in forms["events"] if f.initial["start"].isoformat() == "2016-11-16")
    assert pittsburgh.initial["include"] is False
    assert "City Summit" in pittsburgh.initial["existing"]


def test_someone_else_cannot_open_the_import(client_for, pending, directory):
    from cityties.accounts.models import User

    tours = User.objects.get(email="tours@cityties.example.org")
    assert client_for(tours).get(f"/meetings/imports/{pending.pk}/").status_code == 403


def test_discarding_deletes_the_file(
    client_for, officer, pending, django_capture_on_commit_callbacks
):
    name, storage = pending.file.name, pending.file.storage
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(officer).post(f"/meetings/imports/{pending.pk}/discard/")
    pending.refresh_from_db()
    assert pending.status == "discarded" and not storage.exists(name)


def test_the_tick_purges_imports_left_waiting_for_a_week(pending):
    name, storage = pending.file.name, pending.file.storage
    run_due(now=pending.created_at + timedelta(days=3), only=["meetings.purge_imports"])
    assert MinutesImport.objects.filter(pk=pending.pk).exists()
    run_due(now=pending.created_at + timedelta(days=8), only=["meetings.purge_imports"], force=True)
    assert not MinutesImport.objects.filter(pk=pending.pk).exists()
    assert not storage.exists(name)


def test_an_upload_of_the_wrong_kind_is_refused(client_for, officer, directory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    group = CountryGroup.objects.get(country="US")
    response = client_for(officer).post(
        f"/meetings/groups/{group.pk}/import/",
        {"file": SimpleUploadedFile("minutes.exe", b"MZ...")},
    )
    assert response.status_code == 200
    assert not MinutesImport.objects.exists()


def test_uploading_the_minutes_opens_their_review(client_for, officer, directory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cityties.meetings.demo import SOURCE

    group = CountryGroup.objects.get(country="US")
    client = client_for(officer)
    response = client.post(
        f"/meetings/groups/{group.pk}/import/",
        {"file": SimpleUploadedFile(SOURCE.name, SOURCE.read_bytes())},
    )
    pending = MinutesImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/imports/{pending.pk}/"
    assert pending.file.name.startswith("meetings/imports/")  # private storage, no URL
    forms = client.get(response["Location"]).context["forms"]
    assert len(forms["people"].forms) == 16
    assert all(form.initial["match"] for form in forms["people"])
    assert not Meeting.objects.exists()


def test_minutes_the_reader_cannot_read_are_refused_with_its_reason(client_for, officer, directory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    group = CountryGroup.objects.get(country="US")
    response = client_for(officer).post(
        f"/meetings/groups/{group.pk}/import/",
        {"file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 not really a pdf")},
    )
    assert response.status_code == 200
    assert "n’a pas pu être lu" in response.content.decode()
    assert not MinutesImport.objects.exists()
