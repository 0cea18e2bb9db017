import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cityties.delegations import services as svc
from cityties.delegations.models import Session
from cityties.network.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")


@pytest.fixture
def delegates(delegation, caen, tours, caen_person, tours_person, staff):
    caen_part = svc.check_add_government(delegation, actor=staff, organisation=caen)
    tours_part = svc.check_add_government(delegation, actor=staff, organisation=tours)
    return (
        svc.check_add_delegate(caen_part, actor=staff, person=caen_person, role="staff"),
        svc.check_add_delegate(tours_part, actor=staff, person=tours_person, role="elected"),
    )


@pytest.fixture
def sessions(delegation, delegates, caen_person, staff):
    caen_delegate, _tours = delegates
    plenary = svc.check_add_session(
        delegation,
        actor=staff,
        kind="plenary",
        title_fr="Séance plénière d'ouverture",
        title_en="Opening general session",
        starts_at=datetime(2016, 11, 16, 9, 0, tzinfo=NY),
        ends_at=datetime(2016, 11, 16, 10, 30, tzinfo=NY),
        for_everyone=True,
    )
    round_table = svc.check_add_session(
        delegation,
        actor=staff,
        kind="workshop",
        title_fr="Table ronde : les collectivités au service du développement économique",
        title_en="Round table: local governments serving economic development",
        starts_at=datetime(2016, 11, 17, 14, 0, tzinfo=NY),
        ends_at=datetime(2016, 11, 17, 15, 30, tzinfo=NY),
        place="Room 301",
        run_by_delegation=True,
        speakers=[caen_person],
    )
    visit = svc.check_add_session(
        delegation,
        actor=staff,
        kind="site_visit",
        title_fr="Visite de Carnegie Mellon",
        starts_at=datetime(2016, 11, 18, 9, 0, tzinfo=NY),
        ends_at=datetime(2016, 11, 18, 12, 0, tzinfo=NY),
        delegates=[caen_delegate],
    )
    return plenary, round_table, visit


def test_a_session_cannot_end_before_it_starts(delegation, staff):
    with pytest.raises(svc.DelegationError) as exc:
        svc.check_add_session(
            delegation,
            actor=staff,
            kind="plenary",
            title_en="X",
            starts_at=datetime(2016, 11, 16, 9, 0, tzinfo=NY),
            ends_at=datetime(2016, 11, 16, 8, 0, tzinfo=NY),
        )
    assert exc.value.code == "end_before_start"


def test_only_delegates_of_the_delegation_take_part(delegation, summit, tours, staff, delegates):
    other = svc.check_create_delegation(actor=staff, title="Autre", event=summit, lead=tours)
    with pytest.raises(svc.DelegationError) as exc:
        svc.check_add_session(
            other,
            actor=staff,
            kind="plenary",
            title_en="X",
            delegates=[delegates[0]],
            starts_at=datetime(2016, 11, 16, 9, 0, tzinfo=NY),
            ends_at=datetime(2016, 11, 16, 10, 0, tzinfo=NY),
        )
    assert exc.value.code == "foreign_delegate"


def test_an_itinerary_holds_sessions_for_all_chosen_and_spoken_at(sessions, delegates):
    caen_delegate, tours_delegate = delegates
    caen_titles = [s.title_fr for s in svc.itinerary(caen_delegate)]
    assert len(caen_titles) == 3
    assert [s.kind for s in svc.itinerary(tours_delegate)] == ["plenary"]


def test_the_itinerary_page_shows_local_times(client_for, sessions, delegates, caen_officer):
    body = client_for(caen_officer).get(f"/delegations/itineraries/{delegates[0].pk}/").content
    assert "14:00" in body.decode()
    assert "America/New_York" in body.decode()


def test_the_itinerary_pdf_holds_the_sessions_in_the_delegates_language(
    client_for, sessions, delegates, caen_officer, tmp_path
):
    response = client_for(caen_officer).get(
        f"/delegations/itineraries/{delegates[0].pk}/itinerary.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "itinerary.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Programme individuel de Claire Vautier" in text
    assert "Table ronde" in text
    assert "14:00" in text


def test_the_itinerary_feed_parses_back_in_pittsburghs_zone(client, sessions, delegates):
    delegate = delegates[0]
    response = client.get(f"/delegations/itineraries/feed/{delegate.feed_token}.ics")
    events = list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))
    assert len(events) == 3
    round_table = next(e for e in events if "Table ronde" in str(e["summary"]))
    start = round_table.decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (14, "America/New_York")
    assert start == datetime(2016, 11, 17, 19, 0, tzinfo=ZoneInfo("UTC"))


def test_a_reset_itinerary_feed_stops_the_old_address(client, client_for, delegates, caen_officer):
    delegate = delegates[0]
    old = delegate.feed_token
    client_for(caen_officer).post(f"/delegations/itineraries/{delegate.pk}/reset/")
    assert client.get(f"/delegations/itineraries/feed/{old}.ics").status_code == 404


def test_a_tours_officer_cannot_open_a_caen_delegates_itinerary(
    client_for, delegates, tours_officer
):
    caen_delegate, tours_delegate = delegates
    client = client_for(tours_officer)
    assert client.get(f"/delegations/itineraries/{caen_delegate.pk}/").status_code == 403
    assert client.get(f"/delegations/itineraries/{tours_delegate.pk}/").status_code == 200


def test_a_company_rep_opens_only_its_own_itinerary(
    client_for, delegation, delegates, company, caen, company_person, staff, company_rep
):
    participant = svc.check_add_company(delegation, actor=staff, company=company, sponsor=caen)
    own = svc.check_add_delegate(participant, actor=staff, person=company_person, role="company")
    client = client_for(company_rep)
    assert client.get(f"/delegations/itineraries/{own.pk}/").status_code == 200
    assert client.get(f"/delegations/itineraries/{delegates[0].pk}/").status_code == 403


def test_the_lead_adds_a_session_in_the_events_wall_clock(client_for, delegation, caen_officer):
    response = client_for(caen_officer).post(
        f"/delegations/{delegation.pk}/programme/new/",
        {
            "kind": "reception",
            "title_fr": "Réception française",
            "starts_at": "2016-11-17T18:30",
            "ends_at": "2016-11-17T21:00",
            "for_everyone": "on",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.starts_at == datetime(2016, 11, 17, 18, 30, tzinfo=NY)


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_the_delegation_pages_queries_do_not_grow_with_participants(
    client_for, delegation, sessions, staff, tours
):
    client = client_for(staff)
    path = f"/delegations/{delegation.pk}/"
    few = _queries(client, path)
    participant = delegation.participants.get(organisation=tours)
    for _ in range(5):
        svc.check_add_delegate(
            participant, actor=staff, person=PersonFactory(organisation=tours), role="staff"
        )
    assert _queries(client, path) == few
