"""A fund's progress: the totals equal the records; a private pledge is counted, not named."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum

from cityties.network.tests.factories import OrganisationFactory
from cityties.solidarity import services as svc
from cityties.solidarity.models import Pledge

pytestmark = pytest.mark.django_db
D = Decimal


def test_the_totals_are_the_records(world):
    progress = svc.progress(world.fund)
    live = Pledge.objects.filter(fund=world.fund, cancelled_at__isnull=True)
    assert progress.pledged == live.aggregate(s=Sum("amount"))["s"] == D("55000.00")
    assert progress.paid == D("20000.00") == sum(p.amount for p in world.caen_pledge.payments.all())
    assert progress.contributors == 2


def test_a_private_pledge_is_counted_not_named(world):
    progress = svc.progress(world.fund)
    assert [c.name for c in progress.named] == ["Ville de Tours"]
    assert progress.others == 1


def test_a_member_named_for_its_public_pledges_only(world, caen, staff):
    svc.check_create_pledge(
        world.fund,
        actor=staff,
        member=caen,
        amount=D("500.00"),
        legal_basis="own_budget",
        pledged_on=date(2016, 9, 2),
    )
    progress = svc.progress(world.fund)
    named = {c.name: c.pledged for c in progress.named}
    assert named == {"Ville de Tours": D("15000.00"), "Ville de Caen": D("500.00")}
    assert progress.others == 0 and progress.pledged == D("55500.00")


def test_cancelled_pledges_leave_the_totals(world, staff):
    svc.check_cancel_pledge(world.tours_pledge, actor=staff)
    progress = svc.progress(world.fund)
    assert progress.contributors == 1 and progress.pledged == D("40000.00")


def test_projects_show_their_latest_progress_and_budget(world, staff, tours):
    svc.check_set_funding(
        world.project, actor=staff, funder=tours, planned=D("5000.00"), spent=D("1250.50")
    )
    (project,) = svc.progress(world.fund).projects
    assert project.progress == 40 and project.reports == 1
    assert project.planned == D("25000.00") and project.spent == D("1250.50")


def test_progress_takes_three_queries_whatever_the_size(world, staff, django_assert_num_queries):
    for i in range(6):
        member = OrganisationFactory(name=f"Commune {i}")
        svc.check_create_pledge(
            world.fund,
            actor=staff,
            member=member,
            amount=D("100.00"),
            legal_basis="humanitarian",
            pledged_on=date(2016, 9, 3),
            is_private=i % 2 == 0,
        )
    with django_assert_num_queries(3):
        progress = svc.progress(world.fund)
    assert progress.contributors == 8 and progress.others == 4
