"""A member's pledges: making one, its council decision (the document served only to
those entitled), its payments, cancelling it; and the member's water, sanitation and
waste budgets with the Oudin-Santini headroom they leave."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import require
from cityties.core.files import serve_private_file
from cityties.core.http import AuthenticatedHttpRequest
from cityties.network.models import Organisation

from .. import headroom as oudin
from .. import services as svc
from ..access import access_budgets, access_decision, access_fund, access_payment, access_pledge
from ..forms import BudgetForm, CancelForm, DecisionForm, PaymentForm, PledgeEditForm, PledgeForm
from ..models import OUDIN_BASES, OudinBudget, Pledge
from ..models.common import cents
from ._common import attempt, form_errors, saved, upload_too_large


@login_required
@require_http_methods(["GET", "POST"])
def pledge_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    fund = access_fund(request.user, pk)
    require(request.user, "solidarity.pledge")
    form = PledgeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pledge = saved(
            form,
            lambda: svc.check_create_pledge(
                fund,
                actor=request.user,
                member=data["member"],
                amount=data["amount"],
                legal_basis=data["legal_basis"],
                budget_year=data["budget_year"],
                pledged_on=data["pledged_on"],
                is_private=data["is_private"],
                notes=data["notes"],
            ),
        )
        if pledge is not None:
            messages.success(request, _("Pledge recorded."))
            return redirect("solidarity:pledge_detail", pledge.pk)
    members = form.fields["member"].queryset  # type: ignore[attr-defined]
    return render(
        request,
        "solidarity/pledge_form.html",
        {"form": form, "fund": fund, "members": list(members[:5])},
    )


@login_required
@require_GET
def pledge_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pledge = access_pledge(request.user, pk)
    edit = rules.test_rule("solidarity.edit_pledge", request.user, pledge)
    room = None
    if pledge.is_oudin and edit:
        room = svc.oudin_headroom(pledge.member, pledge.budget_year).line(
            OUDIN_BASES[pledge.legal_basis]
        )
    return render(
        request,
        "solidarity/pledge_detail.html",
        {
            "pledge": pledge,
            "fund": pledge.fund,
            "payments": pledge.payments.all(),
            "edit": edit and pledge.cancelled_at is None,
            "see_decision": rules.test_rule("solidarity.view_decision", request.user, pledge),
            "payment_form": PaymentForm(
                initial={"paid_on": timezone.localdate(), "amount": pledge.outstanding}
            ),
            "room": room,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pledge_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pledge = access_pledge(request.user, pk, edit=True)
    initial = {"amount": pledge.amount, "is_private": pledge.is_private, "notes": pledge.notes}
    form = PledgeEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = saved(
            form,
            lambda: svc.check_update_pledge(
                pledge,
                actor=request.user,
                amount=data["amount"],
                is_private=data["is_private"],
                notes=data["notes"],
            ),
        )
        if done is not None:
            messages.success(request, _("Pledge saved."))
            return redirect("solidarity:pledge_detail", pledge.pk)
    return render(
        request,
        "solidarity/form.html",
        {"form": form, "title": _("Change the pledge of %(member)s") % {"member": pledge.member}},
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pledge = access_pledge(request.user, pk, edit=True)
    if request.method == "POST" and upload_too_large(request):
        return redirect("solidarity:decision_edit", pledge.pk)
    initial = {
        "decided_on": pledge.decided_on or timezone.localdate(),
        "reference": pledge.decision_reference,
        "shared": pledge.decision_shared,
    }
    form = DecisionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = saved(
            form,
            lambda: svc.check_record_decision(
                pledge,
                actor=request.user,
                decided_on=data["decided_on"],
                reference=data["reference"],
                upload=data["file"] or None,
                shared=data["shared"],
            ),
        )
        if done is not None:
            messages.success(request, _("Council decision recorded."))
            return redirect("solidarity:pledge_detail", pledge.pk)
    return render(
        request,
        "solidarity/form.html",
        {"form": form, "title": _("Council decision"), "multipart": True},
    )


@login_required
@require_GET
def decision_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    # Served here, never from a public URL: another member's decision stays its own.
    pledge = access_decision(request.user, pk)
    name = (pledge.decision_file.name or "decision").rsplit("/", 1)[-1]
    return serve_private_file(
        request,
        pledge.decision_file,
        filename=name,
        content_type=pledge.decision_content_type or None,
    )


@login_required
@require_POST
def payment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pledge = access_pledge(request.user, pk, edit=True)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the payment: %(errors)s") % {"errors": form_errors(form)})
    else:
        data = form.cleaned_data
        attempt(
            request,
            lambda: svc.check_add_payment(
                pledge,
                actor=request.user,
                paid_on=data["paid_on"],
                amount=data["amount"],
                channel=data["channel"],
                reference=data["reference"],
            ),
            _("Payment recorded."),
        )
    return redirect("solidarity:pledge_detail", pledge.pk)


@login_required
@require_POST
def payment_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    payment = access_payment(request.user, pk)
    svc.do_remove_payment(payment, actor=request.user)
    messages.success(request, _("Payment removed."))
    return redirect("solidarity:pledge_detail", payment.pledge_id)


@login_required
@require_POST
def pledge_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pledge = access_pledge(request.user, pk, edit=True)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    attempt(
        request,
        lambda: svc.check_cancel_pledge(pledge, actor=request.user, reason=reason),
        _("Pledge cancelled."),
    )
    return redirect("solidarity:pledge_detail", pledge.pk)


@login_required
@require_http_methods(["GET", "POST"])
def budgets(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The member's water, sanitation and waste budgets, year by year, and what 1 % of
    each still allows once its Oudin-Santini pledges are counted."""
    member = access_budgets(request.user, pk)
    year = timezone.localdate().year
    chosen = request.GET.get("year", "")
    if chosen.isdigit() and 2000 <= int(chosen) <= 2100:
        year = int(chosen)
    existing = OudinBudget.objects.filter(member=member, year=year).first()
    initial = {"year": year}
    if existing:
        initial |= {n: getattr(existing, n) for n in ("water", "sanitation", "waste")}
    form = BudgetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = saved(
            form,
            lambda: svc.check_save_oudin_budget(
                member,
                actor=request.user,
                year=data["year"],
                water=data["water"],
                sanitation=data["sanitation"],
                waste=data["waste"],
            ),
        )
        if done is not None:
            messages.success(request, _("Budgets saved."))
            return redirect(f"{request.path}?year={data['year']}")
    return render(
        request,
        "solidarity/budgets.html",
        {"member": member, "form": form, "years": _years(member), "year": year},
    )


def _years(member: Organisation) -> list[tuple[int, oudin.Headroom]]:
    """Each year's headroom: the budgets rows and the pledges in two queries."""
    given: dict[int, dict[str, object]] = {}
    rows = (
        Pledge.objects.filter(
            member=member, legal_basis__in=list(OUDIN_BASES), cancelled_at__isnull=True
        )
        .values("budget_year", "legal_basis")
        .annotate(total=Sum("amount"))
    )
    for row in rows:
        given.setdefault(row["budget_year"], {})[OUDIN_BASES[row["legal_basis"]]] = cents(
            row["total"]
        )
    out = []
    for budget in OudinBudget.objects.filter(member=member).order_by("-year"):
        amounts = {"water": budget.water, "sanitation": budget.sanitation, "waste": budget.waste}
        out.append((budget.year, oudin.headroom(amounts, given.get(budget.year, {}))))  # type: ignore[arg-type]
    return out
