from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts import services as account_services
from cityties.accounts.models import Invitation, Role, User
from cityties.accounts.permissions import require
from cityties.imports.models import ImportJob, ImportStatus
from cityties.meetings.services import open_actions_for
from cityties.network.access import visible_partnerships
from cityties.network.models import (
    CountryGroup,
    Organisation,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Person,
)

from . import retention
from .audit import recent_changes
from .forms import RetentionDecisionForm
from .models import OutboxMessage


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return redirect("accounts:login")


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def _staff_context() -> dict[str, object]:
    month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    live = Partnership.objects.filter(archived_at=None)
    kinds = dict(PartnershipKind.choices)
    statuses = dict(PartnershipStatus.choices)
    by_kind = live.values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    by_status = live.values("status").annotate(n=Count("pk")).order_by("-n", "status")
    imports = ImportJob.objects.filter(created_at__gte=month_start)
    return {
        "figures": {
            "members": Organisation.objects.filter(is_member=True, archived_at=None).count(),
            "organisations": Organisation.objects.filter(archived_at=None).count(),
            "people": Person.objects.filter(erased_at=None, archived_at=None).count(),
            "partnerships": live.count(),
            "users": User.objects.filter(is_active=True).count(),
            "invitations": Invitation.objects.filter(accepted_at=None).count(),
            "imports_this_month": imports.count(),
            "imports_done_this_month": imports.filter(status=ImportStatus.DONE).count(),
        },
        "partnerships_by_kind": [(kinds.get(r["kind"], r["kind"]), r["n"]) for r in by_kind],
        "partnerships_by_status": [
            (statuses.get(r["status"], r["status"]), r["n"]) for r in by_status
        ],
        "recent_changes": recent_changes(),
        "retention_due": retention.people_to_review().count(),
        "outbox": _outbox_enabled(),
        "groups": CountryGroup.objects.annotate(n_members=Count("members")).order_by("name"),
    }


def _officer_context(user: User, org: Organisation) -> dict[str, object]:
    partnerships = (
        visible_partnerships(user)
        .filter(archived_at=None, memberships__organisation=org)
        .annotate(n_activities=Count("activities"))
        .order_by("title", "pk")
    )
    people = org.people.filter(erased_at=None, archived_at=None).order_by("name_key", "pk")
    open_imports = ImportJob.objects.filter(created_by=user).exclude(
        status__in=[ImportStatus.DONE, ImportStatus.FAILED]
    )
    return {
        "partnerships": partnerships[:10],
        "partnership_count": partnerships.count(),
        "open_items": {
            "dormant": partnerships.filter(status=PartnershipStatus.DORMANT),
            "without_activity": partnerships.filter(n_activities=0)[:5],
            "without_consent": people.filter(consent_given=False).count(),
            "imports": open_imports.order_by("-created_at")[:5],
        },
        "people": people,
        "sponsored": org.sponsored.filter(archived_at=None).order_by("name_key", "pk"),
        "groups": org.groups.order_by("name"),
    }


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    require(user, "core.view_dashboard")
    membership = user.primary_membership
    assert membership is not None
    org = membership.organisation
    context: dict[str, object] = {
        "membership": membership,
        "organisation": org,
        "my_actions": open_actions_for(user)[:10],
        "today": timezone.localdate(),
    }
    role = membership.role
    if role == Role.NETWORK_STAFF:
        context |= _staff_context()
        template = "core/dashboard_staff.html"
    elif role == Role.MEMBER_OFFICER:
        context |= _officer_context(user, org)
        template = "core/dashboard_officer.html"
    elif role == Role.COMPANY_REP:
        context["company"] = org
        context["colleagues"] = org.people.filter(erased_at=None, archived_at=None)
        template = "core/dashboard_company.html"
    else:
        live = Organisation.objects.filter(archived_at=None)
        context["figures"] = {
            "members": live.filter(is_member=True).count(),
            "countries": live.values("country").distinct().count(),
            "foreign": live.filter(~Q(country="FR")).count(),
        }
        context["groups"] = CountryGroup.objects.annotate(n_members=Count("members"))
        template = "core/dashboard_viewer.html"
    return render(request, template, context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            assert isinstance(request.user, User)
            account_services.do_set_language(user=request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


# --- Development outbox and retention review (network staff) ---------------------------


def _outbox_enabled() -> bool:
    return settings.MAILERS["default"]["BACKEND"] == "cityties.core.outbox.OutboxBackend"


@login_required
@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    require(request.user, "accounts.manage_users")
    if not _outbox_enabled():
        raise Http404
    page = Paginator(OutboxMessage.objects.all(), 50).get_page(request.GET.get("page"))
    return render(request, "core/outbox.html", {"page": page})


@login_required
@require_GET
def outbox_message(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "accounts.manage_users")
    if not _outbox_enabled():
        raise Http404
    message = get_object_or_404(OutboxMessage, pk=pk)
    return render(request, "core/outbox_message.html", {"message": message})


@login_required
@require_http_methods(["GET", "POST"])
def retention_review(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.manage_personal_data")
    assert isinstance(request.user, User)
    due = retention.people_to_review()
    form = RetentionDecisionForm(request.POST or None, people=due)
    if request.method == "POST" and form.is_valid():
        people = list(form.cleaned_data["people"])
        if form.cleaned_data["action"] == "erase":
            for person in people:
                retention.check_erase_person(person, actor=request.user)
            messages.success(
                request,
                ngettext(
                    "%(count)d person's data erased.",
                    "%(count)d people's data erased.",
                    len(people),
                )
                % {"count": len(people)},
            )
        else:
            for person in people:
                retention.do_keep_person(person, actor=request.user)
            messages.success(
                request,
                ngettext("%(count)d person kept.", "%(count)d people kept.", len(people))
                % {"count": len(people)},
            )
        return redirect("core:retention")
    page = Paginator(due, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "core/retention.html",
        {"page": page, "form": form, "years": settings.PERSON_RETENTION_DAYS // 365},
    )
