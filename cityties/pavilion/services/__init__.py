"""State changes of the pavilion; views, the API, the demo and tests all call these."""

from .budget import Budget, budget
from .dossier import check_save_dossier, dossier_of
from .errors import PavilionError
from .figures import Figures, Rows, compute, engine_input, load
from .items import (
    check_create_item,
    check_set_cover,
    check_set_share,
    check_update_item,
    do_delete_item,
    do_remove_cover,
    do_remove_share,
    recount_items,
)
from .subsidies import (
    check_create_rule,
    check_remove_rate,
    check_save_facts,
    check_set_rate,
    check_update_rule,
    do_delete_rule,
    facts_of,
)

__all__ = [
    "Budget",
    "Figures",
    "PavilionError",
    "Rows",
    "budget",
    "check_create_item",
    "check_create_rule",
    "check_remove_rate",
    "check_save_dossier",
    "check_save_facts",
    "check_set_cover",
    "check_set_rate",
    "check_set_share",
    "check_update_item",
    "check_update_rule",
    "compute",
    "do_delete_item",
    "do_delete_rule",
    "do_remove_cover",
    "do_remove_share",
    "dossier_of",
    "engine_input",
    "facts_of",
    "load",
    "recount_items",
]
