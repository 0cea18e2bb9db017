"""What of the outcomes and costs a reader may see, as query conditions.

Staff see everything. A delegation's lead officers and the partner viewers of its funders
see that delegation whole. A member officer sees its own government's and sponsored
companies' records and costs (`city`); a company representative its company's. A
record's value kept private is shown only to the staff and to the record's own side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from cityties.accounts.permissions import (
    company_ids,
    is_network_staff,
    is_partner_viewer,
    member_org_ids,
    officer_org_ids,
)


@dataclass(frozen=True)
class Reader:
    staff: bool
    cities: frozenset[int]
    companies: frozenset[int]
    full: frozenset[int]  # delegations seen whole (ignored for the staff)

    @classmethod
    def of(cls, user: Any) -> Reader:
        cached = getattr(user, "_outcomes_reader", None)
        if cached is not None:
            return cached
        if not getattr(user, "is_authenticated", False):
            reader = cls(False, frozenset(), frozenset(), frozenset())
        elif is_network_staff(user):
            reader = cls(True, frozenset(), frozenset(), frozenset())
        else:
            reader = cls(False, officer_org_ids(user), company_ids(user), _full(user))
        if getattr(user, "is_authenticated", False):
            user._outcomes_reader = reader
        return reader

    def records(self) -> Q:
        """The records (OutcomeRecord) counted for this reader."""
        if self.staff:
            return Q()
        return _any(
            ("delegation_id__in", self.full),
            ("city_id__in", self.cities),
            ("organisation_id__in", self.companies),
        )

    def costs(self) -> Q:
        """The participants' costs (ParticipantCost) counted for this reader."""
        return self.records()

    def own(self) -> Q:
        """The records whose private value and notes the reader may see."""
        if self.staff:
            return Q()
        return _any(("city_id__in", self.cities), ("organisation_id__in", self.companies))

    def delegations(self) -> Q:
        """The delegations (Delegation) some of whose figures the reader sees."""
        if self.staff:
            return Q()
        return _any(
            ("pk__in", self.full),
            ("participants__organisation_id__in", self.cities | self.companies),
            ("participants__sponsor_id__in", self.cities),
        )

    def sees_private(self, record: Any) -> bool:
        return (
            self.staff or record.city_id in self.cities or record.organisation_id in self.companies
        )

    def sees_delegation(self, delegation_id: int) -> bool:
        return self.staff or delegation_id in self.full


def _full(user: Any) -> frozenset[int]:
    from cityties.delegations.models import Delegation, Supporter, SupporterRole

    officer = officer_org_ids(user)
    ids: set[int] = set()
    if officer:
        ids |= set(Delegation.objects.filter(lead_id__in=officer).values_list("pk", flat=True))
    if is_partner_viewer(user):
        ids |= set(
            Supporter.objects.filter(
                role=SupporterRole.FUNDER, organisation_id__in=member_org_ids(user)
            ).values_list("delegation_id", flat=True)
        )
    return frozenset(ids)


NOTHING = Q(pk__isnull=True)


def _any(*conditions: tuple[str, frozenset[int]]) -> Q:
    """The OR of the conditions whose set is not empty; nothing when all are."""
    found = Q()
    for lookup, values in conditions:
        if values:
            found |= Q(**{lookup: sorted(values)})
    return found if found else NOTHING
