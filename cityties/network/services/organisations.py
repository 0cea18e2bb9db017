"""Organisations of the directory: filters, duplicate detection and state changes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules
from babel import Locale
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.models import User
from cityties.accounts.permissions import is_network_staff
from cityties.core.audit import acting_as
from cityties.core.text import fold
from cityties.core.validators import validate_web_url

from ..models import Organisation, OrganisationKind
from .errors import DirectoryError, DuplicateError, _unknown_fields, normalise_name


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
        qs = qs.filter(
            Q(name_key__contains=fold(q)) | Q(city__icontains=q) | Q(short_name__icontains=q)
        )
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
    if cleaned.get("website"):
        try:
            validate_web_url(cleaned["website"])
        except ValidationError as error:
            raise DirectoryError(error.messages[0], code="invalid_url") from error
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
    for required, label in (("name", _("Name")), ("kind", _("Kind")), ("country", _("Country"))):
        if not fields.get(required):
            raise DirectoryError(
                _("%(field)s is required.") % {"field": label}, code=f"{required}_required"
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
