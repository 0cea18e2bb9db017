"""A participant's costs: its share of each item, each subsidy with the rule and the cap
that bound it, what others cover, its net cost; and its eligibility facts."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_participant_costs
from ..forms import FactsForm
from ..notes import describe


@login_required
@require_GET
def participant_costs(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = access_participant_costs(request.user, pk)
    delegation = participant.delegation
    rows = svc.load(delegation)
    figures = svc.compute(rows)
    line = figures.participant(participant.pk)
    subsidies = [
        {"line": sub, "words": describe(sub.note, sub.rule)}
        for sub in (line.subsidies if line else [])
    ]
    items = []
    for item_line, share in line.items if line else []:
        items.append(
            {
                "line": item_line,
                "share": share,
                # Co-exhibitors are counted, never named or priced, to another company.
                "others": len(item_line.shares) - 1,
            }
        )
    return render(
        request,
        "pavilion/participant.html",
        {
            "delegation": delegation,
            "participant": participant,
            "figures": figures,
            "line": line,
            "items": items,
            "subsidies": subsidies,
            "facts": svc.facts_of(participant),
            "edit_facts": rules.test_rule("pavilion.edit_facts", request.user, participant),
            "manage": rules.test_rule("pavilion.manage", request.user, delegation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def facts_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = access_participant_costs(request.user, pk, edit=True)
    facts = svc.facts_of(participant)
    initial = {name: getattr(facts, name) for name in FactsForm.base_fields}
    form = FactsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_save_facts(participant, actor=request.user, fields=form.cleaned_data)  # type: ignore[arg-type]
        except svc.PavilionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Eligibility facts saved."))
            return redirect("pavilion:participant", participant.pk)
    return render(
        request,
        "pavilion/form.html",
        {
            "delegation": participant.delegation,
            "form": form,
            "title": _("Eligibility of %(name)s") % {"name": participant.organisation.name},
        },
    )
