"""The delegations area's URLs in the permission matrix."""

from __future__ import annotations

from .statuses import (
    MEMBERS,
    OFFICERS,
    POST_ONLY,
    PUBLIC,
    row,
)


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
