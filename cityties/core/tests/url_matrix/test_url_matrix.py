"""The URL matrix, checked: a URL added without an entry fails
`test_every_named_url_is_in_the_matrix`; each persona gets each expected status."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from .delegations_urls import delegation_matrix
from .homestays_urls import homestays_matrix
from .matchmaking_urls import matchmaking_matrix
from .meetings_urls import meeting_matrix
from .outcomes_urls import outcomes_matrix
from .pavilion_urls import pavilion_matrix
from .reception_urls import reception_matrix
from .solidarity_urls import solidarity_matrix
from .statuses import (
    MEMBERS,
    OFFICERS,
    PERSONAS,
    POST_ONLY,
    PUBLIC,
    STAFF,
    row,
)

pytestmark = pytest.mark.django_db


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
