"""State changes of the reception; views, the API, the import, the demo and tests all
call these."""

from .door import (
    DoorRefusal,
    HeadCount,
    check_check_in,
    check_undo_check_in,
    find_by_code,
    head_count,
    qr_payload,
    refusal_for,
    search_guests,
)
from .errors import ReceptionError
from .figures import Overview, QuotaLine, arrival_rows, arrivals, overview
from .guests import (
    GuestFields,
    check_add_guest,
    check_answer,
    check_remove_guest,
    check_send_cards,
    check_update_guest,
    clean_guest,
    do_add_guests,
    due_reminders,
    read_rsvp_token,
    rsvp_token,
)
from .receptions import (
    ReceptionFields,
    check_create_reception,
    check_remove_quota,
    check_set_quota,
    check_update_reception,
)
from .retention import do_erase_guests, guests_to_erase

__all__ = [
    "DoorRefusal",
    "GuestFields",
    "HeadCount",
    "Overview",
    "QuotaLine",
    "ReceptionError",
    "ReceptionFields",
    "arrival_rows",
    "arrivals",
    "check_add_guest",
    "check_answer",
    "check_check_in",
    "check_create_reception",
    "check_remove_guest",
    "check_remove_quota",
    "check_send_cards",
    "check_set_quota",
    "check_undo_check_in",
    "check_update_guest",
    "check_update_reception",
    "clean_guest",
    "do_add_guests",
    "do_erase_guests",
    "due_reminders",
    "find_by_code",
    "guests_to_erase",
    "head_count",
    "overview",
    "qr_payload",
    "read_rsvp_token",
    "refusal_for",
    "rsvp_token",
    "search_guests",
]
