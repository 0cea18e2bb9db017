from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from cityties.events import services as svc
from cityties.network.tests.factories import CountryGroupFactory

from .factories import PITTSBURGH, make_event

pytestmark = pytest.mark.django_db

NY = ZoneInfo(PITTSBURGH)
SOON = timezone.now().replace(microsecond=0) + timezone.timedelta(days=30)


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_a_persons_feed_holds_their_marked_events_in_the_events_zone(client, caen, tours_officer):
    start = SOON.astimezone(NY).replace(hour=9, minute=0, second=0)
    event = make_event(caen, starts_at=start, ends_at=start + timezone.timedelta(hours=8))
    make_event(caen, title_fr="Non marqué", title_en="", starts_at=start, ends_at=start)
    svc.check_mark_event(event, actor=tours_officer, status="going")
    token = svc.feed_token(tours_officer).token
    (vevent,) = _parse(client.get(f"/calendar/feeds/{token}.ics"))
    dtstart = vevent.decoded("dtstart")
    assert dtstart.hour == 9
    assert str(dtstart.tzinfo) == PITTSBURGH
    assert dtstart == event.starts_at


def test_a_reset_token_stops_the_old_address(client, client_for, tours_officer):
    old = svc.feed_token(tours_officer).token
    response = client_for(tours_officer).post(
        "/calendar/feeds/reset/", {"scope": "person", "owner": tours_officer.pk}
    )
    assert response.status_code == 302
    new = svc.feed_token(tours_officer).token
    assert new != old
    assert client.get(f"/calendar/feeds/{old}.ics").status_code == 404
    assert client.get(f"/calendar/feeds/{new}.ics").status_code == 200


def test_a_group_feed_leaves_out_organisation_only_events(client, caen, tours, federation):
    group = CountryGroupFactory(country="US", federation=federation)
    group.members.add(caen, tours)
    make_event(
        caen,
        title_fr="Pour le groupe",
        visibility="group",
        group=group,
        starts_at=SOON,
        ends_at=SOON,
    )
    make_event(
        tours, title_fr="Interne à Tours", visibility="organisation", starts_at=SOON, ends_at=SOON
    )
    token = svc.feed_token(group).token
    summaries = [str(v["summary"]) for v in _parse(client.get(f"/calendar/feeds/{token}.ics"))]
    assert summaries == ["Pour le groupe"]


def test_an_organisation_feed_holds_its_own_events(client, caen, tours):
    make_event(caen, title_fr="De Caen", starts_at=SOON, ends_at=SOON)
    make_event(tours, title_fr="De Tours", starts_at=SOON, ends_at=SOON)
    token = svc.feed_token(caen).token
    summaries = [str(v["summary"]) for v in _parse(client.get(f"/calendar/feeds/{token}.ics"))]
    assert summaries == ["De Caen"]


def test_a_tours_officer_cannot_reset_caens_feed(client_for, tours_officer, caen):
    old = svc.feed_token(caen).token
    response = client_for(tours_officer).post(
        "/calendar/feeds/reset/", {"scope": "organisation", "owner": caen.pk}
    )
    assert response.status_code == 403
    assert svc.feed_token(caen).token == old


def test_the_feed_page_lists_the_members_feeds(client_for, caen_officer, caen):
    body = client_for(caen_officer).get("/calendar/feeds/").content.decode()
    assert svc.feed_token(caen).token in body
    assert svc.feed_token(caen_officer).token in body


def test_an_unknown_token_is_a_404(client):
    assert client.get("/calendar/feeds/forged.ics").status_code == 404
