"""Country groups: members, president and staff lead."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cityties.accounts.models import User
from cityties.core.audit import acting_as

from ..models import CountryGroup, Organisation, Person
from .errors import GroupError

# --- Country groups -------------------------------------------------------------------


def check_add_group_member(
    group: CountryGroup, organisation: Organisation, *, actor: User | None
) -> None:
    if organisation.archived_at is not None:
        raise GroupError(_("This organisation is archived."), code="organisation_archived")
    if group.members.filter(pk=organisation.pk).exists():
        raise GroupError(_("This organisation is already a member."), code="already_member")
    do_add_group_member(group, organisation, actor=actor)


def do_add_group_member(
    group: CountryGroup, organisation: Organisation, *, actor: User | None
) -> None:
    with transaction.atomic(), acting_as(actor):
        group.members.add(organisation)


def check_remove_group_member(
    group: CountryGroup, organisation: Organisation, *, actor: User | None
) -> None:
    if not group.members.filter(pk=organisation.pk).exists():
        raise GroupError(_("This organisation is not a member."), code="not_member")
    if group.president is not None and group.president.organisation_id == organisation.pk:
        raise GroupError(
            _("The group's president belongs to this organisation: choose another first."),
            code="president_member",
        )
    do_remove_group_member(group, organisation, actor=actor)


def do_remove_group_member(
    group: CountryGroup, organisation: Organisation, *, actor: User | None
) -> None:
    with transaction.atomic(), acting_as(actor):
        group.members.remove(organisation)


def check_set_group_president(
    group: CountryGroup, person: Person | None, *, actor: User | None
) -> CountryGroup:
    if person is not None:
        if person.erased_at is not None or person.archived_at is not None:
            raise GroupError(_("This person is no longer active."), code="person_inactive")
        if not group.members.filter(pk=person.organisation_id).exists():
            raise GroupError(
                _("The president must belong to a member of the group."),
                code="president_not_member",
            )
    return do_set_group_roles(group, actor=actor, president=person)


def check_set_group_staff_lead(
    group: CountryGroup, person: Person | None, *, actor: User | None
) -> CountryGroup:
    if person is not None:
        if person.erased_at is not None or person.archived_at is not None:
            raise GroupError(_("This person is no longer active."), code="person_inactive")
        if person.organisation_id != group.federation_id:
            raise GroupError(
                _("The staff lead must belong to the network's secretariat."),
                code="staff_lead_not_federation",
            )
    return do_set_group_roles(group, actor=actor, staff_lead=person)


_UNSET: Any = object()


def do_set_group_roles(
    group: CountryGroup,
    *,
    actor: User | None,
    president: Person | None = _UNSET,
    staff_lead: Person | None = _UNSET,
) -> CountryGroup:
    with transaction.atomic(), acting_as(actor):
        if president is not _UNSET:
            group.president = president
        if staff_lead is not _UNSET:
            group.staff_lead = staff_lead
        group.save()
    return group


def check_update_group(
    group: CountryGroup,
    *,
    actor: User | None,
    members: Iterable[Organisation],
    president: Person | None,
    staff_lead: Person | None,
) -> CountryGroup:
    """Apply a whole edit of the group; a refused step leaves everything unchanged."""
    wanted = set(members)
    current = set(group.members.all())
    with transaction.atomic():
        for organisation in sorted(wanted - current, key=lambda o: o.pk):
            check_add_group_member(group, organisation, actor=actor)
        if president != group.president:
            check_set_group_president(group, president, actor=actor)
        if staff_lead != group.staff_lead:
            check_set_group_staff_lead(group, staff_lead, actor=actor)
        for organisation in sorted(current - wanted, key=lambda o: o.pk):
            check_remove_group_member(group, organisation, actor=actor)
    return group
