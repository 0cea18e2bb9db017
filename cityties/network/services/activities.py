"""Activities of a partnership and their indicators: validated creation, update, deletion."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any, Required, TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cityties.accounts.models import User
from cityties.core.audit import acting_as
from cityties.core.fields import MAX_COUNT
from cityties.core.text import format_number

from ..models import Activity, ActivityKind, Partnership
from .errors import PartnershipError
from .partnerships import ensure_not_archived

_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _validate_activity(
    *,
    kind: str,
    title: str,
    start_date: date,
    end_date: date | None,
    people_involved: int,
    students: int,
    companies: int,
    contracts: int,
    budget: Decimal,
    budget_currency: str,
) -> None:
    if kind not in ActivityKind.values:
        raise PartnershipError(_("Unknown kind of activity."), code="invalid_activity_kind")
    if not title.strip():
        raise PartnershipError(_("An activity needs a title."), code="title_required")
    if end_date is not None and end_date < start_date:
        raise PartnershipError(
            _("An activity cannot end before it starts."),
            code="end_before_start",
            field="end_date",
        )
    if min(people_involved, students, companies, contracts) < 0:
        raise PartnershipError(_("Indicators cannot be negative."), code="negative_indicator")
    if max(people_involved, students, companies, contracts) > MAX_COUNT:
        raise PartnershipError(
            _("Indicators cannot exceed %(max)s.") % {"max": format_number(MAX_COUNT)},
            code="indicator_too_large",
        )
    if budget < 0:
        raise PartnershipError(_("The budget cannot be negative."), code="negative_budget")
    if budget != budget.quantize(Decimal("0.01")) or budget >= Decimal("1e10"):
        raise PartnershipError(
            _("The budget must be an amount with at most two decimals."), code="invalid_budget"
        )
    if not _CURRENCY.match(budget_currency):
        raise PartnershipError(
            _("The currency must be a three-letter ISO code such as EUR."),
            code="invalid_currency",
        )


class ActivityValues(TypedDict, total=False):
    kind: Required[str]
    title: Required[str]
    start_date: Required[date]
    end_date: date | None
    place: str
    description: str
    people_involved: int
    students: int
    companies: int
    contracts: int
    budget: Decimal
    budget_currency: str


ACTIVITY_FIELDS = tuple(ActivityValues.__annotations__)
ACTIVITY_DEFAULTS: dict[str, Any] = {
    "end_date": None,
    "place": "",
    "description": "",
    "people_involved": 0,
    "students": 0,
    "companies": 0,
    "contracts": 0,
    "budget": Decimal("0"),
    "budget_currency": "EUR",
}


def validate_activity(values: dict[str, Any]) -> dict[str, Any]:
    """Normalise and validate an activity's fields, shared by creation, update and the
    activity form; returns the normalised values."""
    unknown = set(values) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"unknown activity fields: {sorted(unknown)}")
    values = ACTIVITY_DEFAULTS | values
    values.update(
        title=values["title"].strip(), budget_currency=values["budget_currency"].strip().upper()
    )
    _validate_activity(**{k: v for k, v in values.items() if k not in ("place", "description")})
    return values


def check_add_activity(
    partnership: Partnership, *, actor: User | None, **fields: Unpack[ActivityValues]
) -> Activity:
    ensure_not_archived(partnership)
    values = validate_activity(dict(fields))
    return do_add_activity(partnership, actor=actor, **values)


def do_add_activity(partnership: Partnership, *, actor: User | None, **values: Any) -> Activity:
    with transaction.atomic(), acting_as(actor):
        return Activity.objects.create(
            partnership=partnership,
            created_by=actor,
            **values,
        )


def activity_values(activity: Activity) -> dict[str, Any]:
    """The current editable values, for partial updates (the API's PATCH)."""
    return {name: getattr(activity, name) for name in ACTIVITY_FIELDS}


def check_update_activity(activity: Activity, *, actor: User | None, **fields: Any) -> Activity:
    """Change the given fields; the others keep their current values."""
    ensure_not_archived(activity.partnership)
    values = validate_activity(activity_values(activity) | fields)
    return do_update_activity(activity, actor=actor, **values)


def do_update_activity(activity: Activity, *, actor: User | None, **values: Any) -> Activity:
    with transaction.atomic(), acting_as(actor):
        for name, value in values.items():
            setattr(activity, name, value)
        activity.save()
    return activity


def check_delete_activity(activity: Activity, *, actor: User | None) -> None:
    ensure_not_archived(activity.partnership)
    do_delete_activity(activity, actor=actor)


def do_delete_activity(activity: Activity, *, actor: User | None) -> None:
    with transaction.atomic(), acting_as(actor):
        activity.delete()
