"""The reader's records: the list, and entering, changing or removing one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import company_ids, is_network_staff, officer_org_ids
from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest
from cityties.core.listing import page_number
from cityties.delegations.models import Participant
from cityties.network.models import Organisation

from .. import services as svc
from ..access import access_participant_report, access_partnership_report, access_record
from ..forms import PartnershipRecordForm, RecordForm
from ..models import OutcomeRecord
from ..services import meetings


@login_required
@require_GET
def record_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The records the reader may change, and the participations it may add to."""
    reader = svc.Reader.of(request.user)
    records = (
        OutcomeRecord.objects.filter(reader.own())
        .select_related("organisation", "delegation__event", "partnership")
        .order_by("-occurred_on", "-pk")
    )
    page = Paginator(records, 50).get_page(page_number(request.GET.get("page")))
    return render(
        request,
        "outcomes/record_list.html",
        {"page": page, "participations": _participations(request.user)},
    )


def _participations(user: Any) -> list[Participant]:
    if is_network_staff(user):
        return []
    officer = officer_org_ids(user)
    return list(
        Participant.objects.filter(
            Q(organisation_id__in=officer | company_ids(user)) | Q(sponsor_id__in=officer)
        )
        .select_related("organisation", "delegation__event")
        .order_by("-delegation__event__starts_at", "organisation__name_key")
    )


def _save(request: AuthenticatedHttpRequest, form: RecordForm, create: Any) -> OutcomeRecord | None:
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return create(form.fields_for_service())
    except svc.OutcomeError as exc:
        add_form_error(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = access_participant_report(request.user, pk, add=True)
    form = RecordForm(
        request.POST or None,
        meetings=meetings.meetings_of(participant),
        initial={"occurred_on": timezone.localdate(), "currency": "EUR"},
    )
    record = _save(
        request,
        form,
        lambda fields: svc.check_create_record(
            actor=request.user, participant=participant, fields=fields
        ),
    )
    if record is not None:
        messages.success(request, _("Outcome recorded."))
        return redirect("outcomes:participant", participant.pk)
    return render(
        request,
        "outcomes/record_form.html",
        {"form": form, "participant": participant, "back": participant},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_record_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_report(request.user, pk, add=True)
    members = Organisation.objects.filter(partnership_memberships__partnership=partnership)
    if not is_network_staff(request.user):
        members = members.filter(pk__in=officer_org_ids(request.user))
    form = PartnershipRecordForm(
        request.POST or None,
        organisations=members.order_by("name_key"),
        initial={"occurred_on": timezone.localdate(), "currency": "EUR"},
    )

    def create(fields: dict[str, Any]) -> OutcomeRecord:
        organisation = fields.pop("organisation")
        return svc.check_create_record(
            actor=request.user,
            partnership=partnership,
            organisation=organisation,
            fields=fields,  # type: ignore[arg-type]
        )

    record = _save(request, form, create)
    if record is not None:
        messages.success(request, _("Outcome recorded."))
        return redirect("outcomes:partnership", partnership.pk)
    return render(
        request,
        "outcomes/record_form.html",
        {"form": form, "partnership": partnership},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = access_record(request.user, pk)
    initial = dict(svc.record_fields(record))
    options = meetings.meetings_of(record.participant) if record.participant else []
    form = RecordForm(request.POST or None, meetings=options, initial=initial)
    saved = _save(
        request,
        form,
        lambda fields: svc.check_update_record(record, actor=request.user, fields=fields),
    )
    if saved is not None:
        messages.success(request, _("Outcome saved."))
        return redirect(_back(record))
    return render(
        request,
        "outcomes/record_form.html",
        {"form": form, "record": record, "participant": record.participant},
        status=400 if form.is_bound else 200,
    )


def _back(record: OutcomeRecord) -> str:
    from django.urls import reverse

    if record.participant_id:
        return reverse("outcomes:participant", args=[record.participant_id])
    if record.partnership_id:
        return reverse("outcomes:partnership", args=[record.partnership_id])
    return reverse("outcomes:record_list")


@login_required
@require_POST
def record_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = access_record(request.user, pk)
    back = _back(record)
    svc.do_delete_record(record, actor=request.user)
    messages.success(request, _("Outcome removed."))
    return redirect(back)
