"""The debrief survey: the lead's settings and response rates, and the answer page a
participant opens from its mail, without an account."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cityties.accounts.guestlinks import GuestLinkError
from cityties.accounts.views import guest_link_refused
from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_delegation_report
from ..forms import DealFormSet, FollowupFormSet, SurveyForm, SurveySettingsForm
from ..models import SurveyInvitation
from ..services import meetings

FREE_CONTACTS = 3


@login_required
@require_http_methods(["GET", "POST"])
def survey_settings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = access_delegation_report(request.user, pk)
    manage = rules.test_rule("outcomes.manage_survey", request.user, delegation)
    current = svc.settings_of(delegation)
    form = SurveySettingsForm(
        request.POST or None,
        initial={
            "enabled": current.enabled,
            "delay_days": current.delay_days,
            "reminder_days": current.reminder_days,
        },
    )
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                svc.check_save_settings(delegation, actor=request.user, **form.cleaned_data)
            except svc.OutcomeError as exc:
                add_form_error(form, exc)
            else:
                messages.success(request, _("Survey settings saved."))
                return redirect("outcomes:survey", delegation.pk)
    return render(
        request,
        "outcomes/survey_settings.html",
        {
            "delegation": delegation,
            "form": form if manage else None,
            "rates": svc.response_rates(delegation),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _followup_initial(invitation: SurveyInvitation) -> list[dict[str, Any]]:
    rows = [
        {"meeting": key, "label": label, "level": "none"}
        for key, label in meetings.meetings_of(invitation.participant)
    ]
    return rows + [{"meeting": "", "label": "", "level": "none"}] * FREE_CONTACTS


@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey, in the language it was mailed in; answered once."""
    try:
        invitation = svc.read_survey_token(token)
    except GuestLinkError as exc:
        return guest_link_refused(request, exc)
    with translation.override(request.GET.get("lang") or invitation.language):
        return _answer(request, invitation)


def _answer(request: HttpRequest, invitation: SurveyInvitation) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = SurveyForm(data)
    followups = FollowupFormSet(data, initial=_followup_initial(invitation), prefix="contact")
    deals = DealFormSet(data, prefix="deal")
    done = invitation.is_answered
    if data is not None and not done:
        valid = form.is_valid() & followups.is_valid() & deals.is_valid()
        if valid:
            try:
                svc.check_answer(
                    invitation,
                    usefulness=form.cleaned_data["usefulness"],
                    comments=form.cleaned_data["comments"],
                    followups=[
                        svc.Followup(row["label"], row["level"], _own_meeting(invitation, row))
                        for row in followups.cleaned_data
                        if row
                    ],
                    deals=[_deal(row) for row in deals.cleaned_data if row.get("kind")],
                )
            except svc.OutcomeError as exc:
                form.add_error(None, str(exc))
            else:
                done = True
    return render(
        request,
        "outcomes/survey_answer.html",
        {
            "invitation": invitation,
            "delegation": invitation.delegation,
            "form": form,
            "followups": followups,
            "deals": deals,
            "done": done,
        },
        status=400 if data is not None and not done else 200,
    )


def _own_meeting(invitation: SurveyInvitation, row: dict[str, Any]) -> str:
    """A meeting key the form sent back, only if it is one of this participant's."""
    key = row.get("meeting") or ""
    known = {found for found, _label in meetings.meetings_of(invitation.participant)}
    return key if key in known else ""


def _deal(row: dict[str, Any]) -> svc.RecordFields:
    return {
        "kind": row["kind"],
        "title": row.get("title") or row.get("counterpart") or "",
        "counterpart": row.get("counterpart") or "",
        "value": row.get("value"),
        "currency": row.get("currency") or "EUR",
        "value_eur": row.get("value_eur"),
        "status": row.get("status") or "",
        "occurred_on": row["occurred_on"],
        "confidential": bool(row.get("confidential")),
    }
