"""People of the directory: duplicate detection, consent and state changes."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.models import User
from cityties.core.audit import acting_as
from cityties.core.errors import NotAllowedError
from cityties.core.phones import normalise_phone
from cityties.core.text import fold

from ..models import Organisation, Person
from .errors import DirectoryError, DuplicateError, _unknown_fields

PERSON_FIELDS = frozenset(
    {
        "civility",
        "first_name",
        "last_name",
        "function",
        "organisation",
        "email",
        "phone",
        "languages",
        "user",
    }
)


# --- People ---------------------------------------------------------------------------


def filter_people(
    qs: QuerySet[Person],
    *,
    q: str = "",
    organisation_id: int | None = None,
    archived: bool = False,
) -> QuerySet[Person]:
    """The people search of the list page and the API, in French order: names and
    organisations match whatever their case and accents."""
    qs = qs.filter(archived_at__isnull=not archived)
    q = q.strip()
    if q:
        key = fold(q)
        qs = qs.filter(
            Q(name_key__contains=key)
            | Q(organisation__name_key__contains=key)
            | Q(email__icontains=q)
            | Q(function__icontains=q)
        )
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    return qs.order_by("name_key", "pk")


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def check_languages(text: str) -> str:
    """ISO codes separated by commas, spaces or semicolons, normalised to "fr,en"."""
    codes = [c for c in re.split(r"[\s,;]+", (text or "").lower()) if c]
    if any(not _LANGUAGE_CODE.match(code) for code in codes):
        raise DirectoryError(
            _("Languages are ISO codes separated by commas, e.g. fr, en."),
            code="invalid_languages",
        )
    return ",".join(dict.fromkeys(codes))


def check_email_address(text: str) -> str:
    """A person's e-mail address, lower-cased. Addresses with accents (RFC 6531: "hervé@
    caen.fr", "x@bücher.de") are accepted, as the people pages and the API store them."""
    value = (text or "").strip().lower()
    if not value:
        return ""
    local, _at, domain = value.rpartition("@")
    try:
        # The ASCII stand-in of an internationalised address follows the same shape.
        ascii_local = "".join(c if c.isascii() else "a" for c in local)
        validate_email(f"{ascii_local}@{domain.encode('idna').decode('ascii')}")
    except (ValidationError, UnicodeError) as exc:
        raise DirectoryError(
            _("“%(value)s” is not a valid e-mail address.") % {"value": value},
            code="invalid_email",
        ) from exc
    return value


def find_duplicate_person(email: str, *, exclude_pk: int | None = None) -> Person | None:
    if not email:
        return None
    qs = Person.objects.filter(email__iexact=email, erased_at=None)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.select_related("organisation").first()


def check_person_organisation_allowed(
    actor: User | None, organisation: Organisation, *, current: Person | None = None
) -> None:
    """A person's organisation decides who reads their details: adding someone to an
    organisation, or moving them to it, needs the right to edit that organisation."""
    if actor is None or (current is not None and organisation.pk == current.organisation_id):
        return
    if not rules.test_rule("network.edit_organisation", actor, organisation):
        raise NotAllowedError(
            _("You may not add people to this organisation."),
            code="not_allowed",
            field="organisation",
        )


def _email_taken(duplicate: Person, actor: User | None) -> DuplicateError:
    """Name the person who has the address only to whom may read that person: anyone
    else learns that the address is taken, not by whom (no e-mail oracle)."""
    if actor is None or rules.test_rule("network.view_person", actor, duplicate):
        return DuplicateError(
            _("%(name)s (%(organisation)s) already has this e-mail address.")
            % {"name": duplicate.full_name, "organisation": duplicate.organisation.name},
            existing=duplicate,
            field="email",
        )
    return DuplicateError(
        _("This e-mail address is already used in the directory."), existing=None, field="email"
    )


def _clean_person(
    fields: dict[str, Any], *, current: Person | None, actor: User | None
) -> dict[str, Any]:
    _unknown_fields(fields, PERSON_FIELDS)
    cleaned = dict(fields)
    for key in ("first_name", "last_name", "function", "phone", "civility"):
        if key in cleaned:
            cleaned[key] = (cleaned[key] or "").strip()
    for key in ("first_name", "last_name"):
        if key in cleaned and not cleaned[key]:
            raise DirectoryError(_("First and last names are required."), code=f"{key}_required")
    if "email" in cleaned:
        cleaned["email"] = (cleaned["email"] or "").strip().lower()
        duplicate = find_duplicate_person(
            cleaned["email"], exclude_pk=current.pk if current else None
        )
        if duplicate is not None:
            raise _email_taken(duplicate, actor)
    if "languages" in cleaned:
        cleaned["languages"] = check_languages(cleaned["languages"])
    organisation = cleaned.get("organisation")
    if organisation is not None:
        check_person_organisation_allowed(actor, organisation, current=current)
    if cleaned.get("phone"):
        where = organisation or (current.organisation if current else None)
        try:
            cleaned["phone"] = normalise_phone(cleaned["phone"], where.country if where else "FR")
        except ValidationError as error:
            raise DirectoryError(error.messages[0], code="invalid_phone") from error
    if (
        organisation is not None
        and organisation.archived_at is not None
        and (current is None or organisation.pk != current.organisation_id)
    ):
        raise DirectoryError(_("This organisation is archived."), code="organisation_archived")
    return cleaned


def _apply_consent(
    person: Person, consent_given: bool | None, consent_date: datetime | None
) -> None:
    # The date is when consent was first given; withdrawing it clears both.
    if consent_given is None:
        return
    if consent_given and not person.consent_given:
        person.consent_given = True
        person.consent_date = consent_date or timezone.now()
    elif not consent_given:
        person.consent_given = False
        person.consent_date = None


def check_create_person(
    *,
    actor: User | None,
    consent_given: bool = False,
    consent_date: datetime | None = None,
    **fields: Any,
) -> Person:
    if fields.get("organisation") is None:
        raise DirectoryError(_("An organisation is required."), code="organisation_required")
    for key in ("first_name", "last_name"):
        fields.setdefault(key, "")
    cleaned = _clean_person(fields, current=None, actor=actor)
    return do_create_person(
        actor=actor, consent_given=consent_given, consent_date=consent_date, **cleaned
    )


def do_create_person(
    *,
    actor: User | None,
    consent_given: bool = False,
    consent_date: datetime | None = None,
    **fields: Any,
) -> Person:
    with transaction.atomic(), acting_as(actor):
        person = Person(**fields)
        _apply_consent(person, consent_given, consent_date)
        person.save()
    return person


def check_update_person(
    person: Person,
    *,
    actor: User | None,
    consent_given: bool | None = None,
    consent_date: datetime | None = None,
    **fields: Any,
) -> Person:
    if person.erased_at is not None:
        raise DirectoryError(_("This person's data has been erased."), code="erased")
    cleaned = _clean_person(fields, current=person, actor=actor)
    return do_update_person(
        person, actor=actor, consent_given=consent_given, consent_date=consent_date, **cleaned
    )


def do_update_person(
    person: Person,
    *,
    actor: User | None,
    consent_given: bool | None = None,
    consent_date: datetime | None = None,
    **fields: Any,
) -> Person:
    with transaction.atomic(), acting_as(actor):
        for key, value in fields.items():
            setattr(person, key, value)
        _apply_consent(person, consent_given, consent_date)
        person.save()
    return person


def check_archive_person(person: Person, *, actor: User | None) -> Person:
    if person.archived_at is not None:
        raise DirectoryError(_("This person is already archived."), code="already_archived")
    return do_archive_person(person, actor=actor)


def do_archive_person(person: Person, *, actor: User | None) -> Person:
    with transaction.atomic(), acting_as(actor):
        person.archived_at = timezone.now()
        person.save(update_fields=["archived_at", "updated_at"])
    return person


def check_unarchive_person(person: Person, *, actor: User | None) -> Person:
    if person.archived_at is None:
        raise DirectoryError(_("This person is not archived."), code="not_archived")
    if person.erased_at is not None:
        raise DirectoryError(_("This person's data has been erased."), code="erased")
    with transaction.atomic(), acting_as(actor):
        person.archived_at = None
        person.save(update_fields=["archived_at", "updated_at"])
    return person
