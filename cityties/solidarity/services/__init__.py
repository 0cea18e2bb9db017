"""State changes of the solidarity area; views, the API, the demo and tests call these.

`crises` (crises and funds), `pledges` (pledges, council decisions, payments and the
Oudin-Santini headroom), `projects` (projects, budget by funder, reports and their files),
`expertise` (offers, needs, ranking and matches), `public` (a fund's progress).
"""

from .crises import check_create_crisis, check_create_fund, check_update_crisis, check_update_fund
from .errors import SolidarityError
from .expertise import (
    RankedOffer,
    check_answer_match,
    check_carry_out_match,
    check_create_need,
    check_create_offer,
    check_propose_match,
    check_report_match,
    check_update_need,
    check_update_offer,
    do_withdraw_offer,
    explain,
    rank_need,
)
from .pledges import (
    check_add_payment,
    check_cancel_pledge,
    check_create_pledge,
    check_record_decision,
    check_save_oudin_budget,
    check_update_pledge,
    do_remove_payment,
    given_under_oudin,
    oudin_headroom,
)
from .projects import (
    Spend,
    check_add_attachment,
    check_add_report,
    check_create_project,
    check_set_funding,
    check_update_project,
    do_delete_attachment,
    do_remove_funding,
    spend_of,
)
from .public import Progress, cached_page, progress

__all__ = [
    "Progress",
    "RankedOffer",
    "SolidarityError",
    "Spend",
    "cached_page",
    "check_add_attachment",
    "check_add_payment",
    "check_add_report",
    "check_answer_match",
    "check_cancel_pledge",
    "check_carry_out_match",
    "check_create_crisis",
    "check_create_fund",
    "check_create_need",
    "check_create_offer",
    "check_create_pledge",
    "check_create_project",
    "check_propose_match",
    "check_record_decision",
    "check_report_match",
    "check_save_oudin_budget",
    "check_set_funding",
    "check_update_crisis",
    "check_update_fund",
    "check_update_need",
    "check_update_offer",
    "check_update_pledge",
    "check_update_project",
    "do_delete_attachment",
    "do_remove_funding",
    "do_remove_payment",
    "do_withdraw_offer",
    "explain",
    "given_under_oudin",
    "oudin_headroom",
    "progress",
    "rank_need",
    "spend_of",
]
