"""Delegations: creation, the status pipeline with its recorded moves, supporting bodies
and staff contacts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.permissions import is_network_staff, officer_org_ids
from cityties.core.audit import acting_as
from cityties.events.models import Event
from cityties.network.models import Organisation, Person

from ..models import (
    ALLOWED_MOVES,
    Delegation,
    DelegationStatus,
    StatusMove,
    Supporter,
    SupporterRole,
)
from .errors import DelegationError


def _check_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise DelegationError(_("A delegation needs a title."), code="title_required")
    if len(title) > 200:
        raise DelegationError(_("The title is too long."), code="title_too_long")
    return title


def check_create_delegation(
    *, actor: Any, title: str, event: Event, lead: Organisation, description: str = ""
) -> Delegation:
    title = _check_title(title)
    if not lead.is_government or lead.archived_at is not None:
        raise DelegationError(
            _("A delegation is led by a local or regional government."), code="lead_not_government"
        )
    # Officers lead for their own government; the staff may set up anyone's delegation.
    if not is_network_staff(actor) and lead.pk not in officer_org_ids(actor):
        raise DelegationError(
            _("You may only create delegations led by your organisation."),
            code="own_organisation_required",
        )
    if Delegation.objects.filter(event=event, lead=lead).exists():
        raise DelegationError(
            _("This organisation already leads a delegation to this event."), code="duplicate"
        )
    return do_create_delegation(
        actor=actor, title=title, event=event, lead=lead, description=description
    )


def do_create_delegation(
    *, actor: Any, title: str, event: Event, lead: Organisation, description: str = ""
) -> Delegation:
    creator = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic(), acting_as(actor):
        return Delegation.objects.create(
            title=title, event=event, lead=lead, description=description, created_by=creator
        )


def check_update_delegation(
    delegation: Delegation, *, actor: Any, title: str, description: str
) -> Delegation:
    title = _check_title(title)
    with transaction.atomic(), acting_as(actor):
        delegation.title = title
        delegation.description = description
        delegation.save(update_fields=["title", "description", "updated_at"])
    return delegation


def check_move_delegation(
    delegation: Delegation,
    *,
    actor: Any,
    to_status: str,
    note: str = "",
    at: datetime | None = None,
) -> StatusMove:
    """Move one step through the pipeline; refused unless the move is allowed from the
    status the delegation has *now* (the row is locked, so two moves cannot cross)."""
    if to_status not in DelegationStatus.values:
        raise DelegationError(_("Unknown status."), code="invalid_status")
    with transaction.atomic(), acting_as(actor):
        current = Delegation.objects.select_for_update().get(pk=delegation.pk)
        if to_status not in ALLOWED_MOVES[current.status]:
            raise DelegationError(
                _("A delegation cannot move from “%(from)s” to “%(to)s”.")
                % {
                    "from": DelegationStatus(current.status).label,
                    "to": DelegationStatus(to_status).label,
                },
                code="move_not_allowed",
            )
        move = StatusMove.objects.create(
            delegation=current,
            from_status=current.status,
            to_status=to_status,
            moved_by=actor if getattr(actor, "is_authenticated", False) else None,
            moved_at=at or timezone.now(),
            note=note.strip()[:300],
        )
        current.status = to_status
        current.save(update_fields=["status", "updated_at"])
    delegation.status = to_status
    return move


def check_add_supporter(
    delegation: Delegation, *, actor: Any, organisation: Organisation, role: str, note: str = ""
) -> Supporter:
    if role not in SupporterRole.values:
        raise DelegationError(_("Unknown role."), code="invalid_role")
    if organisation.pk == delegation.lead_id:
        raise DelegationError(
            _("The lead organisation is not one of its own supporters."), code="lead_as_supporter"
        )
    try:
        with transaction.atomic(), acting_as(actor):
            return Supporter.objects.create(
                delegation=delegation, organisation=organisation, role=role, note=note.strip()
            )
    except IntegrityError as exc:
        raise DelegationError(
            _("This organisation already supports the delegation in this role."), code="duplicate"
        ) from exc


def do_remove_supporter(supporter: Supporter, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        supporter.delete()


def check_set_staff_contacts(
    delegation: Delegation, *, actor: Any, people: Sequence[Person]
) -> None:
    if any(person.erased_at is not None for person in people):
        raise DelegationError(_("An erased person cannot be a contact."), code="person_erased")
    with transaction.atomic(), acting_as(actor):
        delegation.staff_contacts.set(people)
