"""Projects funded, their budget by funder, and their reports for those who funded them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import rules
from django.http import HttpRequest
from ninja import Field, Schema

from ..access import access_fund, access_project
from .common import REFUSALS, router


class FundingOut(Schema):
    funder_id: int
    planned: Decimal
    spent: Decimal


class ReportOut(Schema):
    id: int
    kind: str
    reported_on: date
    progress: int
    summary_fr: str
    summary_en: str


class ProjectOut(Schema):
    id: int
    fund_id: int
    partner_id: int
    title: str
    status: str
    starts_on: date | None
    ends_on: date | None
    fundings: list[FundingOut]
    reports: list[ReportOut] | None = Field(
        ..., description="Only for those who funded the project; null for others"
    )


def _project(project: Any, user: Any) -> dict[str, Any]:
    reports = rules.test_rule("solidarity.view_reports", user, project)
    fields = ("id", "fund_id", "partner_id", "title", "status", "starts_on", "ends_on")
    return {
        **{name: getattr(project, name) for name in fields},
        "fundings": list(project.fundings.all()),
        "reports": list(project.reports.all()) if reports else None,
    }


@router.get("/funds/{fund_id}/projects", response={200: list[ProjectOut], **REFUSALS})
def list_projects(request: HttpRequest, fund_id: int) -> Any:
    fund = access_fund(request.user, fund_id)
    projects = fund.projects.prefetch_related("fundings", "reports")
    return [_project(p, request.user) for p in projects]


@router.get("/projects/{project_id}", response={200: ProjectOut, **REFUSALS})
def get_project(request: HttpRequest, project_id: int) -> Any:
    return _project(access_project(request.user, project_id), request.user)
