"""The programme of a delegation and each delegate's itinerary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.network.models import Person

from ..models import Delegate, Delegation, Session, SessionKind
from .errors import DelegationError

SESSION_FIELDS = (
    "kind",
    "title_fr",
    "title_en",
    "starts_at",
    "ends_at",
    "place",
    "run_by_delegation",
    "for_everyone",
)


def _validate(delegation: Delegation, values: dict[str, Any]) -> None:
    if values["kind"] not in SessionKind.values:
        raise DelegationError(_("Unknown kind of session."), code="invalid_kind")
    values["title_fr"] = values["title_fr"].strip()
    values["title_en"] = values["title_en"].strip()
    if not (values["title_fr"] or values["title_en"]):
        raise DelegationError(
            _("A session needs a title in French or in English."), code="title_required"
        )
    if timezone.is_naive(values["starts_at"]) or timezone.is_naive(values["ends_at"]):
        raise DelegationError(_("Times must carry their time zone."), code="naive_time")
    if values["ends_at"] < values["starts_at"]:
        raise DelegationError(_("A session cannot end before it starts."), code="end_before_start")


def _check_delegates(delegation: Delegation, delegates: Sequence[Delegate]) -> None:
    if any(d.participant.delegation_id != delegation.pk for d in delegates):
        raise DelegationError(
            _("Only delegates of this delegation take part."), code="foreign_delegate"
        )


def check_add_session(
    delegation: Delegation,
    *,
    actor: Any,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    title_fr: str = "",
    title_en: str = "",
    place: str = "",
    run_by_delegation: bool = False,
    for_everyone: bool = False,
    speakers: Sequence[Person] = (),
    delegates: Sequence[Delegate] = (),
) -> Session:
    values = {
        "kind": kind,
        "title_fr": title_fr,
        "title_en": title_en,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place.strip(),
        "run_by_delegation": run_by_delegation,
        "for_everyone": for_everyone,
    }
    _validate(delegation, values)
    _check_delegates(delegation, delegates)
    with transaction.atomic(), acting_as(actor):
        session = Session.objects.create(delegation=delegation, **values)
        session.speakers.set(speakers)
        session.delegates.set(delegates)
    return session


def session_values(session: Session) -> dict[str, Any]:
    return {name: getattr(session, name) for name in SESSION_FIELDS} | {
        "speakers": list(session.speakers.all()),
        "delegates": list(session.delegates.all()),
    }


def check_update_session(session: Session, *, actor: Any, **changes: Any) -> Session:
    unknown = set(changes) - set(SESSION_FIELDS) - {"speakers", "delegates"}
    if unknown:
        raise DelegationError(_("Unknown field."), code="unknown_field")
    values = session_values(session) | changes
    speakers, delegates = values.pop("speakers"), values.pop("delegates")
    _validate(session.delegation, values)
    _check_delegates(session.delegation, delegates)
    with transaction.atomic(), acting_as(actor):
        for name, value in values.items():
            setattr(session, name, value)
        session.save()
        session.speakers.set(speakers)
        session.delegates.set(delegates)
    return session


def do_delete_session(session: Session, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        session.delete()


def programme(delegation: Delegation) -> QuerySet[Session]:
    return delegation.sessions.prefetch_related("speakers").order_by("starts_at", "id")


def itinerary(delegate: Delegate) -> QuerySet[Session]:
    """The sessions a delegate attends: those for everyone, those they are chosen for,
    and those they speak at. (Meetings and homestays join it in later areas.)"""
    chosen = Session.delegates.through.objects.filter(delegate_id=delegate.pk)
    speaking = Session.speakers.through.objects.filter(person_id=delegate.person_id)
    return (
        Session.objects.filter(delegation_id=delegate.participant.delegation_id)
        .filter(
            Q(for_everyone=True)
            | Q(pk__in=chosen.values("session_id"))
            | Q(pk__in=speaking.values("session_id"))
        )
        .prefetch_related("speakers")
        .order_by("starts_at", "id")
    )


def delegate_language(delegate: Delegate) -> str:
    """The delegate's language: their account's, else the first of theirs we write in."""
    person = delegate.person
    if person.user is not None and person.user.language in ("fr", "en"):
        return person.user.language
    for code in (part.strip().lower() for part in person.languages.split(",")):
        if code in ("fr", "en"):
            return code
    return "fr"
