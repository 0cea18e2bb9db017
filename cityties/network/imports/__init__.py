"""The network's kinds of import: organisations, people and partnerships.

`fields` declares their target fields, `matching` finds organisations, `rows` checks rows,
`writing` writes them, `locate` places organisations; this module registers the kinds.

Each declares its target fields, how a row is checked (with the same rules the pages and
the API use: `network.create_this_organisation`, `may_change_organisation`,
`check_partnership_rules`, `check_email_address`…), how rows are written, and who may
import it; it registers with the import engine, which knows none of this.

Partners are matched by name, city and country (region when given), ignoring case,
accents, articles and "Ville de"; never across countries. A partner not found may be
created (an option), placed on the map from the offline gazetteer.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy, ngettext

from cityties.accounts.permissions import is_member_officer, is_network_staff
from cityties.core.text import format_number
from cityties.imports.registry import ImportKind, register

from .fields import ORGANISATION_FIELDS, PARTNERSHIP_FIELDS, PERSON_FIELDS
from .locate import locate_missing_coordinates
from .rows import make_validator
from .writing import write_organisations, write_partnerships, write_people

__all__ = ["locate_missing_coordinates"]

# --- Registration ---------------------------------------------------------------------------


def may_import(user: Any) -> bool:
    """Network staff import anything; member officers import for their own organisations."""
    return bool(is_network_staff(user) or is_member_officer(user))


def count_label(key: str, n: int) -> str:
    formatted = format_number(n)
    if key == "organisations":
        return ngettext("%(n)s organisation", "%(n)s organisations", n) % {"n": formatted}
    if key == "people":
        return ngettext("%(n)s person", "%(n)s people", n) % {"n": formatted}
    if key == "partnerships":
        return ngettext("%(n)s partnership", "%(n)s partnerships", n) % {"n": formatted}
    return f"{formatted} {key}"


CREATE_MISSING = ("create_missing", gettext_lazy("Create the organisations not found"))

for _name, _label_text, _fields, _handler, _writer, _switches in (
    (
        "organisations",
        gettext_lazy("Organisations"),
        ORGANISATION_FIELDS,
        "organisation",
        write_organisations,
        (),
    ),
    ("people", gettext_lazy("People"), PERSON_FIELDS, "person", write_people, ()),
    (
        "partnerships",
        gettext_lazy("Partnerships"),
        PARTNERSHIP_FIELDS,
        "partnership",
        write_partnerships,
        (CREATE_MISSING,),
    ),
):
    register(
        ImportKind(
            name=_name,
            label=_label_text,
            fields=_fields,
            validate=make_validator(_name, _fields, _handler),
            write=_writer,
            may_import=may_import,
            switches=_switches,
            count_label=count_label,
        )
    )
