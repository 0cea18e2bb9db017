from __future__ import annotations

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from cityties.accounts import services as account_services
from cityties.accounts.models import Invitation, Role, User
from cityties.accounts.permissions import require
from cityties.network.access import visible_partnerships
from cityties.network.models import (
    CountryGroup,
    ImportJob,
    ImportStatus,
    Organisation,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Person,
)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return redirect("accounts:login")


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


RECENT_CHANGES = 8
# Changes that only record a session (a login, a language switch) are not news.
_SESSION_FIELDS = frozenset({"last_login", "language"})


def recent_changes(limit: int = RECENT_CHANGES) -> list[LogEntry]:
    """The latest changes to the network's data, logins and session details left out."""
    user_type = ContentType.objects.get_for_model(User)
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    shown: list[LogEntry] = []
    for entry in entries[: limit * 4]:
        if (
            entry.content_type_id == user_type.pk
            and entry.action == LogEntry.Action.UPDATE
            and set(entry.changes_dict) <= _SESSION_FIELDS
        ):
            continue
        shown.append(entry)
        if len(shown) == limit:
            break
    return shown


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
    context: dict[str, object] = {"membership": membership, "organisation": org}
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
