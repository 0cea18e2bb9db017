"""State changes and figures of the outcomes; views, the API, the demo and tests call these."""

from .costs import recompute, refresh, refresh_all, refresh_where
from .errors import OutcomeError
from .figures import Totals, total, totals
from .records import (
    RecordFields,
    check_create_record,
    check_update_record,
    do_delete_record,
    record_fields,
)
from .scope import Reader
from .surveys import (
    Followup,
    StepRate,
    check_answer,
    check_save_settings,
    due_at,
    read_survey_token,
    response_rates,
    send_due_reminders,
    send_due_surveys,
    settings_of,
    survey_token,
    survey_url,
)

__all__ = [
    "Followup",
    "OutcomeError",
    "Reader",
    "RecordFields",
    "StepRate",
    "Totals",
    "check_answer",
    "check_create_record",
    "check_save_settings",
    "check_update_record",
    "do_delete_record",
    "due_at",
    "read_survey_token",
    "recompute",
    "record_fields",
    "refresh",
    "refresh_all",
    "refresh_where",
    "response_rates",
    "send_due_reminders",
    "send_due_surveys",
    "settings_of",
    "survey_token",
    "survey_url",
    "total",
    "totals",
]
