"""State changes of partnerships, the filters of their lists and their labels.

`check_*` validates and raises a `PartnershipError` with a stable code; `do_*` trusts its
caller. Who may call them is decided before, by the `access_*` helpers and the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

import rules
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.models import User
from cityties.accounts.permissions import is_network_staff, officer_org_ids, require
from cityties.core.audit import acting_as
from cityties.core.text import fold

from ..models import (
    CostSharing,
    Organisation,
    Partnership,
    PartnershipKind,
    PartnershipMember,
    PartnershipStatus,
    Theme,
)
from ..names import members_key
from .errors import PartnershipDuplicateError, PartnershipError


def require_create_partnership(user: Any) -> None:
    require(user, "network.read_shared")
    require(user, "network.create_partnership")


def can_edit_partnership(user: Any, partnership: Partnership) -> bool:
    return rules.test_rule("network.edit_partnership", user, partnership)


# --- Reading -------------------------------------------------------------------------


def with_listing_relations(qs: QuerySet[Partnership]) -> QuerySet[Partnership]:
    """Partners and themes in two extra queries, whatever the number of rows."""
    return qs.prefetch_related(
        Prefetch(
            "memberships",
            queryset=PartnershipMember.objects.select_related("organisation").order_by(
                "organisation__name"
            ),
        ),
        "themes",
    )


# An en dash, as typography wants between place names.
PARTNER_SEPARATOR = " \u2013 "


def partners_label(organisations: Iterable[Organisation]) -> str:
    return PARTNER_SEPARATOR.join(org.short_name or org.name for org in organisations)


# --- Partnerships --------------------------------------------------------------------


def resolve_organisations(ids: Iterable[int]) -> list[Organisation]:
    wanted = set(ids)
    found = list(Organisation.objects.filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise PartnershipError(_("Unknown organisation."), code="unknown_organisation")
    return found


def resolve_themes(codes: Iterable[str]) -> list[Theme]:
    wanted = set(codes)
    found = list(Theme.objects.filter(code__in=wanted))
    if len(found) != len(wanted):
        raise PartnershipError(_("Unknown theme."), code="unknown_theme")
    return found


# The arguments of `validate_partnership`, for callers holding a partnership's values.
PARTNERSHIP_RULE_FIELDS = (
    "members",
    "kind",
    "status",
    "signed_on",
    "renewed_on",
    "cost_sharing",
    "title",
)


def validate_partnership(
    *,
    actor: User | None,
    members: Sequence[Organisation],
    kind: str,
    status: str,
    signed_on: date | None,
    renewed_on: date | None,
    cost_sharing: str,
    title: str,
) -> None:
    if kind not in PartnershipKind.values:
        raise PartnershipError(_("Unknown kind of partnership."), code="invalid_kind")
    if status not in PartnershipStatus.values:
        raise PartnershipError(_("Unknown status."), code="invalid_status")
    if cost_sharing not in CostSharing.values:
        raise PartnershipError(_("Unknown cost-sharing rule."), code="invalid_cost_sharing")
    if len({org.pk for org in members}) < 2:
        raise PartnershipError(
            _("A partnership needs at least two different governments."),
            code="too_few_members",
        )
    if any(not org.is_government for org in members):
        raise PartnershipError(
            _("Only local and regional governments can be partners."),
            code="member_not_government",
        )
    if any(org.archived_at is not None for org in members):
        raise PartnershipError(
            _("An archived organisation cannot be a partner."), code="member_archived"
        )
    if signed_on and renewed_on and renewed_on < signed_on:
        raise PartnershipError(
            _("A partnership cannot be renewed before it was signed."),
            code="renewed_before_signed",
            field="renewed_on",
        )
    if len(title) > 200:
        raise PartnershipError(_("The title is too long."), code="title_too_long", field="title")
    # Officers act for their own government: they may not create, or leave, a partnership
    # that does not include it (they would lose sight of it at once). No actor is the
    # platform itself (the demo loader, commands).
    ids = {org.pk for org in members}
    if actor is not None and not is_network_staff(actor) and not officer_org_ids(actor) & ids:
        raise PartnershipError(
            _("Your own organisation must be one of the partners."),
            code="own_organisation_required",
        )


def check_partnership_rules(
    *,
    actor: User | None,
    members: Sequence[Organisation],
    kind: str,
    status: str = PartnershipStatus.ACTIVE,
    signed_on: date | None = None,
    renewed_on: date | None = None,
    cost_sharing: str = CostSharing.UNDEFINED,
    title: str = "",
) -> None:
    """The rules a new partnership obeys, without writing it (imports check each row)."""
    validate_partnership(
        actor=actor,
        members=members,
        kind=kind,
        status=status,
        signed_on=signed_on,
        renewed_on=renewed_on,
        cost_sharing=cost_sharing,
        title=title.strip(),
    )


def find_duplicate_partnership(
    kind: str, members: Sequence[Organisation], *, exclude_pk: int | None = None
) -> Partnership | None:
    """The active partnership of this kind between exactly these members, if any."""
    qs = Partnership.objects.filter(
        archived_at=None, kind=kind, members_key=members_key(org.pk for org in members)
    )
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("pk").first()


def _duplicate_error(duplicate: Partnership, actor: User | None) -> PartnershipDuplicateError:
    # A private partnership is named only to whom may see it.
    if actor is None or rules.test_rule("network.view_partnership", actor, duplicate):
        return PartnershipDuplicateError(
            _("This partnership already exists: “%(title)s” (no. %(id)s).")
            % {"title": duplicate.title, "id": duplicate.pk},
            existing=duplicate,
        )
    return PartnershipDuplicateError(
        _("A partnership of this kind between these partners already exists."), existing=None
    )


def _check_not_duplicate(
    actor: User | None,
    kind: str,
    members: Sequence[Organisation],
    exclude_pk: int | None = None,
) -> None:
    duplicate = find_duplicate_partnership(kind, members, exclude_pk=exclude_pk)
    if duplicate is not None:
        raise _duplicate_error(duplicate, actor)


@contextmanager
def _refusing_duplicates(
    actor: User | None, kind: str, members: Sequence[Organisation], exclude_pk: int | None
) -> Iterator[None]:
    """A parallel request may have written the same partnership since the check: the
    database's unique constraint refuses it, reported as the duplicate it is."""
    try:
        yield
    except IntegrityError:
        duplicate = find_duplicate_partnership(kind, members, exclude_pk=exclude_pk)
        if duplicate is None:
            raise
        raise _duplicate_error(duplicate, actor) from None


def check_create_partnership(
    *,
    actor: User | None,
    members: Sequence[Organisation],
    kind: str,
    title: str = "",
    status: str = PartnershipStatus.ACTIVE,
    signed_on: date | None = None,
    renewed_on: date | None = None,
    themes: Sequence[Theme] = (),
    cost_sharing: str = CostSharing.UNDEFINED,
    cost_sharing_notes: str = "",
    description: str = "",
    is_public: bool = False,
    is_shared: bool = True,
) -> Partnership:
    title = title.strip()
    validate_partnership(
        actor=actor,
        members=members,
        kind=kind,
        status=status,
        signed_on=signed_on,
        renewed_on=renewed_on,
        cost_sharing=cost_sharing,
        title=title,
    )
    _check_not_duplicate(actor, kind, members)
    with _refusing_duplicates(actor, kind, members, None):
        return do_create_partnership(
            actor=actor,
            members=members,
            kind=kind,
            title=title or partners_label(_unique(members)),
            status=status,
            signed_on=signed_on,
            renewed_on=renewed_on,
            themes=themes,
            cost_sharing=cost_sharing,
            cost_sharing_notes=cost_sharing_notes,
            description=description,
            is_public=is_public,
            is_shared=is_shared,
        )


def _unique(members: Sequence[Organisation]) -> list[Organisation]:
    seen: dict[int, Organisation] = {}
    for org in members:
        seen.setdefault(org.pk, org)
    return list(seen.values())


def do_create_partnership(
    *,
    actor: User | None,
    members: Sequence[Organisation],
    kind: str,
    title: str,
    status: str,
    signed_on: date | None,
    renewed_on: date | None,
    themes: Sequence[Theme],
    cost_sharing: str,
    cost_sharing_notes: str,
    description: str,
    is_public: bool,
    is_shared: bool,
) -> Partnership:
    with transaction.atomic(), acting_as(actor):
        partnership = Partnership.objects.create(
            members_key=members_key(org.pk for org in members),
            title=title,
            kind=kind,
            status=status,
            signed_on=signed_on,
            renewed_on=renewed_on,
            cost_sharing=cost_sharing,
            cost_sharing_notes=cost_sharing_notes,
            description=description,
            is_public=is_public,
            is_shared=is_shared,
            created_by=actor,
        )
        # One row at a time so that django-auditlog records each partner joining.
        for org in _unique(members):
            PartnershipMember.objects.create(partnership=partnership, organisation=org)
        partnership.themes.set(themes)
    return partnership


def partnership_values(partnership: Partnership) -> dict[str, Any]:
    """The current editable values, for partial updates (the API's PATCH)."""
    return {
        "members": list(partnership.members.all()),
        "kind": partnership.kind,
        "title": partnership.title,
        "status": partnership.status,
        "signed_on": partnership.signed_on,
        "renewed_on": partnership.renewed_on,
        "themes": list(partnership.themes.all()),
        "cost_sharing": partnership.cost_sharing,
        "cost_sharing_notes": partnership.cost_sharing_notes,
        "description": partnership.description,
        "is_public": partnership.is_public,
        "is_shared": partnership.is_shared,
    }


def check_update_partnership(
    partnership: Partnership,
    *,
    actor: User | None,
    members: Sequence[Organisation],
    kind: str,
    title: str,
    status: str,
    signed_on: date | None,
    renewed_on: date | None,
    themes: Sequence[Theme],
    cost_sharing: str,
    cost_sharing_notes: str,
    description: str,
    is_public: bool,
    is_shared: bool,
) -> Partnership:
    ensure_not_archived(partnership)
    title = title.strip()
    validate_partnership(
        actor=actor,
        members=members,
        kind=kind,
        status=status,
        signed_on=signed_on,
        renewed_on=renewed_on,
        cost_sharing=cost_sharing,
        title=title,
    )
    _check_not_duplicate(actor, kind, members, exclude_pk=partnership.pk)
    with _refusing_duplicates(actor, kind, members, partnership.pk):
        return do_update_partnership(
            partnership,
            actor=actor,
            members=members,
            kind=kind,
            title=title or partners_label(_unique(members)),
            status=status,
            signed_on=signed_on,
            renewed_on=renewed_on,
            themes=themes,
            cost_sharing=cost_sharing,
            cost_sharing_notes=cost_sharing_notes,
            description=description,
            is_public=is_public,
            is_shared=is_shared,
        )


def do_update_partnership(
    partnership: Partnership,
    *,
    actor: User | None,
    members: Sequence[Organisation],
    kind: str,
    title: str,
    status: str,
    signed_on: date | None,
    renewed_on: date | None,
    themes: Sequence[Theme],
    cost_sharing: str,
    cost_sharing_notes: str,
    description: str,
    is_public: bool,
    is_shared: bool,
) -> Partnership:
    with transaction.atomic(), acting_as(actor):
        partnership.title = title
        partnership.kind = kind
        partnership.status = status
        partnership.signed_on = signed_on
        partnership.renewed_on = renewed_on
        partnership.cost_sharing = cost_sharing
        partnership.cost_sharing_notes = cost_sharing_notes
        partnership.description = description
        partnership.is_public = is_public
        partnership.is_shared = is_shared
        partnership.members_key = members_key(org.pk for org in members)
        partnership.save()
        wanted = {org.pk: org for org in members}
        current = {m.organisation_id: m for m in partnership.memberships.all()}
        for org_id, membership in current.items():
            if org_id not in wanted:
                membership.delete()
        for org_id, org in wanted.items():
            if org_id not in current:
                PartnershipMember.objects.create(partnership=partnership, organisation=org)
        partnership.themes.set(themes)
    return partnership


def ensure_not_archived(partnership: Partnership) -> None:
    if partnership.archived_at is not None:
        raise PartnershipError(
            _("This partnership is archived and can no longer be changed."),
            code="partnership_archived",
        )


def check_archive_partnership(partnership: Partnership, *, actor: User | None) -> Partnership:
    ensure_not_archived(partnership)
    return do_archive_partnership(partnership, actor=actor)


def do_archive_partnership(partnership: Partnership, *, actor: User | None) -> Partnership:
    with transaction.atomic(), acting_as(actor):
        partnership.archived_at = timezone.now()
        partnership.save(update_fields=["archived_at", "updated_at"])
    return partnership


# --- Listing -------------------------------------------------------------


def filter_partnerships(
    qs: QuerySet[Partnership],
    *,
    q: str = "",
    country: str = "",
    theme: str = "",
    kind: str = "",
    status: str = "",
    member: int | None = None,
    partner: str = "",
) -> QuerySet[Partnership]:
    """The filters of the list, the API, the atlas and the exports. Unknown values filter
    nothing.

    Partner and theme conditions are subqueries rather than joins: a partnership with two
    matching partners appears once, without a DISTINCT that slows large sets down.
    """

    def having_partner(match: Q) -> Q:
        return Q(pk__in=PartnershipMember.objects.filter(match).values("partnership_id"))

    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(description__icontains=q)
            | having_partner(
                Q(organisation__name_key__contains=fold(q)) | Q(organisation__city__icontains=q)
            )
        )
    if country:
        qs = qs.filter(having_partner(Q(organisation__country=country.upper())))
    if theme:
        themed = Partnership.themes.through.objects.filter(theme__code=theme)
        qs = qs.filter(pk__in=themed.values("partnership_id"))
    if kind in PartnershipKind.values:
        qs = qs.filter(kind=kind)
    if status in PartnershipStatus.values:
        qs = qs.filter(status=status)
    if member:
        qs = qs.filter(having_partner(Q(organisation_id=member)))
    if partner:
        qs = qs.filter(
            having_partner(
                Q(organisation__name_key__contains=fold(partner))
                | Q(organisation__short_name__icontains=partner)
            )
        )
    return qs.order_by("title", "pk")
