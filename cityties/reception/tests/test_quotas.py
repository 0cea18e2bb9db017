"""Quotas of invitations per exhibitor and member city, never above the venue's capacity."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from cityties.delegations.models import Session

from .. import services as svc
from ..models import Quota, Reception
from .factories import add_guests

pytestmark = pytest.mark.django_db


def test_a_reception_is_set_up_only_on_a_reception_session(delegation, staff):
    from datetime import timedelta

    from django.utils import timezone

    from cityties.delegations import services as delegation_services

    start = timezone.now() + timedelta(days=3)
    plenary = delegation_services.check_add_session(
        delegation,
        actor=staff,
        kind="plenary",
        title_en="Opening",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_create_reception(plenary, actor=staff, fields={"venue": "Hall", "capacity": 10})
    assert error.value.code == "not_a_reception"


def test_a_session_takes_one_reception(reception, staff):
    session = Session.objects.get(pk=reception.session_id)
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_create_reception(session, actor=staff, fields={"venue": "Hall", "capacity": 10})
    assert error.value.code == "reception_exists"


def test_quotas_add_up_on_the_reception(reception, soyhuce, tours_city, staff):
    svc.check_set_quota(reception, actor=staff, participant=soyhuce, size=20)
    svc.check_set_quota(reception, actor=staff, participant=tours_city, size=30)
    reception.refresh_from_db()
    assert reception.allocated == 50 == reception.capacity


def test_quotas_above_the_capacity_are_refused(reception, soyhuce, tours_city, staff):
    svc.check_set_quota(reception, actor=staff, participant=soyhuce, size=40)
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_set_quota(reception, actor=staff, participant=tours_city, size=11)
    assert error.value.code == "quotas_above_capacity"
    reception.refresh_from_db()
    assert reception.allocated == 40
    assert not Quota.objects.filter(participant=tours_city).exists()


def test_changing_a_quota_counts_its_new_size_only(reception, soyhuce, staff):
    svc.check_set_quota(reception, actor=staff, participant=soyhuce, size=40)
    svc.check_set_quota(reception, actor=staff, participant=soyhuce, size=50)
    reception.refresh_from_db()
    assert reception.allocated == 50


def test_the_database_itself_refuses_quotas_above_the_capacity(reception):
    with pytest.raises(IntegrityError), transaction.atomic():
        Reception.objects.filter(pk=reception.pk).update(allocated=reception.capacity + 1)


def test_a_quota_cannot_shrink_below_the_guests_named(quota, staff):
    add_guests(quota, 4)
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_set_quota(quota.reception, actor=staff, participant=quota.participant, size=3)
    assert error.value.code == "quota_below_named"


def test_the_capacity_cannot_go_below_the_quotas(quota, staff):
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_update_reception(quota.reception, actor=staff, fields={"capacity": 4})
    assert error.value.code == "capacity_below_quotas"


def test_a_participant_of_another_delegation_gets_no_quota(reception, staff, tours):
    from cityties.delegations import services as delegation_services
    from cityties.events.tests.factories import make_event

    other = delegation_services.check_create_delegation(
        actor=staff, title="Autre", event=make_event(tours), lead=tours
    )
    stranger = delegation_services.ensure_government(other, actor=staff, organisation=tours)
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_set_quota(reception, actor=staff, participant=stranger, size=1)
    assert error.value.code == "foreign_participant"


def test_a_participant_leaving_frees_its_quota(quota, staff):
    add_guests(quota, 2)
    quota.participant.delete()
    reception = Reception.objects.get(pk=quota.reception_id)
    assert reception.allocated == 0


def test_removing_a_quota_in_use_is_refused(quota, staff):
    add_guests(quota, 1)
    with pytest.raises(svc.ReceptionError) as error:
        svc.check_remove_quota(quota, actor=staff)
    assert error.value.code == "quota_in_use"
