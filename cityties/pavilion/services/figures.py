"""The delegation's figures: its rows turned into the cost engine's input, the engine run,
and its answer mapped back to participants, items, rules and funders.

Figures are never stored: each reading computes them from the current rows and rates, so
changing a rate or a share changes every figure at once. Loading takes a fixed number of
queries whatever the number of rows, and reads plain values rather than model instances
(a village has hundreds of participants and shares). The engine's answer is a pure
function of its input, so it is remembered under a digest of that input: never stale.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from django.utils.functional import cached_property

from cityties.core.text import fold
from cityties.delegations.models import Delegation, ParticipantKind
from cityties.solvers import costs as engine

from ..models import ACCOUNTING_CURRENCY, CostItem, Cover, ExchangeRate, Share, SubsidyRule

Basis = Literal["planned", "actual"]
ZERO = Decimal("0.00")
REMEMBERED_RESULTS = 64
_KIND_LABELS = dict(ParticipantKind.choices)


@dataclass(frozen=True)
class Org:
    """What the pages show of an organisation."""

    pk: int
    name: str
    name_key: str


@dataclass(frozen=True)
class Facts:
    sme: bool
    prior_participations: int
    previous_edition: bool
    region: str
    aid_received: Decimal


@dataclass(frozen=True)
class Member:
    """A participant as the figures read it (the attributes the pages use of a
    delegations.Participant, without building hundreds of model instances)."""

    pk: int
    kind: str
    organisation: Org
    sponsor: Org | None
    facts: Facts

    @property
    def organisation_id(self) -> int:
        return self.organisation.pk

    @property
    def sponsor_id(self) -> int | None:
        return self.sponsor.pk if self.sponsor else None

    @property
    def city_id(self) -> int:
        return self.sponsor_id or self.organisation_id

    def get_kind_display(self) -> str:
        return str(_KIND_LABELS.get(self.kind, self.kind))


@dataclass(frozen=True)
class ShareRow:
    pk: int
    item_id: int
    participant_id: int
    area_m2: Decimal | None
    days: int | None
    percent: Decimal | None


@dataclass(frozen=True)
class CoverRow:
    pk: int
    item_id: int
    participant_id: int
    amount: Decimal


@dataclass
class Rows:
    """Everything the figures read, loaded once."""

    delegation: Delegation
    participants: list[Member]
    items: list[CostItem]
    shares: list[ShareRow]
    covers: list[CoverRow]
    rates: list[ExchangeRate]
    rules: list[SubsidyRule]

    @cached_property
    def members(self) -> dict[int, Member]:
        return {member.pk: member for member in self.participants}

    @cached_property
    def shares_by_item(self) -> dict[int, list[ShareRow]]:
        grouped: dict[int, list[ShareRow]] = defaultdict(list)
        for share in self.shares:
            grouped[share.item_id].append(share)
        return grouped

    @cached_property
    def covers_by_item(self) -> dict[int, list[CoverRow]]:
        grouped: dict[int, list[CoverRow]] = defaultdict(list)
        for cover in self.covers:
            grouped[cover.item_id].append(cover)
        return grouped


_PARTICIPANT_VALUES = (
    "pk",
    "kind",
    "organisation_id",
    "organisation__name",
    "organisation__name_key",
    "organisation__region",
    "organisation__company_profile__is_sme",
    "sponsor_id",
    "sponsor__name",
    "sponsor__name_key",
    "facts__pk",
    "facts__sme",
    "facts__prior_participations",
    "facts__previous_edition",
    "facts__region",
    "facts__aid_received",
)


def _member(row: tuple[Any, ...]) -> Member:
    (pk, kind, org_id, name, name_key, org_region, profile_sme, sponsor_id, sponsor_name,
     sponsor_key, facts_pk, sme, prior, previous, region, aid) = row  # fmt: skip
    if facts_pk is None:
        # No facts recorded yet: what the directory already says (see facts_of).
        facts = Facts(bool(kind == "company" and profile_sme), 0, False, org_region, ZERO)
    else:
        facts = Facts(sme, prior, previous, region, aid)
    return Member(
        pk=pk,
        kind=kind,
        organisation=Org(org_id, name, name_key),
        sponsor=Org(sponsor_id, sponsor_name, sponsor_key) if sponsor_id else None,
        facts=facts,
    )


def load(delegation: Delegation) -> Rows:
    from cityties.delegations.models import Participant

    participants = [
        _member(row)
        for row in Participant.objects.filter(delegation=delegation)
        .order_by("organisation__name_key", "pk")
        .values_list(*_PARTICIPANT_VALUES)
    ]
    items = list(CostItem.objects.filter(delegation=delegation))
    shares = [
        ShareRow(*row)
        for row in Share.objects.filter(item__delegation=delegation)
        .order_by("pk")
        .values_list("pk", "item_id", "participant_id", "area_m2", "days", "percent")
    ]
    covers = [
        CoverRow(*row)
        for row in Cover.objects.filter(item__delegation=delegation)
        .order_by("pk")
        .values_list("pk", "item_id", "participant_id", "amount")
    ]
    rates = list(ExchangeRate.objects.filter(delegation=delegation))
    rules = list(SubsidyRule.objects.filter(delegation=delegation).select_related("funder"))
    return Rows(delegation, participants, items, shares, covers, rates, rules)


def _pid(pk: int) -> str:
    return f"p{pk}"


def engine_input(rows: Rows, basis: Basis = "planned") -> engine.Input:
    """The engine's input, built directly as its dataclasses (checked by `allocate`)."""
    participants = tuple(
        engine.Participant(
            id=_pid(member.pk),
            kind=member.kind,
            region=_folded(member.facts.region) or None,
            sme=member.facts.sme,
            prior_participations=member.facts.prior_participations,
            previous_edition=member.facts.previous_edition,
            aid_received=member.facts.aid_received,
        )
        for member in rows.participants
    )
    items = []
    for item in rows.items:
        amount = item.planned_amount
        if basis == "actual" and item.actual_amount is not None:
            amount = item.actual_amount
        items.append(
            engine.Item(
                id=f"i{item.pk}",
                kind=item.kind,
                amount=amount,
                currency=item.currency,
                shares=tuple(
                    engine.Share(
                        participant=_pid(share.participant_id),
                        area_m2=share.area_m2,
                        days=Decimal(share.days) if share.days is not None else None,
                        weight=share.percent,
                    )
                    for share in rows.shares_by_item.get(item.pk, [])
                ),
                covered=tuple(
                    engine.Cover(by=_pid(cover.participant_id), amount=cover.amount)
                    for cover in rows.covers_by_item.get(item.pk, [])
                ),
                split=item.split,
                area_m2=item.area_m2,
                days=Decimal(item.days) if item.days is not None else None,
            )
        )
    return engine.Input(
        currency=ACCOUNTING_CURRENCY,
        rates={rate.currency: rate.rate for rate in rows.rates},
        participants=participants,
        items=tuple(items),
        subsidies=tuple(_rule_input(rule) for rule in rows.rules),
    )


def _rule_input(rule: SubsidyRule) -> engine.SubsidyRule:
    return engine.SubsidyRule(
        id=f"r{rule.pk}",
        rate=rule.rate / 100,
        kinds=tuple(rule.kinds),
        funder=f"o{rule.funder_id}",
        eligible=engine.Eligibility(
            kinds=(rule.participant_kind,) if rule.participant_kind else None,
            sme=rule.sme_only,
            max_prior_participations=rule.max_prior_participations,
            not_previous_edition=rule.not_previous_edition,
            regions=tuple(_folded(region) for region in rule.regions) if rule.regions else None,
            min_from_region=rule.min_from_region or None,
        ),
        max_area_m2=rule.max_area_m2,
        max_price_per_m2=rule.max_price_per_m2,
        cap_per_participant=rule.cap_per_participant,
        cap_total=rule.cap_total,
        window=engine.Window(rule.window_limit, rule.window_all_or_nothing)
        if rule.window_limit is not None
        else None,
    )


_RESULTS: OrderedDict[int, tuple[engine.Input, engine.Result]] = OrderedDict()
_RESULTS_LOCK = threading.Lock()


def allocate(inp: engine.Input) -> engine.Result:
    """The engine's answer, remembered (in this process, for the last few inputs) when
    this very input was computed before: a page read twice computes once. The inputs are
    frozen dataclasses: hashed, then compared whole, so a hit is always the same input."""
    key = hash((inp.currency, tuple(sorted(inp.rates.items())), inp.participants, inp.items,
                inp.subsidies))  # fmt: skip
    with _RESULTS_LOCK:
        found = _RESULTS.get(key)
        if found is not None and found[0] == inp:
            _RESULTS.move_to_end(key)
            return found[1]
    result = engine.allocate(inp)
    with _RESULTS_LOCK:
        _RESULTS[key] = (inp, result)
        while len(_RESULTS) > REMEMBERED_RESULTS:
            _RESULTS.popitem(last=False)
    return result


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return fold(text)


@dataclass
class SubsidyLine:
    rule: SubsidyRule
    amount: Decimal
    note: Any = None  # the engine's structured note: why the amount is what it is


@dataclass
class ItemLine:
    item: CostItem
    amount: Decimal  # in euros, converted once
    covered: list[tuple[Org, Decimal]]
    shares: dict[int, Decimal]  # participant pk -> euros

    @property
    def covered_total(self) -> Decimal:
        return sum((amount for _org, amount in self.covered), ZERO)


@dataclass
class ParticipantLine:
    participant: Member
    gross: Decimal
    net: Decimal
    subsidies: list[SubsidyLine]
    items: list[tuple[ItemLine, Decimal]] = field(default_factory=list)

    @property
    def subsidy_total(self) -> Decimal:
        return sum((line.amount for line in self.subsidies), ZERO)


@dataclass
class FunderLine:
    """One organisation's part of the funding plan: its subsidies, what it covers for
    everyone, and what it pays as a participant."""

    organisation: Any  # an Org, or the rule's funder Organisation: pk, name, name_key
    subsidies: Decimal = ZERO
    covers: Decimal = ZERO
    own: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.subsidies + self.covers + self.own


@dataclass
class Figures:
    basis: Basis
    items: list[ItemLine]
    participants: list[ParticipantLine]
    funders: list[FunderLine]
    rules: dict[int, Decimal]  # rule pk -> total
    total: Decimal
    error: str | None = None  # the engine refused the rows; the message names the row

    def participant(self, pk: int) -> ParticipantLine | None:
        return next((line for line in self.participants if line.participant.pk == pk), None)

    @property
    def balanced(self) -> bool:
        return sum((funder.total for funder in self.funders), ZERO) == self.total


def compute(rows: Rows, basis: Basis = "planned") -> Figures:
    try:
        result = allocate(engine_input(rows, basis))
    except engine.InvalidInput as exc:
        return Figures(basis, [], [], [], {}, ZERO, error=_describe(rows, exc))
    return _map(rows, basis, result)


def _describe(rows: Rows, exc: Any) -> str:
    """The engine names rows by their engine id; give the reader the row's own name."""
    names = {f"i{item.pk}": item.label for item in rows.items}
    names |= {f"r{rule.pk}": rule.label for rule in rows.rules}
    names |= {_pid(p.pk): p.organisation.name for p in rows.participants}
    ident = str(getattr(exc, "id", "") or "")
    return f"{names.get(ident, ident)}: {getattr(exc, 'message', exc)}"


def _map(rows: Rows, basis: Basis, result: Any) -> Figures:
    by_pid = {_pid(p.pk): p for p in rows.participants}
    items_by_id = {f"i{item.pk}": item for item in rows.items}
    rules_by_id = {f"r{rule.pk}": rule for rule in rows.rules}

    item_lines = []
    for entry in result.items:
        item = items_by_id[entry.id]
        item_lines.append(
            ItemLine(
                item=item,
                amount=entry.amount,
                covered=[(by_pid[by].organisation, amount) for by, amount in entry.covered.items()],
                shares={by_pid[pid].pk: amount for pid, amount in entry.shares.items()},
            )
        )
    lines_by_participant: dict[int, list[tuple[ItemLine, Decimal]]] = defaultdict(list)
    for line in item_lines:
        for pk, amount in line.shares.items():
            lines_by_participant[pk].append((line, amount))

    participant_lines = []
    funders: dict[int, FunderLine] = {}

    def funder(organisation: Any) -> FunderLine:
        return funders.setdefault(organisation.pk, FunderLine(organisation))

    for entry in result.participants:
        participant = by_pid[entry.id]
        subsidies = [
            SubsidyLine(rules_by_id[rid], amount, entry.notes.get(rid))
            for rid, amount in entry.subsidies.items()
        ]
        participant_lines.append(
            ParticipantLine(
                participant=participant,
                gross=entry.gross,
                net=entry.net,
                subsidies=subsidies,
                items=lines_by_participant.get(participant.pk, []),
            )
        )
        if entry.net:
            funder(participant.organisation).own += entry.net
    rule_totals: dict[int, Decimal] = {}
    for rid, rule in rules_by_id.items():
        amount = result.funders.get(rid, ZERO)
        rule_totals[rule.pk] = amount
        if amount:
            funder(rule.funder).subsidies += amount
    for line in item_lines:
        for organisation, amount in line.covered:
            funder(organisation).covers += amount
    order = {p.pk: index for index, p in enumerate(rows.participants)}
    participant_lines.sort(key=lambda line: order[line.participant.pk])
    funder_lines = sorted(funders.values(), key=lambda f: (-f.total, f.organisation.name_key))
    return Figures(basis, item_lines, participant_lines, funder_lines, rule_totals, result.total)
