"""What the reader proposes: plain data, turned into the JSON shape of the review form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

PRECISIONS = ("day", "month", "season", "year")
PERSON_PARTS = ("civility", "first_name", "last_name", "function", "organisation")


class UnreadableMinutes(Exception):
    """The file cannot be read as minutes (format, size, damage, encryption, no text)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Person:
    """A person as the minutes name them; unknown parts are None.

    Names are kept as written, except a name written in capitals ("DUPONT") which is
    returned in title case ("Dupont"), particles in lower case ("de La Fontaine").
    """

    civility: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    function: str | None = None
    organisation: str | None = None

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    def filled_from(self, other: Person) -> Person:
        """This person with the parts it lacks taken from `other` (the same person)."""
        changes = {
            part: getattr(other, part)
            for part in PERSON_PARTS
            if getattr(self, part) is None and getattr(other, part) is not None
        }
        return replace(self, **changes) if changes else self

    def to_json(self) -> dict[str, str | None]:
        return {part: getattr(self, part) for part in PERSON_PARTS}


@dataclass(frozen=True)
class Event:
    """A dated mention: `start` and `end` span the day, month, season or year meant."""

    text: str
    start: dt.date
    end: dt.date
    precision: str

    def to_json(self) -> dict[str, str]:
        return {
            "text": self.text,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.precision,
        }


@dataclass(frozen=True)
class Decision:
    text: str

    def to_json(self) -> dict[str, str]:
        return {"text": self.text}


@dataclass(frozen=True)
class Action:
    """An action item; `owner` is a person or an organisation as written, `due` its deadline."""

    text: str
    owner: str | None = None
    due: dt.date | None = None

    def to_json(self) -> dict[str, str | None]:
        return {
            "text": self.text,
            "owner": self.owner,
            "due": self.due.isoformat() if self.due else None,
        }


@dataclass
class Proposal:
    """Everything read from one set of minutes; nothing is saved until a person confirms."""

    date: dt.date | None = None
    place: str | None = None
    title: str | None = None
    present: list[Person] = field(default_factory=list)
    excused: list[Person] = field(default_factory=list)
    absent: list[Person] = field(default_factory=list)
    # Each represented person with the name of whoever held their proxy.
    represented: list[tuple[Person, str]] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    speakers: list[Person] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    next_meeting: dt.datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat() if self.date else None,
            "place": self.place,
            "title": self.title,
            "present": [person.to_json() for person in self.present],
            "excused": [person.to_json() for person in self.excused],
            "absent": [person.to_json() for person in self.absent],
            "represented": [
                {**person.to_json(), "proxy": proxy} for person, proxy in self.represented
            ],
            "organisations": list(self.organisations),
            "speakers": [person.to_json() for person in self.speakers],
            "events": [event.to_json() for event in self.events],
            "decisions": [decision.to_json() for decision in self.decisions],
            "actions": [action.to_json() for action in self.actions],
            "next_meeting": (
                self.next_meeting.strftime("%Y-%m-%dT%H:%M") if self.next_meeting else None
            ),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Proposal:
        """The inverse of `to_json` (a reviewed proposal posted back by a form)."""

        def person(item: dict[str, Any]) -> Person:
            return Person(**{part: item.get(part) or None for part in PERSON_PARTS})

        def day(value: str | None) -> dt.date | None:
            return dt.date.fromisoformat(value) if value else None

        return cls(
            date=day(data.get("date")),
            place=data.get("place"),
            title=data.get("title"),
            present=[person(item) for item in data.get("present", [])],
            excused=[person(item) for item in data.get("excused", [])],
            absent=[person(item) for item in data.get("absent", [])],
            represented=[
                (person(item), str(item.get("proxy") or "")) for item in data.get("represented", [])
            ],
            organisations=[str(name) for name in data.get("organisations", [])],
            speakers=[person(item) for item in data.get("speakers", [])],
            events=[
                Event(
                    str(item["text"]),
                    dt.date.fromisoformat(item["start"]),
                    dt.date.fromisoformat(item["end"]),
                    str(item["precision"]),
                )
                for item in data.get("events", [])
            ],
            decisions=[Decision(str(item["text"])) for item in data.get("decisions", [])],
            actions=[
                Action(str(item["text"]), item.get("owner"), day(item.get("due")))
                for item in data.get("actions", [])
            ],
            next_meeting=(
                dt.datetime.fromisoformat(data["next_meeting"])
                if data.get("next_meeting")
                else None
            ),
        )

    def summary(self) -> str:
        """A plain-text rendering for people reading a terminal."""
        lines = [
            f"Title: {self.title or '?'}",
            f"Date: {self.date.isoformat() if self.date else '?'}",
            f"Place: {self.place or '?'}",
        ]

        def describe(person: Person) -> str:
            extra = ", ".join(p for p in (person.function, person.organisation) if p)
            name = " ".join(p for p in (person.civility, person.name) if p)
            return f"{name} ({extra})" if extra else name

        for label, people in (
            ("Present", self.present),
            ("Excused", self.excused),
            ("Absent", self.absent),
            ("Speakers", self.speakers),
        ):
            lines.append(f"{label} ({len(people)}):")
            lines.extend(f"  - {describe(person)}" for person in people)
        lines.append(f"Represented ({len(self.represented)}):")
        lines.extend(f"  - {describe(person)} -> {proxy}" for person, proxy in self.represented)
        lines.append(f"Organisations ({len(self.organisations)}): " + "; ".join(self.organisations))
        lines.append(f"Events ({len(self.events)}):")
        for event in self.events:
            span = event.start.isoformat()
            if event.end != event.start:
                span += f" .. {event.end.isoformat()}"
            lines.append(f"  - {span} [{event.precision}] {event.text}")
        lines.append(f"Decisions ({len(self.decisions)}):")
        lines.extend(f"  - {decision.text}" for decision in self.decisions)
        lines.append(f"Actions ({len(self.actions)}):")
        for action in self.actions:
            due = f" (due {action.due.isoformat()})" if action.due else ""
            lines.append(f"  - [{action.owner or '?'}] {action.text}{due}")
        if self.next_meeting:
            lines.append(f"Next meeting: {self.next_meeting.strftime('%Y-%m-%d %H:%M')}")
        return "\n".join(lines)
