"""Pages of the atlas, signed-in and public, its map data and its exports."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cityties.accounts.permissions import is_network_staff
from cityties.core.http import AuthenticatedHttpRequest
from cityties.core.listing import page_number

from .. import exports
from ..access import visible_partnerships
from ..atlas import (
    AtlasFilterForm,
    apply_filters,
    cached_body,
    cached_map_json,
    load_atlas_data,
    parse_filters,
    public_partnerships,
    undrawable_count,
    visibility_scope,
)
from ..models import Partnership, PartnershipMember
from ..tasks import locate_organisations

PAGE_SIZE = 50


def _detail_url(pk: int) -> str | None:
    try:
        return reverse("network:partnership_detail", args=[pk])
    except NoReverseMatch:
        return None


def _atlas_page(request: HttpRequest, base: QuerySet[Partnership], *, public: bool) -> HttpResponse:
    form = AtlasFilterForm(request.GET or None)
    filters = form.filters()
    qs = apply_filters(base, filters).order_by("title", "pk")
    page = Paginator(
        qs.prefetch_related(
            Prefetch(
                "memberships",
                queryset=PartnershipMember.objects.select_related("organisation").order_by("pk"),
            ),
            "themes",
        ),
        PAGE_SIZE,
    ).get_page(page_number(request.GET.get("page")))
    for partnership in page:
        partnership.detail_url = None if public else _detail_url(partnership.pk)  # type: ignore[attr-defined]
    query = urlencode(filters)
    prefix = "network:atlas_public" if public else "network:atlas"
    suffix = f"?{query}" if query else ""
    return render(
        request,
        "network/atlas.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "public": public,
            "data_url": reverse(f"{prefix}_data") + suffix,
            "world_url": static("cityties/world.geojson"),
            "tile_url": getattr(settings, "ATLAS_TILE_URL", ""),
            "undrawn": undrawable_count(qs),
            "can_locate": not public and is_network_staff(request.user),
            "exports": [
                (label, reverse(f"{prefix}_export", args=[fmt]) + suffix)
                for fmt, label in (("csv", "CSV"), ("xlsx", "XLSX"), ("geojson", "GeoJSON"))
            ],
        },
    )


def _export(
    request: HttpRequest, base: QuerySet[Partnership], fmt: str, scope: str
) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    filters = parse_filters(request.GET)

    def build() -> bytes:
        data = load_atlas_data(apply_filters(base, filters))
        if fmt == "csv":
            return exports.to_csv(data)
        if fmt == "xlsx":
            return exports.to_xlsx(data)
        return json.dumps(exports.to_geojson(data), ensure_ascii=False).encode()

    # Writing 12,000 rows takes a quarter of a second; the file only changes with the data.
    body = cached_body(["export", fmt, scope, sorted(filters.items())], build)
    response = HttpResponse(body, content_type=exports.FORMATS[fmt])
    filename = f"partnerships-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _data(request: HttpRequest, base: QuerySet[Partnership], scope: str) -> HttpResponse:
    filters = parse_filters(request.GET)
    body = cached_map_json(apply_filters(base, filters), scope, filters)
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = "private, no-cache" if scope != "public" else "no-cache"
    return response


@login_required
@require_GET
def atlas(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _atlas_page(request, visible_partnerships(request.user), public=False)


@login_required
@require_GET
def atlas_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    visible = visible_partnerships(request.user)
    return _data(request, visible, visibility_scope(request.user, visible))


@login_required
@require_GET
def atlas_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    visible = visible_partnerships(request.user)
    return _export(request, visible, fmt, visibility_scope(request.user, visible))


@require_GET
def atlas_public(request: HttpRequest) -> HttpResponse:
    return _atlas_page(request, public_partnerships(), public=True)


@require_GET
def atlas_public_data(request: HttpRequest) -> HttpResponse:
    return _data(request, public_partnerships(), "public")


@require_GET
def atlas_public_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return _export(request, public_partnerships(), fmt, "public")


@login_required
@require_POST
def atlas_locate(request: HttpRequest) -> HttpResponse:
    """Staff: place the organisations without coordinates, from the gazetteer, in the
    background."""
    if not is_network_staff(request.user):
        raise PermissionDenied
    locate_organisations.enqueue(int(request.user.pk or 0))
    messages.success(
        request, _("The organisations without coordinates are being placed on the map.")
    )
    return redirect("network:atlas")
