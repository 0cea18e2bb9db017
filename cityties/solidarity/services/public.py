"""A fund's progress as its public page shows it: counts of contributors, amounts pledged
and paid, the named contributors, the projects and how far they are.

A private pledge is counted in every total but its member is not named: a member whose
pledges are all private is one of the "other contributors". Three queries whatever the
number of pledges and projects; the page is then cached under the fund's version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from ..models import Fund, Funding, Pledge, Project, ProjectStatus, Report
from ..models.common import cents

ZERO = Decimal("0")
CACHE_SECONDS = 600


@dataclass(frozen=True)
class Contributor:
    member_id: int
    name: str
    pledged: Decimal
    paid: Decimal


@dataclass(frozen=True)
class ProjectProgress:
    project: Project
    progress: int | None
    planned: Decimal
    spent: Decimal
    reports: int


@dataclass(frozen=True)
class Progress:
    contributors: int
    named: list[Contributor]
    pledged: Decimal
    paid: Decimal
    target: Decimal | None
    projects: list[ProjectProgress]

    @property
    def others(self) -> int:
        """Contributors whose every pledge is private: counted, never named."""
        return self.contributors - len(self.named)

    @property
    def named_pledged(self) -> Decimal:
        return sum((c.pledged for c in self.named), ZERO)

    @property
    def percent_of_target(self) -> int | None:
        if not self.target:
            return None
        return min(100, int(self.pledged * 100 / self.target))

    @property
    def percent_paid(self) -> int:
        return int(self.paid * 100 / self.pledged) if self.pledged else 0

    @property
    def completed_projects(self) -> int:
        return sum(1 for p in self.projects if p.project.status == ProjectStatus.COMPLETED)


def _sum_of(field: str) -> Subquery:
    rows = (
        Funding.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Subquery(rows, output_field=DecimalField(max_digits=14, decimal_places=2))


def progress(fund: Fund) -> Progress:
    live = Pledge.objects.filter(fund=fund, cancelled_at__isnull=True)
    totals = live.aggregate(
        contributors=Count("member", distinct=True),
        pledged=Sum("amount"),
        paid=Sum("paid_total"),
    )
    named = [
        Contributor(
            row["member_id"], row["member__name"], cents(row["pledged"]), cents(row["paid"])
        )
        for row in live.filter(is_private=False)
        .values("member_id", "member__name")
        .annotate(pledged=Sum("amount"), paid=Sum("paid_total"))
        .order_by("-pledged", "member__name")
    ]
    latest = Report.objects.filter(project=OuterRef("pk")).order_by("-reported_on", "-pk")
    projects = (
        Project.objects.filter(fund=fund)
        .select_related("partner")
        .annotate(
            latest_progress=Subquery(latest.values("progress")[:1]),
            planned_total=Coalesce(_sum_of("planned"), Value(ZERO)),
            spent_total=Coalesce(_sum_of("spent"), Value(ZERO)),
            report_count=Count("reports", filter=Q(reports__isnull=False)),
        )
        .order_by("pk")
    )
    return Progress(
        contributors=totals["contributors"] or 0,
        named=named,
        pledged=cents(totals["pledged"]),
        paid=cents(totals["paid"]),
        target=fund.target_amount,
        projects=[
            ProjectProgress(
                project=p,
                progress=p.latest_progress,
                planned=cents(p.planned_total),
                spent=cents(p.spent_total),
                reports=p.report_count,
            )
            for p in projects
        ],
    )


def cached_page(fund: Fund, build: Callable[[], bytes]) -> bytes:
    """The public page's body, rebuilt only when the fund's version or the language
    changes (a change to a pledge, payment, project or report moves the version on)."""
    # The creation time tells apart two funds that got the same id (a restored database).
    born = int(fund.created_at.timestamp() * 1_000_000)
    key = f"solidarity:public:{fund.pk}:{born}:{fund.public_version}:{get_language()}"
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, CACHE_SECONDS)
    return body
