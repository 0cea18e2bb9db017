"""Pages of partnerships: list, detail, create, edit, archive.

Authenticate, access, validate, call one service, and turn a domain error into a message."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import officer_org_ids
from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest
from cityties.core.listing import int_or_none, page_number, querystring_without_page
from cityties.core.text import countries_by_name

from .. import services as svc
from ..access import access_partnership, visible_partnerships
from ..atlas import partner_countries
from ..forms.documents import DocumentForm
from ..forms.partnerships import PartnershipForm
from ..models import Organisation, PartnershipKind, PartnershipMember, PartnershipStatus, Theme

PAGE_SIZE = 25


@login_required
@require_GET
def partnership_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    visible = visible_partnerships(request.user)
    filters: dict[str, Any] = {
        "q": request.GET.get("q", "").strip(),
        "country": request.GET.get("country", "").strip().upper()[:2],
        "theme": request.GET.get("theme", ""),
        "kind": request.GET.get("kind", ""),
        "status": request.GET.get("status", ""),
        "member": int_or_none(request.GET.get("member")),
        "partner": request.GET.get("partner", "").strip(),
    }
    qs = svc.with_listing_relations(svc.filter_partnerships(visible, **filters))
    page = Paginator(qs, PAGE_SIZE).get_page(page_number(request.GET.get("page")))
    # Thousands of partners make a select unusable: the partner filter is a name search.
    member_filter = (
        Organisation.objects.filter(pk=filters["member"]).first() if filters["member"] else None
    )
    return render(
        request,
        "network/partnership_list.html",
        {
            "page": page,
            "filters": filters,
            "querystring": querystring_without_page(request),
            "kinds": PartnershipKind.choices,
            "statuses": PartnershipStatus.choices,
            "themes": Theme.objects.all(),
            "member_filter": member_filter,
            "countries": countries_by_name(partner_countries(request.user, visible)),
            "can_create": _can_create(request.user),
        },
    )


def _can_create(user: Any) -> bool:
    try:
        svc.require_create_partnership(user)
    except PermissionDenied:
        return False
    return True


@login_required
@require_GET
def partnership_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    partnership = access_partnership(request.user, pk)
    memberships = PartnershipMember.objects.filter(partnership=partnership).select_related(
        "organisation"
    )
    years = svc.yearly_indicators(partnership)
    can_edit = svc.can_edit_partnership(request.user, partnership)
    return render(
        request,
        "network/partnership_detail.html",
        {
            "partnership": partnership,
            "memberships": memberships.order_by("organisation__name_key"),
            "themes": partnership.themes.all(),
            "documents": partnership.documents.select_related("uploaded_by"),
            "activities": partnership.activities.all(),
            "years": years,
            "totals": svc.total_indicators(years),
            "history": svc.partnership_history(partnership),
            "can_edit": can_edit and partnership.archived_at is None,
            "document_form": DocumentForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    svc.require_create_partnership(request.user)
    own = sorted(officer_org_ids(request.user))
    form = PartnershipForm(request.POST or None, initial={"partners": own}, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            partnership = svc.check_create_partnership(actor=request.user, **form.service_values())
        except svc.PartnershipError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Partnership created."))
            return redirect("network:partnership_detail", partnership.pk)
    return render(request, "network/partnership_form.html", {"form": form, "partnership": None})


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    partnership = access_partnership(request.user, pk, edit=True)
    values = svc.partnership_values(partnership)
    initial = values | {"partners": values["members"]}
    form = PartnershipForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_partnership(partnership, actor=request.user, **form.service_values())
        except svc.PartnershipError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Partnership saved."))
            return redirect("network:partnership_detail", partnership.pk)
    return render(
        request, "network/partnership_form.html", {"form": form, "partnership": partnership}
    )


@login_required
@require_POST
def partnership_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    partnership = access_partnership(request.user, pk, edit=True)
    try:
        svc.check_archive_partnership(partnership, actor=request.user)
    except svc.PartnershipError as exc:
        messages.error(request, str(exc))
        return redirect("network:partnership_detail", partnership.pk)
    messages.success(request, _("Partnership archived."))
    return redirect("network:partnership_list")
