"""The engine's note on a subsidy, in the reader's language: the rate and base, then each
ceiling or cap that bound the amount, with its figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cityties.core.templatetags.cityties import money, number

from .models import ItemKind, SubsidyRule

_CONDITIONS = {
    "sme": lambda f: _("it is not an SME"),
    "previous_edition": lambda f: _("it exhibited at the previous edition"),
}


def _percent(rate: Decimal) -> str:
    return f"{number((rate * 100).normalize())} %"


def _failure(failure: Any, rule: SubsidyRule) -> str:
    condition = failure.condition
    if condition in _CONDITIONS:
        return str(_CONDITIONS[condition](failure))
    if condition == "kind":
        return _("the rule is for %(kinds)s only") % {
            "kinds": rule.get_participant_kind_display().lower()
        }
    if condition == "prior_participations":
        return _("%(count)s prior participations, more than the %(limit)s allowed") % {
            "count": failure.count,
            "limit": failure.limit,
        }
    if condition == "region":
        return _("its region is not among %(regions)s") % {"regions": ", ".join(rule.regions)}
    if condition == "min_from_region":
        return ngettext(
            "only %(count)s participant meets the other conditions, fewer than %(limit)s",
            "only %(count)s participants meet the other conditions, fewer than %(limit)s",
            failure.count or 0,
        ) % {"count": failure.count or 0, "limit": failure.limit}
    return str(condition)


def _bound(bound: Any) -> str:
    code = bound.code
    if code == "area_ceiling":
        return _("the area counted is at most %(limit)s m²") % {"limit": number(bound.limit)}
    if code == "price_ceiling":
        return _("the price counted is at most %(limit)s per m²") % {"limit": money(bound.limit)}
    if code == "cap_per_participant":
        return _("cut to the cap of %(limit)s per participant") % {"limit": money(bound.limit)}
    if code == "window":
        return _(
            "cut to %(after)s: the ceiling of %(limit)s over the period leaves no more after "
            "%(used)s of aid already received"
        ) % {"after": money(bound.after), "limit": money(bound.limit), "used": money(bound.used)}
    if code == "window_all_or_nothing":
        return _(
            "nothing: %(before)s would pass the ceiling of %(limit)s over the period after "
            "%(used)s of aid already received"
        ) % {
            "before": money(bound.before),
            "limit": money(bound.limit),
            "used": money(bound.used),
        }
    if code == "gross":
        return _("cut to %(after)s, what is left of the cost after earlier subsidies") % {
            "after": money(bound.after)
        }
    if code == "cap_total":
        return _(
            "scaled down to %(after)s so that the rule's total of %(total)s comes to its cap "
            "of %(limit)s"
        ) % {"after": money(bound.after), "total": money(bound.total), "limit": money(bound.limit)}
    return str(code)


def describe(note: Any, rule: SubsidyRule) -> list[str]:
    """Sentences saying how the amount was reached."""
    if note is None:
        return []
    if note.failed:
        return [
            _("Not eligible: %(reasons)s.")
            % {"reasons": "; ".join(_failure(f, rule) for f in note.failed)}
        ]
    if note.cost == 0:
        kinds = ", ".join(
            str(label).lower() for kind, label in ItemKind.choices if kind in rule.kinds
        )
        return [_("No cost of the kinds this rule covers (%(kinds)s).") % {"kinds": kinds}]
    sentences = [
        _("%(rate)s of %(base)s = %(amount)s.")
        % {"rate": _percent(note.rate), "base": money(note.base), "amount": money(note.uncapped)}
    ]
    ceilings = [b for b in note.bounds if b.code in ("area_ceiling", "price_ceiling")]
    if ceilings:
        sentences.append(
            _("The base is %(cost)s limited: %(ceilings)s.")
            % {"cost": money(note.cost), "ceilings": "; ".join(_bound(b) for b in ceilings)}
        )
    sentences.extend(
        _bound(b)[:1].upper() + _bound(b)[1:] + "." for b in note.bounds if b not in ceilings
    )
    return sentences
