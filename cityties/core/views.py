from __future__ import annotations

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from cityties.accounts import services as account_services
from cityties.accounts.models import Invitation, Role, User
from cityties.accounts.permissions import require
from cityties.network.models import CountryGroup, Organisation, Person


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return redirect("accounts:login")


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    require(user, "core.view_dashboard")
    membership = user.primary_membership
    assert membership is not None
    context: dict[str, object] = {"membership": membership, "organisation": membership.organisation}
    role = membership.role
    if role == Role.NETWORK_STAFF:
        context["figures"] = {
            "members": Organisation.objects.filter(is_member=True, archived_at=None).count(),
            "organisations": Organisation.objects.filter(archived_at=None).count(),
            "people": Person.objects.filter(erased_at=None, archived_at=None).count(),
            "users": User.objects.filter(is_active=True).count(),
            "invitations": Invitation.objects.filter(accepted_at=None).count(),
        }
        context["recent_changes"] = LogEntry.objects.select_related(
            "actor", "content_type"
        ).order_by("-timestamp")[:8]
        context["groups"] = CountryGroup.objects.annotate(n_members=Count("members"))
        template = "core/dashboard_staff.html"
    elif role == Role.MEMBER_OFFICER:
        org = membership.organisation
        context["people"] = org.people.filter(erased_at=None, archived_at=None)
        context["sponsored"] = org.sponsored.filter(archived_at=None)
        context["groups"] = org.groups.all()
        template = "core/dashboard_officer.html"
    elif role == Role.COMPANY_REP:
        org = membership.organisation
        context["company"] = org
        context["colleagues"] = org.people.filter(erased_at=None, archived_at=None)
        template = "core/dashboard_company.html"
    else:
        context["figures"] = {
            "members": Organisation.objects.filter(is_member=True, archived_at=None).count(),
            "countries": Organisation.objects.filter(archived_at=None)
            .values("country")
            .distinct()
            .count(),
            "foreign": Organisation.objects.filter(archived_at=None)
            .filter(~Q(country="FR"))
            .count(),
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
