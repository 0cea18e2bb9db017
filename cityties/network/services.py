"""State changes of the directory: organisations, people, country groups, and GDPR.

`check_*` validates then calls `do_*`; `do_*` trusts its caller. Every function takes a
keyword-only `actor`, runs in a transaction and records the actor in the audit trail.
Permission checks stay in the views and the API (through `access_*` and the rules below),
except for the rules that depend on the submitted data, registered here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import rules
from auditlog.models import LogEntry
from babel import Locale
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cityties.accounts.models import Invitation, User
from cityties.accounts.permissions import (
    is_network_staff,
    officer_of_sponsor,
    officer_org_ids,
)
from cityties.core.audit import acting_as
from cityties.core.errors import DomainError

from .models import CountryGroup, Organisation, OrganisationKind, Person

# The federation is French: organisations elsewhere are the members' foreign partners.
HOME_COUNTRY = "FR"
ERASED = "[erased]"


# --- Errors ---------------------------------------------------------------------------


class DirectoryError(DomainError):
    code = "directory_error"


class DuplicateError(DirectoryError):
    """The record already exists; `existing` is the record to use instead."""

    code = "duplicate"

    def __init__(self, message: Any, *, existing: models.Model) -> None:
        super().__init__(message)
        self.existing = existing


class GroupError(DirectoryError):
    code = "group_error"


# --- Rules that depend on the submitted data ------------------------------------------


@rules.predicate
def officer_may_create(user: Any, candidate: Organisation | None) -> bool:
    """Officers add their foreign partners and the companies they sponsor, never members."""
    if candidate is None:
        return False
    ids = officer_org_ids(user)
    if not ids or candidate.is_member:
        return False
    if candidate.kind == OrganisationKind.COMPANY:
        return candidate.sponsor_id in ids
    return candidate.country != HOME_COUNTRY and candidate.sponsor_id is None


rules.add_rule("network.create_this_organisation", is_network_staff | officer_may_create)
rules.add_rule("network.archive_organisation", is_network_staff | officer_of_sponsor)
rules.add_rule("network.manage_groups", is_network_staff)


def may_change_organisation(user: Any, organisation: Organisation, changes: dict[str, Any]) -> bool:
    """Whether `user` may apply `changes`: only staff decide membership, and the record must
    stay editable by the user afterwards (an officer cannot hand a company to another city)."""
    if is_network_staff(user):
        return True
    if "is_member" in changes and bool(changes["is_member"]) != organisation.is_member:
        return False
    if "kind" in changes and changes["kind"] != organisation.kind:
        return False
    after = Organisation(pk=organisation.pk, kind=organisation.kind)
    sponsor = changes.get("sponsor", organisation.sponsor)
    after.sponsor_id = sponsor.pk if sponsor is not None else None
    return rules.test_rule("network.edit_organisation", user, after)


# --- Helpers --------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """Case- and accent-insensitive form of a name, for duplicate detection."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", bare.casefold()).split())


def _known_country(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and code in Locale("en").territories


ORGANISATION_FIELDS = frozenset(
    {
        "name",
        "short_name",
        "kind",
        "country",
        "region",
        "city",
        "latitude",
        "longitude",
        "website",
        "email",
        "description",
        "is_member",
        "sponsor",
    }
)
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
# Values that identify or describe the person: blanked on erasure and in the audit trail.
PERSONAL_FIELDS = (
    "civility",
    "first_name",
    "last_name",
    "function",
    "email",
    "phone",
    "languages",
    "consent_date",
)


def _unknown_fields(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise DirectoryError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )


# --- Organisations --------------------------------------------------------------------


def filter_organisations(
    qs: QuerySet[Organisation],
    *,
    q: str = "",
    kind: str = "",
    country: str = "",
    group_id: int | None = None,
    sector_id: int | None = None,
    members_only: bool = False,
) -> QuerySet[Organisation]:
    """The directory's filters, shared by the pages and the API."""
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(city__icontains=q) | Q(short_name__icontains=q))
    if kind in OrganisationKind.values:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country.upper())
    if group_id:
        qs = qs.filter(groups__id=group_id)
    if sector_id:
        qs = qs.filter(sectors__id=sector_id)
    if members_only:
        qs = qs.filter(is_member=True)
    return qs


def find_duplicate_organisation(
    name: str, country: str, *, exclude_pk: int | None = None
) -> Organisation | None:
    wanted = normalise_name(name)
    # Comparing in Python keeps accent-insensitivity portable (no `unaccent` on SQLite).
    qs = Organisation.objects.filter(country=country.upper()).only("pk", "name", "archived_at")
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    for organisation in qs.iterator():
        if normalise_name(organisation.name) == wanted:
            return organisation
    return None


def _clean_organisation(fields: dict[str, Any], *, current: Organisation | None) -> dict[str, Any]:
    _unknown_fields(fields, ORGANISATION_FIELDS)
    cleaned = dict(fields)
    for key in ("name", "short_name", "region", "city", "website", "email", "description"):
        if key in cleaned:
            cleaned[key] = (cleaned[key] or "").strip()
    if "email" in cleaned:
        cleaned["email"] = cleaned["email"].lower()
    if "country" in cleaned:
        cleaned["country"] = (cleaned["country"] or "").strip().upper()
        if not _known_country(cleaned["country"]):
            raise DirectoryError(_("Unknown country code."), code="unknown_country")
    if "name" in cleaned and not cleaned["name"]:
        raise DirectoryError(_("A name is required."), code="name_required")
    if "kind" in cleaned and cleaned["kind"] not in OrganisationKind.values:
        raise DirectoryError(_("Unknown kind of organisation."), code="unknown_kind")
    latitude = cleaned.get("latitude", current.latitude if current else None)
    longitude = cleaned.get("longitude", current.longitude if current else None)
    if (latitude is None) != (longitude is None):
        raise DirectoryError(
            _("Give both latitude and longitude, or neither."), code="invalid_coordinates"
        )
    if (
        latitude is not None
        and longitude is not None
        and not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
    ):
        raise DirectoryError(_("Coordinates out of range."), code="invalid_coordinates")
    sponsor = cleaned.get("sponsor", current.sponsor if current else None)
    if sponsor is not None:
        kind = cleaned.get("kind", current.kind if current else None)
        if kind != OrganisationKind.COMPANY:
            raise DirectoryError(
                _("Only a company has a sponsoring member."), code="sponsor_not_company"
            )
        if current is not None and sponsor.pk == current.pk:
            raise DirectoryError(
                _("An organisation cannot sponsor itself."), code="invalid_sponsor"
            )
        if sponsor.kind == OrganisationKind.COMPANY:
            raise DirectoryError(
                _("The sponsor must be a member, not a company."), code="invalid_sponsor"
            )
    name = cleaned.get("name", current.name if current else "")
    country = cleaned.get("country", current.country if current else "")
    duplicate = find_duplicate_organisation(
        name, country, exclude_pk=current.pk if current else None
    )
    if duplicate is not None:
        raise DuplicateError(
            _("“%(name)s” already exists in the directory (no. %(id)s).")
            % {"name": duplicate.name, "id": duplicate.pk},
            existing=duplicate,
        )
    return cleaned


def check_create_organisation(
    *, actor: User | None, sectors: Iterable[Any] = (), **fields: Any
) -> Organisation:
    for required in ("name", "kind", "country"):
        if not fields.get(required):
            raise DirectoryError(
                _("%(field)s is required.") % {"field": required}, code=f"{required}_required"
            )
    cleaned = _clean_organisation(fields, current=None)
    return do_create_organisation(actor=actor, sectors=sectors, **cleaned)


def do_create_organisation(
    *, actor: User | None, sectors: Iterable[Any] = (), **fields: Any
) -> Organisation:
    with transaction.atomic(), acting_as(actor):
        organisation = Organisation.objects.create(**fields)
        sectors = list(sectors)
        if sectors:
            organisation.sectors.set(sectors)
    return organisation


def check_update_organisation(
    organisation: Organisation,
    *,
    actor: User | None,
    sectors: Iterable[Any] | None = None,
    **fields: Any,
) -> Organisation:
    cleaned = _clean_organisation(fields, current=organisation)
    return do_update_organisation(organisation, actor=actor, sectors=sectors, **cleaned)


def do_update_organisation(
    organisation: Organisation,
    *,
    actor: User | None,
    sectors: Iterable[Any] | None = None,
    **fields: Any,
) -> Organisation:
    with transaction.atomic(), acting_as(actor):
        for key, value in fields.items():
            setattr(organisation, key, value)
        organisation.save()
        if sectors is not None:
            organisation.sectors.set(list(sectors))
    return organisation


def check_archive_organisation(organisation: Organisation, *, actor: User | None) -> Organisation:
    if organisation.archived_at is not None:
        raise DirectoryError(_("This organisation is already archived."), code="already_archived")
    if organisation.sponsored.filter(archived_at=None).exists():
        raise DirectoryError(
            _("Archive or move the companies it sponsors first."), code="has_sponsored"
        )
    return do_archive_organisation(organisation, actor=actor)


def do_archive_organisation(organisation: Organisation, *, actor: User | None) -> Organisation:
    with transaction.atomic(), acting_as(actor):
        organisation.archived_at = timezone.now()
        organisation.save(update_fields=["archived_at", "updated_at"])
    return organisation


def check_unarchive_organisation(organisation: Organisation, *, actor: User | None) -> Organisation:
    if organisation.archived_at is None:
        raise DirectoryError(_("This organisation is not archived."), code="not_archived")
    duplicate = find_duplicate_organisation(
        organisation.name, organisation.country, exclude_pk=organisation.pk
    )
    if duplicate is not None and duplicate.archived_at is None:
        raise DuplicateError(
            _("“%(name)s” already exists in the directory (no. %(id)s).")
            % {"name": duplicate.name, "id": duplicate.pk},
            existing=duplicate,
        )
    return do_unarchive_organisation(organisation, actor=actor)


def do_unarchive_organisation(organisation: Organisation, *, actor: User | None) -> Organisation:
    with transaction.atomic(), acting_as(actor):
        organisation.archived_at = None
        organisation.save(update_fields=["archived_at", "updated_at"])
    return organisation


# --- People ---------------------------------------------------------------------------

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def find_duplicate_person(email: str, *, exclude_pk: int | None = None) -> Person | None:
    if not email:
        return None
    qs = Person.objects.filter(email__iexact=email, erased_at=None)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.select_related("organisation").first()


def _clean_person(fields: dict[str, Any], *, current: Person | None) -> dict[str, Any]:
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
            raise DuplicateError(
                _("%(name)s (%(organisation)s) already has this e-mail address.")
                % {"name": duplicate.full_name, "organisation": duplicate.organisation.name},
                existing=duplicate,
            )
    if "languages" in cleaned:
        codes = [c for c in re.split(r"[\s,;]+", (cleaned["languages"] or "").lower()) if c]
        if any(not _LANGUAGE_CODE.match(code) for code in codes):
            raise DirectoryError(
                _("Languages are ISO codes separated by commas, e.g. fr, en."),
                code="invalid_languages",
            )
        cleaned["languages"] = ",".join(dict.fromkeys(codes))
    organisation = cleaned.get("organisation")
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
    cleaned = _clean_person(fields, current=None)
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
    cleaned = _clean_person(fields, current=person)
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


# --- GDPR: export ---------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _row(obj: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {"model": obj._meta.label}
    for field in obj._meta.concrete_fields:
        data[field.attname] = _jsonable(field.value_from_object(obj))
    for m2m in obj._meta.many_to_many:
        data[m2m.name] = list(getattr(obj, m2m.name).values_list("pk", flat=True))
    return data


def _person_relations() -> list[Any]:
    """Every relation from another model to Person, hidden ones (related_name="+") included,
    so that features added later are exported and erased without touching this code."""
    return [
        field
        for field in Person._meta.get_fields(include_hidden=True)
        if field.auto_created
        and not field.concrete
        and (field.one_to_many or field.one_to_one or field.many_to_many)
        and field.related_model is not None
        and not field.related_model._meta.auto_created
    ]


def _rows_referencing(person: Person) -> dict[str, list[dict[str, Any]]]:
    related: dict[str, list[dict[str, Any]]] = {}
    for relation in _person_relations():
        model = relation.related_model
        rows = model._default_manager.filter(**{relation.field.name: person}).order_by("pk")
        key = f"{model._meta.label}.{relation.field.name}"
        related[key] = [_row(obj) for obj in rows]
    return related


def _audit_entries(content_type: ContentType, pk: Any) -> list[dict[str, Any]]:
    entries = LogEntry.objects.filter(content_type=content_type, object_pk=str(pk)).order_by(
        "timestamp", "pk"
    )
    return [
        {
            "id": entry.pk,
            "timestamp": _jsonable(entry.timestamp),
            "action": str(entry.get_action_display()),
            "actor": entry.actor_email or (str(entry.actor) if entry.actor_id else None),
            "object_repr": entry.object_repr,
            "changes": _jsonable(entry.changes),
            "remote_addr": entry.remote_addr,
        }
        for entry in entries.select_related("actor")
    ]


def export_person_data(person: Person, *, actor: User | None = None) -> dict[str, Any]:
    """Everything held on a person, as a JSON-ready dict (GDPR right of access).

    With an `actor`, the export itself is written to the audit trail.
    """
    person = Person.objects.select_related("organisation", "user").get(pk=person.pk)
    organisation = person.organisation
    data: dict[str, Any] = {
        "exported_at": _jsonable(timezone.now()),
        "person": {
            **_row(person),
            "full_name": person.full_name,
            "civility_display": str(person.get_civility_display()) if person.civility else "",
        },
        "organisation": {
            "id": organisation.pk,
            "name": organisation.name,
            "kind": organisation.kind,
            "country": organisation.country,
            "city": organisation.city,
        },
        "user_account": None,
        "audit_log": _audit_entries(ContentType.objects.get_for_model(Person), person.pk),
        "related": _rows_referencing(person),
    }
    user = person.user
    if user is not None:
        data["user_account"] = {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "language": user.language,
            "is_active": user.is_active,
            "date_joined": _jsonable(user.date_joined),
            "last_login": _jsonable(user.last_login),
            "memberships": [
                {
                    "organisation_id": m.organisation_id,
                    "organisation": m.organisation.name,
                    "role": m.role,
                    "is_primary": m.is_primary,
                    "created_at": _jsonable(m.created_at),
                }
                for m in user.memberships.select_related("organisation").order_by("pk")
            ],
            "invitations": [
                _row(invitation)
                for invitation in Invitation.objects.filter(
                    Q(accepted_user=user) | Q(email__iexact=user.email)
                ).order_by("pk")
            ],
            "audit_log": _audit_entries(ContentType.objects.get_for_model(User), user.pk),
        }
    if actor is not None:
        with acting_as(actor):
            LogEntry.objects.log_create(
                person,
                force_log=True,
                action=LogEntry.Action.ACCESS,
                additional_data={"reason": "gdpr_export"},
            )
    return data


# --- GDPR: erasure --------------------------------------------------------------------


def _replace_in(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [_replace_in(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _replace_in(item, pattern) for key, item in value.items()}
    return value


def _scrub_rows(model: type[models.Model], field_names: list[str], values: list[str]) -> None:
    """Replace every occurrence of `values` in the given text/JSON columns of `model`."""
    if not values:
        return
    condition = Q()
    for name in field_names:
        for value in values:
            condition |= Q(**{f"{name}__icontains": value})
            # JSON columns may hold non-ASCII text escaped (é as \\u00e9).
            escaped = json.dumps(value)[1:-1]
            if escaped != value:
                condition |= Q(**{f"{name}__icontains": escaped})
    pattern = re.compile("|".join(re.escape(v) for v in values), re.IGNORECASE)
    for row in model._default_manager.filter(condition):
        updates = {name: _replace_in(getattr(row, name), pattern) for name in field_names}
        model._default_manager.filter(pk=row.pk).update(**updates)


def _scrub_fields(changes: Any, keys: Iterable[str]) -> Any:
    if not isinstance(changes, dict):
        return changes
    scrubbed = dict(changes)
    for key in keys:
        if key in scrubbed and isinstance(scrubbed[key], list):
            scrubbed[key] = [ERASED if v not in (None, "", "None") else v for v in scrubbed[key]]
    return scrubbed


def _scrub_entries_about(obj: models.Model, keys: Iterable[str], label: str) -> None:
    """Keep the audit rows about `obj` (counts, dates, actors) but blank personal values."""
    keys = tuple(keys)
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    )
    for entry in entries:
        LogEntry.objects.filter(pk=entry.pk).update(
            object_repr=label,
            changes=_scrub_fields(entry.changes, keys),
            changes_text="",
            serialized_data=None,
        )


def _past_values(obj: models.Model, keys: Iterable[str]) -> list[str]:
    """Earlier values of `keys` recorded in the audit trail (an old e-mail is personal too)."""
    keys = tuple(keys)
    found: list[str] = []
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    ).values_list("changes", flat=True)
    for changes in entries:
        if isinstance(changes, dict):
            for key in keys:
                pair = changes.get(key)
                if isinstance(pair, list):
                    found += [v for v in pair if isinstance(v, str) and v not in ("", "None")]
    return found


def check_erase_person(person: Person, *, actor: User | None) -> Person:
    # Read from the database: the caller's copy may predate an erasure.
    if Person.objects.filter(pk=person.pk).exclude(erased_at=None).exists():
        raise DirectoryError(_("This person's data has already been erased."), code="erased")
    return do_erase_person(person, actor=actor)


def erase_person(person: Person, actor: User | None) -> Person:
    """GDPR right to erasure; see `do_erase_person`."""
    return check_erase_person(person, actor=actor)


def do_erase_person(person: Person, *, actor: User | None) -> Person:
    """Anonymise a person and their account everywhere, keeping rows so counts stay.

    Links that deleting the person would clear (SET_NULL, e.g. a group's president) are
    cleared; rows that would be deleted keep pointing at the anonymised record.
    """
    label = gettext("Erased person")
    with transaction.atomic(), acting_as(actor):
        person = (
            Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
        )
        user = person.user
        identifying = [person.full_name, person.email, person.phone]
        identifying += _past_values(person, ("email", "phone"))
        if user is not None:
            identifying += [user.email, user.full_name]
            identifying += _past_values(user, ("email", "full_name"))
        # Short values ("Li") would blank unrelated text; the structural scrub covers them.
        values = sorted({v for v in identifying if v and len(v) >= 4}, key=len, reverse=True)

        now = timezone.now()
        for field in PERSONAL_FIELDS:
            setattr(person, field, None if field == "consent_date" else "")
        person.last_name = label
        person.consent_given = False
        person.erased_at = now
        person.archived_at = person.archived_at or now
        person.save()

        for relation in _person_relations():
            field = relation.field
            if relation.on_delete is models.SET_NULL:
                for obj in relation.related_model._default_manager.filter(**{field.name: person}):
                    setattr(obj, field.name, None)
                    obj.save(update_fields=[field.name])

        if user is not None:
            emails = [user.email]
            user.email = f"erased-{user.pk}@erased.invalid"
            user.full_name = label
            user.is_active = False
            user.set_unusable_password()
            user.save()
            for invitation in Invitation.objects.filter(
                Q(accepted_user=user) | Q(email__in=emails)
            ):
                invitation.email = user.email
                invitation.full_name = label
                invitation.save(update_fields=["email", "full_name"])
            LogEntry.objects.filter(actor=user).update(actor_email=user.email)
            _scrub_entries_about(user, ("email", "full_name"), label)
        _scrub_entries_about(person, PERSONAL_FIELDS, label)
        _scrub_rows(
            LogEntry,
            ["object_repr", "changes_text", "changes", "serialized_data", "additional_data"],
            values,
        )
        _scrub_rows(LogEntry, ["actor_email"], values)
        _scrub_rows(AdminLogEntry, ["object_repr", "change_message"], values)
        _scrub_login_records(values)
    return person


def _scrub_login_records(values: list[str]) -> None:
    # django-axes keeps the usernames (e-mails) of login attempts.
    try:
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    except ImportError:  # pragma: no cover - axes is installed in every deployment
        return
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        _scrub_rows(model, text_fields, values)
