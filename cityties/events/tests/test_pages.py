from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cityties.events import services as svc
from cityties.events.models import Event

from .factories import PITTSBURGH, make_event

pytestmark = pytest.mark.django_db

NY = ZoneInfo(PITTSBURGH)


def test_the_month_view_places_an_event_on_its_local_day(client_for, caen_officer, caen):
    # 22:30 in Pittsburgh on the 15th is already the 16th in Paris and in UTC.
    make_event(
        caen,
        title_fr="Soirée d'accueil",
        starts_at=datetime(2016, 11, 15, 22, 30, tzinfo=NY),
        ends_at=datetime(2016, 11, 15, 23, 30, tzinfo=NY),
    )
    body = client_for(caen_officer).get("/calendar/?month=2016-11").content.decode()
    cell_15 = body.split(">15</strong>")[1].split("</td>")[0]
    cell_16 = body.split(">16</strong>")[1].split("</td>")[0]
    assert "Soirée d&#x27;accueil" in cell_15
    assert "Soirée" not in cell_16


def test_anonymous_visitors_see_only_public_events_in_the_month(client, caen):
    make_event(caen, title_fr="Forum public", visibility="public")
    make_event(caen, title_fr="Réunion interne", visibility="network")
    body = client.get("/calendar/?month=2016-11").content.decode()
    assert "Forum public" in body
    assert "Réunion interne" not in body


def test_the_kind_filter_keeps_only_that_kind(client_for, caen_officer, caen):
    make_event(caen, title_fr="Le congrès", kind="congress")
    make_event(caen, title_fr="La foire", kind="fair")
    body = client_for(caen_officer).get("/calendar/?month=2016-11&kind=fair").content.decode()
    assert "La foire" in body
    assert "Le congrès" not in body


def test_the_country_filter_keeps_only_that_country(client_for, caen_officer, caen):
    make_event(caen, title_fr="Aux États-Unis", country="US")
    make_event(caen, title_fr="En France", country="FR", time_zone="Europe/Paris")
    body = client_for(caen_officer).get("/calendar/list/?from=2016-01-01&country=FR").content
    assert "En France" in body.decode()
    assert "Aux États-Unis" not in body.decode()


def test_the_mine_filter_keeps_marked_and_own_events(client_for, tours_officer, caen, tours):
    marked = make_event(caen, title_fr="Marqué")
    make_event(caen, title_fr="Ignoré")
    make_event(tours, title_fr="De Tours")
    svc.check_mark_event(marked, actor=tours_officer, status="interested")
    body = client_for(tours_officer).get("/calendar/list/?from=2016-01-01&mine=1").content.decode()
    assert "Marqué" in body and "De Tours" in body
    assert "Ignoré" not in body


def test_the_week_view_shows_local_times(client_for, caen_officer, caen):
    make_event(caen)
    body = client_for(caen_officer).get("/calendar/week/?week=2016-11-16").content.decode()
    assert "09:00" in body
    assert "America/New_York" in body


def test_the_event_page_lists_who_goes(client_for, caen_officer, tours_officer, caen):
    event = make_event(caen)
    svc.check_mark_event(event, actor=tours_officer, status="going")
    body = client_for(caen_officer).get(f"/calendar/events/{event.pk}/").content.decode()
    assert tours_officer.full_name in body


def test_a_member_marks_going_from_the_event_page(client_for, tours_officer, caen):
    event = make_event(caen)
    client = client_for(tours_officer)
    response = client.post(f"/calendar/events/{event.pk}/mark/", {"status": "going"})
    assert response.status_code == 302
    assert event.attendances.get().status == "going"


def test_anonymous_visitors_cannot_open_a_network_event(client, caen):
    event = make_event(caen, visibility="network")
    assert client.get(f"/calendar/events/{event.pk}/").status_code == 403


def test_an_officer_creates_an_event_in_its_own_time_zone(client_for, caen_officer, caen):
    response = client_for(caen_officer).post(
        "/calendar/events/new/",
        {
            "kind": "congress",
            "title_fr": "NLC City Summit 2016",
            "starts_at": "2016-11-16T09:00",
            "ends_at": "2016-11-19T17:00",
            "time_zone": PITTSBURGH,
            "country": "US",
            "city": "Pittsburgh",
            "organiser": caen.pk,
            "visibility": "network",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(title_fr="NLC City Summit 2016")
    assert event.local_start == datetime(2016, 11, 16, 9, 0, tzinfo=NY)


def test_the_edit_form_shows_the_events_wall_clock(client_for, caen_officer, caen):
    event = make_event(caen)
    body = client_for(caen_officer).get(f"/calendar/events/{event.pk}/edit/").content.decode()
    assert 'value="2016-11-16T09:00"' in body


def test_a_tours_officer_cannot_edit_caens_event(client_for, tours_officer, caen):
    event = make_event(caen)
    assert client_for(tours_officer).get(f"/calendar/events/{event.pk}/edit/").status_code == 403


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_the_month_views_queries_do_not_grow_with_events(client_for, caen_officer, caen):
    client = client_for(caen_officer)
    make_event(caen)
    few = _queries(client, "/calendar/?month=2016-11")
    for day in range(1, 28):
        make_event(
            caen,
            starts_at=datetime(2016, 11, day, 9, 0, tzinfo=NY),
            ends_at=datetime(2016, 11, day, 10, 0, tzinfo=NY),
        )
    assert _queries(client, "/calendar/?month=2016-11") == few
