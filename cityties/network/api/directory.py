"""REST endpoints of the directory: organisations, people and country groups.

The same access helpers, rules and services as the pages. E-mail and phone of a person
are null for callers that the rule network.view_person does not allow.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import rules
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from cityties.accounts.permissions import is_network_staff, require
from cityties.core.http import AuthenticatedHttpRequest, DuplicateOut, ErrorOut

from .. import services
from ..access import access_group, access_organisation, access_person, visible_people
from ..models import CountryGroup, Organisation, Person, Sector

router = Router(tags=["directory"])

MAX_LIMIT = 200


# --- Schemas --------------------------------------------------------------------------


class OrganisationBrief(Schema):
    id: int
    name: str
    kind: str
    country: str


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
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
    civility: str
    first_name: str
    last_name: str
    function: str
    organisation_id: int
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
    q: str = ""
    kind: str = ""
    country: str = Field("", description="ISO 3166 code")
    group: int | None = Field(None, description="Id of a country group")
    sector: int | None = Field(None, description="Id of a sector")
    members_only: bool = False
    archived: bool = Field(False, description="Archived organisations (network staff only)")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


class OrganisationIn(Schema):
    name: str
    kind: str
    country: str = Field(..., description="ISO 3166 code, e.g. US")
    short_name: str = ""
    region: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    website: str = ""
    email: str = ""
    description: str = ""
    is_member: bool = False
    sponsor_id: int | None = None
    sector_codes: list[str] = []


class OrganisationPatch(Schema):
    """Only the fields sent are changed."""

    name: str | None = None
    kind: str | None = None
    country: str | None = None
    short_name: str | None = None
    region: str | None = None
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    website: str | None = None
    email: str | None = None
    description: str | None = None
    is_member: bool | None = None
    sponsor_id: int | None = None
    sector_codes: list[str] | None = None


class PersonPage(Schema):
    count: int
    items: list[PersonOut]


class PersonFilters(Schema):
    q: str = ""
    organisation: int | None = Field(None, description="Id of an organisation")
    archived: bool = False
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


class PersonIn(Schema):
    first_name: str
    last_name: str
    organisation_id: int
    civility: str = ""
    function: str = ""
    email: str = ""
    phone: str = ""
    languages: str = Field("", description="ISO codes separated by commas")
    consent_given: bool = False


class PersonPatch(Schema):
    """Only the fields sent are changed; consent_given false records a withdrawal."""

    first_name: str | None = None
    last_name: str | None = None
    organisation_id: int | None = None
    civility: str | None = None
    function: str | None = None
    email: str | None = None
    phone: str | None = None
    languages: str | None = None
    consent_given: bool | None = None


class PersonBrief(Schema):
    id: int
    full_name: str
    function: str
    organisation_id: int


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


@router.get("/organisations", response=OrganisationPage)
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
    page = qs.prefetch_related("sectors").order_by("name", "pk")[
        filters.offset : filters.offset + filters.limit
    ]
    return {"count": qs.count(), "items": list(page)}


@router.get("/organisations/{organisation_id}", response=OrganisationDetailOut)
def get_organisation(request: AuthenticatedHttpRequest, organisation_id: int) -> Organisation:
    access_organisation(request.user, organisation_id)
    organisation = _organisation(organisation_id)
    rows = []
    for person in organisation.people.filter(erased_at=None, archived_at=None):
        person.organisation = organisation  # the rule reads it; avoid one query per row
        rows.append(_person_out(request.user, person))
    organisation.people_out = rows  # type: ignore[attr-defined]
    return organisation


ORGANISATION_ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut, 409: DuplicateOut}


@router.post("/organisations", response={201: OrganisationOut, **ORGANISATION_ERRORS})
def create_organisation(request: AuthenticatedHttpRequest, payload: OrganisationIn) -> Any:
    require(request.user, "network.create_organisation")
    fields = _organisation_fields(payload.dict())
    organisation = services.check_create_organisation(actor=request.user, **fields)
    return Status(201, _organisation(organisation.pk))


@router.patch(
    "/organisations/{organisation_id}", response={200: OrganisationOut, **ORGANISATION_ERRORS}
)
def update_organisation(
    request: AuthenticatedHttpRequest, organisation_id: int, payload: OrganisationPatch
) -> Any:
    organisation = access_organisation(request.user, organisation_id, edit=True)
    fields = _organisation_fields(_changes(payload))
    services.check_update_organisation(organisation, actor=request.user, **fields)
    return Status(200, _organisation(organisation.pk))


@router.post(
    "/organisations/{organisation_id}/archive",
    response={200: OrganisationOut, 400: ErrorOut, 403: ErrorOut},
)
def archive_organisation(request: AuthenticatedHttpRequest, organisation_id: int) -> Any:
    organisation = access_organisation(request.user, organisation_id)
    require(request.user, "network.archive_organisation", organisation)
    services.check_archive_organisation(organisation, actor=request.user)
    return Status(200, _organisation(organisation.pk))


@router.post(
    "/organisations/{organisation_id}/unarchive",
    response={200: OrganisationOut, **ORGANISATION_ERRORS},
)
def unarchive_organisation(request: AuthenticatedHttpRequest, organisation_id: int) -> Any:
    organisation = access_organisation(request.user, organisation_id)
    require(request.user, "network.archive_organisation", organisation)
    services.check_unarchive_organisation(organisation, actor=request.user)
    return Status(200, _organisation(organisation.pk))


# --- People ---------------------------------------------------------------------------


@router.get("/people", response=PersonPage)
def list_people(request: AuthenticatedHttpRequest, filters: Query[PersonFilters]) -> dict:
    qs = services.filter_people(
        visible_people(request.user),
        q=filters.q.strip(),
        organisation_id=filters.organisation,
        archived=filters.archived,
    ).select_related("organisation__sponsor")
    page = qs[filters.offset : filters.offset + filters.limit]
    return {"count": qs.count(), "items": [_person_out(request.user, p) for p in page]}


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request: AuthenticatedHttpRequest, person_id: int) -> dict:
    person = access_person(request.user, person_id)
    return _person_out(request.user, person)


PERSON_ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut, 409: DuplicateOut}


@router.post("/people", response={201: PersonOut, **PERSON_ERRORS})
def create_person(request: AuthenticatedHttpRequest, payload: PersonIn) -> Any:
    require(request.user, "network.read_shared")
    fields = _person_fields(request.user, payload.dict())
    person = services.check_create_person(actor=request.user, **fields)
    return Status(201, _person_out(request.user, person))


@router.patch("/people/{person_id}", response={200: PersonOut, **PERSON_ERRORS})
def update_person(request: AuthenticatedHttpRequest, person_id: int, payload: PersonPatch) -> Any:
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


@router.get("/groups", response=list[GroupOut])
def list_groups(request: AuthenticatedHttpRequest) -> list[CountryGroup]:
    require(request.user, "network.read_shared")
    return list(_groups().order_by("name"))


@router.get("/groups/{group_id}", response=GroupDetailOut)
def get_group(request: AuthenticatedHttpRequest, group_id: int) -> CountryGroup:
    group = access_group(request.user, group_id)
    return (
        _groups()
        .prefetch_related(
            Prefetch("members", queryset=Organisation.objects.filter(archived_at=None))
        )
        .get(pk=group.pk)
    )
