"""The lead's view of a reception: per exhibitor and member city, the quota, the guests
named, their answers, who came and with how many plus-ones; and the list of who came."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, Sum

from ..models import CheckIn, Quota, Reception, Rsvp


@dataclass
class QuotaLine:
    quota: Quota | None
    name: str
    kind: str
    size: int = 0
    named: int = 0
    yes: int = 0
    no: int = 0
    pending: int = 0
    arrived: int = 0
    plus_ones_announced: int = 0
    plus_ones_arrived: int = 0

    @property
    def free(self) -> int:
        return max(self.size - self.named, 0)


@dataclass
class Overview:
    reception: Reception
    lines: list[QuotaLine]
    total: QuotaLine = field(default_factory=lambda: QuotaLine(None, "", ""))


_COUNTED = (
    "size",
    "named",
    "yes",
    "no",
    "pending",
    "arrived",
    "plus_ones_announced",
    "plus_ones_arrived",
)


def overview(reception: Reception, quotas: Any = None) -> Overview:
    """One line per quota (of those given, or all), in two queries whatever their number."""
    qs = quotas if quotas is not None else reception.quotas.all()
    rows = (
        qs.select_related("participant__organisation")
        .annotate(
            n_yes=Count("invitations", filter=Q(invitations__rsvp=Rsvp.YES)),
            n_no=Count("invitations", filter=Q(invitations__rsvp=Rsvp.NO)),
            n_pending=Count("invitations", filter=Q(invitations__rsvp=Rsvp.PENDING)),
            n_plus=Sum("invitations__plus_ones", filter=Q(invitations__rsvp=Rsvp.YES)),
        )
        .order_by("-participant__kind", "participant__organisation__name_key")
    )
    arrivals: dict[int, dict[str, Any]] = {
        row["invitation__quota"]: dict(row)
        for row in CheckIn.objects.filter(reception=reception)
        .values("invitation__quota")
        .annotate(n=Count("pk"), plus=Sum("plus_ones"))
    }
    lines = []
    for quota in rows:
        came: dict[str, Any] = arrivals.get(quota.pk, {})
        lines.append(
            QuotaLine(
                quota=quota,
                name=quota.participant.organisation.name,
                kind=quota.participant.get_kind_display(),
                size=quota.size,
                named=quota.named,
                yes=quota.n_yes,
                no=quota.n_no,
                pending=quota.n_pending,
                arrived=came.get("n", 0),
                plus_ones_announced=quota.n_plus or 0,
                plus_ones_arrived=came.get("plus") or 0,
            )
        )
    result = Overview(reception=reception, lines=lines)
    for name in _COUNTED:
        setattr(result.total, name, sum(getattr(line, name) for line in lines))
    return result


def arrivals(reception: Reception) -> list[CheckIn]:
    return list(
        CheckIn.objects.filter(reception=reception)
        .select_related("invitation__quota__participant__organisation", "checked_by")
        .order_by("at", "pk")
    )


def arrival_rows(reception: Reception) -> tuple[list[str], list[list[Any]]]:
    """Who came, for the CSV/XLSX export: times in the event's zone."""
    from django.utils.translation import gettext as _

    zone = ZoneInfo(reception.session.delegation.event.time_zone)
    headers = [
        _("Name"),
        _("Organisation"),
        _("Function"),
        _("Invited by"),
        _("Plus-ones"),
        _("People"),
        _("Door"),
        _("Time"),
    ]
    rows: list[list[Any]] = []
    for check_in in arrivals(reception):
        invitation = check_in.invitation
        at: datetime = check_in.at.astimezone(zone).replace(tzinfo=None)
        rows.append(
            [
                invitation.name,
                invitation.organisation,
                invitation.function,
                invitation.quota.participant.organisation.name,
                check_in.plus_ones,
                check_in.people,
                check_in.door,
                at.replace(microsecond=0),
            ]
        )
    return headers, rows
