"""The matchmaking area's URLs in the permission matrix."""

from __future__ import annotations

from .statuses import (
    MEMBERS,
    POST_ONLY,
    PUBLIC,
    row,
)


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
