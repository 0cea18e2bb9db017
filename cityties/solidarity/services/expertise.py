"""Expertise offered by members and needed by partners, ranked by the relevance engine,
and the matches staff propose: accepted or declined by the offering member, carried out,
then reported."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.core.text import current_locale
from cityties.network.models import Organisation
from cityties.solvers.relevance import Reason
from cityties.solvers.relevance.lexicon import all_concepts

from .. import ranking
from ..models import (
    MAX_STAFF_DAYS,
    Domain,
    Match,
    MatchStatus,
    Need,
    NeedStatus,
    Offer,
    OfferStatus,
)
from .errors import SolidarityError

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class ExpertiseFields(TypedDict, total=False):
    domain: str
    title: str
    description: str
    staff_days: int
    languages: str
    starts_on: date | None
    ends_on: date | None


def _check(fields: ExpertiseFields) -> ExpertiseFields:
    if fields.get("domain") not in Domain.values:
        raise SolidarityError(_("Choose a domain."), code="unknown_domain", field="domain")
    if not fields.get("title", "").strip():
        raise SolidarityError(_("Give a title."), code="title_missing", field="title")
    days = fields.get("staff_days")
    if not isinstance(days, int) or not 1 <= days <= MAX_STAFF_DAYS:
        raise SolidarityError(
            _("Give from 1 to 10,000 staff-days."), code="bad_staff_days", field="staff_days"
        )
    codes = [c.strip().lower() for c in fields.get("languages", "").split(",") if c.strip()]
    if not codes or not all(_LANGUAGE.match(c) for c in codes):
        raise SolidarityError(
            _("Choose at least one language."), code="languages_missing", field="languages"
        )
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise SolidarityError(
            _("The end comes before the start."), code="ends_before_start", field="ends_on"
        )
    return {
        **fields,
        "title": fields["title"].strip()[:200],
        "languages": ",".join(dict.fromkeys(codes))[:60],
    }


def check_create_offer(
    *, actor: Any, member: Organisation, fields: ExpertiseFields, crisis: Any = None
) -> Offer:
    if not (member.is_government and member.is_member):
        raise SolidarityError(
            _("Only a member government offers expertise."), code="not_a_member", field="member"
        )
    cleaned = _check(fields)
    with transaction.atomic(), acting_as(actor):
        return Offer.objects.create(member=member, crisis=crisis, created_by=actor, **cleaned)


def _merged(row: Offer | Need, fields: ExpertiseFields) -> ExpertiseFields:
    current = {name: getattr(row, name) for name in ExpertiseFields.__annotations__}
    return _check({**current, **fields})  # type: ignore[typeddict-item]


def check_update_offer(offer: Offer, *, actor: Any, fields: ExpertiseFields) -> Offer:
    cleaned = _merged(offer, fields)
    with transaction.atomic(), acting_as(actor):
        for name, value in cleaned.items():
            setattr(offer, name, value)
        offer.save()
    return offer


def do_withdraw_offer(offer: Offer, *, actor: Any) -> Offer:
    with transaction.atomic(), acting_as(actor):
        offer.status = OfferStatus.WITHDRAWN
        offer.save(update_fields=["status", "updated_at"])
    return offer


def check_create_need(
    *, actor: Any, partner: Organisation, fields: ExpertiseFields, crisis: Any = None
) -> Need:
    if not partner.is_government:
        raise SolidarityError(
            _("Choose the partner government."), code="partner_not_government", field="partner"
        )
    cleaned = _check(fields)
    with transaction.atomic(), acting_as(actor):
        return Need.objects.create(partner=partner, crisis=crisis, created_by=actor, **cleaned)


def check_update_need(
    need: Need, *, actor: Any, fields: ExpertiseFields, status: str | None = None
) -> Need:
    cleaned = _merged(need, fields)
    if status is not None and status not in NeedStatus.values:
        raise SolidarityError(_("Choose a status."), code="unknown_status", field="status")
    with transaction.atomic(), acting_as(actor):
        for name, value in cleaned.items():
            setattr(need, name, value)
        if status is not None:
            need.status = status
        need.save()
    return need


# --------------------------------------------------------------------------- ranking


def _party(row: Offer | Need) -> ranking.Party:
    return ranking.Party(
        id=row.pk,
        domain=row.domain,
        texts=(row.title, row.description),
        languages=frozenset(row.language_codes),
        staff_days=row.staff_days,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
    )


def candidate_offers(need: Need) -> Iterable[Offer]:
    """Open offers for the need's crisis or for any crisis."""
    offers = Offer.objects.filter(status=OfferStatus.OPEN).select_related("member")
    if need.crisis_id:
        offers = offers.filter(Q(crisis__isnull=True) | Q(crisis_id=need.crisis_id))
    return offers.order_by("pk")


@dataclass(frozen=True)
class RankedOffer:
    offer: Offer
    ranked: ranking.Ranked

    @property
    def percent(self) -> int:
        return round(self.ranked.score * 100)


def rank_need(need: Need) -> list[RankedOffer]:
    offers = {offer.pk: offer for offer in candidate_offers(need)}
    ranked = ranking.rank_offers(_party(need), [_party(o) for o in offers.values()])
    return [RankedOffer(offers[r.offer], r) for r in ranked]


def _concept(cid: str) -> str:
    fr, en, _stems = all_concepts()[cid]
    return en if (translation.get_language() or "fr").startswith("en") else fr


def _engine_reason(reason: Reason) -> str | None:
    if reason.kind == "sector" and reason.sector:
        return gettext("same field: %(field)s") % {"field": _concept(reason.sector)}
    if reason.kind == "need" and reason.mine and reason.theirs:
        return gettext("the offer “%(offer)s” answers the need “%(need)s”") % {
            "offer": reason.theirs,
            "need": reason.mine,
        }
    if reason.kind == "pitch" and reason.terms:
        return gettext("descriptions alike: %(terms)s") % {
            "terms": ", ".join(_concept(t) for t in reason.terms)
        }
    return None


def explain(ranked: ranking.Ranked, need: Need, offer: Offer) -> list[str]:
    """The reasons of a ranking in the current language."""
    lines = [text for r in ranked.reasons if (text := _engine_reason(r))]
    names = current_locale().languages
    if ranked.languages:
        lines.append(
            gettext("languages in common: %(languages)s")
            % {"languages": ", ".join(names.get(c, c) for c in ranked.languages)}
        )
    else:
        lines.append(gettext("no language in common"))
    if ranked.coverage == 0:
        lines.append(gettext("not available when needed"))
    elif ranked.coverage < 1:
        lines.append(
            gettext("available for %(percent)s %% of the period needed")
            % {"percent": round(ranked.coverage * 100)}
        )
    else:
        lines.append(gettext("available over the period needed"))
    lines.append(
        gettext("%(offered)s staff-days offered for %(needed)s needed")
        % {"offered": offer.staff_days, "needed": need.staff_days}
        if ranked.days < 1
        else gettext("offers all the staff-days needed")
    )
    return lines


def explain_in(language: str, ranked: ranking.Ranked, need: Need, offer: Offer) -> str:
    with translation.override(language):
        return "; ".join(explain(ranked, need, offer))


# --------------------------------------------------------------------------- matches


def check_propose_match(need: Need, offer: Offer, *, actor: Any) -> Match:
    if need.status != NeedStatus.OPEN:
        raise SolidarityError(_("This need is no longer open."), code="need_not_open")
    if offer.status != OfferStatus.OPEN:
        raise SolidarityError(_("This offer was withdrawn."), code="offer_withdrawn")
    found = next((r for r in rank_need(need) if r.offer.pk == offer.pk), None)
    if found is None:
        raise SolidarityError(
            _("This offer is for another crisis."), code="offer_for_another_crisis"
        )
    try:
        with transaction.atomic(), acting_as(actor):
            return Match.objects.create(
                need=need,
                offer=offer,
                score=Decimal(str(found.ranked.score)).quantize(Decimal("0.0001")),
                reasons_fr=explain_in("fr", found.ranked, need, offer),
                reasons_en=explain_in("en", found.ranked, need, offer),
                proposed_by=actor,
            )
    except IntegrityError as exc:
        raise SolidarityError(
            _("This offer was already proposed for this need."), code="already_proposed"
        ) from exc


def _move(match: Match, expected: set[str], error: str) -> Match:
    locked = Match.objects.select_for_update().get(pk=match.pk)
    if locked.status not in expected:
        raise SolidarityError(error, code="match_wrong_state")
    return locked


def check_answer_match(match: Match, *, actor: Any, accept: bool) -> Match:
    with transaction.atomic(), acting_as(actor):
        locked = _move(match, {MatchStatus.PROPOSED}, gettext("This match was already answered."))
        locked.status = MatchStatus.ACCEPTED if accept else MatchStatus.DECLINED
        locked.answered_at = timezone.now()
        locked.save()
    return locked


def check_carry_out_match(
    match: Match, *, actor: Any, carried_out_on: date, days_given: int | None = None
) -> Match:
    if days_given is not None and not 1 <= days_given <= MAX_STAFF_DAYS:
        raise SolidarityError(
            _("Give from 1 to 10,000 staff-days."), code="bad_staff_days", field="days_given"
        )
    with transaction.atomic(), acting_as(actor):
        locked = _move(
            match, {MatchStatus.ACCEPTED}, gettext("Only an accepted match is carried out.")
        )
        locked.status = MatchStatus.CARRIED_OUT
        locked.carried_out_on = carried_out_on
        locked.days_given = days_given
        locked.save()
    return locked


def check_report_match(match: Match, *, actor: Any, report: str) -> Match:
    if not report.strip():
        raise SolidarityError(_("Write the report."), code="report_missing", field="report")
    with transaction.atomic(), acting_as(actor):
        locked = _move(
            match,
            {MatchStatus.CARRIED_OUT, MatchStatus.REPORTED},
            gettext("Report on the mission once it is carried out."),
        )
        locked.status = MatchStatus.REPORTED
        locked.report = report.strip()
        locked.reported_at = timezone.now()
        locked.save()
    return locked
