"""The minutes as a document, in the usual French layout: title, date and place, the
chair's opening, the agenda items and their minutes, decisions, action items, and the
annex "Liste des participants" (civility, first name, LAST NAME, function, organisation;
then those represented, excused and absent).

`document_context` turns a snapshot (see services.minutes.snapshot: what a version
freezes) into the labelled pieces the page, the PDF and the DOCX all show, in the active
language; `pdf` and `docx` write the files.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel.dates import format_date, format_time
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cityties.core.text import current_locale

from ..models import ActionStatus, AttendanceStatus


def civility_short(code: str) -> str:
    return {"mr": _("Mr"), "ms": _("Ms"), "mx": _("Mx")}.get(code, "")


def civility_long(code: str) -> str:
    return {
        "mr": pgettext("civility in the list of participants", "Mr"),
        "ms": pgettext("civility in the list of participants", "Ms"),
        "mx": pgettext("civility in the list of participants", "Mx"),
    }.get(code, "")


def person_line(parts: dict[str, Any] | None) -> str:
    """ "M. Hervé LEMARCHAND, Maire, Ville de Caen" """
    if not parts:
        return ""
    name = " ".join(
        part
        for part in (
            civility_short(parts.get("civility", "")),
            parts.get("first_name", ""),
            (parts.get("last_name") or "").upper(),
        )
        if part
    )
    details = [part for part in (parts.get("function"), parts.get("organisation")) if part]
    return ", ".join([name, *details])


def long_date(value: date) -> str:
    return format_date(value, format="full", locale=current_locale())


def short_date(value: date | str | None) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(value, format="long", locale=current_locale())


def _participant(row: dict[str, Any]) -> dict[str, str]:
    note = ""
    if row["status"] == AttendanceStatus.REMOTE:
        note = _("remotely")
    elif row["status"] == AttendanceStatus.REPRESENTED:
        note = _("represented by %(proxy)s") % {"proxy": row.get("proxy", "")}
    return {
        "civility": civility_long(row.get("civility", "")),
        "first_name": row.get("first_name", ""),
        "last_name": (row.get("last_name") or "").upper(),
        "function": row.get("function", ""),
        "organisation": row.get("organisation", ""),
        "note": note,
    }


def _votes(votes: dict[str, int] | None) -> str:
    if not votes:
        return ""
    return _("For: %(for)s, against: %(against)s, abstentions: %(abstain)s") % {
        "for": votes["for"],
        "against": votes["against"],
        "abstain": votes["abstain"],
    }


def document_context(content: dict[str, Any]) -> dict[str, Any]:
    starts = datetime.fromisoformat(content["starts_at"])
    ends = datetime.fromisoformat(content["ends_at"])
    locale = current_locale()
    statuses = dict(ActionStatus.choices)
    rows = content.get("attendance", [])

    def among(*wanted: str) -> list[dict[str, str]]:
        return [_participant(row) for row in rows if row["status"] in wanted]

    chair = content.get("chair")
    return {
        "title": _("Minutes of the meeting of the %(group)s of %(date)s")
        % {"group": content["group"], "date": short_date(starts.date())},
        "meeting_title": content["title"],
        "date_line": _("%(day)s, %(start)s – %(end)s (%(zone)s time)")
        % {
            "day": long_date(starts.date()),
            "start": format_time(starts, format="short", locale=locale),
            "end": format_time(ends, format="short", locale=locale),
            "zone": content["time_zone"],
        },
        "place": content.get("place", ""),
        "video_link": content.get("video_link", ""),
        "chair_line": _("%(chair)s, chairs the meeting and opens it.")
        % {"chair": person_line(chair)}
        if chair
        else "",
        "secretary_line": _("Minutes taken by %(secretary)s.")
        % {"secretary": person_line(content.get("secretary"))}
        if content.get("secretary")
        else "",
        "opening": content.get("opening", ""),
        "items": [
            {
                **item,
                "number": number,
                "duration": _("%(minutes)s min") % {"minutes": item["duration_minutes"]}
                if item.get("duration_minutes")
                else "",
            }
            for number, item in enumerate(content.get("items", []), start=1)
        ],
        "decisions": [
            {**decision, "vote_line": _votes(decision.get("votes"))}
            for decision in content.get("decisions", [])
        ],
        "actions": [
            {
                **action,
                "owner_line": ", ".join(
                    part for part in (action.get("owner"), action.get("organisation")) if part
                ),
                "due": short_date(action.get("due_on")),
                "status_label": str(statuses.get(action["status"], action["status"])),
            }
            for action in content.get("actions", [])
        ],
        "present": among(AttendanceStatus.PRESENT, AttendanceStatus.REMOTE),
        "represented": among(AttendanceStatus.REPRESENTED),
        "excused": among(AttendanceStatus.EXCUSED),
        "absent": among(AttendanceStatus.ABSENT),
        "version": content.get("version"),
        "approved_line": _("Approved on %(date)s by %(who)s (version %(number)s).")
        % {
            "date": short_date(datetime.fromisoformat(content["approved_at"]).date()),
            "who": content.get("approved_by") or "—",
            "number": content.get("version"),
        }
        if content.get("approved_at") and content.get("version")
        else "",
        "draft": not content.get("version"),
    }


def export_filename(content: dict[str, Any], extension: str) -> str:
    day = content["starts_at"][:10]
    version = f"-v{content['version']}" if content.get("version") else "-draft"
    return f"minutes-{day}{version}.{extension}"
