"""A fund's public progress page: no login, French or English, the body cached under the
fund's version so that a visit costs a query or two whatever the fund's size."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from .. import services as svc
from ..access import public_fund


@require_GET
def fund_public(request: HttpRequest, pk: int) -> HttpResponse:
    fund = public_fund(pk)

    def build() -> bytes:
        context = {"fund": fund, "crisis": fund.crisis, "progress": svc.progress(fund)}
        return render_to_string("solidarity/_public_body.html", context).encode()

    body = svc.cached_page(fund, build)
    # The page around the body (language switch, its CSRF token) is each visitor's own.
    return render(
        request,
        "solidarity/fund_public.html",
        {"fund": fund, "body": mark_safe(body.decode())},  # noqa: S308 - our own template
    )
