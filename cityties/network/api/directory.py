"""REST endpoints of the directory: organisations, people and country groups.

The same access helpers, rules and services as the pages. E-mail and phone of a person
are null for callers that the rule network.view_person does not allow.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import rules
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from cityties.accounts.permissions import is_network_staff, require
from cityties.core.api.errors import responses
from cityties.core.fields import CountryCode, Id, Offset, max_length
from cityties.core.http import AuthenticatedHttpRequest, DuplicateOut
from cityties.core.validators import WebUrl

from .. import services
from ..access import access_group, access_organisation, access_person, visible_people
from ..models import Civility, CountryGroup, Organisation, OrganisationKind, Person, Sector

router = Router(tags=["directory"])

MAX_LIMIT = 200


# --- Schemas --------------------------------------------------------------------------

# Strings no longer than their column, so a long one is a 422 and not a database error.
_ORG = Organisation
_PERSON = Person


class OrganisationBrief(Schema):
    id: int
    name: str
    kind: OrganisationKind
    country: str


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: OrganisationKind
    country: str
    region: str
    city: str
    latitude: float | None
    longitude: float | None
    website: str
    email: str
    description: str
    is_member: bool
    sponsor_id: int | None
    sector_codes: list[str]
    archived_at: datetime | None

    @staticmethod
    def resolve_sector_codes(obj: Organisation) -> list[str]:
        return [sector.code for sector in obj.sectors.all()]


class PersonOut(Schema):
    id: int
    civility: Civility | Literal[""]
    first_name: str
    last_name: str
    function: str
    organisation_id: Id
    organisation_name: str
    email: str | None = Field(None, description="Null unless you may see the person's details")
    phone: str | None = Field(None, description="Null unless you may see the person's details")
    languages: str | None = None
    consent_given: bool | None = None
    consent_date: datetime | None = None
    archived_at: datetime | None = None


class OrganisationDetailOut(OrganisationOut):
    people: list[PersonOut]
    sponsored: list[OrganisationBrief]
    group_ids: list[int]

    @staticmethod
    def resolve_people(obj: Organisation) -> list[dict[str, Any]]:
        return obj.people_out  # type: ignore[attr-defined]

    @staticmethod
    def resolve_sponsored(obj: Organisation) -> list[Organisation]:
        return list(obj.sponsored.filter(archived_at=None))

    @staticmethod
    def resolve_group_ids(obj: Organisation) -> list[int]:
        return list(obj.groups.values_list("pk", flat=True))


class OrganisationPage(Schema):
    count: int
    items: list[OrganisationOut]


class OrganisationFilters(Schema):
    q: str = Field("", max_length=200)
    kind: OrganisationKind | Literal[""] = ""
    country: str = Field("", max_length=2, description="ISO 3166 code")
    group: Id | None = Field(None, description="Id of a country group")
    sector: Id | None = Field(None, description="Id of a sector")
    members_only: bool = False
    archived: bool = Field(False, description="Archived organisations (network staff only)")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: Offset = 0


Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
SectorCodes = Annotated[list[Annotated[str, Field(max_length=60)]], Field(max_length=100)]


class OrganisationIn(Schema):
    name: str = Field(..., max_length=max_length(_ORG, "name"))
    kind: OrganisationKind
    country: CountryCode
    short_name: str = Field("", max_length=max_length(_ORG, "short_name"))
    region: str = Field("", max_length=max_length(_ORG, "region"))
    city: str = Field("", max_length=max_length(_ORG, "city"))
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    website: WebUrl = Field("", max_length=max_length(_ORG, "website"))
    email: str = Field("", max_length=max_length(_ORG, "email"))
    description: str = ""
    is_member: bool = False
    sponsor_id: Id | None = None
    sector_codes: SectorCodes = []


class OrganisationPatch(Schema):
    """Only the fields sent are changed: the fields of the organisation's page."""

    name: str | None = Field(None, max_length=max_length(_ORG, "name"))
    kind: OrganisationKind | None = None
    country: CountryCode | None = None
    short_name: str | None = Field(None, max_length=max_length(_ORG, "short_name"))
    region: str | None = Field(None, max_length=max_length(_ORG, "region"))
    city: str | None = Field(None, max_length=max_length(_ORG, "city"))
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    website: WebUrl | None = Field(None, max_length=max_length(_ORG, "website"))
    email: str | None = Field(None, max_length=max_length(_ORG, "email"))
    description: str | None = None
    is_member: bool | None = None
    sponsor_id: Id | None = None
    sector_codes: SectorCodes | None = None


class PersonPage(Schema):
    count: int
    items: list[PersonOut]


class PersonFilters(Schema):
    q: str = Field("", max_length=200)
    organisation: Id | None = Field(None, description="Id of an organisation")
    archived: bool = False
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: Offset = 0


class PersonIn(Schema):
    first_name: str = Field(..., max_length=max_length(_PERSON, "first_name"))
    last_name: str = Field(..., max_length=max_length(_PERSON, "last_name"))
    organisation_id: Id
    civility: Civility | Literal[""] = ""
    function: str = Field("", max_length=max_length(_PERSON, "function"))
    email: str = Field("", max_length=max_length(_PERSON, "email"))
    phone: str = Field("", max_length=max_length(_PERSON, "phone"))
    languages: str = Field(
        "", max_length=max_length(_PERSON, "languages"), description="ISO codes separated by commas"
    )
    consent_given: bool = False


class PersonPatch(Schema):
    """Only the fields sent are changed; consent_given false records a withdrawal."""

    first_name: str | None = Field(None, max_length=max_length(_PERSON, "first_name"))
    last_name: str | None = Field(None, max_length=max_length(_PERSON, "last_name"))
    organisation_id: Id | None = None
    civility: Civility | Literal[""] | None = None
    function: str | None = Field(None, max_length=max_length(_PERSON, "function"))
    email: str | None = Field(None, max_length=max_length(_PERSON, "email"))
    phone: str | None = Field(None, max_length=max_length(_PERSON, "phone"))
    languages: str | None = Field(None, max_length=max_length(_PERSON, "languages"))
    consent_given: bool | None = None


class PersonBrief(Schema):
    id: int
    full_name: str
    function: str
    organisation_id: Id


class GroupOut(Schema):
    id: int
    name: str
    country: str
    federation_id: int
    description: str
    president: PersonBrief | None
    staff_lead: PersonBrief | None
    member_count: int


class GroupDetailOut(GroupOut):
    members: list[OrganisationBrief]


# --- Helpers --------------------------------------------------------------------------

# Fields a PATCH may set to null; a null elsewhere means "leave unchanged".
NULLABLE = frozenset({"latitude", "longitude", "sponsor_id"})


def _changes(payload: Schema) -> dict[str, Any]:
    sent = payload.dict(exclude_unset=True)
    return {name: value for name, value in sent.items() if value is not None or name in NULLABLE}


def _organisation(pk: int) -> Organisation:
    return Organisation.objects.select_related("sponsor").prefetch_related("sectors").get(pk=pk)


def _organisation_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Turn ids and codes of the payload into the objects the services take."""
    fields = dict(data)
    if "sponsor_id" in fields:
        sponsor_id = fields.pop("sponsor_id")
        fields["sponsor"] = None
        if sponsor_id is not None:
            fields["sponsor"] = Organisation.objects.filter(pk=sponsor_id).first()
            if fields["sponsor"] is None:
                raise services.DirectoryError(_("Unknown sponsor."), code="unknown_sponsor")
    if "sector_codes" in fields:
        codes = fields.pop("sector_codes")
        sectors = list(Sector.objects.filter(code__in=codes))
        if len(sectors) != len(set(codes)):
            raise services.DirectoryError(_("Unknown sector code."), code="unknown_sector")
        fields["sectors"] = sectors
    return fields


def _person_out(user: Any, person: Person) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": person.pk,
        "civility": person.civility,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "function": person.function,
        "organisation_id": person.organisation_id,
        "organisation_name": person.organisation.name,
        "archived_at": person.archived_at,
    }
    if rules.test_rule("network.view_person", user, person):
        data.update(
            email=person.email,
            phone=person.phone,
            languages=person.languages,
            consent_given=person.consent_given,
            consent_date=person.consent_date,
        )
    return data


def _person_fields(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    fields = dict(data)
    if "organisation_id" in fields:
        # The service checks the right to add people to it.
        fields["organisation"] = access_organisation(user, fields.pop("organisation_id"))
    return fields


# --- Organisations --------------------------------------------------------------------


@router.get("/organisations", response=responses({200: OrganisationPage}))
def list_organisations(
    request: AuthenticatedHttpRequest, filters: Query[OrganisationFilters]
) -> dict:
    require(request.user, "network.read_shared")
    archived = filters.archived and is_network_staff(request.user)
    qs = services.filter_organisations(
        Organisation.objects.filter(archived_at__isnull=not archived),
        q=filters.q.strip(),
        kind=filters.kind,
        country=filters.country.strip(),
        group_id=filters.group,
        sector_id=filters.sector,
        members_only=filters.members_only,
    )
    page = qs.prefetch_related("sectors").order_by("name_key", "pk")[
        filters.offset : filters.offset + filters.limit
    ]
    return {"count": qs.count(), "items": list(page)}


@router.get(
    "/organisations/{organisation_id}",
    response=responses({200: OrganisationDetailOut}, not_found=True),
)
def get_organisation(request: AuthenticatedHttpRequest, organisation_id: Id) -> Organisation:
    access_organisation(request.user, organisation_id)
    organisation = _organisation(organisation_id)
    rows = []
    for person in organisation.people.filter(erased_at=None, archived_at=None):
        person.organisation = organisation  # the rule reads it; avoid one query per row
        rows.append(_person_out(request.user, person))
    organisation.people_out = rows  # type: ignore[attr-defined]
    return organisation


@router.post(
    "/organisations",
    response=responses({201: OrganisationOut}, invalid=True, conflict=DuplicateOut),
)
def create_organisation(request: AuthenticatedHttpRequest, payload: OrganisationIn) -> Any:
    require(request.user, "network.create_organisation")
    fields = _organisation_fields(payload.dict())
    organisation = services.check_create_organisation(actor=request.user, **fields)
    return Status(201, _organisation(organisation.pk))


@router.patch(
    "/organisations/{organisation_id}",
    response=responses({200: OrganisationOut}, invalid=True, not_found=True, conflict=DuplicateOut),
)
def update_organisation(
    request: AuthenticatedHttpRequest, organisation_id: Id, payload: OrganisationPatch
) -> Any:
    organisation = access_organisation(request.user, organisation_id, edit=True)
    fields = _organisation_fields(_changes(payload))
    services.check_update_organisation(organisation, actor=request.user, **fields)
    return Status(200, _organisation(organisation.pk))


@router.post(
    "/organisations/{organisation_id}/archive",
    response=responses({200: OrganisationOut}, invalid=True, not_found=True),
)
def archive_organisation(request: AuthenticatedHttpRequest, organisation_id: Id) -> Any:
    organisation = access_organisation(request.user, organisation_id)
    require(request.user, "network.archive_organisation", organisation)
    services.check_archive_organisation(organisation, actor=request.user)
    return Status(200, _organisation(organisation.pk))


@router.post(
    "/organisations/{organisation_id}/unarchive",
    response=responses({200: OrganisationOut}, invalid=True, not_found=True, conflict=DuplicateOut),
)
def unarchive_organisation(request: AuthenticatedHttpRequest, organisation_id: Id) -> Any:
    organisation = access_organisation(request.user, organisation_id)
    require(request.user, "network.archive_organisation", organisation)
    services.check_unarchive_organisation(organisation, actor=request.user)
    return Status(200, _organisation(organisation.pk))


# --- People ---------------------------------------------------------------------------


@router.get("/people", response=responses({200: PersonPage}))
def list_people(request: AuthenticatedHttpRequest, filters: Query[PersonFilters]) -> dict:
    qs = services.filter_people(
        visible_people(request.user),
        q=filters.q.strip(),
        organisation_id=filters.organisation,
        archived=filters.archived,
    ).select_related("organisation__sponsor")
    page = qs[filters.offset : filters.offset + filters.limit]
    return {"count": qs.count(), "items": [_person_out(request.user, p) for p in page]}


@router.get("/people/{person_id}", response=responses({200: PersonOut}, not_found=True))
def get_person(request: AuthenticatedHttpRequest, person_id: Id) -> dict:
    person = access_person(request.user, person_id)
    return _person_out(request.user, person)


@router.post(
    "/people",
    response=responses({201: PersonOut}, invalid=True, not_found=True, conflict=DuplicateOut),
)
def create_person(request: AuthenticatedHttpRequest, payload: PersonIn) -> Any:
    require(request.user, "network.read_shared")
    fields = _person_fields(request.user, payload.dict())
    person = services.check_create_person(actor=request.user, **fields)
    return Status(201, _person_out(request.user, person))


@router.patch(
    "/people/{person_id}",
    response=responses({200: PersonOut}, invalid=True, not_found=True, conflict=DuplicateOut),
)
def update_person(request: AuthenticatedHttpRequest, person_id: Id, payload: PersonPatch) -> Any:
    person = access_person(request.user, person_id, edit=True)
    changes = _changes(payload)
    if changes.get("organisation_id") == person.organisation_id:
        changes.pop("organisation_id")
    fields = _person_fields(request.user, changes)
    services.check_update_person(person, actor=request.user, **fields)
    person = Person.objects.select_related("organisation__sponsor").get(pk=person.pk)
    return Status(200, _person_out(request.user, person))


# --- Country groups -------------------------------------------------------------------


def _groups() -> Any:
    return CountryGroup.objects.select_related("president", "staff_lead").annotate(
        member_count=Count("members")
    )


@router.get("/groups", response=responses({200: list[GroupOut]}))
def list_groups(request: AuthenticatedHttpRequest) -> list[CountryGroup]:
    require(request.user, "network.read_shared")
    return list(_groups().order_by("name"))


@router.get("/groups/{group_id}", response=responses({200: GroupDetailOut}, not_found=True))
def get_group(request: AuthenticatedHttpRequest, group_id: Id) -> CountryGroup:
    group = access_group(request.user, group_id)
    return (
        _groups()
        .prefetch_related(
            Prefetch("members", queryset=Organisation.objects.filter(archived_at=None))
        )
        .get(pk=group.pk)
    )
