"""Participants of a delegation (member governments, and companies with their sponsor),
their delegates, and company profiles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.network.models import Organisation, OrganisationKind, Person, Sector

from ..models import (
    CompanyProfile,
    Delegate,
    DelegateRole,
    Delegation,
    Participant,
    ParticipantKind,
)
from .errors import DelegationError


def check_add_government(
    delegation: Delegation, *, actor: Any, organisation: Organisation
) -> Participant:
    if not organisation.is_government or not organisation.is_member:
        raise DelegationError(
            _("Only member governments take part as governments."), code="not_member_government"
        )
    return _add(delegation, actor=actor, organisation=organisation, kind=ParticipantKind.GOVERNMENT)


def ensure_government(
    delegation: Delegation, *, actor: Any, organisation: Organisation
) -> Participant:
    existing = delegation.participants.filter(organisation=organisation).first()
    return existing or check_add_government(delegation, actor=actor, organisation=organisation)


def check_add_company(
    delegation: Delegation, *, actor: Any, company: Organisation, sponsor: Organisation
) -> Participant:
    """A company travels with a sponsoring member, which then takes part too."""
    if company.kind != OrganisationKind.COMPANY:
        raise DelegationError(_("This organisation is not a company."), code="not_a_company")
    if company.archived_at is not None:
        raise DelegationError(_("This company is archived."), code="company_archived")
    with transaction.atomic():
        ensure_government(delegation, actor=actor, organisation=sponsor)
        return _add(
            delegation,
            actor=actor,
            organisation=company,
            kind=ParticipantKind.COMPANY,
            sponsor=sponsor,
        )


def _add(
    delegation: Delegation,
    *,
    actor: Any,
    organisation: Organisation,
    kind: str,
    sponsor: Organisation | None = None,
) -> Participant:
    try:
        with transaction.atomic(), acting_as(actor):
            return Participant.objects.create(
                delegation=delegation, organisation=organisation, kind=kind, sponsor=sponsor
            )
    except IntegrityError as exc:
        raise DelegationError(
            _("%(name)s already takes part in this delegation.") % {"name": organisation.name},
            code="already_participating",
        ) from exc


def check_remove_participant(participant: Participant, *, actor: Any) -> None:
    if (
        participant.kind == ParticipantKind.GOVERNMENT
        and Participant.objects.filter(
            delegation_id=participant.delegation_id, sponsor_id=participant.organisation_id
        ).exists()
    ):
        raise DelegationError(
            _("Remove the companies this government sponsors first."), code="sponsor_has_companies"
        )
    with transaction.atomic(), acting_as(actor):
        participant.delete()


def check_add_delegate(
    participant: Participant, *, actor: Any, person: Person, role: str
) -> Delegate:
    if role not in DelegateRole.values:
        raise DelegationError(_("Unknown role."), code="invalid_role")
    if person.organisation_id != participant.organisation_id:
        raise DelegationError(
            _("A delegate belongs to the participating organisation."),
            code="person_not_in_organisation",
        )
    if person.erased_at is not None or person.archived_at is not None:
        raise DelegationError(_("This person's record is closed."), code="person_closed")
    try:
        with transaction.atomic(), acting_as(actor):
            return Delegate.objects.create(participant=participant, person=person, role=role)
    except IntegrityError as exc:
        raise DelegationError(
            _("This person is already a delegate."), code="already_delegate"
        ) from exc


def do_remove_delegate(delegate: Delegate, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        delegate.delete()


def do_reset_itinerary_feed(delegate: Delegate, *, actor: Any) -> Delegate:
    from ..models import new_secret

    with transaction.atomic(), acting_as(actor):
        delegate.feed_token = new_secret()
        delegate.save(update_fields=["feed_token"])
    return delegate


# --- Company profiles ----------------------------------------------------------------


PROFILE_FIELDS = (
    "sector",
    "offer_fr",
    "offer_en",
    "target_markets",
    "languages",
    "is_sme",
    "pitch_fr",
    "pitch_en",
)


def _codes(raw: str, *, code: str, upper: bool) -> str:
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    if any(len(part) != 2 or not part.isalpha() for part in parts):
        raise DelegationError(_("Use two-letter codes separated by commas."), code=code)
    return ",".join(dict.fromkeys(part.upper() if upper else part.lower() for part in parts))


def profile_values(company: Organisation) -> dict[str, Any]:
    profile = CompanyProfile.objects.filter(company=company).first()
    if profile is None:
        return {"sector": None, "is_sme": True} | {
            name: "" for name in PROFILE_FIELDS if name not in ("sector", "is_sme")
        }
    return {name: getattr(profile, name) for name in PROFILE_FIELDS}


def check_save_company_profile(
    company: Organisation, *, actor: Any, **values: Any
) -> CompanyProfile:
    """Create or change the profile; only the fields given change."""
    if company.kind != OrganisationKind.COMPANY:
        raise DelegationError(_("This organisation is not a company."), code="not_a_company")
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise DelegationError(_("Unknown field."), code="unknown_field")
    merged = profile_values(company) | values
    merged["target_markets"] = _codes(merged["target_markets"], code="invalid_markets", upper=True)
    merged["languages"] = _codes(merged["languages"], code="invalid_languages", upper=False)
    if merged["sector"] is not None and not isinstance(merged["sector"], Sector):
        raise DelegationError(_("Unknown sector."), code="unknown_sector")
    with transaction.atomic(), acting_as(actor):
        profile, _created = CompanyProfile.objects.update_or_create(
            company=company, defaults=merged
        )
    return profile


# --- Reading -------------------------------------------------------------------------


def participants_with_delegates(delegation: Delegation) -> list[Participant]:
    """Model instances with their delegates, for the API."""
    return list(
        delegation.participants.select_related("organisation", "sponsor")
        .prefetch_related(
            Prefetch(
                "delegates",
                queryset=Delegate.objects.select_related("person").order_by(
                    "person__last_name", "person__first_name"
                ),
            )
        )
        .order_by("organisation__name")
    )


@dataclass(frozen=True)
class DelegateRow:
    pk: int
    person_id: int
    name: str
    role: str
    role_label: str


@dataclass
class ParticipantRow:
    """A participant as the pages list it: plain values, no model instances, so that a
    delegation of hundreds of participants renders fast."""

    pk: int
    organisation_id: int
    name: str
    kind: str
    sponsor_id: int | None
    sponsor_name: str
    sector_fr: str
    sector_en: str
    delegates: list[DelegateRow] = field(default_factory=list)

    @property
    def city_id(self) -> int:
        return self.sponsor_id or self.organisation_id

    @property
    def sector(self) -> str:
        from cityties.events.models import in_language

        return in_language(self.sector_fr or "", self.sector_en or "")


def participant_rows(delegation: Delegation) -> list[ParticipantRow]:
    """Every participant with its delegates, in two queries."""
    rows = {
        values["pk"]: ParticipantRow(
            pk=values["pk"],
            organisation_id=values["organisation_id"],
            name=values["organisation__name"],
            kind=values["kind"],
            sponsor_id=values["sponsor_id"],
            sponsor_name=values["sponsor__name"] or "",
            sector_fr=values["organisation__company_profile__sector__label_fr"] or "",
            sector_en=values["organisation__company_profile__sector__label_en"] or "",
        )
        for values in delegation.participants.order_by("organisation__name").values(
            "pk",
            "organisation_id",
            "organisation__name",
            "kind",
            "sponsor_id",
            "sponsor__name",
            "organisation__company_profile__sector__label_fr",
            "organisation__company_profile__sector__label_en",
        )
    }
    delegates = (
        Delegate.objects.filter(participant__delegation=delegation)
        .order_by("person__last_name", "person__first_name")
        .values_list(
            "pk", "participant_id", "person_id", "person__first_name", "person__last_name", "role"
        )
    )
    labels = {value: str(label) for value, label in DelegateRole.choices}
    for pk, participant_id, person_id, first, last, role in delegates:
        rows[participant_id].delegates.append(
            DelegateRow(
                pk=pk,
                person_id=person_id,
                name=f"{first} {last}".strip(),
                role=role,
                role_label=labels.get(role, role),
            )
        )
    return list(rows.values())


@dataclass
class CityGroup:
    """A member government and the companies it brings, as the delegation page shows."""

    city_id: int
    name: str
    government: ParticipantRow | None = None
    companies: list[ParticipantRow] = field(default_factory=list)


def participants_by_city(participants: list[ParticipantRow]) -> list[CityGroup]:
    groups: dict[int, CityGroup] = {}
    names = {p.organisation_id: p.name for p in participants}
    for participant in participants:
        city_id = participant.city_id
        name = names.get(city_id) or participant.sponsor_name
        group = groups.setdefault(city_id, CityGroup(city_id=city_id, name=name))
        if participant.kind == ParticipantKind.GOVERNMENT:
            group.government = participant
        else:
            group.companies.append(participant)
    return sorted(groups.values(), key=lambda group: group.name)


@dataclass(frozen=True)
class Counts:
    cities: int
    companies: int
    people: int


def delegation_counts(participants: list[ParticipantRow] | list[Participant]) -> Counts:
    people: set[int] = set()
    for p in participants:
        delegates = p.delegates if isinstance(p, ParticipantRow) else p.delegates.all()
        people.update(d.person_id for d in delegates)
    return Counts(
        cities=sum(1 for p in participants if p.kind == ParticipantKind.GOVERNMENT),
        companies=sum(1 for p in participants if p.kind == ParticipantKind.COMPANY),
        people=len(people),
    )
