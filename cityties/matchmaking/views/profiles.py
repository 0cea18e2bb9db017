"""A delegate's profile (with their availability) and their recommendations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_profile
from ..forms import AvailabilityForm, FilterForm, ProfileForm
from ..models import Profile, Slot
from ._common import rights


def profile_initial(profile: Profile) -> dict[str, object]:
    return {
        "kind": profile.kind,
        "sectors": list(profile.sectors.all()),
        "offers": profile.offers,
        "needs": profile.needs,
        "interests": profile.interests,
        "pitch": profile.pitch,
        "languages": profile.languages,
    }


def save_profile_forms(
    request: object, profile: Profile, form: ProfileForm, availability: AvailabilityForm
) -> bool:
    """Both forms valid: profile and availability saved together, or neither."""
    if not (form.is_valid() and availability.is_valid()):
        return False
    actor = getattr(request, "user", None)
    free = set(availability.cleaned_data["free"])
    try:
        with transaction.atomic():
            svc.check_save_profile(profile, actor=actor, **form.cleaned_data)
            svc.check_set_availability(
                profile,
                actor=actor,
                unavailable=[s for s in availability.fields["free"].queryset if s not in free],  # type: ignore[attr-defined]
            )
    except svc.MatchmakingError as exc:
        form.add_error(None, str(exc))
        return False
    return True


def availability_form(profile: Profile, data: object = None) -> AvailabilityForm:
    slots = Slot.objects.filter(event_id=profile.event_id).order_by("starts_at")
    taken = set(profile.unavailable.values_list("slot_id", flat=True))
    return AvailabilityForm(
        data,
        slots=slots,
        prefix="availability",
        initial={"free": [s for s in slots if s.pk not in taken]},
    )


def free_ids(availability: AvailabilityForm) -> set[str]:
    return {str(value) for value in availability["free"].value() or []}


@login_required
@require_GET
def profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = access_profile(request.user, pk)
    return render(
        request,
        "matchmaking/profile.html",
        {
            "event": profile.event,
            "may": rights(request.user, profile.event),
            "profile": profile,
            "sectors": profile.sectors.all(),
            "counts": svc.request_counts(profile),
            "setup": svc.setup_of(profile.event),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = access_profile(request.user, pk)
    data = request.POST or None
    form = ProfileForm(data, initial=profile_initial(profile))
    availability = availability_form(profile, data)
    if request.method == "POST" and save_profile_forms(request, profile, form, availability):
        messages.success(request, _("Profile saved; the recommendations follow shortly."))
        return redirect("matchmaking:profile", profile.pk)
    return render(
        request,
        "matchmaking/profile_form.html",
        {
            "event": profile.event,
            "may": rights(request.user, profile.event),
            "profile": profile,
            "form": form,
            "availability": availability,
            "free_ids": free_ids(availability),
            "days": svc.slots_by_day(profile.event),
            "zone": profile.event.time_zone,
        },
    )


@login_required
@require_GET
def recommendations(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = access_profile(request.user, pk)
    event = profile.event
    form = FilterForm(request.GET or None, states=svc.state_choices(event))
    data = form.cleaned_data if form.is_valid() else {}
    who = data.get("who", "")
    filters = svc.Filters(
        kind=data.get("kind", ""),
        state=data.get("state", ""),
        sector=data.get("sector", ""),
        delegates=who != "attendees",
        attendees=who != "delegates",
    )
    page, lines = svc.recommendation_page(profile, filters, request.GET.get("page"))
    setup = svc.setup_of(event)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "matchmaking/recommendations.html",
        {
            "event": event,
            "may": rights(request.user, event),
            "profile": profile,
            "form": form,
            "page": page,
            "lines": lines,
            "query_string": query.urlencode(),
            "setup": setup,
            "sent_open": svc.sent_open(profile),
        },
    )
