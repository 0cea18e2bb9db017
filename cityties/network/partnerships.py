"""State changes of partnerships, their documents and activities, and their indicators.

Views, the API, the demo loader and tests all go through these functions. `check_*`
validates and raises a `PartnershipError` with a stable code; `do_*` trusts its caller.
Who may call them is decided before, by the `access_*` helpers and the rules.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import PurePath
from typing import Any, Required, TypedDict, Unpack

import rules
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from cityties.accounts.permissions import (
    is_member_officer,
    is_network_staff,
    officer_org_ids,
    require,
)
from cityties.core.audit import acting_as
from cityties.core.errors import DomainError

from .models import (
    Activity,
    ActivityKind,
    CostSharing,
    Organisation,
    Partnership,
    PartnershipDocument,
    PartnershipKind,
    PartnershipMember,
    PartnershipStatus,
    Theme,
)

# Staff and member officers may start a partnership; check_create_partnership then makes
# sure an officer's own government is one of the partners.
rules.set_rule("network.create_partnership", is_network_staff | is_member_officer)


class PartnershipError(DomainError):
    code = "partnership_error"


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


@dataclass
class YearIndicators:
    year: int
    activities: int = 0
    people_involved: int = 0
    students: int = 0
    companies: int = 0
    contracts: int = 0
    # Budgets in different currencies are never added together.
    budgets: dict[str, Decimal] = field(default_factory=dict)


_INDICATORS = ("people_involved", "students", "companies", "contracts")


def yearly_indicators(partnership: Partnership) -> list[YearIndicators]:
    """The indicators of a partnership's activities summed per year, latest year first."""
    rows = (
        Activity.objects.filter(partnership=partnership)
        .annotate(year=ExtractYear("start_date"))
        .values("year", "budget_currency")
        .annotate(
            n=Count("id"),
            budget_sum=Sum("budget"),
            people_involved_sum=Sum("people_involved"),
            students_sum=Sum("students"),
            companies_sum=Sum("companies"),
            contracts_sum=Sum("contracts"),
        )
        .order_by("-year", "budget_currency")
    )
    years: dict[int, YearIndicators] = {}
    row: dict[str, Any]
    for row in rows:  # type: ignore[assignment]
        item = years.setdefault(row["year"], YearIndicators(year=row["year"]))
        item.activities += row["n"]
        for name in _INDICATORS:
            setattr(item, name, getattr(item, name) + (row[f"{name}_sum"] or 0))
        budget = Decimal(row["budget_sum"] or 0).quantize(Decimal("0.01"))
        if budget:
            item.budgets[row["budget_currency"]] = budget
    return list(years.values())


def total_indicators(years: Sequence[YearIndicators]) -> YearIndicators:
    total = YearIndicators(year=0)
    for item in years:
        total.activities += item.activities
        for name in _INDICATORS:
            setattr(total, name, getattr(total, name) + getattr(item, name))
        for currency, amount in item.budgets.items():
            total.budgets[currency] = total.budgets.get(currency, Decimal("0.00")) + amount
    return total


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


def _validate_partnership(
    *,
    actor: Any,
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
        )
    if len(title) > 200:
        raise PartnershipError(_("The title is too long."), code="title_too_long")
    # Officers act for their own government: they may not create, or leave, a partnership
    # that does not include it (they would lose sight of it at once).
    if not is_network_staff(actor) and not officer_org_ids(actor) & {org.pk for org in members}:
        raise PartnershipError(
            _("Your own organisation must be one of the partners."),
            code="own_organisation_required",
        )


def check_partnership_rules(
    *,
    actor: Any,
    members: Sequence[Organisation],
    kind: str,
    status: str = PartnershipStatus.ACTIVE,
    signed_on: date | None = None,
    renewed_on: date | None = None,
    cost_sharing: str = CostSharing.UNDEFINED,
    title: str = "",
) -> None:
    """The rules a new partnership obeys, without writing it (imports check each row)."""
    _validate_partnership(
        actor=actor,
        members=members,
        kind=kind,
        status=status,
        signed_on=signed_on,
        renewed_on=renewed_on,
        cost_sharing=cost_sharing,
        title=title.strip(),
    )


def check_create_partnership(
    *,
    actor: Any,
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
    _validate_partnership(
        actor=actor,
        members=members,
        kind=kind,
        status=status,
        signed_on=signed_on,
        renewed_on=renewed_on,
        cost_sharing=cost_sharing,
        title=title,
    )
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
    actor: Any,
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
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
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
    actor: Any,
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
    _ensure_not_archived(partnership)
    title = title.strip()
    _validate_partnership(
        actor=actor,
        members=members,
        kind=kind,
        status=status,
        signed_on=signed_on,
        renewed_on=renewed_on,
        cost_sharing=cost_sharing,
        title=title,
    )
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
    actor: Any,
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


def _ensure_not_archived(partnership: Partnership) -> None:
    if partnership.archived_at is not None:
        raise PartnershipError(
            _("This partnership is archived and can no longer be changed."),
            code="partnership_archived",
        )


def check_archive_partnership(partnership: Partnership, *, actor: Any) -> Partnership:
    _ensure_not_archived(partnership)
    return do_archive_partnership(partnership, actor=actor)


def do_archive_partnership(partnership: Partnership, *, actor: Any) -> Partnership:
    with transaction.atomic(), acting_as(actor):
        partnership.archived_at = timezone.now()
        partnership.save(update_fields=["archived_at", "updated_at"])
    return partnership


# --- Documents -----------------------------------------------------------------------

# Extension → (content type, check of the first bytes or of the archive's entries).
_ZIP_MAGIC = b"PK\x03\x04"
ALLOWED_DOCUMENT_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def _content_matches(extension: str, upload: UploadedFile) -> bool:
    """The file really is what its name says: browsers' declared types cannot be trusted."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension == ".png":
        return head == b"\x89PNG\r\n\x1a\n"
    if extension in {".jpg", ".jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if not head.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if extension == ".odt":
                return archive.read("mimetype") == ALLOWED_DOCUMENT_TYPES[".odt"].encode()
    except (zipfile.BadZipFile, KeyError):
        return False
    finally:
        upload.seek(0)
    marker = "word/document.xml" if extension == ".docx" else "xl/workbook.xml"
    return marker in names


def check_upload_document(
    partnership: Partnership, *, actor: Any, title: str, upload: UploadedFile
) -> PartnershipDocument:
    _ensure_not_archived(partnership)
    size = upload.size or 0
    if size == 0:
        raise PartnershipError(_("The file is empty."), code="file_empty")
    if size > settings.MAX_UPLOAD_BYTES:
        raise PartnershipError(
            _("The file is too large (at most %(mb)s MB).")
            % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="file_too_large",
        )
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in ALLOWED_DOCUMENT_TYPES:
        raise PartnershipError(
            _("Accepted files: PDF, DOCX, XLSX, ODT, PNG and JPEG."), code="file_type_not_allowed"
        )
    if not _content_matches(extension, upload):
        raise PartnershipError(
            _("The file's content does not match its type."), code="file_content_mismatch"
        )
    title = title.strip() or PurePath(upload.name or "").stem
    return do_upload_document(
        partnership,
        actor=actor,
        title=title[:200],
        upload=upload,
        content_type=ALLOWED_DOCUMENT_TYPES[extension],
    )


def do_upload_document(
    partnership: Partnership, *, actor: Any, title: str, upload: UploadedFile, content_type: str
) -> PartnershipDocument:
    filename = get_valid_filename(PurePath(upload.name or "document").name)
    with transaction.atomic(), acting_as(actor):
        document = PartnershipDocument(
            partnership=partnership,
            title=title,
            content_type=content_type,
            size=upload.size or 0,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        document.file.save(filename, upload, save=False)
        stored = document.file.name or ""
        storage = document.file.storage
        try:
            document.save()
        except Exception:
            # No row, no file: a failed save must not leave an orphan behind.
            storage.delete(stored)
            raise
    return document


def check_delete_document(document: PartnershipDocument, *, actor: Any) -> None:
    _ensure_not_archived(document.partnership)
    do_delete_document(document, actor=actor)


def do_delete_document(document: PartnershipDocument, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        name, storage = document.file.name or "", document.file.storage
        document.delete()
        # The file goes only once the row is gone for good.
        transaction.on_commit(lambda: storage.delete(name))


# --- Activities ----------------------------------------------------------------------

_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _validate_activity(
    *,
    kind: str,
    title: str,
    start_date: date,
    end_date: date | None,
    people_involved: int,
    students: int,
    companies: int,
    contracts: int,
    budget: Decimal,
    budget_currency: str,
) -> None:
    if kind not in ActivityKind.values:
        raise PartnershipError(_("Unknown kind of activity."), code="invalid_activity_kind")
    if not title.strip():
        raise PartnershipError(_("An activity needs a title."), code="title_required")
    if end_date is not None and end_date < start_date:
        raise PartnershipError(
            _("An activity cannot end before it starts."), code="end_before_start"
        )
    if min(people_involved, students, companies, contracts) < 0:
        raise PartnershipError(_("Indicators cannot be negative."), code="negative_indicator")
    if budget < 0:
        raise PartnershipError(_("The budget cannot be negative."), code="negative_budget")
    if budget != budget.quantize(Decimal("0.01")) or budget >= Decimal("1e10"):
        raise PartnershipError(
            _("The budget must be an amount with at most two decimals."), code="invalid_budget"
        )
    if not _CURRENCY.match(budget_currency):
        raise PartnershipError(
            _("The currency must be a three-letter ISO code such as EUR."),
            code="invalid_currency",
        )


class ActivityValues(TypedDict, total=False):
    kind: Required[str]
    title: Required[str]
    start_date: Required[date]
    end_date: date | None
    place: str
    description: str
    people_involved: int
    students: int
    companies: int
    contracts: int
    budget: Decimal
    budget_currency: str


ACTIVITY_FIELDS = tuple(ActivityValues.__annotations__)
ACTIVITY_DEFAULTS: dict[str, Any] = {
    "end_date": None,
    "place": "",
    "description": "",
    "people_involved": 0,
    "students": 0,
    "companies": 0,
    "contracts": 0,
    "budget": Decimal("0"),
    "budget_currency": "EUR",
}


def _checked_activity_values(values: dict[str, Any]) -> dict[str, Any]:
    """Normalise and validate an activity's fields, shared by creation and update."""
    unknown = set(values) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"unknown activity fields: {sorted(unknown)}")
    values = ACTIVITY_DEFAULTS | values
    values.update(
        title=values["title"].strip(), budget_currency=values["budget_currency"].strip().upper()
    )
    _validate_activity(**{k: v for k, v in values.items() if k not in ("place", "description")})
    return values


def check_add_activity(
    partnership: Partnership, *, actor: Any, **fields: Unpack[ActivityValues]
) -> Activity:
    _ensure_not_archived(partnership)
    values = _checked_activity_values(dict(fields))
    return do_add_activity(partnership, actor=actor, **values)


def do_add_activity(partnership: Partnership, *, actor: Any, **values: Any) -> Activity:
    with transaction.atomic(), acting_as(actor):
        return Activity.objects.create(
            partnership=partnership,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            **values,
        )


def activity_values(activity: Activity) -> dict[str, Any]:
    """The current editable values, for partial updates (the API's PATCH)."""
    return {name: getattr(activity, name) for name in ACTIVITY_FIELDS}


def check_update_activity(activity: Activity, *, actor: Any, **fields: Any) -> Activity:
    """Change the given fields; the others keep their current values."""
    _ensure_not_archived(activity.partnership)
    values = _checked_activity_values(activity_values(activity) | fields)
    return do_update_activity(activity, actor=actor, **values)


def do_update_activity(activity: Activity, *, actor: Any, **values: Any) -> Activity:
    with transaction.atomic(), acting_as(actor):
        for name, value in values.items():
            setattr(activity, name, value)
        activity.save()
    return activity


def check_delete_activity(activity: Activity, *, actor: Any) -> None:
    _ensure_not_archived(activity.partnership)
    do_delete_activity(activity, actor=actor)


def do_delete_activity(activity: Activity, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        activity.delete()


# --- Listing and history -------------------------------------------------------------


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
                Q(organisation__name__icontains=q) | Q(organisation__city__icontains=q)
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
                Q(organisation__name__icontains=partner)
                | Q(organisation__short_name__icontains=partner)
            )
        )
    return qs.order_by("title", "pk")


@dataclass(frozen=True)
class HistoryEntry:
    timestamp: Any
    actor: str
    action: str
    subject: str
    fields: list[str]


_NOISE_FIELDS = frozenset({"id", "created_at", "updated_at", "partnership", "created_by"})


def partnership_history(partnership: Partnership, *, limit: int = 50) -> list[HistoryEntry]:
    """Changes to the partnership, its partners and its activities, deleted ones included.

    An activity or partner row is tied to its partnership through the id recorded when it
    was created, which survives the row's deletion.
    """
    pk = str(partnership.pk)
    child_ids = {
        model: LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            action=LogEntry.Action.CREATE,
            changes__partnership__1=pk,
        ).values("object_id")
        for model in (Activity, PartnershipMember)
    }
    entries = (
        LogEntry.objects.filter(
            Q(
                content_type=ContentType.objects.get_for_model(Partnership),
                object_id=partnership.pk,
            )
            | Q(
                content_type=ContentType.objects.get_for_model(Activity),
                object_id__in=child_ids[Activity],
            )
            | Q(
                content_type=ContentType.objects.get_for_model(PartnershipMember),
                object_id__in=child_ids[PartnershipMember],
            )
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    history = []
    for entry in entries:
        model = entry.content_type.model_class()
        fields: list[str] = []
        if model is not None and entry.action == LogEntry.Action.UPDATE:
            for name in entry.changes_dict:
                if name in _NOISE_FIELDS:
                    continue
                try:
                    fields.append(str(model._meta.get_field(name).verbose_name))
                except FieldDoesNotExist:
                    fields.append(name)
        history.append(
            HistoryEntry(
                timestamp=entry.timestamp,
                actor=str(entry.actor) if entry.actor else (entry.actor_email or ""),
                action=str(entry.get_action_display()),
                subject=f"{model._meta.verbose_name if model else ''}: {entry.object_repr}",
                fields=fields,
            )
        )
    return history
