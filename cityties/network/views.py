from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cityties.accounts.permissions import require

from .access import access_group, access_organisation
from .models import Organisation, OrganisationKind


@login_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.read_shared")
    qs = Organisation.objects.filter(archived_at=None)
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    country = request.GET.get("country", "").strip().upper()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(city__icontains=q) | Q(short_name__icontains=q))
    if kind in OrganisationKind.values:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country)
    page = Paginator(qs.order_by("name"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "network/organisation_list.html",
        {"page": page, "q": q, "kind": kind, "country": country, "kinds": OrganisationKind},
    )


@login_required
@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk)
    people = organisation.people.filter(erased_at=None, archived_at=None)
    return render(
        request,
        "network/organisation_detail.html",
        {
            "organisation": organisation,
            "people": people,
            "sectors": organisation.sectors.all(),
            "sponsored": organisation.sponsored.filter(archived_at=None),
        },
    )


@login_required
@require_GET
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = access_group(request.user, pk)
    return render(
        request,
        "network/group_detail.html",
        {"group": group, "members": group.members.order_by("name")},
    )
