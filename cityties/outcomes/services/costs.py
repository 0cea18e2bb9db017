"""The pavilion's figures kept per delegation and participant for the dashboards.

The pavilion computes its figures on every reading; the dashboards add up dozens of
delegations at once, so each delegation's figures are kept in `DelegationCost` and
`ParticipantCost`. Every change of a row the figures read bumps the delegation's
`generation` (signals, in the change's own transaction); a reading recomputes the
delegations whose kept figures are of an older generation, under the row's lock, so a
figure shown is never older than the pavilion's rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone

from cityties.delegations.models import Delegation, Participant, ParticipantKind

from ..models import DelegationCost, ParticipantCost
from . import meetings

ZERO = Decimal("0.00")


def edition_year(delegation: Delegation) -> int:
    return delegation.event.local_start.year


def bump(condition: Q) -> None:
    """Mark the kept figures of the delegations matching `condition` out of date."""
    DelegationCost.objects.filter(condition).update(generation=F("generation") + 1)


def refresh(delegation_ids: Iterable[int]) -> None:
    refresh_where(Q(pk__in=sorted(set(delegation_ids))))


def refresh_where(condition: Q) -> None:
    """Bring the kept figures of the delegations matching `condition` up to date: one
    query when they are."""
    rows = (
        Delegation.objects.filter(condition)
        .values_list("pk", "outcome_cost__generation", "outcome_cost__computed_generation")
        .order_by()
        .distinct()
    )
    stale = sorted({pk for pk, gen, computed in rows if gen is None or gen != computed})
    if not stale:
        return
    DelegationCost.objects.bulk_create(
        [DelegationCost(delegation_id=pk) for pk in stale], ignore_conflicts=True
    )
    for pk in stale:
        recompute(pk)


def refresh_all() -> None:
    refresh_where(Q())


def recompute(delegation_id: int) -> None:
    """Recompute one delegation's kept figures from the pavilion (actual amounts where
    known, planned otherwise), if they are out of date."""
    from cityties.pavilion import services as pavilion

    with transaction.atomic():
        kept = DelegationCost.objects.select_for_update().get(delegation_id=delegation_id)
        if kept.generation == kept.computed_generation:
            return
        delegation = Delegation.objects.select_related("event").get(pk=delegation_id)
        rows = pavilion.load(delegation)
        figures = pavilion.compute(rows, "actual")
        year = edition_year(delegation)
        by_org = {member.organisation.pk: member for member in rows.participants}
        covers: dict[int, Decimal] = {}
        for line in figures.items:
            for organisation, amount in line.covered:
                member = by_org.get(organisation.pk)
                if member is not None:
                    covers[member.pk] = covers.get(member.pk, ZERO) + amount
        lines = {line.participant.pk: line for line in figures.participants}
        counted = meetings.meeting_counts(Q(delegation_id=delegation_id))
        participants = []
        for member in rows.participants:
            found = lines.get(member.pk)
            gross = found.gross if found else ZERO
            subsidies = found.subsidy_total if found else ZERO
            net = found.net if found else ZERO
            covered = covers.get(member.pk, ZERO)
            government = member.kind == ParticipantKind.GOVERNMENT
            participants.append(
                ParticipantCost(
                    participant_id=member.pk,
                    delegation_id=delegation_id,
                    organisation_id=member.organisation.pk,
                    city_id=member.city_id,
                    kind=member.kind,
                    year=year,
                    gross=gross,
                    subsidies=subsidies,
                    net=net,
                    covers=covered,
                    public=subsidies + net + covered if government else subsidies,
                    requests=counted[member.pk].requests if member.pk in counted else 0,
                    meetings=counted[member.pk].meetings if member.pk in counted else 0,
                )
            )
        companies = {m.organisation.pk for m in rows.participants if m.kind == "company"}
        ParticipantCost.objects.filter(delegation_id=delegation_id).delete()
        ParticipantCost.objects.bulk_create(participants, batch_size=500)
        kept.total = figures.total
        kept.public = sum((p.public for p in participants), ZERO)
        kept.subsidies = sum((p.subsidies for p in participants), ZERO)
        kept.covers = sum((p.covers for p in participants), ZERO)
        kept.companies_net = sum((p.net for p in participants if p.kind == "company"), ZERO)
        kept.funders = [
            {
                "id": funder.organisation.pk,
                "name": funder.organisation.name,
                "subsidies": str(funder.subsidies),
                "covers": str(funder.covers),
                "own": str(funder.own),
                "total": str(funder.total),
                "public": funder.organisation.pk not in companies,
            }
            for funder in figures.funders
        ]
        kept.error = figures.error or ""
        kept.computed_generation = kept.generation
        kept.computed_at = timezone.now()
        kept.save()


# --- What bumps the generation --------------------------------------------------------


def _on_item(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump(Q(delegation_id=instance.delegation_id))


def _on_item_part(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump(Q(delegation__cost_items=instance.item_id))


def _on_participant_part(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump(Q(delegation__participants=instance.participant_id))


def _on_profile(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump(Q(delegation__participants__organisation=instance.company_id))


_FIGURE_FIELDS = {"name", "name_key", "region", "kind", "sponsor"}


def _on_organisation(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if created or (fields is not None and not _FIGURE_FIELDS & set(fields)):
        return
    bump(
        Q(delegation__participants__organisation=instance.pk)
        | Q(delegation__subsidy_rules__funder=instance.pk)
    )


def _on_event(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if created:
        return
    from ..models import OutcomeRecord

    bump(Q(delegation__event=instance.pk))
    OutcomeRecord.objects.filter(Q(delegation__event=instance.pk) | Q(event=instance.pk)).exclude(
        year=instance.local_start.year
    ).update(year=instance.local_start.year)


def _on_request(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump(
        Q(
            delegation__participants__delegates__match_profiles__in=[
                instance.sender_id,
                instance.recipient_id,
            ]
        )
    )


def _on_meeting_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Only meetings held are counted: the schedule's re-plan deletes thousands of planned
    # ones, which change nothing here.
    if instance.status == "held":
        _on_meeting(sender, instance)


def _on_meeting(sender: Any, instance: Any, **kwargs: Any) -> None:
    profiles = "delegation__participants__delegates__match_profiles"
    bump(
        Q(**{f"{profiles}__sent_requests": instance.request_id})
        | Q(**{f"{profiles}__received_requests": instance.request_id})
    )


def _on_match_profile(sender: Any, instance: Any, **kwargs: Any) -> None:
    # A profile's delegate is set when it is made and never changes.
    if instance.delegate_id:
        bump(Q(delegation__participants__delegates=instance.delegate_id))


def _connect_matchmaking() -> None:
    """The meetings a participant's delegates held are kept with its costs: any change of
    a request, a meeting or a delegate's profile makes its delegation's figures out of
    date (the matchmaking is looked up by name: outcomes work without it)."""
    if not meetings.available():
        return
    from django.apps import apps

    request_model = apps.get_model("matchmaking", "MeetingRequest")
    meeting_model = apps.get_model("matchmaking", "Meeting")
    profile_model = apps.get_model("matchmaking", "Profile")
    # Before a deletion rather than after: a cascade (a delegate removed) may delete the
    # delegate before its profile, and the joins that find the delegation would be gone.
    for signal in (post_save, pre_delete):
        name = "save" if signal is post_save else "delete"
        signal.connect(_on_request, sender=request_model, dispatch_uid=f"outcomes_mr_{name}")
        signal.connect(
            _on_meeting if signal is post_save else _on_meeting_deleted,
            sender=meeting_model,
            dispatch_uid=f"outcomes_mm_{name}",
        )
        signal.connect(_on_match_profile, sender=profile_model, dispatch_uid=f"outcomes_mp_{name}")


def connect() -> None:
    """Called once at start-up (the app's ready())."""
    from cityties.delegations.models import CompanyProfile
    from cityties.events.models import Event
    from cityties.network.models import Organisation
    from cityties.pavilion.models import (
        CostItem,
        Cover,
        ExchangeRate,
        ParticipantFacts,
        Share,
        SubsidyRule,
    )

    for signal in (post_save, post_delete):
        name = "save" if signal is post_save else "delete"
        own: tuple[type, ...] = (CostItem, ExchangeRate, SubsidyRule, Participant)
        for sender in own:
            signal.connect(
                _on_item, sender=sender, dispatch_uid=f"outcomes_{sender.__name__}_{name}"
            )
        parts: tuple[type, ...] = (Share, Cover)
        for sender in parts:
            signal.connect(
                _on_item_part, sender=sender, dispatch_uid=f"outcomes_{sender.__name__}_{name}"
            )
        signal.connect(
            _on_participant_part, sender=ParticipantFacts, dispatch_uid=f"outcomes_facts_{name}"
        )
        signal.connect(_on_profile, sender=CompanyProfile, dispatch_uid=f"outcomes_profile_{name}")
    post_save.connect(_on_organisation, sender=Organisation, dispatch_uid="outcomes_org_save")
    post_save.connect(_on_event, sender=Event, dispatch_uid="outcomes_event_save")
    _connect_matchmaking()
