from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from cityties.events import services as svc
from cityties.events.models import Attendance

from .factories import PITTSBURGH, make_event

pytestmark = pytest.mark.django_db

NY = ZoneInfo(PITTSBURGH)


def _values(organiser, **overrides):
    return {
        "kind": "forum",
        "title_fr": "D-Day economic forum",
        "starts_at": datetime(2016, 6, 7, 9, 0, tzinfo=ZoneInfo("Europe/Paris")),
        "ends_at": datetime(2016, 6, 7, 18, 0, tzinfo=ZoneInfo("Europe/Paris")),
        "country": "fr",
        "organiser": organiser,
        **overrides,
    }


def test_an_officer_announces_an_event_of_their_city_stored_in_utc(caen, caen_officer):
    event = svc.check_create_event(actor=caen_officer, **_values(caen))
    event.refresh_from_db()
    assert event.starts_at == datetime(2016, 6, 7, 7, 0, tzinfo=UTC)
    assert event.local_start.hour == 9
    assert event.country == "FR"
    assert event.created_by == caen_officer


def test_an_officer_cannot_announce_for_another_city(caen, tours_officer):
    with pytest.raises(svc.EventError) as exc:
        svc.check_create_event(actor=tours_officer, **_values(caen))
    assert exc.value.code == "own_organisation_required"


def test_staff_announce_for_any_organisation(caen, staff):
    assert svc.check_create_event(actor=staff, **_values(caen)).organiser == caen


def test_an_event_cannot_end_before_it_starts(caen, staff):
    values = _values(caen, ends_at=datetime(2016, 6, 6, 9, 0, tzinfo=UTC))
    with pytest.raises(svc.EventError) as exc:
        svc.check_create_event(actor=staff, **values)
    assert exc.value.code == "end_before_start"


def test_a_year_out_of_range_is_refused(caen, staff):
    # Found by the schema fuzzing: year 219 in New York has an offset of -04:56:02.
    values = _values(
        caen,
        starts_at=datetime(219, 12, 8, 9, 0, tzinfo=NY),
        ends_at=datetime(219, 12, 8, 18, 0, tzinfo=NY),
    )
    with pytest.raises(svc.EventError) as exc:
        svc.check_create_event(actor=staff, **values)
    assert exc.value.code == "year_out_of_range"


def test_an_event_needs_a_title_in_one_language(caen, staff):
    with pytest.raises(svc.EventError) as exc:
        svc.check_create_event(actor=staff, **_values(caen, title_fr=" "))
    assert exc.value.code == "title_required"


def test_an_unknown_time_zone_is_refused(caen, staff):
    with pytest.raises(svc.EventError) as exc:
        svc.check_create_event(actor=staff, **_values(caen, time_zone="Mars/Olympus"))
    assert exc.value.code == "invalid_time_zone"


def test_group_visibility_needs_a_group(caen, staff):
    with pytest.raises(svc.EventError) as exc:
        svc.check_create_event(actor=staff, **_values(caen, visibility="group"))
    assert exc.value.code == "group_required"


def test_local_wall_clock_becomes_utc_in_the_events_zone():
    assert svc.local_to_utc(datetime(2016, 11, 16, 9, 0), PITTSBURGH) == datetime(
        2016, 11, 16, 14, 0, tzinfo=UTC
    )


def test_update_changes_only_the_fields_given(caen, staff):
    event = make_event(caen, venue="David L. Lawrence Convention Center")
    svc.check_update_event(event, actor=staff, city="Pittsburgh, PA")
    event.refresh_from_db()
    assert event.city == "Pittsburgh, PA"
    assert event.venue == "David L. Lawrence Convention Center"


def test_a_member_changes_their_mark_and_the_counts_follow(caen, caen_officer, tours_officer):
    event = make_event(caen)
    svc.check_mark_event(event, actor=caen_officer, status="interested")
    svc.check_mark_event(event, actor=caen_officer, status="going")
    svc.check_mark_event(event, actor=tours_officer, status="interested")
    counted = svc.with_counts(type(event).objects.filter(pk=event.pk)).get()
    assert (counted.interested_count, counted.going_count) == (1, 1)
    svc.check_mark_event(event, actor=caen_officer, status=None)
    assert not Attendance.objects.filter(user=caen_officer).exists()


def test_an_unknown_mark_is_refused(caen, caen_officer):
    with pytest.raises(svc.EventError) as exc:
        svc.check_mark_event(make_event(caen), actor=caen_officer, status="maybe")
    assert exc.value.code == "invalid_mark"
