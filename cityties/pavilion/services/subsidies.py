"""Exchange rates, subsidy rules and the eligibility facts they read."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, TypedDict

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.delegations.models import Delegation, Participant
from cityties.network.models import Organisation

from ..models import (
    ACCOUNTING_CURRENCY,
    MAX_AMOUNT,
    ExchangeRate,
    ItemKind,
    ParticipantFacts,
    SubsidyRule,
)
from .errors import PavilionError
from .items import _CURRENCY

MAX_RATE = Decimal("100000")


def check_set_rate(
    delegation: Delegation,
    *,
    actor: Any,
    currency: str,
    rate: Decimal,
    source: str,
    on_date: datetime.date,
) -> ExchangeRate:
    """Record (or change) a rate; every figure of the delegation follows, since figures
    are computed from the rates on each reading."""
    currency = currency.strip().upper()
    if not _CURRENCY.match(currency) or currency == ACCOUNTING_CURRENCY:
        raise PavilionError(
            _("Give a currency other than the euro, as three capital letters."),
            code="bad_currency",
            field="currency",
        )
    if not (Decimal("0") < rate <= MAX_RATE):
        raise PavilionError(_("A rate must be above zero."), code="bad_rate", field="rate")
    if rate.as_tuple().exponent < -6:  # type: ignore[operator]
        raise PavilionError(_("A rate has at most six decimals."), code="bad_rate", field="rate")
    if not source.strip():
        raise PavilionError(_("Say where the rate comes from."), code="rate_source", field="source")
    with transaction.atomic(), acting_as(actor):
        obj, _created = ExchangeRate.objects.update_or_create(
            delegation=delegation,
            currency=currency,
            defaults={
                "rate": rate,
                "source": source.strip(),
                "on_date": on_date,
                "updated_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
    return obj


def check_remove_rate(rate: ExchangeRate, *, actor: Any) -> None:
    if rate.delegation.cost_items.filter(currency=rate.currency).exists():
        raise PavilionError(
            _("Costs are billed in %(currency)s: keep its rate.") % {"currency": rate.currency},
            code="rate_in_use",
        )
    with transaction.atomic(), acting_as(actor):
        rate.delete()


class RuleFields(TypedDict, total=False):
    position: int
    label: str
    funder: Organisation
    rate: Decimal
    kinds: list[str]
    participant_kind: str
    sme_only: bool
    max_prior_participations: int | None
    not_previous_edition: bool
    regions: list[str]
    min_from_region: int | None
    max_area_m2: Decimal | None
    max_price_per_m2: Decimal | None
    cap_per_participant: Decimal | None
    cap_total: Decimal | None
    window_limit: Decimal | None
    window_all_or_nothing: bool
    legal_reference: str
    legal_text: str


_MONEY_FIELDS = (
    "max_price_per_m2",
    "cap_per_participant",
    "cap_total",
    "window_limit",
)


def _check_rule(fields: RuleFields) -> RuleFields:
    rate = fields.get("rate")
    if rate is None or not (Decimal("0") <= rate <= Decimal("100")):
        raise PavilionError(
            _("The rate is a percentage between 0 and 100."), code="bad_rate", field="rate"
        )
    kinds = fields.get("kinds") or []
    if not kinds or any(kind not in ItemKind.values for kind in kinds):
        raise PavilionError(
            _("Choose the kinds of cost the rule covers."), code="rule_kinds", field="kinds"
        )
    for name in (*_MONEY_FIELDS, "max_area_m2"):
        value = fields.get(name)
        if value is not None and not (Decimal("0") <= value <= MAX_AMOUNT):  # type: ignore[operator]
            raise PavilionError(_("A ceiling cannot be negative."), code="bad_ceiling", field=name)
    regions = [region.strip() for region in fields.get("regions") or [] if region.strip()]
    return {**fields, "regions": regions, "kinds": sorted(set(kinds))}


def check_create_rule(delegation: Delegation, *, actor: Any, fields: RuleFields) -> SubsidyRule:
    fields = _check_rule(fields)
    with transaction.atomic(), acting_as(actor):
        if "position" not in fields:
            last = delegation.subsidy_rules.order_by("-position").first()
            fields["position"] = (last.position + 1) if last else 1
        return SubsidyRule.objects.create(delegation=delegation, **fields)


def check_update_rule(rule: SubsidyRule, *, actor: Any, fields: RuleFields) -> SubsidyRule:
    fields = _check_rule(fields)
    with transaction.atomic(), acting_as(actor):
        for name, value in fields.items():
            setattr(rule, name, value)
        rule.save()
    return rule


def do_delete_rule(rule: SubsidyRule, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        rule.delete()


class FactsFields(TypedDict, total=False):
    sme: bool
    prior_participations: int
    previous_edition: bool
    region: str
    aid_received: Decimal


def default_facts(participant: Participant) -> ParticipantFacts:
    """What the directory already says: the company profile's SME flag, the region."""
    organisation = participant.organisation
    profile = (
        getattr(organisation, "company_profile", None) if participant.kind == "company" else None
    )
    return ParticipantFacts(
        participant=participant,
        sme=bool(profile and profile.is_sme),
        region=organisation.region,
    )


def facts_of(participant: Participant) -> ParticipantFacts:
    try:
        return participant.facts
    except ParticipantFacts.DoesNotExist:
        return default_facts(participant)


def check_save_facts(
    participant: Participant, *, actor: Any, fields: FactsFields
) -> ParticipantFacts:
    aid = fields.get("aid_received", Decimal("0"))
    if aid is None or not (Decimal("0") <= aid <= MAX_AMOUNT):
        raise PavilionError(
            _("The aid received cannot be negative."), code="negative_amount", field="aid_received"
        )
    with transaction.atomic(), acting_as(actor):
        facts = facts_of(participant)
        for name, value in fields.items():
            setattr(facts, name, value)
        facts.save()
    return facts
