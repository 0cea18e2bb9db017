"""The meeting's pages make as many queries with six rows as with one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cityties.meetings import services as svc

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def _add_rows(meeting, caen, people, n, staff):
    for i in range(n):
        item = svc.check_add_agenda_item(
            meeting, actor=staff, title=f"Point {i}", presenter=people[0]
        )
        svc.check_add_decision(meeting, actor=staff, text=f"Décision {i}", agenda_item=item)
        svc.check_add_action(
            meeting,
            actor=staff,
            text=f"Action {i}",
            owner_organisation=caen,
            owner_person=people[0],
        )


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["", "attendance/"])
def test_meeting_pages_do_not_grow_with_their_rows(
    client_for, caen_officer, us_group, herve, claire, anne, caen, staff, page
):
    client = client_for(caen_officer)
    small = make_meeting(us_group, chair=herve, actor=staff)
    _add_rows(small, caen, [claire], 1, staff)
    svc.check_add_attendees(small, actor=staff, people=[claire])
    large = make_meeting(us_group, chair=herve, actor=staff)
    _add_rows(large, caen, [claire], 6, staff)
    svc.check_add_attendees(large, actor=staff, people=[claire, anne])
    client.get(f"/meetings/{small.pk}/{page}")  # warm the session and the caches
    assert _queries(client, f"/meetings/{large.pk}/{page}") == _queries(
        client, f"/meetings/{small.pk}/{page}"
    )


def test_the_group_page_does_not_grow_with_its_meetings(
    client_for, caen_officer, us_group, herve, caen, claire, staff
):
    client = client_for(caen_officer)
    first = make_meeting(us_group, chair=herve, actor=staff)
    _add_rows(first, caen, [claire], 1, staff)
    client.get(f"/meetings/groups/{us_group.pk}/")
    before = _queries(client, f"/meetings/groups/{us_group.pk}/")
    for _ in range(4):
        _add_rows(make_meeting(us_group, chair=herve, actor=staff), caen, [claire], 2, staff)
    assert _queries(client, f"/meetings/groups/{us_group.pk}/") == before
