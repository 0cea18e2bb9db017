"""Directory pages: organisations, people and country groups."""

from __future__ import annotations

import json
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import is_network_staff, require
from cityties.core.listing import int_or_none, querystring_without_page
from cityties.core.templatetags.cityties import country_name

from . import services
from .access import (
    access_group,
    access_organisation,
    access_person,
    visible_partnerships,
    visible_people,
)
from .forms import (
    EraseConfirmForm,
    GroupForm,
    OrganisationForm,
    PersonForm,
    editable_organisations,
)
from .models import (
    CountryGroup,
    Organisation,
    OrganisationKind,
    Partnership,
    PartnershipMember,
    Sector,
)

PAGE_SIZE = 50
PARTNERSHIPS_INCLUDE = "network/_organisation_partnerships.html"


# --- Organisations --------------------------------------------------------------------


@login_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
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
    qs = qs.select_related("sponsor").order_by("name", "pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))

    present = (
        Organisation.objects.filter(archived_at=None)
        .values_list("country", flat=True)
        .distinct()
        .order_by()
    )
    countries = sorted(
        ((code, country_name(code)) for code in set(present)),
        key=lambda pair: services.normalise_name(pair[1]),
    )
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
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
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
def organisation_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.create_organisation")
    form = OrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.check_create_organisation(
                actor=request.user,  # type: ignore[arg-type]
                sectors=form.cleaned_data["sectors"],
                **form.service_fields(),
            )
        except services.DirectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Organisation added."))
            return redirect("network:organisation_detail", organisation.pk)
    return render(request, "network/organisation_form.html", {"form": form, "organisation": None})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk, edit=True)
    form = OrganisationForm(request.POST or None, instance=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_update_organisation(
                organisation,
                actor=request.user,  # type: ignore[arg-type]
                sectors=form.cleaned_data["sectors"],
                **form.service_fields(),
            )
        except services.DirectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("network:organisation_detail", pk)
    return render(
        request, "network/organisation_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_POST
def organisation_archive(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk)
    require(request.user, "network.archive_organisation", organisation)
    try:
        services.check_archive_organisation(organisation, actor=request.user)  # type: ignore[arg-type]
    except services.DirectoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Organisation archived."))
    return redirect("network:organisation_detail", pk)


@login_required
@require_POST
def organisation_unarchive(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk)
    require(request.user, "network.archive_organisation", organisation)
    try:
        services.check_unarchive_organisation(organisation, actor=request.user)  # type: ignore[arg-type]
    except services.DirectoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Organisation restored."))
    return redirect("network:organisation_detail", pk)


# --- People ---------------------------------------------------------------------------


@login_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    qs = visible_people(request.user)
    q = request.GET.get("q", "").strip()
    archived = request.GET.get("archived") == "1"
    qs = qs.filter(archived_at__isnull=not archived)
    if q:
        qs = qs.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(email__icontains=q)
            | Q(function__icontains=q)
            | Q(organisation__name__icontains=q)
        )
    qs = qs.select_related("organisation").order_by("last_name", "first_name", "pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "network/person_list.html",
        {
            "page": page,
            "q": q,
            "archived": archived,
            "querystring": querystring_without_page(request),
            "can_create": editable_organisations(request.user).exists(),
        },
    )


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    return render(
        request,
        "network/person_detail.html",
        {
            "person": person,
            "can_edit": rules.test_rule("network.edit_person", request.user, person),
            "can_manage_data": rules.test_rule("network.manage_personal_data", request.user),
            "groups_presided": person.presided_groups.order_by("name"),
            "groups_led": person.led_groups.order_by("name"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.read_shared")
    initial = {}
    org_id = int_or_none(request.GET.get("organisation"))
    if org_id:
        initial["organisation"] = org_id
    form = PersonForm(request.POST or None, initial=initial, user=request.user)
    if not editable_organisations(request.user).exists():
        raise PermissionDenied  # no organisation to add anyone to
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        require(request.user, "network.edit_organisation", organisation)
        try:
            person = services.check_create_person(
                actor=request.user,  # type: ignore[arg-type]
                **form.cleaned_data,
            )
        except services.DirectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Person added."))
            return redirect("network:person_detail", person.pk)
    return render(request, "network/person_form.html", {"form": form, "person": None})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, edit=True)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        if organisation.pk != person.organisation_id:
            require(request.user, "network.edit_organisation", organisation)
        try:
            services.check_update_person(
                person,
                actor=request.user,  # type: ignore[arg-type]
                **form.cleaned_data,
            )
        except services.DirectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("network:person_detail", pk)
    return render(request, "network/person_form.html", {"form": form, "person": person})


@login_required
@require_POST
def person_archive(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, edit=True)
    try:
        if person.archived_at is None:
            services.check_archive_person(person, actor=request.user)  # type: ignore[arg-type]
            messages.success(request, _("Person archived."))
        else:
            services.check_unarchive_person(person, actor=request.user)  # type: ignore[arg-type]
            messages.success(request, _("Person restored."))
    except services.DirectoryError as error:
        messages.error(request, str(error))
    return redirect("network:person_detail", pk)


@login_required
@require_GET
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    require(request.user, "network.manage_personal_data", person)
    data = services.export_person_data(person, actor=request.user)  # type: ignore[arg-type]
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    require(request.user, "network.manage_personal_data", person)
    form = EraseConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.erase_person(person, request.user)  # type: ignore[arg-type]
        except services.DirectoryError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The person's data has been erased."))
        return redirect("network:organisation_detail", person.organisation_id)
    return render(request, "network/person_erase.html", {"person": person, "form": form})


# --- Country groups -------------------------------------------------------------------


@login_required
@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.read_shared")
    groups = CountryGroup.objects.select_related("president", "staff_lead", "federation")
    groups = groups.annotate(n_members=Count("members")).order_by("name")
    return render(request, "network/group_list.html", {"groups": groups})


def group_partnerships(user: Any, group: CountryGroup) -> QuerySet[Partnership]:
    """Partnerships between a member of the group and an organisation of its country."""
    in_group = PartnershipMember.objects.filter(organisation__groups=group).values("partnership_id")
    in_country = PartnershipMember.objects.filter(organisation__country=group.country).values(
        "partnership_id"
    )
    return (
        visible_partnerships(user)
        .filter(pk__in=in_group)
        .filter(pk__in=in_country)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=PartnershipMember.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            )
        )
        .order_by("title")
    )


@login_required
@require_GET
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = access_group(request.user, pk)
    return render(
        request,
        "network/group_detail.html",
        {
            "group": group,
            "members": group.members.filter(archived_at=None).order_by("name"),
            "partnerships": group_partnerships(request.user, group),
            "can_manage": rules.test_rule("network.manage_groups", request.user, group),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = access_group(request.user, pk)
    require(request.user, "network.manage_groups", group)
    initial = {
        "members": list(group.members.all()),
        "president": group.president,
        "staff_lead": group.staff_lead,
    }
    form = GroupForm(request.POST or None, initial=initial, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_update_group(
                group,
                actor=request.user,  # type: ignore[arg-type]
                members=form.cleaned_data["members"],
                president=form.cleaned_data["president"],
                staff_lead=form.cleaned_data["staff_lead"],
            )
        except services.DirectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("network:group_detail", pk)
    return render(request, "network/group_form.html", {"form": form, "group": group})
