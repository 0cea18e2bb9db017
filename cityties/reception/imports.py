"""The `guests` kind of import: a list of guests for a reception, each on the quota of the
exhibitor or city that invites them, through the same checks as the pages (the guest's
fields, who may name guests on that quota, the quota's free places, one invitation per
e-mail address). The reception page starts the import with the reception and the
exhibitor filled in as defaults; a file may also name the exhibitor on each row."""

from __future__ import annotations

from collections import Counter
from typing import Any

import rules
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cityties.accounts.permissions import is_network_staff, officer_org_ids
from cityties.core.text import fold, format_number
from cityties.imports.fields import TargetField, text_choices
from cityties.imports.reading import Table, cell_text
from cityties.imports.registry import ImportKind, WriteResult, register
from cityties.imports.validation import CleanRow, Options, RowValidator, ValidationResult

from .models import Invitation, Language, Quota, Reception
from .services import ReceptionError, clean_guest, do_add_guests

KIND = "guests"

GUEST_FIELDS: tuple[TargetField, ...] = (
    TargetField(
        "reception",
        gettext_lazy("Reception number"),
        required=True,
        aliases=("reception", "receptionid"),
        help_text=gettext_lazy("Filled in when the import is started from the reception page."),
    ),
    TargetField(
        "exhibitor",
        gettext_lazy("Invited by (exhibitor or city)"),
        required=True,
        aliases=("exhibitor", "exposant", "invitedby", "invitepar", "entreprise"),
        help_text=gettext_lazy("The name of the exhibitor or member city whose quota it is."),
    ),
    TargetField(
        "name", gettext_lazy("Name"), required=True, aliases=("nom", "fullname", "guest", "invite")
    ),
    TargetField(
        "organisation", gettext_lazy("Organisation"), aliases=("organization", "company", "societe")
    ),
    TargetField(
        "function", gettext_lazy("Function"), aliases=("fonction", "title", "position", "poste")
    ),
    TargetField("email", gettext_lazy("E-mail"), aliases=("courriel", "mail", "emailaddress")),
    TargetField(
        "language",
        gettext_lazy("Language"),
        aliases=("langue", "lang"),
        choices=text_choices(Language),
        value_aliases={"francais": "fr", "french": "fr", "anglais": "en", "english": "en"},
    ),
)


def may_import(user: Any) -> bool:
    """Staff and member officers (for their own and their companies' quotas); a company
    representative names its guests by hand, or asks its sponsoring city's officer."""
    return bool(is_network_staff(user) or officer_org_ids(user))


class GuestRows(RowValidator):
    def __init__(self, *args: Any, user: Any) -> None:
        super().__init__(*args)
        self.user = user
        self.receptions: dict[str, Reception | None] = {}
        self.quotas: dict[int, dict[str, Quota]] = {}
        self.planned: Counter[int] = Counter()
        self.emails: dict[int, set[str]] = {}

    def reception(self, raw: str) -> Reception | None:
        if raw not in self.receptions:
            found = None
            if raw.isdigit() and len(raw) < 12:
                found = Reception.objects.select_related("session").filter(pk=int(raw)).first()
            self.receptions[raw] = found
            if found is not None:
                self.quotas[found.pk] = {
                    fold(q.participant.organisation.name): q
                    for q in found.quotas.select_related(
                        "participant__organisation", "participant__delegation"
                    )
                }
                self.emails[found.pk] = set(
                    found.invitations.exclude(email="").values_list("email", flat=True)
                )
        return self.receptions[raw]

    def handle(self, row: int, cells: list[Any]) -> CleanRow | None:
        reception = self.reception(cell_text(self.cell(cells, "reception")))
        if reception is None:
            self.error(row, "reception", _("Unknown reception."), "unknown_reception")
            return None
        if reception.is_over:
            self.error(row, "reception", _("This reception is over."), "reception_over")
            return None
        raw = cell_text(self.cell(cells, "exhibitor"))
        quota = self.quotas[reception.pk].get(fold(raw))
        if quota is None or not rules.test_rule("reception.name_guests", self.user, quota):
            self.error(
                row,
                "exhibitor",
                _("“%(value)s” has no quota you may use at this reception.") % {"value": raw},
                "unknown_quota",
            )
            return None
        language = self.choice(cells, row, "language")
        try:
            fields = clean_guest(
                {
                    "name": self.text(cells, row, "name", 200),
                    "organisation": self.text(cells, row, "organisation", 200),
                    "function": self.text(cells, row, "function", 200),
                    "email": cell_text(self.cell(cells, "email")),
                    "language": language or Language.EN,
                }
            )
        except ReceptionError as error:
            self.error(row, error.field or "name", str(error), error.code)
            return None
        email = fields["email"]
        if email and self.in_file_duplicate(row, "email", (reception.pk, email)):
            return None
        if email and email in self.emails[reception.pk]:
            self.error(
                row,
                "email",
                _("This guest is already invited to this reception."),
                "already_invited",
            )
            return None
        self.planned[quota.pk] += 1
        if quota.named + self.planned[quota.pk] > quota.size:
            self.error(
                row,
                "exhibitor",
                _("The quota of %(name)s is full (%(size)s invitations).")
                % {"name": quota.participant.organisation.name, "size": quota.size},
                "quota_full",
            )
            return None
        return CleanRow(row, {"quota": quota.pk, **fields})


def validate(
    table: Table,
    mapping: dict[str, str],
    *,
    user: Any,
    options: Options,
    decisions: dict[str, str] | None = None,
    progress: Any = None,
) -> ValidationResult:
    validator = GuestRows(KIND, GUEST_FIELDS, table, mapping, options, decisions, user=user)
    result = validator.run(validator.handle, progress)
    result.planned = {"guests": len(result.valid_rows())}
    return result


def write(result: ValidationResult, *, user: Any, job: Any) -> WriteResult:
    by_quota: dict[int, list[Any]] = {}
    for row in result.rows:
        values = dict(row.values)
        by_quota.setdefault(values.pop("quota"), []).append(values)
    made: list[Invitation] = []
    with transaction.atomic():
        for pk in sorted(by_quota):
            made += do_add_guests(Quota.objects.get(pk=pk), by_quota[pk], actor=user)
    return WriteResult(
        created={"guests": len(made)}, created_ids={"reception.invitation": [i.pk for i in made]}
    )


def count_label(key: str, n: int) -> str:
    return ngettext("%(n)s guest", "%(n)s guests", n) % {"n": format_number(n)}


register(
    ImportKind(
        name=KIND,
        label=gettext_lazy("Reception guests"),
        fields=GUEST_FIELDS,
        validate=validate,
        write=write,
        may_import=may_import,
        count_label=count_label,
    )
)
