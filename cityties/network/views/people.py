"""Directory pages of people: list, detail, create, edit, archive, GDPR export and erasure."""

from __future__ import annotations

import json

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import require
from cityties.core.http import AuthenticatedHttpRequest
from cityties.core.listing import int_or_none, querystring_without_page

from .. import services
from ..access import access_person, editable_organisations, visible_people
from ..forms.people import EraseConfirmForm, PersonForm

PAGE_SIZE = 50


@login_required
@require_GET
def person_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    qs = visible_people(request.user)
    q = request.GET.get("q", "").strip()
    archived = request.GET.get("archived") == "1"
    qs = qs.filter(archived_at__isnull=not archived)
    qs = services.filter_people(qs, q=q).select_related("organisation")
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
def person_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
def person_create(request: AuthenticatedHttpRequest) -> HttpResponse:
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
                actor=request.user,
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
def person_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, edit=True)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        if organisation.pk != person.organisation_id:
            require(request.user, "network.edit_organisation", organisation)
        try:
            services.check_update_person(
                person,
                actor=request.user,
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
def person_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, edit=True)
    try:
        if person.archived_at is None:
            services.check_archive_person(person, actor=request.user)
            messages.success(request, _("Person archived."))
        else:
            services.check_unarchive_person(person, actor=request.user)
            messages.success(request, _("Person restored."))
    except services.DirectoryError as error:
        messages.error(request, str(error))
    return redirect("network:person_detail", pk)


@login_required
@require_GET
def person_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    require(request.user, "network.manage_personal_data", person)
    data = services.export_person_data(person, actor=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    require(request.user, "network.manage_personal_data", person)
    form = EraseConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.erase_person(person, request.user)
        except services.DirectoryError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The person's data has been erased."))
        return redirect("network:organisation_detail", person.organisation_id)
    return render(request, "network/person_erase.html", {"person": person, "form": form})
