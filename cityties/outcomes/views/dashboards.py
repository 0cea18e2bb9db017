"""The return-on-investment dashboards, each as a page, a PDF and a workbook."""

from __future__ import annotations

import rules
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from cityties.accounts.permissions import require
from cityties.core.http import AuthenticatedHttpRequest
from cityties.delegations.models import Delegation
from cityties.network.models import Organisation

from .. import dashboards
from ..access import (
    access_city_report,
    access_delegation_report,
    access_participant_report,
    access_partnership_report,
)
from ..forms import CityFilterForm, DelegationFilterForm, YearsFilterForm
from ..models import ParticipantCost
from ..services import Reader
from ._common import Format, respond


def _urls(name: str, *args: int) -> tuple[str, str]:
    """The report's PDF and workbook addresses."""
    return (
        reverse(f"outcomes:{name}_pdf", args=args),
        reverse(f"outcomes:{name}_xlsx", args=args),
    )


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest, fmt: Format = "html") -> HttpResponse:
    """Year by year and year over year, on what the reader may see."""
    require(request.user, "outcomes.view_reports")
    reader = Reader.of(request.user)
    cities = Organisation.objects.filter(
        pk__in=ParticipantCost.objects.filter(reader.costs()).values("city_id")
    ).order_by("name_key")
    form = YearsFilterForm(request.GET or None, cities=cities)
    data = form.cleaned_data if form.is_valid() else {}
    report = dashboards.years_report(
        reader, city=data.get("city"), first=data.get("first"), last=data.get("last")
    )
    return respond(request, report, fmt, name="outcomes-years", form=form, urls=_urls("index"))


@login_required
@require_GET
def delegation(request: AuthenticatedHttpRequest, pk: int, fmt: Format = "html") -> HttpResponse:
    found = access_delegation_report(request.user, pk)
    reader = Reader.of(request.user)
    others = Delegation.objects.exclude(pk=pk).select_related("event").order_by("-event__starts_at")
    if not reader.staff:
        others = others.filter(pk__in=reader.full)
    editions = [(d.pk, dashboards.edition_label(d)) for d in others]
    cities = Organisation.objects.filter(
        pk__in=ParticipantCost.objects.filter(delegation_id=pk).values("city_id")
    ).order_by("name_key")
    form = DelegationFilterForm(request.GET or None, cities=cities, editions=editions)
    data = form.cleaned_data if form.is_valid() else {}
    compare = next((d for d in others if str(d.pk) == data.get("compare")), None)
    report = dashboards.delegation_report(
        reader,
        found,
        compare=compare,
        city_id=data["city"].pk if data.get("city") else None,
        kind=data.get("kind") or "",
    )
    return respond(
        request,
        report,
        fmt,
        name=f"outcomes-delegation-{pk}",
        form=form,
        extra={"manage_survey": rules.test_rule("outcomes.manage_survey", request.user, found)},
        urls=_urls("delegation", pk),
    )


@login_required
@require_GET
def agency(request: AuthenticatedHttpRequest, pk: int, fmt: Format = "html") -> HttpResponse:
    """The figures for the export agency: the delegation whole, no private value."""
    found = access_delegation_report(request.user, pk)
    return respond(
        request,
        dashboards.agency_report(found),
        fmt,
        name=f"outcomes-agency-{pk}",
        urls=_urls("agency", pk),
    )


@login_required
@require_GET
def participant(request: AuthenticatedHttpRequest, pk: int, fmt: Format = "html") -> HttpResponse:
    found = access_participant_report(request.user, pk)
    report = dashboards.participant_report(Reader.of(request.user), found)
    return respond(
        request,
        report,
        fmt,
        name=f"outcomes-participant-{pk}",
        extra={"can_add": rules.test_rule("outcomes.add_record", request.user, found)},
        urls=_urls("participant", pk),
    )


@login_required
@require_GET
def city(request: AuthenticatedHttpRequest, pk: int, fmt: Format = "html") -> HttpResponse:
    found = access_city_report(request.user, pk)
    form = CityFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    report = dashboards.city_report(
        Reader.of(request.user), found, first=data.get("first"), last=data.get("last")
    )
    return respond(
        request, report, fmt, name=f"outcomes-city-{pk}", form=form, urls=_urls("city", pk)
    )


@login_required
@require_GET
def partnership(request: AuthenticatedHttpRequest, pk: int, fmt: Format = "html") -> HttpResponse:
    found = access_partnership_report(request.user, pk)
    report = dashboards.partnership_report(Reader.of(request.user), found)
    return respond(
        request,
        report,
        fmt,
        name=f"outcomes-partnership-{pk}",
        extra={"can_add": rules.test_rule("outcomes.add_partnership_record", request.user, found)},
        urls=_urls("partnership", pk),
    )
