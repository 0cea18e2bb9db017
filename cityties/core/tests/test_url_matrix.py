"""Every page and endpoint of the platform, requested by every persona.

The expected status of each (URL, persona) pair is written down here; a URL added
without an entry fails `test_every_named_url_is_in_the_matrix`.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

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

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "staff", "caen_officer", "tours_officer", "company_rep", "viewer"]
# Statuses in PERSONAS order.
A, S, C, T, R, V = range(6)


def row(*statuses: int) -> tuple[int, ...]:
    assert len(statuses) == len(PERSONAS)
    return statuses


MEMBERS = row(302, 200, 200, 200, 200, 200)
STAFF = row(302, 200, 403, 403, 403, 403)
OFFICERS = row(302, 200, 200, 200, 403, 403)
PUBLIC = row(200, 200, 200, 200, 200, 200)
POST_ONLY = row(302, 405, 405, 405, 405, 405)


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


def matrix(w: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """URL name -> (path, expected statuses)."""
    return {
        "core:home": ("/", row(302, 302, 302, 302, 302, 302)),
        "core:dashboard": ("/dashboard/", MEMBERS),
        "core:set_language": ("/language/", row(405, 405, 405, 405, 405, 405)),
        "core:healthz": ("/healthz", PUBLIC),
        # The outbox exists only with the outbox mail backend (development), not here.
        "core:outbox": ("/outbox/", row(302, 404, 403, 403, 403, 403)),
        "core:outbox_message": ("/outbox/1/", row(302, 404, 403, 403, 403, 403)),
        "core:retention": ("/retention/", STAFF),
        "accounts:login": ("/accounts/login/", row(200, 302, 302, 302, 302, 302)),
        "accounts:logout": ("/accounts/logout/", row(405, 405, 405, 405, 405, 405)),
        "accounts:password_reset": ("/accounts/password-reset/", PUBLIC),
        "accounts:password_reset_done": ("/accounts/password-reset/sent/", PUBLIC),
        "accounts:password_reset_confirm": ("/accounts/reset/MQ/bad-token/", PUBLIC),
        "accounts:password_reset_complete": ("/accounts/reset/done/", PUBLIC),
        "accounts:user_list": ("/accounts/users/", STAFF),
        "accounts:invite": ("/accounts/users/invite/", STAFF),
        "accounts:accept_invitation": ("/accounts/invitation/forged/", row(*[400] * 6)),
        "network:organisation_list": ("/network/organisations/", MEMBERS),
        "network:organisation_create": ("/network/organisations/new/", OFFICERS),
        "network:organisation_choices": ("/network/organisations/choices/?q=ca", MEMBERS),
        "network:organisation_detail": (f"/network/organisations/{w['caen']}/", MEMBERS),
        "network:organisation_edit": (
            f"/network/organisations/{w['caen']}/edit/",
            row(302, 200, 200, 403, 403, 403),
        ),
        "network:organisation_archive": (
            f"/network/organisations/{w['caen']}/archive/",
            POST_ONLY,
        ),
        "network:organisation_unarchive": (
            f"/network/organisations/{w['caen']}/unarchive/",
            POST_ONLY,
        ),
        "network:person_list": ("/network/people/", MEMBERS),
        "network:person_create": ("/network/people/new/", row(302, 200, 200, 200, 200, 403)),
        "network:person_detail": (
            f"/network/people/{w['person']}/",
            row(302, 200, 200, 403, 403, 403),
        ),
        "network:person_edit": (
            f"/network/people/{w['person']}/edit/",
            row(302, 200, 200, 403, 403, 403),
        ),
        "network:person_archive": (f"/network/people/{w['person']}/archive/", POST_ONLY),
        "network:person_export": (f"/network/people/{w['person']}/export/", STAFF),
        "network:person_erase": (f"/network/people/{w['person']}/erase/", STAFF),
        "network:group_list": ("/network/groups/", MEMBERS),
        "network:group_create": ("/network/groups/new/", STAFF),
        "network:group_detail": (f"/network/groups/{w['group']}/", MEMBERS),
        "network:group_edit": (f"/network/groups/{w['group']}/edit/", STAFF),
        "network:partnership_list": ("/network/partnerships/", MEMBERS),
        "network:partnership_create": ("/network/partnerships/new/", OFFICERS),
        "network:partnership_detail": (f"/network/partnerships/{w['shared']}/", MEMBERS),
        "network:partnership_edit": (
            f"/network/partnerships/{w['shared']}/edit/",
            row(302, 200, 200, 403, 403, 403),
        ),
        "network:partnership_archive": (
            f"/network/partnerships/{w['shared']}/archive/",
            POST_ONLY,
        ),
        "network:partnership_document_upload": (
            f"/network/partnerships/{w['private']}/documents/",
            POST_ONLY,
        ),
        "network:partnership_document_download": (
            f"/network/partnerships/documents/{w['document']}/",
            row(302, 200, 200, 403, 403, 403),
        ),
        "network:partnership_document_delete": (
            f"/network/partnerships/documents/{w['document']}/delete/",
            POST_ONLY,
        ),
        "network:activity_create": (
            f"/network/partnerships/{w['shared']}/activities/new/",
            row(302, 200, 200, 403, 403, 403),
        ),
        "network:activity_edit": (
            f"/network/activities/{w['activity']}/edit/",
            row(302, 200, 200, 403, 403, 403),
        ),
        "network:activity_delete": (
            f"/network/activities/{w['activity']}/delete/",
            row(302, 200, 200, 403, 403, 403),
        ),
        "network:atlas": ("/network/atlas/", MEMBERS),
        "network:atlas_data": ("/network/atlas/data.json", MEMBERS),
        "network:atlas_locate": ("/network/atlas/locate/", POST_ONLY),
        "network:atlas_export": ("/network/atlas/export.xlsx", MEMBERS),
        "network:atlas_public": ("/network/public/atlas/", PUBLIC),
        "network:atlas_public_data": ("/network/public/atlas/data.json", PUBLIC),
        "network:atlas_public_export": ("/network/public/atlas/export.geojson", PUBLIC),
        "imports:upload": ("/imports/", OFFICERS),
        "imports:detail": (
            f"/imports/{w['job']}/",
            row(302, 302, 404, 404, 403, 403),
        ),
        "imports:mapping": (
            f"/imports/{w['job']}/mapping/",
            row(302, 200, 404, 404, 403, 403),
        ),
        "imports:preview": (
            f"/imports/{w['job']}/preview/",
            row(302, 302, 404, 404, 403, 403),
        ),
        "imports:progress": (
            f"/imports/{w['job']}/progress/",
            row(302, 200, 404, 404, 403, 403),
        ),
        "imports:report": (
            f"/imports/{w['job']}/report.csv",
            row(302, 200, 404, 404, 403, 403),
        ),
        "imports:undo": (f"/imports/{w['job']}/undo/", POST_ONLY),
        "events:month": ("/calendar/", PUBLIC),
        "events:week": ("/calendar/week/", PUBLIC),
        "events:list": ("/calendar/list/", PUBLIC),
        "events:event_create": ("/calendar/events/new/", OFFICERS),
        "events:event_detail": (
            f"/calendar/events/{w['event']}/",
            row(403, 200, 200, 200, 200, 200),
        ),
        "events:event_edit": (
            f"/calendar/events/{w['event']}/edit/",
            row(302, 200, 200, 403, 403, 403),
        ),
        "events:event_mark": (f"/calendar/events/{w['event']}/mark/", POST_ONLY),
        "events:feed_list": ("/calendar/feeds/", MEMBERS),
        "events:feed_reset": ("/calendar/feeds/reset/", POST_ONLY),
        "events:feed": (f"/calendar/feeds/{w['feed']}.ics", PUBLIC),
        "api-1.0.0:list_events": ("/api/calendar/events", PUBLIC),
        "api-1.0.0:get_event": (
            f"/api/calendar/events/{w['event']}",
            row(403, 200, 200, 200, 200, 200),
        ),
        "api-1.0.0:mark_event": (
            f"/api/calendar/events/{w['event']}/mark",
            row(405, 405, 405, 405, 405, 405),
        ),
        **delegation_matrix(w),
        **meeting_matrix(w),
        **pavilion_matrix(w),
        **matchmaking_matrix(w),
        **solidarity_matrix(w),
        **reception_matrix(w),
        **homestays_matrix(w),
        **outcomes_matrix(w),
        "api-1.0.0:openapi-json": ("/api/openapi.json", PUBLIC),
        "api-1.0.0:openapi-view": ("/api/docs", PUBLIC),
        "api-1.0.0:me": ("/api/me", row(401, 200, 200, 200, 200, 200)),
        "api-1.0.0:list_organisations": (
            "/api/network/organisations",
            row(401, 200, 200, 200, 200, 200),
        ),
        "api-1.0.0:get_organisation": (
            f"/api/network/organisations/{w['caen']}",
            row(401, 200, 200, 200, 200, 200),
        ),
        "api-1.0.0:list_people": ("/api/network/people", row(401, 200, 200, 200, 200, 200)),
        "api-1.0.0:get_person": (
            f"/api/network/people/{w['person']}",
            row(401, 200, 200, 403, 403, 403),
        ),
        "api-1.0.0:list_groups": ("/api/network/groups", row(401, 200, 200, 200, 200, 200)),
        "api-1.0.0:get_group": (
            f"/api/network/groups/{w['group']}",
            row(401, 200, 200, 200, 200, 200),
        ),
        "api-1.0.0:list_partnerships": (
            "/api/network/partnerships",
            row(401, 200, 200, 200, 200, 200),
        ),
        "api-1.0.0:get_partnership": (
            f"/api/network/partnerships/{w['private']}",
            row(401, 200, 200, 403, 403, 403),
        ),
        "api-1.0.0:partnership_indicators": (
            f"/api/network/partnerships/{w['private']}/indicators",
            row(401, 200, 200, 403, 403, 403),
        ),
        "api-1.0.0:list_activities": (
            f"/api/network/partnerships/{w['private']}/activities",
            row(401, 200, 200, 403, 403, 403),
        ),
    }


def delegation_matrix(w: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """Caen leads; its company Soyhuce travels (its representative is a delegate); the
    ministry funds; Tours takes no part."""
    d, lead_only = w["delegation"], row(302, 200, 200, 403, 403, 403)
    insiders = row(302, 200, 200, 403, 403, 200)  # staff, lead, funder
    return {
        "delegations:list": ("/delegations/", MEMBERS),
        "delegations:create": ("/delegations/new/", OFFICERS),
        "delegations:detail": (f"/delegations/{d}/", row(302, 200, 200, 403, 200, 200)),
        "delegations:edit": (f"/delegations/{d}/edit/", lead_only),
        "delegations:move": (f"/delegations/{d}/move/", POST_ONLY),
        "delegations:supporter_add": (f"/delegations/{d}/supporters/", lead_only),
        "delegations:supporter_remove": (
            f"/delegations/supporters/{w['supporter']}/remove/",
            POST_ONLY,
        ),
        "delegations:contacts": (f"/delegations/{d}/contacts/", lead_only),
        "delegations:milestones": (f"/delegations/{d}/milestones/", insiders),
        "delegations:milestone_edit": (
            f"/delegations/milestones/{w['milestone']}/edit/",
            lead_only,
        ),
        "delegations:milestone_delete": (
            f"/delegations/milestones/{w['milestone']}/delete/",
            POST_ONLY,
        ),
        "delegations:participants": (f"/delegations/{d}/participants/", insiders),
        "delegations:government_add": (f"/delegations/{d}/participants/governments/", POST_ONLY),
        "delegations:company_add": (f"/delegations/{d}/participants/companies/", POST_ONLY),
        "delegations:participant_detail": (
            f"/delegations/participants/{w['participant']}/",
            insiders,
        ),
        "delegations:participant_remove": (
            f"/delegations/participants/{w['participant']}/remove/",
            POST_ONLY,
        ),
        "delegations:delegate_remove": (
            f"/delegations/delegates/{w['delegate']}/remove/",
            POST_ONLY,
        ),
        "delegations:company_profile": (
            f"/delegations/companies/{w['company']}/",
            row(302, 200, 200, 403, 200, 403),
        ),
        "delegations:company_profile_edit": (
            f"/delegations/companies/{w['company']}/edit/",
            row(302, 200, 200, 403, 200, 403),
        ),
        "delegations:call": (f"/delegations/{d}/call/", OFFICERS),
        "delegations:call_open": (f"/delegations/{d}/call/open/", lead_only),
        "delegations:call_close": (f"/delegations/{d}/call/close/", POST_ONLY),
        "delegations:call_invite": (f"/delegations/{d}/call/invite/", POST_ONLY),
        "delegations:application_decide": (
            f"/delegations/applications/{w['application']}/decide/",
            POST_ONLY,
        ),
        "delegations:apply": ("/delegations/apply/forged/", row(*[400] * 6)),
        "delegations:programme": (
            f"/delegations/{d}/programme/",
            row(302, 200, 200, 403, 200, 200),
        ),
        "delegations:session_create": (f"/delegations/{d}/programme/new/", lead_only),
        "delegations:session_edit": (f"/delegations/sessions/{w['session']}/edit/", lead_only),
        "delegations:session_delete": (
            f"/delegations/sessions/{w['session']}/delete/",
            POST_ONLY,
        ),
        "delegations:itinerary": (
            f"/delegations/itineraries/{w['delegate']}/",
            row(302, 200, 200, 403, 200, 403),
        ),
        "delegations:itinerary_pdf": (
            f"/delegations/itineraries/{w['delegate']}/itinerary.pdf",
            row(302, 200, 200, 403, 200, 403),
        ),
        "delegations:itinerary_feed_reset": (
            f"/delegations/itineraries/{w['delegate']}/reset/",
            POST_ONLY,
        ),
        "delegations:itinerary_feed": (
            f"/delegations/itineraries/feed/{w['feed_token']}.ics",
            PUBLIC,
        ),
        "api-1.0.0:list_delegations": ("/api/delegations", row(401, 200, 200, 200, 200, 200)),
        "api-1.0.0:get_delegation": (
            f"/api/delegations/{d}",
            row(401, 200, 200, 403, 200, 200),
        ),
        "api-1.0.0:move_delegation": (f"/api/delegations/{d}/moves", row(*[405] * 6)),
        "api-1.0.0:list_milestones": (
            f"/api/delegations/{d}/milestones",
            row(401, 200, 200, 403, 403, 200),
        ),
        "api-1.0.0:update_milestone": (
            f"/api/delegations/milestones/{w['milestone']}",
            row(*[405] * 6),
        ),
        "api-1.0.0:list_participants": (
            f"/api/delegations/{d}/participants",
            row(401, 200, 200, 403, 403, 200),
        ),
        "api-1.0.0:list_programme": (
            f"/api/delegations/{d}/programme",
            row(401, 200, 200, 403, 200, 200),
        ),
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


def meeting_matrix(w: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """Caen chairs the meeting of a group Tours is not in: Tours, the company and the
    ministry see nothing of it."""
    m, group, inside = w["m_meeting"], w["m_group"], row(302, 200, 200, 403, 403, 403)
    api_inside = row(401, 200, 200, 403, 403, 403)
    return {
        "meetings:list": ("/meetings/", MEMBERS),
        "meetings:group": (f"/meetings/groups/{group}/", inside),
        "meetings:create": (f"/meetings/groups/{group}/new/", inside),
        "meetings:import_upload": (f"/meetings/groups/{group}/import/", inside),
        "meetings:import_review": (f"/meetings/imports/{w['m_import']}/", inside),
        "meetings:import_discard": (f"/meetings/imports/{w['m_import']}/discard/", POST_ONLY),
        "meetings:detail": (f"/meetings/{m}/", inside),
        "meetings:edit": (f"/meetings/{m}/edit/", inside),
        "meetings:ical": (f"/meetings/{m}/meeting.ics", inside),
        "meetings:invitations_send": (f"/meetings/{m}/invitations/", POST_ONLY),
        "meetings:agenda_add": (f"/meetings/{m}/agenda/", inside),
        "meetings:agenda_edit": (f"/meetings/agenda/{w['m_item']}/edit/", inside),
        "meetings:agenda_delete": (f"/meetings/agenda/{w['m_item']}/delete/", POST_ONLY),
        "meetings:agenda_move": (f"/meetings/agenda/{w['m_item']}/move/", POST_ONLY),
        "meetings:attendance": (f"/meetings/{m}/attendance/", inside),
        "meetings:attendance_add": (f"/meetings/{m}/attendance/people/", POST_ONLY),
        "meetings:guest_add": (f"/meetings/{m}/attendance/guests/", inside),
        "meetings:attendance_edit": (
            f"/meetings/attendance/{w['m_attendance']}/edit/",
            inside,
        ),
        "meetings:attendance_remove": (
            f"/meetings/attendance/{w['m_attendance']}/remove/",
            POST_ONLY,
        ),
        "meetings:minutes": (f"/meetings/{m}/minutes/", inside),
        "meetings:decision_add": (f"/meetings/{m}/decisions/", POST_ONLY),
        "meetings:decision_edit": (f"/meetings/decisions/{w['m_decision']}/edit/", inside),
        "meetings:decision_delete": (f"/meetings/decisions/{w['m_decision']}/delete/", POST_ONLY),
        "meetings:approve": (f"/meetings/{m}/approve/", POST_ONLY),
        "meetings:reopen": (f"/meetings/{m}/reopen/", POST_ONLY),
        "meetings:version": (f"/meetings/{m}/versions/{w['m_version']}/", inside),
        "meetings:action_add": (f"/meetings/{m}/actions/", inside),
        "meetings:action_edit": (f"/meetings/actions/{w['m_action']}/edit/", inside),
        "meetings:action_delete": (f"/meetings/actions/{w['m_action']}/delete/", POST_ONLY),
        "meetings:minutes_pdf": (f"/meetings/{m}/minutes.pdf", inside),
        "meetings:minutes_docx": (f"/meetings/{m}/minutes.docx", inside),
        "api-1.0.0:list_meetings": ("/api/meetings", row(401, 200, 200, 200, 200, 200)),
        "api-1.0.0:get_meeting": (f"/api/meetings/{m}", api_inside),
        "api-1.0.0:approve_minutes": (f"/api/meetings/{m}/approval", row(*[405] * 6)),
        "api-1.0.0:list_attendance": (f"/api/meetings/{m}/attendance", api_inside),
        "api-1.0.0:update_attendance": (
            f"/api/meetings/attendance/{w['m_attendance']}",
            row(*[405] * 6),
        ),
        "api-1.0.0:list_decisions": (f"/api/meetings/{m}/decisions", api_inside),
        "api-1.0.0:update_decision": (
            f"/api/meetings/decisions/{w['m_decision']}",
            row(*[405] * 6),
        ),
        "api-1.0.0:my_actions": ("/api/meetings/actions/mine", row(401, 200, 200, 200, 200, 200)),
        "api-1.0.0:list_actions": (f"/api/meetings/{m}/actions", api_inside),
        "api-1.0.0:update_action": (f"/api/meetings/actions/{w['m_action']}", row(*[405] * 6)),
    }


def pavilion_matrix(w: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """The same delegation's pavilion: the lead changes it; the funder's viewer reads the
    figures; the company representative reads its own company's costs only."""
    d, p = w["delegation"], w["participant"]
    lead_only = row(302, 200, 200, 403, 403, 403)
    readers = row(302, 200, 200, 403, 403, 200)
    return {
        "pavilion:overview": (f"/pavilion/delegations/{d}/", readers),
        "pavilion:item_create": (f"/pavilion/delegations/{d}/items/new/", lead_only),
        "pavilion:item_edit": (f"/pavilion/items/{w['pavilion_item']}/edit/", lead_only),
        "pavilion:item_delete": (f"/pavilion/items/{w['pavilion_item']}/delete/", POST_ONLY),
        "pavilion:share_set": (f"/pavilion/items/{w['pavilion_item']}/shares/", lead_only),
        "pavilion:share_remove": (f"/pavilion/shares/{w['pavilion_share']}/remove/", POST_ONLY),
        "pavilion:cover_set": (f"/pavilion/items/{w['pavilion_item']}/covers/", lead_only),
        "pavilion:cover_remove": (f"/pavilion/covers/{w['pavilion_cover']}/remove/", POST_ONLY),
        "pavilion:rates": (f"/pavilion/delegations/{d}/rates/", lead_only),
        "pavilion:rate_remove": (f"/pavilion/rates/{w['pavilion_rate']}/remove/", POST_ONLY),
        "pavilion:rule_create": (f"/pavilion/delegations/{d}/rules/new/", lead_only),
        "pavilion:rule_edit": (f"/pavilion/rules/{w['pavilion_rule']}/edit/", lead_only),
        "pavilion:rule_delete": (f"/pavilion/rules/{w['pavilion_rule']}/delete/", POST_ONLY),
        "pavilion:participant": (f"/pavilion/participants/{p}/", row(302, 200, 200, 403, 200, 200)),
        "pavilion:facts_edit": (f"/pavilion/participants/{p}/facts/", lead_only),
        "pavilion:budget": (f"/pavilion/delegations/{d}/budget/", readers),
        "pavilion:budget_xlsx": (f"/pavilion/delegations/{d}/budget.xlsx", readers),
        "pavilion:dossier_edit": (f"/pavilion/delegations/{d}/dossier/", lead_only),
        "pavilion:dossier_pdf": (f"/pavilion/delegations/{d}/dossier.pdf", readers),
        "api-1.0.0:delegation_figures": (
            f"/api/pavilion/delegations/{d}/figures",
            row(401, 200, 200, 403, 403, 200),
        ),
        "api-1.0.0:participant_costs": (
            f"/api/pavilion/participants/{p}/costs",
            row(401, 200, 200, 403, 200, 200),
        ),
        "api-1.0.0:set_share": (
            f"/api/pavilion/items/{w['pavilion_item']}/shares",
            row(*[405] * 6),
        ),
        "api-1.0.0:set_rate": (f"/api/pavilion/delegations/{d}/rates/USD", row(*[405] * 6)),
    }


def matchmaking_matrix(w: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """Matchmaking at another event: Caen leads a delegation with Caen's officer and
    Soyhuce's representative as delegates. Staff and the lead manage it; the company's
    representative acts for its own delegate only; Tours and the ministry are not in it.
    Attendees answer through signed links (public)."""
    e, s, m, place = w["mm_event"], w["mm_seller"], w["mm_meeting"], w["mm_place"]
    managers = row(302, 200, 200, 403, 403, 403)
    insiders = row(302, 200, 200, 403, 200, 403)
    return {
        "matchmaking:index": ("/matchmaking/", MEMBERS),
        "matchmaking:event": (f"/matchmaking/events/{e}/", insiders),
        "matchmaking:settings": (f"/matchmaking/events/{e}/settings/", managers),
        "matchmaking:attendees": (f"/matchmaking/events/{e}/attendees/", insiders),
        "matchmaking:attendees_erase": (f"/matchmaking/events/{e}/attendees/erase/", POST_ONLY),
        "matchmaking:slots": (f"/matchmaking/events/{e}/slots/", managers),
        "matchmaking:places": (f"/matchmaking/events/{e}/places/", managers),
        "matchmaking:places_from_stands": (
            f"/matchmaking/events/{e}/places/stands/",
            POST_ONLY,
        ),
        "matchmaking:place_remove": (f"/matchmaking/places/{place}/remove/", POST_ONLY),
        "matchmaking:place_sheet": (f"/matchmaking/places/{place}/sheet/", insiders),
        "matchmaking:place_sheet_pdf": (f"/matchmaking/places/{place}/sheet.pdf", insiders),
        "matchmaking:profile": (f"/matchmaking/profiles/{s}/", insiders),
        "matchmaking:profile_edit": (f"/matchmaking/profiles/{s}/edit/", insiders),
        "matchmaking:recommendations": (
            f"/matchmaking/profiles/{s}/recommendations/",
            insiders,
        ),
        "matchmaking:request_new": (
            f"/matchmaking/profiles/{s}/request/{w['mm_marcus']}/",
            insiders,
        ),
        "matchmaking:requests": (f"/matchmaking/events/{e}/requests/", insiders),
        "matchmaking:request_answer": (
            f"/matchmaking/requests/{w['mm_pending']}/answer/",
            POST_ONLY,
        ),
        "matchmaking:request_cancel": (
            f"/matchmaking/requests/{w['mm_pending']}/cancel/",
            POST_ONLY,
        ),
        "matchmaking:schedule": (f"/matchmaking/events/{e}/schedule/", managers),
        "matchmaking:schedule_run": (f"/matchmaking/events/{e}/schedule/run/", POST_ONLY),
        "matchmaking:schedule_progress": (
            f"/matchmaking/events/{e}/schedule/progress/",
            managers,
        ),
        "matchmaking:schedule_publish": (
            f"/matchmaking/events/{e}/schedule/publish/",
            POST_ONLY,
        ),
        "matchmaking:meeting": (f"/matchmaking/meetings/{m}/", insiders),
        "matchmaking:meeting_move": (f"/matchmaking/meetings/{m}/move/", managers),
        "matchmaking:meeting_lock": (f"/matchmaking/meetings/{m}/lock/", POST_ONLY),
        "matchmaking:agenda": (f"/matchmaking/profiles/{s}/agenda/", insiders),
        "matchmaking:agenda_pdf": (f"/matchmaking/profiles/{s}/agenda.pdf", insiders),
        "matchmaking:agenda_ics": (f"/matchmaking/profiles/{s}/agenda.ics", insiders),
        "matchmaking:guest_answer": (f"/matchmaking/answer/{w['mm_answer_token']}/", PUBLIC),
        "matchmaking:guest_home": (f"/matchmaking/me/{w['mm_attendee_token']}/", PUBLIC),
        "matchmaking:guest_agenda_ics": (
            f"/matchmaking/me/{w['mm_attendee_token']}/agenda.ics",
            PUBLIC,
        ),
        "matchmaking:guest_agenda_pdf": (
            f"/matchmaking/me/{w['mm_attendee_token']}/agenda.pdf",
            PUBLIC,
        ),
        "api-1.0.0:list_attendees": (
            f"/api/matchmaking/events/{e}/attendees",
            row(401, 200, 200, 403, 200, 403),
        ),
        "api-1.0.0:profile_recommendations": (
            f"/api/matchmaking/profiles/{s}/recommendations",
            row(401, 200, 200, 403, 200, 403),
        ),
        "api-1.0.0:profile_agenda": (
            f"/api/matchmaking/profiles/{s}/agenda",
            row(401, 200, 200, 403, 200, 403),
        ),
        "api-1.0.0:schedule_status": (
            f"/api/matchmaking/events/{e}/schedule",
            row(401, 200, 200, 403, 403, 403),
        ),
        "api-1.0.0:create_request": ("/api/matchmaking/requests", row(*[405] * 6)),
        "api-1.0.0:answer_request": (
            f"/api/matchmaking/requests/{w['mm_pending']}/answer",
            row(*[405] * 6),
        ),
        "api-1.0.0:move_meeting": (f"/api/matchmaking/meetings/{m}/move", row(*[405] * 6)),
    }


def reception_matrix(w: dict[str, Any]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """The reception of the same delegation: the lead sets it up and runs the door; the
    company representative names its own guests; the guest's signed link is public."""
    r, q, i = w["reception_reception"], w["reception_quota"], w["reception_invitation"]
    lead_only = row(302, 200, 200, 403, 403, 403)
    holders = row(302, 200, 200, 403, 200, 403)
    token = w["reception_token"]
    api_lead = row(401, 200, 200, 403, 403, 403)
    api_holders = row(401, 200, 200, 403, 200, 403)
    return {
        "reception:delegation": (f"/reception/delegations/{w['delegation']}/", lead_only),
        "reception:setup": (
            f"/reception/sessions/{w['reception_session']}/setup/",
            row(302, 302, 302, 403, 403, 403),
        ),
        "reception:detail": (f"/reception/{r}/", lead_only),
        "reception:edit": (f"/reception/{r}/edit/", lead_only),
        "reception:quota_set": (f"/reception/{r}/quotas/", POST_ONLY),
        "reception:quota_remove": (f"/reception/quotas/{q}/remove/", POST_ONLY),
        "reception:quota": (f"/reception/quotas/{q}/", holders),
        "reception:send_cards": (f"/reception/quotas/{q}/send/", POST_ONLY),
        "reception:import_guests": (
            f"/reception/quotas/{q}/import/",
            row(302, 200, 200, 403, 302, 403),
        ),
        "reception:guest_edit": (f"/reception/invitations/{i}/edit/", holders),
        "reception:guest_remove": (f"/reception/invitations/{i}/remove/", POST_ONLY),
        "reception:resend": (f"/reception/invitations/{i}/resend/", POST_ONLY),
        "reception:card": (f"/reception/invitations/{i}/card.pdf", holders),
        "reception:door": (f"/reception/{r}/door/", lead_only),
        "reception:scan": (f"/reception/{r}/door/scan/", POST_ONLY),
        "reception:search": (f"/reception/{r}/door/search/?q=mary", lead_only),
        "reception:count": (f"/reception/{r}/door/count/", lead_only),
        "reception:check_in": (f"/reception/{r}/door/{i}/in/", POST_ONLY),
        "reception:undo": (f"/reception/{r}/door/{i}/undo/", POST_ONLY),
        "reception:export": (f"/reception/{r}/arrivals.csv", lead_only),
        "reception:rsvp": (f"/reception/rsvp/{token}/", PUBLIC),
        "reception:rsvp_card": (f"/reception/rsvp/{token}/card.pdf", PUBLIC),
        "reception:rsvp_renew": (f"/reception/rsvp/{token}/renew/", row(*[405] * 6)),
        "api-1.0.0:get_reception": (f"/api/reception/receptions/{r}", api_lead),
        "api-1.0.0:get_head_count": (f"/api/reception/receptions/{r}/headcount", api_lead),
        "api-1.0.0:set_quota": (
            f"/api/reception/receptions/{r}/quotas/{w['participant']}",
            row(*[405] * 6),
        ),
        "api-1.0.0:list_invitations": (f"/api/reception/quotas/{q}/invitations", api_holders),
        # The same path as the list: a GET answers as the list does.
        "api-1.0.0:add_invitation": (f"/api/reception/quotas/{q}/invitations", api_holders),
        "api-1.0.0:check_in": (f"/api/reception/receptions/{r}/checkins", row(*[405] * 6)),
        "api-1.0.0:undo_check_in": (f"/api/reception/invitations/{i}/checkin", row(*[405] * 6)),
    }


def homestays_matrix(w: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """The same delegation's homestays: the lead and the staff alone see the families; a
    family registers through its signed link, whoever opens it."""
    d, lead_only = w["delegation"], row(302, 200, 200, 403, 403, 403)
    family, guest = w["homestays_family"], w["homestays_guest"]
    return {
        "homestays:plan": (f"/homestays/delegations/{d}/", lead_only),
        "homestays:link": (f"/homestays/delegations/{d}/link/", lead_only),
        "homestays:run_start": (f"/homestays/delegations/{d}/run/", POST_ONLY),
        "homestays:run_progress": (f"/homestays/runs/{w['homestays_run']}/progress/", lead_only),
        "homestays:confirm": (f"/homestays/delegations/{d}/confirm/", POST_ONLY),
        "homestays:families_pdf": (f"/homestays/delegations/{d}/families.pdf", lead_only),
        "homestays:nights_pdf": (f"/homestays/delegations/{d}/nights.pdf", lead_only),
        "homestays:register": (f"/homestays/register/{w['homestays_token']}/", PUBLIC),
        "homestays:family": (f"/homestays/families/{family}/", lead_only),
        "homestays:family_edit": (f"/homestays/families/{family}/edit/", lead_only),
        "homestays:family_confirm": (f"/homestays/families/{family}/confirm/", POST_ONLY),
        "homestays:family_withdraw": (f"/homestays/families/{family}/withdraw/", POST_ONLY),
        "homestays:guest_add": (f"/homestays/delegations/{d}/guests/new/", lead_only),
        "homestays:guest_edit": (f"/homestays/guests/{guest}/edit/", lead_only),
        "homestays:guest_remove": (f"/homestays/guests/{guest}/remove/", POST_ONLY),
        "homestays:guest_move": (f"/homestays/guests/{guest}/move/", POST_ONLY),
        "homestays:guest_lock": (f"/homestays/guests/{guest}/lock/", POST_ONLY),
    }


def outcomes_matrix(w: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """The same delegation's outcomes: the lead and the funder's viewer read its reports;
    Soyhuce's representative and Caen (its sponsor) its own and change its records; Caen's
    officer its city's and its partnership's; Tours nothing of it."""
    d, p, caen, shared = w["delegation"], w["participant"], w["caen"], w["shared"]
    readers = row(302, 200, 200, 403, 403, 200)
    own_side = row(302, 200, 200, 403, 200, 403)
    participant_readers = row(302, 200, 200, 403, 200, 200)
    caen_only = row(302, 200, 200, 403, 403, 403)
    pages = {
        "outcomes:index": ("/outcomes/", MEMBERS),
        "outcomes:index_pdf": ("/outcomes/report.pdf", MEMBERS),
        "outcomes:index_xlsx": ("/outcomes/report.xlsx", MEMBERS),
        "outcomes:delegation": (f"/outcomes/delegations/{d}/", readers),
        "outcomes:delegation_pdf": (f"/outcomes/delegations/{d}/report.pdf", readers),
        "outcomes:delegation_xlsx": (f"/outcomes/delegations/{d}/report.xlsx", readers),
        "outcomes:agency": (f"/outcomes/delegations/{d}/agency/", readers),
        "outcomes:agency_pdf": (f"/outcomes/delegations/{d}/agency.pdf", readers),
        "outcomes:agency_xlsx": (f"/outcomes/delegations/{d}/agency.xlsx", readers),
        "outcomes:survey": (f"/outcomes/delegations/{d}/survey/", readers),
        "outcomes:participant": (f"/outcomes/participants/{p}/", participant_readers),
        "outcomes:participant_pdf": (
            f"/outcomes/participants/{p}/report.pdf",
            participant_readers,
        ),
        "outcomes:participant_xlsx": (
            f"/outcomes/participants/{p}/report.xlsx",
            participant_readers,
        ),
        "outcomes:record_create": (f"/outcomes/participants/{p}/records/new/", own_side),
        "outcomes:city": (f"/outcomes/cities/{caen}/", caen_only),
        "outcomes:city_pdf": (f"/outcomes/cities/{caen}/report.pdf", caen_only),
        "outcomes:city_xlsx": (f"/outcomes/cities/{caen}/report.xlsx", caen_only),
        "outcomes:partnership": (f"/outcomes/partnerships/{shared}/", caen_only),
        "outcomes:partnership_pdf": (f"/outcomes/partnerships/{shared}/report.pdf", caen_only),
        "outcomes:partnership_xlsx": (f"/outcomes/partnerships/{shared}/report.xlsx", caen_only),
        "outcomes:partnership_record_create": (
            f"/outcomes/partnerships/{shared}/records/new/",
            caen_only,
        ),
        "outcomes:record_list": ("/outcomes/records/", MEMBERS),
        "outcomes:record_edit": (f"/outcomes/records/{w['outcomes_record']}/edit/", own_side),
        "outcomes:record_delete": (f"/outcomes/records/{w['outcomes_record']}/delete/", POST_ONLY),
        "outcomes:survey_answer": ("/outcomes/survey/forged/", row(*[400] * 6)),
    }
    api = {
        "api-1.0.0:list_records": ("/api/outcomes/records", row(401, 200, 200, 200, 200, 200)),
        "api-1.0.0:get_record": (
            f"/api/outcomes/records/{w['outcomes_record']}",
            row(401, 200, 200, 403, 200, 200),
        ),
        "api-1.0.0:year_totals": ("/api/outcomes/years", row(401, 200, 200, 200, 200, 200)),
        "api-1.0.0:delegation_roi": (
            f"/api/outcomes/delegations/{d}/roi",
            row(401, 200, 200, 403, 403, 200),
        ),
        "api-1.0.0:participant_roi": (
            f"/api/outcomes/participants/{p}/roi",
            row(401, 200, 200, 403, 200, 200),
        ),
        "api-1.0.0:city_roi": (
            f"/api/outcomes/cities/{caen}/roi",
            row(401, 200, 200, 403, 403, 403),
        ),
        "api-1.0.0:partnership_roi": (
            f"/api/outcomes/partnerships/{shared}/roi",
            row(401, 200, 200, 403, 403, 403),
        ),
        "api-1.0.0:survey_rates": (
            f"/api/outcomes/delegations/{d}/survey",
            row(401, 200, 200, 403, 403, 200),
        ),
    }
    return {**pages, **api}


# Names that only accept writes on a path another entry already covers, or that are
# Django's own admin (guarded by is_staff, which no persona has).
WRITE_ONLY_TWINS = {
    "api-1.0.0:create_organisation",
    "api-1.0.0:update_organisation",
    "api-1.0.0:archive_organisation",
    "api-1.0.0:unarchive_organisation",
    "api-1.0.0:create_person",
    "api-1.0.0:update_person",
    "api-1.0.0:create_partnership",
    "api-1.0.0:update_partnership",
    "api-1.0.0:archive_partnership",
    "api-1.0.0:create_activity",
    "api-1.0.0:update_activity",
    "api-1.0.0:delete_activity",
    "api-1.0.0:api-root",
    "api-1.0.0:create_event",
    "api-1.0.0:update_event",
    "api-1.0.0:create_delegation",
    "api-1.0.0:create_milestone",
    "api-1.0.0:create_meeting",
    "api-1.0.0:update_meeting",
    "api-1.0.0:add_attendance",
    "api-1.0.0:create_decision",
    "api-1.0.0:create_action",
    "api-1.0.0:create_record",
    "api-1.0.0:update_record",
    "api-1.0.0:delete_record",
}


def _named_urls() -> set[str]:
    names: set[str] = set()

    def walk(resolver: URLResolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                prefix = namespace + (pattern.namespace + ":" if pattern.namespace else "")
                walk(pattern, prefix)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver(), "")
    return names


def test_every_named_url_is_in_the_matrix(world):
    covered = set(matrix(world)) | WRITE_ONLY_TWINS
    missing = sorted(_named_urls() - covered)
    assert not missing, f"add these URLs to the permission matrix: {missing}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_url_answers_each_persona_as_expected(persona, request, client_for, world):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user)
    index = PERSONAS.index(persona)
    failures = []
    for name, (path, expected) in matrix(world).items():
        status = client.get(path).status_code
        if status != expected[index]:
            failures.append(f"{name} {path}: got {status}, expected {expected[index]}")
    assert not failures, "\n".join(failures)


def test_django_admin_is_closed_to_every_persona(client_for, staff, caen_officer):
    for user in (None, staff, caen_officer):
        response = client_for(user).get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def solidarity_matrix(w: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """A FACECO fund run by the ministry: Caen's private pledge (decision, document, a
    payment), Tours' public one; a project Caen funds with a report's files; Caen's offer
    proposed for New Orleans' need. The ministry's viewer reads the whole fund; Tours
    pledged, so it reads the reports; the company representative funded nothing."""

    def k(name: str) -> int:
        return w[f"solidarity_{name}"]

    s = "/solidarity"
    caen_only = row(302, 200, 200, 403, 403, 403)
    caen_and_fund = row(302, 200, 200, 403, 403, 200)
    funders = row(302, 200, 200, 200, 403, 200)
    api_all = row(401, 200, 200, 200, 200, 200)
    api_caen_and_fund = row(401, 200, 200, 403, 403, 200)
    crises, fund, pledge = f"/api{s}/crises", f"/api{s}/funds/{k('fund')}", k("caen_pledge")
    need = f"/api{s}/needs/{k('need')}"
    return {
        "solidarity:crisis_list": (f"{s}/", MEMBERS),
        "solidarity:crisis_create": (f"{s}/crises/new/", STAFF),
        "solidarity:crisis_detail": (f"{s}/crises/{k('crisis')}/", MEMBERS),
        "solidarity:crisis_edit": (f"{s}/crises/{k('crisis')}/edit/", STAFF),
        "solidarity:fund_create": (f"{s}/crises/{k('crisis')}/funds/new/", STAFF),
        "solidarity:fund_detail": (f"{s}/funds/{k('fund')}/", MEMBERS),
        "solidarity:fund_edit": (f"{s}/funds/{k('fund')}/edit/", STAFF),
        "solidarity:fund_public": (f"{s}/public/funds/{k('fund')}/", PUBLIC),
        "solidarity:pledge_create": (f"{s}/funds/{k('fund')}/pledge/", OFFICERS),
        "solidarity:pledge_detail": (f"{s}/pledges/{pledge}/", caen_and_fund),
        "solidarity:pledge_edit": (f"{s}/pledges/{pledge}/edit/", caen_only),
        "solidarity:decision_edit": (f"{s}/pledges/{pledge}/decision/", caen_only),
        "solidarity:decision_document": (f"{s}/pledges/{pledge}/decision/document/", caen_and_fund),
        "solidarity:payment_add": (f"{s}/pledges/{pledge}/payments/", POST_ONLY),
        "solidarity:pledge_cancel": (f"{s}/pledges/{pledge}/cancel/", POST_ONLY),
        "solidarity:payment_remove": (f"{s}/payments/{k('payment')}/remove/", POST_ONLY),
        "solidarity:budgets": (f"{s}/members/{w['caen']}/budgets/", caen_only),
        "solidarity:project_create": (f"{s}/funds/{k('fund')}/projects/new/", STAFF),
        "solidarity:project_detail": (f"{s}/projects/{k('project')}/", MEMBERS),
        "solidarity:project_edit": (f"{s}/projects/{k('project')}/edit/", STAFF),
        "solidarity:funding_set": (f"{s}/projects/{k('project')}/funding/", POST_ONLY),
        "solidarity:funding_remove": (f"{s}/fundings/{k('funding')}/remove/", POST_ONLY),
        "solidarity:report_create": (f"{s}/projects/{k('project')}/reports/new/", STAFF),
        "solidarity:attachment_add": (f"{s}/reports/{k('report')}/attachments/", POST_ONLY),
        "solidarity:attachment_download": (f"{s}/attachments/{k('document')}/", funders),
        "solidarity:attachment_delete": (f"{s}/attachments/{k('photo')}/delete/", POST_ONLY),
        "solidarity:expertise": (f"{s}/expertise/", MEMBERS),
        "solidarity:offer_create": (f"{s}/expertise/offers/new/", OFFICERS),
        "solidarity:offer_edit": (f"{s}/expertise/offers/{k('offer')}/edit/", caen_only),
        "solidarity:offer_withdraw": (f"{s}/expertise/offers/{k('offer')}/withdraw/", POST_ONLY),
        "solidarity:need_create": (f"{s}/expertise/needs/new/", STAFF),
        "solidarity:need_detail": (f"{s}/expertise/needs/{k('need')}/", MEMBERS),
        "solidarity:need_edit": (f"{s}/expertise/needs/{k('need')}/edit/", STAFF),
        "solidarity:match_propose": (f"{s}/expertise/needs/{k('need')}/propose/", POST_ONLY),
        "solidarity:match_answer": (f"{s}/expertise/matches/{k('match')}/answer/", POST_ONLY),
        "solidarity:match_done": (f"{s}/expertise/matches/{k('match')}/done/", caen_only),
        "solidarity:match_report": (f"{s}/expertise/matches/{k('match')}/report/", caen_only),
        "api-1.0.0:list_crises": (crises, api_all),
        "api-1.0.0:create_crisis": (crises, api_all),
        "api-1.0.0:get_crisis": (f"{crises}/{k('crisis')}", api_all),
        "api-1.0.0:list_funds": (f"{crises}/{k('crisis')}/funds", api_all),
        "api-1.0.0:create_fund": (f"{crises}/{k('crisis')}/funds", api_all),
        "api-1.0.0:get_fund": (fund, api_all),
        "api-1.0.0:fund_progress": (f"{fund}/progress", api_all),
        "api-1.0.0:list_pledges": (f"{fund}/pledges", api_all),
        "api-1.0.0:create_pledge": (f"{fund}/pledges", api_all),
        "api-1.0.0:get_pledge": (f"/api{s}/pledges/{pledge}", api_caen_and_fund),
        "api-1.0.0:list_payments": (f"/api{s}/pledges/{pledge}/payments", api_caen_and_fund),
        "api-1.0.0:create_payment": (f"/api{s}/pledges/{pledge}/payments", api_caen_and_fund),
        "api-1.0.0:oudin_headroom": (
            f"/api{s}/members/{w['caen']}/headroom/2016",
            row(401, 200, 200, 403, 403, 403),
        ),
        "api-1.0.0:list_projects": (f"{fund}/projects", api_all),
        "api-1.0.0:get_project": (f"/api{s}/projects/{k('project')}", api_all),
        "api-1.0.0:list_offers": (f"/api{s}/offers", api_all),
        "api-1.0.0:create_offer": (f"/api{s}/offers", api_all),
        "api-1.0.0:list_needs": (f"/api{s}/needs", api_all),
        "api-1.0.0:create_need": (f"/api{s}/needs", api_all),
        "api-1.0.0:rank_offers": (f"{need}/ranking", api_all),
        "api-1.0.0:propose_match": (f"{need}/matches", row(*[405] * 6)),
        "api-1.0.0:answer_match": (
            f"/api{s}/matches/{k('match')}/answer",
            row(*[405] * 6),
        ),
    }
