"""A delegation with one of everything, made through the services (the permission
matrix and the benchmarks use it)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from cityties.delegations import services as svc
from cityties.events.models import Event
from cityties.network.models import Organisation
from cityties.network.tests.factories import PersonFactory


def make_delegation(
    event: Event, *, lead: Organisation, company: Organisation, rep: Any, funder: Organisation
) -> dict[str, Any]:
    delegation = svc.do_create_delegation(
        actor=None, title="Délégation de test", event=event, lead=lead
    )
    supporter = svc.check_add_supporter(delegation, actor=None, organisation=funder, role="funder")
    owner = PersonFactory(organisation=lead)
    milestone = svc.check_add_milestone(
        delegation,
        actor=None,
        title="Lettre",
        due_on=date(2016, 4, 15),
        owner_organisation=lead,
        owner_person=owner,
    )
    participant = svc.check_add_company(delegation, actor=None, company=company, sponsor=lead)
    person = PersonFactory(organisation=company, user=rep)
    delegate = svc.check_add_delegate(participant, actor=None, person=person, role="company")
    start = event.starts_at
    session = svc.check_add_session(
        delegation,
        actor=None,
        kind="plenary",
        title_en="Opening",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        for_everyone=True,
    )
    call = svc.check_open_call(delegation, actor=None, deadline=timezone.now() + timedelta(days=30))
    application = svc.check_propose_company(
        call,
        actor=_staff_like(),
        company=company,
        contact_name="Contact",
        contact_email="contact@example.org",
    )
    return {
        "delegation": delegation.pk,
        "supporter": supporter.pk,
        "milestone": milestone.pk,
        "participant": participant.pk,
        "delegate": delegate.pk,
        "feed_token": delegate.feed_token,
        "company": company.pk,
        "session": session.pk,
        "application": application.pk,
    }


def _staff_like() -> Any:
    """Proposals need an officer or the staff: a stand-in that the rules see as staff."""
    from cityties.accounts.models import Role, User

    return User.objects.filter(memberships__role=Role.NETWORK_STAFF).first()
