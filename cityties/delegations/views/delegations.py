"""Pages of delegations: list, create, the delegation page, edit, pipeline moves,
supporting bodies and staff contacts."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import (
    company_ids,
    is_member_officer,
    is_network_staff,
    officer_org_ids,
    require,
)
from cityties.core.http import AuthenticatedHttpRequest
from cityties.events.access import visible_events
from cityties.network.models import GOVERNMENT_KINDS, Organisation, Person

from .. import services as svc
from ..access import access_delegation, visible_delegations
from ..forms import ContactsForm, DelegationEditForm, DelegationForm, MoveForm, SupporterForm
from ..models import (
    Call,
    Delegate,
    DelegationStatus,
    Participant,
    SessionKind,
    StatusMove,
    Supporter,
)
from ._common import rights


@login_required
@require_GET
def delegation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    delegations = (
        visible_delegations(request.user)
        .select_related("event", "lead")
        .order_by("-event__starts_at", "id")
    )
    open_calls: QuerySet[Call] = Call.objects.none()
    if is_member_officer(request.user) or is_network_staff(request.user):
        open_calls = Call.objects.filter(
            closed_at=None, deadline__gt=timezone.now()
        ).select_related("delegation__event", "delegation__lead")
    return render(
        request,
        "delegations/delegation_list.html",
        {
            "delegations": delegations,
            "open_calls": open_calls,
            "can_create": is_network_staff(request.user) or is_member_officer(request.user),
        },
    )


def _leads(user: Any) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(archived_at=None, kind__in=GOVERNMENT_KINDS, is_member=True)
    if is_network_staff(user):
        return qs.order_by("name")
    return qs.filter(pk__in=officer_org_ids(user)).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def delegation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, "delegations.create")
    leads = _leads(request.user)
    form = DelegationForm(
        request.POST or None,
        events=visible_events(request.user).order_by("-starts_at"),
        leads=leads,
        initial={"lead": leads.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            delegation = svc.check_create_delegation(actor=request.user, **form.cleaned_data)
        except svc.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Delegation created."))
            return redirect("delegations:detail", delegation.pk)
    return render(request, "delegations/delegation_form.html", {"form": form, "delegation": None})


@login_required
@require_GET
def delegation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation(request.user, pk)
    may = rights(request.user, delegation)
    participants = svc.participant_rows(delegation) if may.participants else []
    context: dict[str, Any] = {
        "delegation": delegation,
        "event": delegation.event,
        "may": may,
        "pipeline": DelegationStatus.choices,
        "moves": StatusMove.objects.filter(delegation=delegation).select_related("moved_by"),
        "supporters": Supporter.objects.filter(delegation=delegation).select_related(
            "organisation"
        ),
        "contacts": delegation.staff_contacts.select_related("organisation"),
        "milestones": svc.next_milestones(delegation) if may.milestones else [],
        "today": timezone.localdate(),
        "cities": svc.participants_by_city(participants),
        "counts": svc.delegation_counts(participants) if may.participants else None,
        "sessions": svc.programme(delegation) if may.programme else [],
        "call": getattr(delegation, "call", None),
        "call_counts": None,
        "my_delegates": _my_delegates(request.user, delegation),
        "my_costs": [] if may.pavilion else _my_costs(request.user, delegation),
        "reception_sessions": _reception_sessions(delegation) if may.reception else [],
        "my_quotas": [] if may.reception else _my_quotas(request.user, delegation),
        "move_form": MoveForm(),
    }
    if context["call"] is not None and (may.manage or may.participants):
        context["call_counts"] = svc.call_counts(context["call"])
    return render(request, "delegations/delegation_detail.html", context)


def _my_costs(user: Any, delegation: Any) -> list[Participant]:
    """The participants whose costs the reader may open: its government, its companies."""
    own = officer_org_ids(user) | company_ids(user)
    if not own:
        return []
    candidates = Participant.objects.filter(delegation=delegation).filter(
        Q(organisation_id__in=own) | Q(sponsor_id__in=officer_org_ids(user))
    )
    return [
        p
        for p in candidates.select_related("organisation", "delegation")
        if rules.test_rule("pavilion.view_participant", user, p)
    ]


def _reception_sessions(delegation: Any) -> list[Any]:
    return list(delegation.sessions.filter(kind=SessionKind.RECEPTION).select_related("reception"))


def _my_quotas(user: Any, delegation: Any) -> list[dict[str, Any]]:
    """The reception quotas the reader names guests on: its city's, its companies'."""
    own = officer_org_ids(user) | company_ids(user)
    if not own:
        return []
    rows = (
        Participant.objects.filter(delegation=delegation, reception_quotas__isnull=False)
        .filter(Q(organisation_id__in=own) | Q(sponsor_id__in=officer_org_ids(user)))
        .values(
            "organisation__name",
            pk=F("reception_quotas__pk"),
            size=F("reception_quotas__size"),
            named=F("reception_quotas__named"),
            title_fr=F("reception_quotas__reception__session__title_fr"),
            title_en=F("reception_quotas__reception__session__title_en"),
        )
        .order_by("reception_quotas__reception__session__starts_at", "organisation__name")
    )
    return [dict(row) for row in rows]


def _my_delegates(user: Any, delegation: Any) -> list[Delegate]:
    """The itineraries the reader may open from this page without the participant list."""
    own = officer_org_ids(user) | company_ids(user)
    return list(
        Delegate.objects.filter(participant__delegation=delegation)
        .filter(
            Q(person__user_id=user.pk)
            | Q(participant__organisation_id__in=own)
            | Q(participant__sponsor_id__in=officer_org_ids(user))
        )
        .select_related("person", "participant__organisation")
    )


@login_required
@require_http_methods(["GET", "POST"])
def delegation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation(request.user, pk, rule="delegations.manage")
    form = DelegationEditForm(
        request.POST or None,
        initial={"title": delegation.title, "description": delegation.description},
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_delegation(delegation, actor=request.user, **form.cleaned_data)
        except svc.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Delegation saved."))
            return redirect("delegations:detail", delegation.pk)
    return render(
        request, "delegations/delegation_form.html", {"form": form, "delegation": delegation}
    )


@login_required
@require_POST
def delegation_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation(request.user, pk, rule="delegations.manage")
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown status."))
    else:
        try:
            svc.check_move_delegation(delegation, actor=request.user, **form.cleaned_data)
        except svc.DelegationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("The delegation is now “%(status)s”.")
                % {"status": DelegationStatus(delegation.status).label},
            )
    return redirect("delegations:detail", delegation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def supporter_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # Its own page: the choice of every organisation is too long for the delegation page.
    delegation = access_delegation(request.user, pk, rule="delegations.manage")
    form = SupporterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_add_supporter(delegation, actor=request.user, **form.cleaned_data)
        except svc.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Supporting body added."))
            return redirect("delegations:detail", delegation.pk)
    return render(
        request,
        "delegations/simple_form.html",
        {"form": form, "delegation": delegation, "heading": _("Add a supporting body")},
    )


@login_required
@require_POST
def supporter_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    supporter = get_object_or_404(Supporter, pk=pk)
    access_delegation(request.user, supporter.delegation_id, rule="delegations.manage")
    svc.do_remove_supporter(supporter, actor=request.user)
    messages.success(request, _("Supporting body removed."))
    return redirect("delegations:detail", supporter.delegation_id)


@login_required
@require_http_methods(["GET", "POST"])
def delegation_contacts(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation(request.user, pk, rule="delegations.manage")
    orgs = [delegation.lead_id, *delegation.supporters.values_list("organisation_id", flat=True)]
    people = Person.objects.filter(organisation_id__in=orgs, erased_at=None).select_related(
        "organisation"
    )
    form = ContactsForm(
        request.POST or None,
        people=people,
        initial={"people": list(delegation.staff_contacts.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_set_staff_contacts(
                delegation, actor=request.user, people=list(form.cleaned_data["people"])
            )
        except svc.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Staff contacts saved."))
            return redirect("delegations:detail", delegation.pk)
    return render(
        request,
        "delegations/simple_form.html",
        {"form": form, "delegation": delegation, "heading": _("Staff contacts")},
    )
