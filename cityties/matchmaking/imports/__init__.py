"""The attendee import: an event's attendee list, as event platforms and organisers
publish it (CSV in any delimiter, XLSX, a JSON list of records), through the shared import
engine: `cleaning` reads the cells, `fields` declares the columns, `rows` checks and merges
the rows, `writing` writes them. Registered as kind `attendees`; from the command line:
`python -m cityties import attendees FILE --default event=<id>`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy, ngettext

from cityties.accounts.permissions import is_member_officer, is_network_staff
from cityties.core.text import format_number
from cityties.imports.registry import ImportKind, register

from .fields import ATTENDEE_FIELDS
from .rows import validate
from .writing import write_attendees


def may_import(user: Any) -> bool:
    """Staff, and member officers (for the events whose delegation they lead: each row's
    event is checked)."""
    return bool(is_network_staff(user) or is_member_officer(user))


def count_label(key: str, n: int) -> str:
    if key == "attendees":
        return ngettext("%(n)s attendee", "%(n)s attendees", n) % {"n": format_number(n)}
    return f"{format_number(n)} {key}"


register(
    ImportKind(
        name="attendees",
        label=gettext_lazy("Attendees of an event"),
        fields=ATTENDEE_FIELDS,
        validate=validate,
        write=write_attendees,
        may_import=may_import,
        count_label=count_label,
    )
)
