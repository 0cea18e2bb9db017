"""Row validation of the network's imports, through the same rules as the pages and the API."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from cityties.accounts.permissions import is_network_staff
from cityties.core import gazetteer
from cityties.core.countries import resolve_country
from cityties.imports.fields import TargetField, fold, parse_float, split_list
from cityties.imports.reading import Table, cell_text
from cityties.imports.validation import CleanRow, Options, RowValidator, ValidationResult

from .. import services
from ..models import (
    GOVERNMENT_KINDS,
    OrganisationKind,
    PartnershipStatus,
)
from ..services.partnerships import PartnershipError, check_partnership_rules
from .fields import MAX_PARTNER_COLUMNS, SHOWN_CANDIDATES
from .matching import Directory, Org, Planned, org_key, region_matches

# --- Row validation -------------------------------------------------------------------------


class NetworkRows(RowValidator):
    def __init__(
        self,
        kind: str,
        fields: tuple[TargetField, ...],
        table: Table,
        mapping: dict[str, str],
        options: Options,
        decisions: dict[str, str] | None,
        user: Any,
    ) -> None:
        super().__init__(kind, fields, table, mapping, options, decisions)
        self.user = user
        self.staff = bool(is_network_staff(user))
        self.directory = Directory(kind)
        self.planned: dict[tuple[str, str, str], Planned] = {}
        self._next_temp_id = -1
        self._gazetteer: gazetteer.Gazetteer | None = None

    # Permissions, through the same rules as the pages and the API ---------------------------

    def may_edit(self, org: Org) -> bool:
        return self.staff or rules.test_rule("network.edit_organisation", self.user, org.instance())

    def may_create(self, org: Org) -> bool:
        return rules.test_rule("network.create_this_organisation", self.user, org.instance())

    def may_change(self, org: Org, changes: dict[str, Any]) -> bool:
        if not self.may_edit(org):
            return False
        return services.may_change_organisation(self.user, org.instance(), changes)

    # Cells -------------------------------------------------------------------------------

    def email(self, cells: list[Any], row: int, target: str = "email") -> str:
        try:
            return services.check_email_address(cell_text(self.cell(cells, target)))
        except services.DirectoryError as error:
            self.error(row, target, str(error), error.code)
            return ""

    def country(self, cells: list[Any], row: int, target: str) -> str | None:
        return self.choice(
            cells,
            row,
            target,
            message=lambda raw: _("Unknown country “%(value)s”.") % {"value": raw},
            code="unknown_country",
        )

    # Matching -----------------------------------------------------------------------------

    def _candidates(
        self, name: str, country: str | None, region: str, governments: bool
    ) -> list[Org]:
        key = org_key(name)
        directory = self.directory
        if country:
            ids = directory.by_name.get((country, key)) or directory.by_city.get((country, key), [])
        else:
            ids = directory.by_name_anywhere.get(key, [])
        found = [directory.orgs[pk] for pk in dict.fromkeys(ids)]
        if governments:
            found = [o for o in found if o.kind in GOVERNMENT_KINDS]
        if region and len(found) > 1:
            found = [o for o in found if region_matches(o, region)] or found
        if len(found) > 1:
            # "Paris" the city rather than "Paris" the département, when one is a city.
            cities = [o for o in found if o.kind in (OrganisationKind.COMMUNE, "foreign_city")]
            if len(cities) == 1:
                found = cities
        return found

    def find_org(
        self,
        row: int,
        target: str,
        name: str,
        country: str | None = None,
        region: str = "",
        *,
        governments: bool = False,
        quiet: bool = False,
    ) -> Org | None:
        """The one organisation the name means, or a row error (unknown or ambiguous)."""
        found = self._candidates(name, country, region, governments)
        if len(found) == 1:
            return found[0]
        if found:
            self.error(
                row,
                target,
                _(
                    "“%(name)s” matches several organisations: %(candidates)s; give its region, or "
                    "its country, to tell them apart."
                )
                % {
                    "name": name,
                    "candidates": "; ".join(o.describe() for o in found[:SHOWN_CANDIDATES]),
                },
                "ambiguous_organisation",
            )
        elif not quiet:
            self.error(
                row,
                target,
                _("Unknown organisation “%(name)s”: import it or create it first.")
                % {"name": name},
                "unknown_organisation",
            )
        return None

    def plan(
        self, row: int, target: str, name: str, country: str, region: str, kind: str | None
    ) -> Org | None:
        """An organisation to create for a partner not found, if the user may create it."""
        key = (country, org_key(name), fold(region))
        planned = self.planned.get(key)
        if planned is None:
            kind = kind or (
                OrganisationKind.COMMUNE
                if country == services.HOME_COUNTRY
                else OrganisationKind.FOREIGN_CITY
            )
            org = Org(self._next_temp_id, name[:200], country, region[:120], "", kind, False, None)
            self._next_temp_id -= 1
            planned = Planned(org)
            if self._gazetteer is None:
                self._gazetteer = gazetteer.load()
            match = self._gazetteer.lookup(org_key(name), country, region)
            if match is not None:
                place = match.place
                org.city = place.name[:120]
                org.region = org.region or place.region[:120]
                planned.latitude, planned.longitude = place.latitude, place.longitude
                planned.time_zone = place.timezone
                if match.candidates > 1 and not region:
                    self.note(
                        row,
                        target,
                        _(
                            "“%(name)s”: %(n)s places of this name in this country; placed at "
                            "the most populous (%(region)s)."
                        )
                        % {
                            "name": name,
                            "n": match.candidates,
                            "region": place.region or place.admin1,
                        },
                        "several_places",
                    )
            else:
                self.note(
                    row,
                    target,
                    _("“%(name)s” is not in the gazetteer: it will have no place on the map.")
                    % {"name": name},
                    "not_in_gazetteer",
                )
            self.planned[key] = planned
        if not self.may_create(planned.org):
            self.error(
                row,
                target,
                _("You may not add “%(name)s” to the directory (a %(kind)s in %(country)s).")
                % {
                    "name": name,
                    "kind": OrganisationKind(planned.org.kind).label,
                    "country": country,
                },
                "forbidden",
            )
            return None
        planned.rows.append(row)
        return planned.org

    # Organisations ------------------------------------------------------------------------

    def organisation(self, row: int, cells: list[Any]) -> CleanRow | None:
        values: dict[str, Any] = {
            "name": self.text(cells, row, "name", 200),
            "short_name": self.text(cells, row, "short_name", 60),
            "region": self.text(cells, row, "region", 120),
            "city": self.text(cells, row, "city", 120),
            "description": self.text(cells, row, "description", 10_000),
            "email": self.email(cells, row),
        }
        values["kind"] = self.choice(cells, row, "kind")
        values["country"] = country = self.country(cells, row, "country")
        for target, bound in (("latitude", 90), ("longitude", 180)):
            raw = self.cell(cells, target)
            number = parse_float(raw) if cell_text(raw) else None
            if cell_text(raw) and (number is None or abs(number) > bound):
                self.error(
                    row,
                    target,
                    _("“%(value)s” is not a valid coordinate.") % {"value": cell_text(raw)},
                    "invalid_coordinate",
                )
            values[target] = number
        website = cell_text(self.cell(cells, "website"))
        if website and not website.startswith(("http://", "https://")):
            website = "https://" + website
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                self.error(
                    row,
                    "website",
                    _("“%(value)s” is not a valid web address.") % {"value": website},
                    "invalid_url",
                )
        values["website"] = website
        values["is_member"] = self.boolean(cells, row, "is_member")
        clean = CleanRow(row, values)
        if not values["name"] or not country:
            return clean
        key = (org_key(values["name"]), country)
        if self.in_file_duplicate(row, "name", ("org", *key)):
            return None
        existing_ids = self.directory.by_name.get((country, key[0]), [])
        existing = self.directory.orgs[existing_ids[0]] if existing_ids else None
        if existing is None:
            candidate = Org(
                0,
                values["name"],
                country,
                values["region"],
                values["city"],
                values["kind"] or OrganisationKind.OTHER,
                bool(values["is_member"]),
                None,
            )
            if not self.may_create(candidate):
                self.error(
                    row,
                    "name",
                    _("You may not add “%(name)s” to the directory.") % {"name": values["name"]},
                    "forbidden",
                )
                return None
            return clean
        changes = {k: values[k] for k in ("kind", "is_member") if values[k] is not None}
        if not self.may_change(existing, changes):
            message = _("“%(name)s” already exists and you may not change it this way.") % {
                "name": existing.name
            }
            will_merge = (
                self.decisions is not None
                and self.decisions.get(str(row), self.decisions.get("*")) == "merge"
            )
            if self.decisions is None:
                self.note(row, "name", message, "forbidden_merge")
            elif will_merge:
                self.error(row, "name", message, "forbidden")
                return None
        return clean if self.existing(clean, existing.pk, existing.name) else None

    # People -------------------------------------------------------------------------------

    def person(self, row: int, cells: list[Any]) -> CleanRow | None:
        values: dict[str, Any] = {
            "first_name": self.text(cells, row, "first_name", 100),
            "last_name": self.text(cells, row, "last_name", 100),
            "function": self.text(cells, row, "function", 200),
            "phone": self.text(cells, row, "phone", 40),
            "email": self.email(cells, row),
        }
        try:
            values["languages"] = services.check_languages(cell_text(self.cell(cells, "languages")))
        except services.DirectoryError as error:
            self.error(row, "languages", str(error), error.code)
            values["languages"] = ""
        values["civility"] = self.choice(cells, row, "civility")
        values["consent"] = self.boolean(cells, row, "consent")
        values["consent_date"] = self.date(cells, row, "consent_date")
        org_name = self.text(cells, row, "organisation", 200)
        org = self.find_org(row, "organisation", org_name) if org_name else None
        if org is not None and not self.may_edit(org):
            self.error(
                row,
                "organisation",
                _("You may not add people to “%(name)s”.") % {"name": org_name},
                "forbidden",
            )
            org = None
        values["organisation_id"] = org.pk if org else None
        clean = CleanRow(row, values)
        email = values["email"]
        if not email:
            return clean
        if self.in_file_duplicate(row, "email", ("person", email)):
            return None
        found = self.directory.people_by_email.get(email)
        if found is not None:
            owner = self.directory.orgs.get(found[1])
            if owner is None or not self.may_edit(owner):
                # Say no more than the user may see: not whose address it is.
                self.error(
                    row,
                    "email",
                    _("This e-mail address is already used in the directory."),
                    "email_taken",
                )
                return None
        return clean if self.existing(clean, found[0] if found else None, email) else None

    # Partnerships -------------------------------------------------------------------------

    def _partner_cells(self, cells: list[Any], row: int) -> list[tuple[str, str, Any, str, Any]]:
        """(target, name, country, region, kind) of each partner the row names."""
        partners: list[tuple[str, str, Any, str, Any]] = []
        if self.has("partners"):
            for part in split_list(self.cell(cells, "partners")):
                name, country = part, None
                # "Nashville (USA)", "Nashville, USA": a country written after the name.
                match = re.match(r"^(.*?)\s*(?:\((.+)\)|,\s*([^,]+))$", part)
                if match:
                    written = resolve_country(match.group(2) or match.group(3) or "")
                    if written:
                        name, country = match.group(1), written
                partners.append(("partners", name, country, "", None))
        for n in range(1, MAX_PARTNER_COLUMNS + 1):
            target = f"partner_{n}"
            if not self.has(target):
                continue
            name = self.text(cells, row, target, 200)
            if not name:
                continue
            code: Any = ...
            if self.has(f"{target}_country"):
                code = self.country(cells, row, f"{target}_country")
            region = cell_text(self.cell(cells, f"{target}_region"))[:120]
            kind = self.choice(cells, row, f"{target}_kind") if self.has(f"{target}_kind") else None
            partners.append((target, name, code, region, kind))
        return partners

    def partnership(self, row: int, cells: list[Any]) -> CleanRow | None:
        values: dict[str, Any] = {
            "title": self.text(cells, row, "title", 200),
            "description": self.text(cells, row, "description", 10_000),
        }
        values["kind"] = self.choice(cells, row, "kind")
        values["status"] = self.choice(cells, row, "status")
        values["signed_on"] = self.date(cells, row, "signed_on")
        values["renewed_on"] = self.date(cells, row, "renewed_on")
        values["is_public"] = self.boolean(cells, row, "is_public")
        theme_ids = []
        for label in split_list(self.cell(cells, "themes")):
            for part in label.split(","):
                theme_id = self.directory.themes.get(fold(part))
                if theme_id is None:
                    self.error(
                        row,
                        "themes",
                        _("Unknown theme “%(value)s”.") % {"value": part.strip()},
                        "unknown_theme",
                    )
                else:
                    theme_ids.append(theme_id)
        values["theme_ids"] = sorted(set(theme_ids))
        errors_before = len(self.result.errors)
        members: list[Org] = []
        named = self._partner_cells(cells, row)
        for target, name, country, region, kind in named:
            if country is None and target != "partners":
                continue  # an unknown country: already reported
            wanted = None if country is ... else country
            org = self.find_org(
                row,
                target,
                name,
                wanted,
                region,
                governments=True,
                quiet=self.options.create_missing,
            )
            if (
                org is None
                and self.options.create_missing
                and len(self.result.errors) == errors_before
            ):
                if not wanted:
                    self.error(
                        row,
                        target,
                        _("“%(name)s” is not in the directory; give its country to create it.")
                        % {"name": name},
                        "country_required",
                    )
                else:
                    org = self.plan(row, target, name, wanted, region, kind)
            if org is not None:
                members.append(org)
        if len(named) < 2:
            self.error(
                row,
                "partners" if self.has("partners") else "partner_1",
                _(
                    "A partnership needs at least two partners: map two partner columns, or one "
                    "column with “A / B”."
                ),
                "too_few_partners",
            )
            return None
        if len(self.result.errors) > errors_before or values["kind"] is None:
            return None
        try:
            check_partnership_rules(
                actor=self.user,
                members=[m.instance() for m in members],
                kind=values["kind"],
                status=values["status"] or PartnershipStatus.ACTIVE,
                signed_on=values["signed_on"],
                renewed_on=values["renewed_on"],
                title=values["title"],
            )
        except PartnershipError as error:
            self.error(
                row, "partners" if self.has("partners") else "partner_1", str(error), error.code
            )
            return None
        ids = list(dict.fromkeys(m.pk for m in members))
        values["partner_ids"] = ids
        values["partner_names"] = {m.pk: m.name for m in members}
        if not values["title"]:
            values["title"] = " \u2013 ".join(m.name for m in members)[:200]
        clean = CleanRow(row, values)
        key = (frozenset(ids), values["kind"])
        first = self.seen.setdefault(("partnership", key), row)
        if first != row:
            # The same tie listed twice (often once from each side): written once.
            self.note(
                row,
                "partners",
                _("Same partnership as row %(row)s.") % {"row": first},
                "same_as_row",
            )
            self.result.planned["skipped"] = self.result.planned.get("skipped", 0) + 1
            return None
        existing = self.directory.partnerships.get(key)
        if existing is not None:
            self.result.matched += 1
        label = self.directory.partnership_titles.get(existing or 0, "")
        return clean if self.existing(clean, existing, label) else None


def _finish(validator: NetworkRows, result: ValidationResult) -> ValidationResult:
    valid = {r.row for r in result.valid_rows()}
    planned = [p for p in validator.planned.values() if any(r in valid for r in p.rows)]
    result.planned["organisations"] = len(planned)
    result.planned["new_rows"] = sum(
        1 for r in result.rows if r.existing_id is None and r.row in valid
    )
    result.planned["placed"] = sum(1 for p in planned if p.latitude is not None)
    result.extra["planned"] = validator.planned
    return result


def make_validator(
    kind: str, fields: tuple[TargetField, ...], handler: str
) -> Callable[..., ValidationResult]:
    def validate(
        table: Table,
        mapping: dict[str, str],
        *,
        user: Any,
        options: Options,
        decisions: dict[str, str] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> ValidationResult:
        validator = NetworkRows(kind, fields, table, mapping, options, decisions, user)
        result = validator.run(getattr(validator, handler), progress)
        return _finish(validator, result)

    return validate
