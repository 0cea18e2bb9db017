"""The meetings area's URLs in the permission matrix."""

from __future__ import annotations

from .statuses import (
    MEMBERS,
    POST_ONLY,
    row,
)


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
