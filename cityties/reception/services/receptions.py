"""A reception set up on a programme session of kind reception, and the quotas the lead
hands out to exhibitors and member cities, never above the venue's capacity."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypedDict

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.delegations.models import Participant, Session, SessionKind

from ..models import MAX_CAPACITY, MAX_PLUS_ONES, CardLanguages, Quota, Reception
from .errors import ReceptionError


class ReceptionFields(TypedDict, total=False):
    venue: str
    address: str
    capacity: int
    card_languages: str
    plus_ones_allowed: int
    remind_at: datetime | None
    host_fr: str
    host_en: str


def _check_fields(session: Session, fields: ReceptionFields) -> None:
    if not (fields.get("venue") or "").strip():
        raise ReceptionError(_("Give the venue."), code="venue_required", field="venue")
    capacity = fields.get("capacity")
    if capacity is None or not (0 < capacity <= MAX_CAPACITY):
        raise ReceptionError(
            _("The capacity must be between 1 and 100,000 people."),
            code="bad_capacity",
            field="capacity",
        )
    if fields.get("card_languages", CardLanguages.FR_EN) not in CardLanguages.values:
        raise ReceptionError(
            _("Choose the languages of the card."), code="bad_languages", field="card_languages"
        )
    plus = fields.get("plus_ones_allowed", 0)
    if not (0 <= plus <= MAX_PLUS_ONES):
        raise ReceptionError(
            _("At most %(n)s plus-ones per guest.") % {"n": MAX_PLUS_ONES},
            code="bad_plus_ones",
            field="plus_ones_allowed",
        )
    remind_at = fields.get("remind_at")
    if remind_at is not None:
        if timezone.is_naive(remind_at):
            raise ReceptionError(_("Times must carry their time zone."), code="naive_time")
        if remind_at >= session.starts_at:
            raise ReceptionError(
                _("The reminder must go out before the reception."),
                code="reminder_after_start",
                field="remind_at",
            )


def check_create_reception(session: Session, *, actor: Any, fields: ReceptionFields) -> Reception:
    if session.kind != SessionKind.RECEPTION:
        raise ReceptionError(
            _("Only a session of kind reception can take invitations."), code="not_a_reception"
        )
    if Reception.objects.filter(session=session).exists():
        raise ReceptionError(_("This reception is already set up."), code="reception_exists")
    fields = {**fields, "venue": (fields.get("venue") or session.place).strip()}
    _check_fields(session, fields)
    try:
        with transaction.atomic(), acting_as(actor):
            return Reception.objects.create(session=session, **fields)
    except IntegrityError as exc:
        raise ReceptionError(
            _("This reception is already set up."), code="reception_exists"
        ) from exc


def check_update_reception(
    reception: Reception, *, actor: Any, fields: ReceptionFields
) -> Reception:
    current: ReceptionFields = {
        "venue": reception.venue,
        "address": reception.address,
        "capacity": reception.capacity,
        "card_languages": reception.card_languages,
        "plus_ones_allowed": reception.plus_ones_allowed,
        "remind_at": reception.remind_at,
        "host_fr": reception.host_fr,
        "host_en": reception.host_en,
    }
    merged: ReceptionFields = {**current, **fields}
    _check_fields(reception.session, merged)
    try:
        with transaction.atomic(), acting_as(actor):
            locked = Reception.objects.select_for_update().get(pk=reception.pk)
            for name, value in merged.items():
                setattr(locked, name, value)
            locked.save()
    except IntegrityError as exc:
        # The capacity cut below what the quotas hand out or the people already in.
        raise ReceptionError(
            _("The capacity cannot be below the quotas handed out (%(n)s) or the people in.")
            % {"n": reception.allocated},
            code="capacity_below_quotas",
            field="capacity",
        ) from exc
    return locked


def _recount_allocated(reception: Reception) -> None:
    total = reception.quotas.aggregate(s=Sum("size"))["s"] or 0
    Reception.objects.filter(pk=reception.pk).update(allocated=total)


def check_set_quota(
    reception: Reception, *, actor: Any, participant: Participant, size: int
) -> Quota:
    """Give an exhibitor or a member city its number of invitations; refused when the
    quotas would pass the venue's capacity, even with several people editing at once."""
    if participant.delegation_id != reception.session.delegation_id:
        raise ReceptionError(
            _("This participant is not in this delegation."), code="foreign_participant"
        )
    if not (0 < size <= MAX_CAPACITY):
        raise ReceptionError(
            _("A quota is at least one invitation."), code="bad_quota", field="size"
        )
    try:
        with transaction.atomic(), acting_as(actor):
            # Lock the reception first: the sum read next then sees every committed quota.
            locked = Reception.objects.select_for_update().get(pk=reception.pk)
            existing = (
                Quota.objects.select_for_update()
                .filter(reception=locked, participant=participant)
                .first()
            )
            if existing is not None and size < existing.named:
                raise ReceptionError(
                    _("%(n)s guests are already named on this quota: remove some first.")
                    % {"n": existing.named},
                    code="quota_below_named",
                    field="size",
                )
            quota, _created = Quota.objects.update_or_create(
                reception=locked, participant=participant, defaults={"size": size}
            )
            _recount_allocated(locked)
    except IntegrityError as exc:
        raise ReceptionError(
            _("The quotas would pass the venue's capacity of %(n)s people.")
            % {"n": reception.capacity},
            code="quotas_above_capacity",
            field="size",
        ) from exc
    return quota


def check_remove_quota(quota: Quota, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        # The reception, then the quota: the order every service locks them in.
        Reception.objects.select_for_update().get(pk=quota.reception_id)
        locked = Quota.objects.select_for_update().get(pk=quota.pk)
        if locked.named:
            raise ReceptionError(
                _("Remove the guests named on this quota first."), code="quota_in_use"
            )
        locked.delete()  # the post_delete signal frees its places on the reception
