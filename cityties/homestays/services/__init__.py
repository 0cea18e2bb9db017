"""State changes of homestays; views, the demo, the tick and tests all call these."""

from .assignment import (
    Rows,
    apply_result,
    breaches_if_moved,
    check_move_guest,
    check_set_lock,
    check_start_run,
    do_run,
    engine_input,
    latest_run,
    load,
)
from .confirm import check_confirm_plan, confirmed_stay, do_purge_plan, plans_to_purge
from .errors import HomestayError
from .families import (
    FamilyFields,
    check_confirm_family,
    check_record_safeguarding,
    check_register_family,
    check_update_family,
    check_withdraw_family,
)
from .guests import (
    GuestFields,
    check_add_guest,
    check_remove_guest,
    check_update_guest,
    defaults_for,
)
from .plans import (
    check_send_link,
    partners_of,
    plan_of,
    purge_due_on,
    read_registration_token,
    registration_token,
)

__all__ = [
    "FamilyFields",
    "GuestFields",
    "HomestayError",
    "Rows",
    "apply_result",
    "breaches_if_moved",
    "check_add_guest",
    "check_confirm_family",
    "check_confirm_plan",
    "check_move_guest",
    "check_record_safeguarding",
    "check_register_family",
    "check_remove_guest",
    "check_send_link",
    "check_set_lock",
    "check_start_run",
    "check_update_family",
    "check_update_guest",
    "check_withdraw_family",
    "confirmed_stay",
    "defaults_for",
    "do_purge_plan",
    "do_run",
    "engine_input",
    "latest_run",
    "load",
    "partners_of",
    "plan_of",
    "plans_to_purge",
    "purge_due_on",
    "read_registration_token",
    "registration_token",
]
