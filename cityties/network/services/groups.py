"""Country groups: members, president and staff lead."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from babel import Locale
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from cityties.accounts.models import User
from cityties.core.audit import acting_as

from ..models import CountryGroup, Organisation, Person
from .errors import DuplicateError, GroupError

# --- Country groups -------------------------------------------------------------------


def _clean_group_fields(
    fields: dict[str, Any], *, federation: Organisation, current: CountryGroup | None
) -> dict[str, Any]:
    cleaned = {key: (value or "").strip() for key, value in fields.items()}
    if "name" in cleaned and not cleaned["name"]:
        raise GroupError(_("A name is required."), code="name_required")
    if "country" in cleaned:
        cleaned["country"] = cleaned["country"].upper()
        code = cleaned["country"]
        if not (len(code) == 2 and code.isalpha() and code in Locale("en").territories):
            raise GroupError(_("Unknown country code."), code="unknown_country")
        existing = CountryGroup.objects.filter(federation=federation, country=code)
        if current is not None:
            existing = existing.exclude(pk=current.pk)
        if (duplicate := existing.first()) is not None:
            raise _duplicate(duplicate)
    return cleaned


def _duplicate(group: CountryGroup) -> DuplicateError:
    return DuplicateError(
        _("The country group %(name)s already covers this country.") % {"name": group.name},
        existing=group,
    )


def check_create_group(
    *,
    actor: User | None,
    federation: Organisation,
    name: str,
    country: str,
    description: str = "",
) -> CountryGroup:
    """A new country group of the federation; one group per country."""
    cleaned = _clean_group_fields(
        {"name": name, "country": country, "description": description},
        federation=federation,
        current=None,
    )
    try:
        with transaction.atomic(), acting_as(actor):
            return CountryGroup.objects.create(federation=federation, **cleaned)
    except IntegrityError as error:
        # Two staff creating the same group at once: the constraint decides.
        existing = CountryGroup.objects.filter(
            federation=federation, country=cleaned["country"]
        ).first()
        if existing is None:
            raise
        raise _duplicate(existing) from error


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
    **details: str,
) -> CountryGroup:
    """Apply a whole edit of the group (its name, country and description among `details`);
    a refused step leaves everything unchanged."""
    wanted = set(members)
    current = set(group.members.all())
    unknown = set(details) - {"name", "country", "description"}
    if unknown:
        raise GroupError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    cleaned = _clean_group_fields(details, federation=group.federation, current=group)
    with transaction.atomic():
        changed = {key: value for key, value in cleaned.items() if getattr(group, key) != value}
        if changed:
            with acting_as(actor):
                for key, value in changed.items():
                    setattr(group, key, value)
                group.save(update_fields=list(changed))
        for organisation in sorted(wanted - current, key=lambda o: o.pk):
            check_add_group_member(group, organisation, actor=actor)
        if president != group.president:
            check_set_group_president(group, president, actor=actor)
        if staff_lead != group.staff_lead:
            check_set_group_staff_lead(group, staff_lead, actor=actor)
        for organisation in sorted(current - wanted, key=lambda o: o.pk):
            check_remove_group_member(group, organisation, actor=actor)
    return group
