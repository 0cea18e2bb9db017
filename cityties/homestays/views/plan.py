"""The coordinator's page: families, guests and the assignment; run the engine (a
background task with its progress), confirm, and the registration link."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_plan, access_run
from ..forms import LinkForm, MoveForm
from ..models import FamilyStatus
from ._common import attempt, board


@login_required
@require_GET
def plan_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk)
    data = board(plan)
    families = plan.families.filter(status=FamilyStatus.CONFIRMED).order_by("household")
    return render(
        request,
        "homestays/plan.html",
        {
            "plan": plan,
            "delegation": plan.delegation,
            "board": data,
            "run": data.run,
            "move_form": MoveForm(families=families),
            "families_for_moves": list(families),
        },
    )


@login_required
@require_POST
def run_start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk)
    attempt(
        request,
        lambda: svc.check_start_run(plan, actor=request.user),
        _("The assignment is running; this page shows its progress."),
    )
    return redirect("homestays:plan", pk)


@login_required
@require_GET
def run_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = access_run(request.user, pk)
    response = render(request, "homestays/_progress.html", {"run": run})
    if run.finished and request.headers.get("HX-Request"):
        # Reload the whole page, which then shows the new assignment.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def plan_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk)
    attempt(
        request,
        lambda: svc.check_confirm_plan(plan, actor=request.user),
        _("The assignment is confirmed: each family and each guest gets a mail."),
    )
    return redirect("homestays:plan", pk)


@login_required
@require_http_methods(["GET", "POST"])
def link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The registration link, to copy or to mail to a partner who passes it on."""
    plan = access_plan(request.user, pk)
    partners = svc.partners_of(plan.delegation)
    form = LinkForm(request.POST or None, partners=partners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sent = attempt(
            request,
            lambda: svc.check_send_link(
                plan,
                actor=request.user,
                email=data["email"],
                language=data["language"],
                via=data["via"],
                link_for=lambda token: request.build_absolute_uri(
                    reverse("homestays:register", args=[token]) + f"?lang={data['language']}"
                ),
            ),
            _("The registration link has been sent."),
        )
        if sent:
            return redirect("homestays:link", pk)
    links = [
        (
            partner,
            request.build_absolute_uri(
                reverse("homestays:register", args=[svc.registration_token(plan, partner)])
            ),
        )
        for partner in [None, *partners]
    ]
    return render(
        request,
        "homestays/link.html",
        {
            "plan": plan,
            "delegation": plan.delegation,
            "form": form,
            "links": links,
            "sent": plan.links_sent.select_related("via", "sent_by")[:20],
        },
    )
