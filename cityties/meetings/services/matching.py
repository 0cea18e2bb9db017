"""Suggestions for the review of imported minutes, against the directory: a person of
the minutes is matched by name, or else by organisation and function (the function is
the stable part of a name list); an organisation by its name or short name, its city for
a commune, or a name the other's begins with ("MINISTERE DES AFFAIRES ETRANGERES" for
the ministry's DAECT). A suggestion that fits several equally is no suggestion.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from cityties.core.text import fold
from cityties.events.models import EventKind
from cityties.network.models import CountryGroup, Organisation, Person

from ..models import AttendanceStatus

LISTS = (
    ("present", AttendanceStatus.PRESENT),
    ("represented", AttendanceStatus.REPRESENTED),
    ("excused", AttendanceStatus.EXCUSED),
    ("absent", AttendanceStatus.ABSENT),
)


def civility_code(text: str | None) -> str:
    key = fold(text or "")
    if key in {"mme", "madame", "mrs", "ms", "miss", "mlle", "mademoiselle"}:
        return "ms"
    if key in {"m", "monsieur", "mr", "sir"}:
        return "mr"
    return ""


def _words_prefix(short: str, long: str) -> bool:
    return long == short or long.startswith(short + " ")


class Matcher:
    """Suggestions against the directory for one review: organisations' names are read
    once, people are looked up by name or within one organisation."""

    def __init__(self, group: CountryGroup) -> None:
        self.member_ids = set(group.members.values_list("pk", flat=True))
        # Names and short names first; a city's name only for its commune or metropolis.
        self.names: dict[str, set[int]] = {}
        self.cities: dict[str, set[int]] = {}
        self.kinds: dict[int, str] = {}
        rows = Organisation.objects.filter(archived_at=None).values_list(
            "pk", "name", "name_key", "short_name", "city", "kind"
        )
        for pk, name, name_key, short_name, city, kind in rows:
            self.kinds[pk] = kind
            for key in {name_key or fold(name), fold(short_name)} - {""}:
                self.names.setdefault(key, set()).add(pk)
            if city and kind in ("commune", "intercommunality"):
                self.cities.setdefault(fold(city), set()).add(pk)
        self._organisations: dict[int, Organisation] = {}
        self._colleagues: dict[int, list[Person]] = {}

    def _pick(self, ids: set[int]) -> Organisation | None:
        """The one organisation meant, or None when the name fits several equally: a
        member of the group before others ("Tours" is the city, not a namesake), a
        commune before its metropolis."""
        ranked = sorted(
            ids, key=lambda pk: (pk not in self.member_ids, self.kinds[pk] != "commune", pk)
        )
        best = ranked[0]
        if len(ranked) > 1:
            runner = ranked[1]
            same_rank = (best in self.member_ids) == (runner in self.member_ids) and (
                self.kinds[best] == "commune"
            ) == (self.kinds[runner] == "commune")
            if same_rank:
                return None
        if best not in self._organisations:
            self._organisations[best] = Organisation.objects.get(pk=best)
        return self._organisations[best]

    def organisation(self, name: str | None) -> Organisation | None:
        key = fold(name or "")
        if not key:
            return None
        for table in (self.names, self.cities):
            if key in table:
                return self._pick(table[key])
        prefix = {
            pk
            for k, ids in self.names.items()
            if len(k) >= 6 and len(key) >= 6 and (_words_prefix(key, k) or _words_prefix(k, key))
            for pk in ids
        }
        if prefix:
            return self._pick(prefix)
        close = difflib.get_close_matches(key, list(self.names), n=1, cutoff=0.88)
        return self._pick(self.names[close[0]]) if close else None

    def _people(self) -> Any:
        return Person.objects.filter(erased_at=None, archived_at=None).select_related(
            "organisation"
        )

    def colleagues(self, organisation: Organisation) -> list[Person]:
        if organisation.pk not in self._colleagues:
            self._colleagues[organisation.pk] = list(
                self._people().filter(organisation=organisation)
            )
        return self._colleagues[organisation.pk]

    def person(self, parts: dict[str, Any], organisation: Organisation | None) -> Person | None:
        last, first = fold(parts.get("last_name") or ""), fold(parts.get("first_name") or "")
        if last:
            qs = self._people().filter(name_key__startswith=f"{last} ")
            if first:
                qs = qs.filter(name_key=f"{last} {first}")
            same = list(qs[:20])
            if organisation is not None and len(same) > 1:
                same = [p for p in same if p.organisation_id == organisation.pk] or same
            if same:
                return same[0]
        function = fold(parts.get("function") or "")
        if organisation is None or not function:
            return None
        by_function = [
            p
            for p in self.colleagues(organisation)
            if fold(p.function) == function or _words_prefix(function, fold(p.function))
        ]
        return by_function[0] if len(by_function) == 1 else None

    def owner(self, text: str | None) -> tuple[Organisation | None, Person | None]:
        """An action's owner as written: a person ("Lesley COUTTS", "Mme Coutts") or an
        organisation ("Caen", "la Région Auvergne-Rhône-Alpes")."""
        words = fold(text or "").split()
        if not words:
            return None, None
        for size in (2, 1):
            if len(words) >= size:
                last = words[-1] if size == 1 else " ".join(words[-1:])
                first = words[-2] if size == 2 else ""
                found = self.person({"last_name": last, "first_name": first}, None)
                if found is not None:
                    return found.organisation, found
        for start in range(len(words)):
            org = self.organisation(" ".join(words[start:]))
            if org is not None:
                return org, None
        return None, None


@dataclass
class PersonRow:
    status: str
    parts: dict[str, Any]
    proxy: str = ""
    person: Person | None = None
    organisation: Organisation | None = None


def person_rows(proposal: dict[str, Any], matcher: Matcher) -> list[PersonRow]:
    rows = []
    for key, status in LISTS:
        for parts in proposal.get(key) or []:
            if not isinstance(parts, dict):
                continue
            organisation = matcher.organisation(parts.get("organisation"))
            rows.append(
                PersonRow(
                    status=status,
                    parts=parts,
                    proxy=str(parts.get("proxy") or "") if key == "represented" else "",
                    person=matcher.person(parts, organisation),
                    organisation=organisation,
                )
            )
    return rows


def parse_day(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def parse_moment(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


KIND_WORDS = (
    ("congres", EventKind.CONGRESS),
    ("summit", EventKind.CONGRESS),
    ("foire", EventKind.FAIR),
    ("salon", EventKind.FAIR),
    ("forum", EventKind.FORUM),
    ("delegation", EventKind.MISSION),
    ("mission", EventKind.MISSION),
    ("reception", EventKind.RECEPTION),
    ("soiree", EventKind.RECEPTION),
    ("atelier", EventKind.WORKSHOP),
    ("table ronde", EventKind.WORKSHOP),
    ("echange", EventKind.EXCHANGE),
)


def guess_event_kind(text: str) -> str:
    key = fold(text)
    for word, kind in KIND_WORDS:
        if word in key:
            return kind
    return EventKind.MEETING


def existing_event(user: Any, start: date, end: date) -> Any:
    """An event of the calendar the user sees that spans exactly these days (in its own
    zone): the minutes mention it, it need not be added again."""
    from cityties.events.access import visible_events

    window = visible_events(user).filter(
        starts_at__lt=datetime.combine(end + timedelta(days=2), time(0), tzinfo=UTC),
        ends_at__gte=datetime.combine(start - timedelta(days=2), time(0), tzinfo=UTC),
    )
    for event in window.order_by("starts_at", "id")[:50]:
        if (event.local_start.date(), event.local_end.date()) == (start, end):
            return event
    return None
