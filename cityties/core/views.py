from __future__ import annotations

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts import services as account_services
from cityties.accounts.models import Invitation, Role, User
from cityties.accounts.permissions import require
from cityties.network.models import CountryGroup, Organisation, Person

from . import retention
from .forms import RetentionDecisionForm
from .models import OutboxMessage
from .navigation import AREAS_BY_SLUG


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


@login_required
@require_GET
def coming(request: HttpRequest, slug: str) -> HttpResponse:
    area = AREAS_BY_SLUG.get(slug)
    if area is None:
        raise Http404
    if area.staff_only:
        require(request.user, "accounts.manage_users")
    require(request.user, "core.view_dashboard")
    return render(request, "core/coming.html", {"area": area})


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
