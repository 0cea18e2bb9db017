"""Directory pages of organisations: list, detail, create, edit, archive."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import is_network_staff, require
from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest
from cityties.core.listing import int_or_none, page_number, querystring_without_page
from cityties.core.text import countries_by_name, fold

from .. import services
from ..access import access_organisation
from ..forms.choosers import SUGGESTIONS, chooser_label
from ..forms.organisations import OrganisationForm
from ..models import GOVERNMENT_KINDS, CountryGroup, Organisation, OrganisationKind, Sector

PAGE_SIZE = 50
PARTNERSHIPS_INCLUDE = "network/_organisation_partnerships.html"


@login_required
@require_GET
def organisation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, "network.read_shared")
    staff = is_network_staff(request.user)
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    country = request.GET.get("country", "").strip().upper()
    group_id = int_or_none(request.GET.get("group"))
    sector_id = int_or_none(request.GET.get("sector"))
    members_only = request.GET.get("members") == "1"
    archived = staff and request.GET.get("archived") == "1"

    qs = services.filter_organisations(
        Organisation.objects.filter(archived_at__isnull=not archived),
        q=q,
        kind=kind,
        country=country,
        group_id=group_id,
        sector_id=sector_id,
        members_only=members_only,
    )
    qs = qs.select_related("sponsor").order_by("name_key", "pk")
    page = Paginator(qs, PAGE_SIZE).get_page(page_number(request.GET.get("page")))

    present = (
        Organisation.objects.filter(archived_at=None)
        .values_list("country", flat=True)
        .distinct()
        .order_by()
    )
    countries = countries_by_name(set(present))
    return render(
        request,
        "network/organisation_list.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "country": country,
            "group_id": group_id,
            "sector_id": sector_id,
            "members_only": members_only,
            "archived": archived,
            "kinds": OrganisationKind.choices,
            "countries": countries,
            "groups": CountryGroup.objects.order_by("name").only("pk", "name"),
            "sectors": list(Sector.objects.all()),
            "querystring": querystring_without_page(request),
            "is_staff": staff,
            "can_create": rules.test_rule("network.create_organisation", request.user),
        },
    )


@login_required
@require_GET
def organisation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    organisation = access_organisation(user, pk)
    people = list(organisation.people.filter(erased_at=None, archived_at=None))
    rows = []
    for person in people:
        person.organisation = organisation  # the rule reads it; avoid one query per row
        rows.append(
            {
                "person": person,
                "can_view": rules.test_rule("network.view_person", user, person),
            }
        )
    try:
        get_template(PARTNERSHIPS_INCLUDE)
        partnerships_include: str | None = PARTNERSHIPS_INCLUDE
    except TemplateDoesNotExist:
        partnerships_include = None
    can_edit = rules.test_rule("network.edit_organisation", user, organisation)
    return render(
        request,
        "network/organisation_detail.html",
        {
            "organisation": organisation,
            "people": rows,
            "sectors": organisation.sectors.all(),
            "sponsored": organisation.sponsored.filter(archived_at=None),
            "groups": organisation.groups.order_by("name"),
            "can_edit": can_edit,
            "can_add_person": can_edit and organisation.archived_at is None,
            "can_archive": rules.test_rule("network.archive_organisation", user, organisation),
            "partnerships_include": partnerships_include,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, "network.create_organisation")
    form = OrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.check_create_organisation(
                actor=request.user,
                sectors=form.cleaned_data["sectors"],
                **form.service_fields(),
            )
        except services.DirectoryError as error:
            add_form_error(form, error)
        else:
            messages.success(request, _("Organisation added."))
            return redirect("network:organisation_detail", organisation.pk)
    return render(request, "network/organisation_form.html", {"form": form, "organisation": None})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk, edit=True)
    form = OrganisationForm(request.POST or None, instance=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_update_organisation(
                organisation,
                actor=request.user,
                sectors=form.cleaned_data["sectors"],
                **form.service_fields(),
            )
        except services.DirectoryError as error:
            add_form_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("network:organisation_detail", pk)
    return render(
        request, "network/organisation_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_POST
def organisation_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk)
    require(request.user, "network.archive_organisation", organisation)
    try:
        services.check_archive_organisation(organisation, actor=request.user)
    except services.DirectoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Organisation archived."))
    return redirect("network:organisation_detail", pk)


@login_required
@require_POST
def organisation_unarchive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk)
    require(request.user, "network.archive_organisation", organisation)
    try:
        services.check_unarchive_organisation(organisation, actor=request.user)
    except services.DirectoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Organisation restored."))
    return redirect("network:organisation_detail", pk)


@login_required
@require_GET
def organisation_choices(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Suggestions for the organisation choosers: `<option>`s for a `<datalist>`.

    The text typed arrives under the chooser's own field name (`field`); the form checks
    the final choice against what the user may pick, so this only narrows by name.
    """
    require(request.user, "network.read_shared")
    field = request.GET.get("field", "q")
    typed = request.GET.get(field, request.GET.get("q", ""))[:200].strip()
    qs: QuerySet[Organisation] = Organisation.objects.none()
    if len(fold(typed)) >= 2:
        qs = services.filter_organisations(Organisation.objects.filter(archived_at=None), q=typed)
        if request.GET.get("governments") == "1":
            qs = qs.filter(kind__in=GOVERNMENT_KINDS)
        if request.GET.get("companies") == "0":
            qs = qs.exclude(kind=OrganisationKind.COMPANY)
        qs = qs.order_by("name_key", "pk")[:SUGGESTIONS]
    return render(
        request,
        "network/organisation_choices.html",
        {"options": [chooser_label(o) for o in qs]},
    )
