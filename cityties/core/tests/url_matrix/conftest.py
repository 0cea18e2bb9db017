"""The world every URL of the matrix points into: one of everything, made through the
services."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cityties.delegations.models import Delegation
from cityties.delegations.tests.factories import make_delegation
from cityties.events import services as event_services
from cityties.events.tests.factories import make_event
from cityties.homestays.tests.factories import make_homestays
from cityties.imports.models import ImportJob
from cityties.matchmaking.tests.factories import make_matchmaking
from cityties.meetings import services as meeting_services
from cityties.meetings.tests.factories import make_full_meeting
from cityties.network import services as partnership_services
from cityties.network.tests.factories import (
    CountryGroupFactory,
    OrganisationFactory,
    PersonFactory,
)
from cityties.outcomes.tests.factories import make_outcome_rows
from cityties.pavilion.tests.factories import make_pavilion
from cityties.reception.tests.factories import make_reception_world
from cityties.solidarity.tests.factories import make_solidarity


@pytest.fixture
def world(caen, tours, company, staff, company_rep, ministry, caen_officer):
    nashville = OrganisationFactory(
        name="Nashville", kind="foreign_city", country="US", is_member=False
    )
    alexandria = OrganisationFactory(
        name="Alexandria", kind="foreign_city", country="US", is_member=False
    )
    group = CountryGroupFactory(country="US")
    group.members.add(caen, tours)
    caen_person = PersonFactory(organisation=caen)
    shared = partnership_services.check_create_partnership(
        actor=staff, members=[caen, nashville], kind="twinning", is_public=True
    )
    private = partnership_services.check_create_partnership(
        actor=staff, members=[caen, alexandria], kind="cooperation", is_shared=False
    )
    activity = partnership_services.check_add_activity(
        shared, actor=staff, kind="visit", title="Visite", start_date=datetime.date(2016, 5, 1)
    )
    document = partnership_services.check_upload_document(
        private,
        actor=staff,
        title="Accord",
        upload=SimpleUploadedFile("accord.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n"),
    )
    job = ImportJob.objects.create(
        kind="people",
        source_name="Annuaire",
        file=SimpleUploadedFile("people.csv", b"Nom\nDupont\n"),
        original_filename="people.csv",
        created_by=staff,
    )
    event = make_event(caen, visibility="network")
    d = make_delegation(event, lead=caen, company=company, rep=company_rep, funder=ministry)
    pavilion = make_pavilion(Delegation.objects.get(pk=d["delegation"]), funder=ministry)
    summit = make_event(caen, visibility="network", title_en="City Summit", title_fr="Sommet")
    matchmaking = make_matchmaking(
        summit, actor=staff, lead=caen, company=company, lead_user=caen_officer, rep=company_rep
    )
    reception = make_reception_world(Delegation.objects.get(pk=d["delegation"]))
    homestays = make_homestays(Delegation.objects.get(pk=d["delegation"]), actor=staff)
    outcomes = make_outcome_rows(d["participant"], shared.pk, caen)
    return {
        **{f"reception_{key}": value for key, value in reception.items()},
        **d,
        **matchmaking,
        **meetings_world(caen, caen_officer),
        **{f"pavilion_{key}": pk for key, pk in pavilion.items()},
        **{f"homestays_{key}": pk for key, pk in homestays.items()},
        **{f"outcomes_{key}": pk for key, pk in outcomes.items()},
        "event": event.pk,
        "feed": event_services.feed_token(caen).token,
        "caen": caen.pk,
        "person": caen_person.pk,
        "group": group.pk,
        "shared": shared.pk,
        "private": private.pk,
        "activity": activity.pk,
        "document": document.pk,
        "job": job.pk,
        **make_solidarity(staff=staff, caen=caen, tours=tours, ministry=ministry),
    }


def meetings_world(caen, caen_officer) -> dict[str, int]:
    """A group Caen is in and Tours is not, with an approved meeting chaired by Caen and
    minutes Caen's officer is importing."""
    group = CountryGroupFactory(name="Groupe-pays Japon", country="JP")
    group.members.add(caen)
    ids = make_full_meeting(group, chair=PersonFactory(organisation=caen))
    pending = meeting_services.do_create_import(
        group, actor=caen_officer, filename="cr.txt", data=b"Compte-rendu", proposal={}
    )
    return {
        **{f"m_{key}": value for key, value in ids.items()},
        "m_group": group.pk,
        "m_import": pending.pk,
    }
