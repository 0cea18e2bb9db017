"""Profiles: every delegate of a delegation to the event gets one (kind, sectors, offer
and pitch taken from their organisation and company profile), every attendee gets one at
import; a delegate edits theirs in the app, an attendee through their signed link."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.delegations.models import CompanyProfile, Delegate
from cityties.events.models import Event
from cityties.network.models import Sector

from ..models import Profile, ProfileKind, Slot, Unavailability
from .errors import MatchmakingError

MAX_TEXT = 4_000
MAX_LINES = 20

# The directory's kinds of organisation, as matchmaking groups them.
KIND_OF_ORGANISATION = {
    "commune": ProfileKind.CITY,
    "intercommunality": ProfileKind.CITY,
    "foreign_city": ProfileKind.CITY,
    "departement": ProfileKind.COUNTY,
    "foreign_county": ProfileKind.COUNTY,
    "region": ProfileKind.STATE,
    "foreign_state": ProfileKind.STATE,
    "company": ProfileKind.COMPANY,
    "chamber": ProfileKind.CHAMBER,
    "university": ProfileKind.UNIVERSITY,
    "association": ProfileKind.ASSOCIATION,
}


def _lines(*texts: str) -> str:
    return "\n".join(text.strip() for text in texts if text and text.strip())


def _delegate_values(delegate: Delegate, company: CompanyProfile | None) -> dict[str, Any]:
    org = delegate.participant.organisation
    person = delegate.person
    return {
        "name": person.full_name[:301],
        "organisation_name": org.name[:300],
        "kind": KIND_OF_ORGANISATION.get(org.kind, ProfileKind.OTHER),
        "offers": _lines(company.offer_fr, company.offer_en) if company else "",
        "pitch": _lines(company.pitch_fr, company.pitch_en) if company else org.description,
        "languages": person.languages or (company.languages if company else ""),
        "state": org.region[:120],
        "country": org.country,
    }


def ensure_delegate_profiles(event: Event) -> int:
    """Create the profiles of the event's delegates who have none; returns how many."""
    delegates = list(
        Delegate.objects.filter(participant__delegation__event=event)
        .exclude(match_profiles__event=event)
        .select_related("person", "participant__organisation")
        .prefetch_related("participant__organisation__sectors")
    )
    if not delegates:
        return 0
    companies = {
        profile.company_id: profile
        for profile in CompanyProfile.objects.filter(
            company_id__in={d.participant.organisation_id for d in delegates}
        )
    }
    with transaction.atomic():
        for delegate in delegates:
            company = companies.get(delegate.participant.organisation_id)
            profile = Profile.objects.create(
                event=event, delegate=delegate, **_delegate_values(delegate, company)
            )
            sectors = list(delegate.participant.organisation.sectors.all())
            if company is not None and company.sector_id:
                sectors.append(company.sector)  # type: ignore[arg-type]
            profile.sectors.set({s.pk for s in sectors if s is not None})
        mark_recommendations_stale(event)
    return len(delegates)


def _clean_lines(text: str, what: object) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_LINES or len(text) > MAX_TEXT:
        raise MatchmakingError(
            _("At most %(n)s lines of %(what)s.") % {"n": MAX_LINES, "what": what},
            code="too_long",
        )
    return "\n".join(lines)


def check_save_profile(
    profile: Profile,
    *,
    actor: Any,
    kind: str,
    sectors: Sequence[Sector],
    offers: str = "",
    needs: str = "",
    interests: str = "",
    pitch: str = "",
    languages: str = "",
) -> Profile:
    if kind not in ProfileKind.values:
        raise MatchmakingError(_("Unknown kind."), code="invalid_kind")
    if len(pitch) > MAX_TEXT or len(interests) > 500 or len(languages) > 60:
        raise MatchmakingError(_("Too long."), code="too_long")
    profile.kind = kind
    profile.offers = _clean_lines(offers, _("offers"))
    profile.needs = _clean_lines(needs, _("needs"))
    profile.interests = interests.strip()
    profile.pitch = pitch.strip()
    profile.languages = ",".join(
        code.strip().lower() for code in languages.split(",") if code.strip()
    )
    with transaction.atomic(), acting_as(actor):
        profile.save()
        profile.sectors.set(sectors)
        mark_recommendations_stale(profile.event)
    return profile


def check_set_availability(
    profile: Profile, *, actor: Any, unavailable: Iterable[Slot]
) -> list[Slot]:
    """The slots in which the person cannot meet anybody (all others are free)."""
    slots = list(unavailable)
    if any(slot.event_id != profile.event_id for slot in slots):
        raise MatchmakingError(_("A slot of another event."), code="foreign_slot")
    booked = set(profile.bookings.values_list("slot_id", flat=True))
    clash = [slot for slot in slots if slot.pk in booked]
    if clash:
        raise MatchmakingError(
            _("A meeting is planned in one of these slots; ask for it to be moved first."),
            code="slot_booked",
        )
    with transaction.atomic(), acting_as(actor):
        Unavailability.objects.filter(profile=profile).delete()
        Unavailability.objects.bulk_create(
            [Unavailability(profile=profile, slot=slot) for slot in slots]
        )
    return slots


def mark_recommendations_stale(event: Event) -> None:
    """Ask for the event's recommendations to be computed again, once, after the commit."""
    from ..models import EventSetup
    from ..tasks import compute_recommendations
    from .setup import setup_of

    setup = setup_of(event)
    # Only the change from fresh to stale queues the work: a burst of edits queues one task.
    changed = EventSetup.objects.filter(pk=setup.pk, recommendations_stale=False).update(
        recommendations_stale=True
    )
    if changed or setup.recommendations_at is None:
        transaction.on_commit(lambda: compute_recommendations.enqueue(event.pk))
    setup.recommendations_stale = True


def profile_language(profile: Profile) -> str:
    if profile.attendee_id is not None:
        return profile.attendee.language  # type: ignore[union-attr]
    from cityties.delegations.services import delegate_language

    return delegate_language(profile.delegate)  # type: ignore[arg-type]


def profile_email(profile: Profile) -> str:
    if profile.attendee_id is not None:
        attendee = profile.attendee
        return "" if attendee is None or attendee.erased_at else attendee.email
    person = profile.delegate.person  # type: ignore[union-attr]
    if person.erased_at is not None:
        return ""
    return person.email or (person.user.email if person.user else "")
