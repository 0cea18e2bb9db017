"""Retention review: people without contact for three years, for staff to erase or keep.

The CNIL's guidance for prospect and contact files is three years after the last
contact. "Contact" is what the directory records of one: the person's record edited,
their consent given, their account used, a staff decision to keep them, or a role they
hold in a country group (which is ongoing contact, so they never appear).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import DateTimeField, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from cityties.accounts.models import User
from cityties.core.audit import acting_as
from cityties.network.models import CountryGroup, Person
from cityties.network.services import gdpr

from .models import RetentionHold


def retention_period() -> timedelta:
    return timedelta(days=settings.PERSON_RETENTION_DAYS)


def with_last_contact(people: QuerySet[Person]) -> QuerySet[Person, Any]:
    last_hold = Subquery(
        RetentionHold.objects.filter(person=OuterRef("pk"))
        .order_by()
        .values("person")
        .annotate(last=Max("decided_at"))
        .values("last"),
        output_field=DateTimeField(),
    )
    updated = "updated_at"
    return people.annotate(
        last_contact=Greatest(
            updated,
            Coalesce("consent_date", updated),
            Coalesce("user__last_login", updated),
            Coalesce(last_hold, updated),
            output_field=DateTimeField(),
        )
    )


def people_to_review(now: datetime | None = None) -> QuerySet[Person, Any]:
    """People whose last contact is older than the retention period, oldest first."""
    cutoff = (now or timezone.now()) - retention_period()
    # NOT EXISTS rather than `presided_groups=None` (LEFT JOIN … IS NULL): PostgreSQL
    # misjudged those joins and looped over every group for each of 30,000 people (0.2 s).
    holds_a_role = CountryGroup.objects.filter(
        Q(president=OuterRef("pk")) | Q(staff_lead=OuterRef("pk"))
    )
    people = Person.objects.filter(~Exists(holds_a_role), erased_at=None)
    return (
        with_last_contact(people)
        .filter(last_contact__lt=cutoff)  # type: ignore[misc]
        .select_related("organisation")
        .order_by("last_contact", "pk")
    )


def do_keep_person(person: Person, *, actor: User) -> RetentionHold:
    """Staff confirmed the person is still in contact: out of the review for a period."""
    with transaction.atomic(), acting_as(actor):
        return RetentionHold.objects.create(person=person, decided_by=actor)


def check_erase_person(person: Person, *, actor: User) -> Person:
    return gdpr.check_erase_person(person, actor=actor)
