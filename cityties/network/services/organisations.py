"""Organisations of the directory: filters, duplicate detection and state changes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.models import User
from cityties.accounts.permissions import is_network_staff
from cityties.core.audit import acting_as
from cityties.core.countries import is_country_code
from cityties.core.errors import NotAllowedError
from cityties.core.text import fold
from cityties.core.validators import validate_web_url

from ..models import CountryGroup, Organisation, OrganisationKind
from .errors import DirectoryError, DuplicateError, _unknown_fields, normalise_name

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
    # Subqueries rather than joins: no row twice, no DISTINCT.
    if group_id:
        in_group = CountryGroup.members.through.objects.filter(countrygroup_id=group_id)
        qs = qs.filter(pk__in=in_group.values("organisation_id"))
    if sector_id:
        in_sector = Organisation.sectors.through.objects.filter(sector_id=sector_id)
        qs = qs.filter(pk__in=in_sector.values("organisation_id"))
    if members_only:
        qs = qs.filter(is_member=True)
    return qs


def find_duplicate_organisation(
    name: str, country: str, *, region: str = "", exclude_pk: int | None = None
) -> Organisation | None:
    """An organisation of the country with the same folded name, archived ones included.
    Homonyms of different regions are not duplicates (Springfield, Illinois and
    Springfield, Massachusetts; the many French Saint-Martin)."""
    qs = Organisation.objects.filter(country=country.upper(), name_key=normalise_name(name))
    if region:
        qs = qs.filter(Q(region="") | Q(region__iexact=region))
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.only("pk", "name", "archived_at").order_by("archived_at", "pk").first()


def _duplicate_error(duplicate: Organisation) -> DuplicateError:
    return DuplicateError(
        _("“%(name)s” already exists in the directory (no. %(id)s).")
        % {"name": duplicate.name, "id": duplicate.pk},
        existing=duplicate,
        field="name",
    )


@contextmanager
def _refusing_duplicates(
    name: str, country: str, exclude_pk: int | None, region: str = ""
) -> Iterator[None]:
    """A parallel request may have written the same organisation since the check: the
    database's unique constraint refuses it, reported as the duplicate it is."""
    try:
        yield
    except IntegrityError:
        duplicate = find_duplicate_organisation(name, country, region=region, exclude_pk=exclude_pk)
        if duplicate is None:
            raise
        raise _duplicate_error(duplicate) from None


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
        if not is_country_code(cleaned["country"]):
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
    region = cleaned.get("region", current.region if current else "")
    duplicate = find_duplicate_organisation(
        name, country, region=region, exclude_pk=current.pk if current else None
    )
    if duplicate is not None:
        raise _duplicate_error(duplicate)
    return cleaned


# The fields that decide who may see and edit an organisation and its people: only the
# network staff change them once the organisation exists.
GOVERNING_FIELDS = ("kind", "is_member", "sponsor")


def _changed_governing_fields(organisation: Organisation, fields: dict[str, Any]) -> list[str]:
    changed = []
    if "kind" in fields and fields["kind"] != organisation.kind:
        changed.append("kind")
    if "is_member" in fields and bool(fields["is_member"]) != organisation.is_member:
        changed.append("is_member")
    if "sponsor" in fields:
        sponsor = fields["sponsor"]
        if (sponsor.pk if sponsor is not None else None) != organisation.sponsor_id:
            changed.append("sponsor")
    return changed


def check_organisation_allowed(
    actor: User | None, fields: dict[str, Any], *, current: Organisation | None = None
) -> None:
    """Who may create which organisation, or make which change, by the data submitted:
    pages, the API and imports all ask here. Raises NotAllowedError.

    Staff (and the platform itself, actor None) may do anything. An officer creates
    foreign partners and companies it sponsors, never members; a company representative
    creates nothing. Once an organisation exists, only staff change its kind, membership
    or sponsor: an officer edits its own organisation and the companies it sponsors, a
    representative its company, their descriptive fields only.
    """
    if actor is None or is_network_staff(actor):
        return
    if current is None:
        sponsor = fields.get("sponsor")
        candidate = Organisation(
            name=fields.get("name") or "",
            kind=fields.get("kind") or "",
            country=(fields.get("country") or "").strip().upper(),
            is_member=bool(fields.get("is_member", False)),
            sponsor_id=sponsor.pk if sponsor is not None else None,
        )
        if not rules.test_rule("network.create_this_organisation", actor, candidate):
            raise NotAllowedError(
                _(
                    "You may add foreign partners, or companies your organisation "
                    "sponsors; the network staff add the others."
                ),
                code="not_allowed",
            )
        return
    changed = _changed_governing_fields(current, fields)
    if changed or not rules.test_rule("network.edit_organisation", actor, current):
        raise NotAllowedError(
            _("You may not make this change; ask the network staff."),
            code="not_allowed",
            field=changed[0] if changed else None,
        )


def may_change_organisation(
    actor: User | None, organisation: Organisation, changes: dict[str, Any]
) -> bool:
    """Whether `actor` may apply `changes` to `organisation` (imports ask per row)."""
    try:
        check_organisation_allowed(actor, changes, current=organisation)
    except NotAllowedError:
        return False
    return True


def validate_organisation(
    actor: User | None, fields: dict[str, Any], *, current: Organisation | None = None
) -> dict[str, Any]:
    """Every rule on an organisation's fields, the right to make the change included;
    returns the cleaned fields. Forms call it to show the errors next to the fields."""
    if current is None:
        for required, label in (
            ("name", _("Name")),
            ("kind", _("Kind")),
            ("country", _("Country")),
        ):
            if not fields.get(required):
                raise DirectoryError(
                    _("%(field)s is required.") % {"field": label},
                    code=f"{required}_required",
                    field=required,
                )
    check_organisation_allowed(actor, fields, current=current)
    return _clean_organisation(fields, current=current)


def check_create_organisation(
    *, actor: User | None, sectors: Iterable[Any] = (), **fields: Any
) -> Organisation:
    cleaned = validate_organisation(actor, fields)
    with _refusing_duplicates(cleaned["name"], cleaned["country"], None, cleaned.get("region", "")):
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
    cleaned = validate_organisation(actor, fields, current=organisation)
    name = cleaned.get("name", organisation.name)
    country = cleaned.get("country", organisation.country)
    region = cleaned.get("region", organisation.region)
    with _refusing_duplicates(name, country, organisation.pk, region):
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
        organisation.name,
        organisation.country,
        region=organisation.region,
        exclude_pk=organisation.pk,
    )
    if duplicate is not None and duplicate.archived_at is None:
        raise _duplicate_error(duplicate)
    with _refusing_duplicates(
        organisation.name, organisation.country, organisation.pk, organisation.region
    ):
        return do_unarchive_organisation(organisation, actor=actor)


def do_unarchive_organisation(organisation: Organisation, *, actor: User | None) -> Organisation:
    with transaction.atomic(), acting_as(actor):
        organisation.archived_at = None
        organisation.save(update_fields=["archived_at", "updated_at"])
    return organisation
