"""Target fields of a kind of import, and the parsing of cell values (dates, yes/no,
numbers, choices, lists) every kind shares."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import TextChoices
from django.utils import translation

from .reading import cell_text


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", bare.casefold()).split())


def header_key(text: str) -> str:
    return fold(text).replace(" ", "")


@dataclass(frozen=True)
class TargetField:
    name: str
    label: Any  # a lazy translation
    required: bool = False
    aliases: tuple[str, ...] = ()
    # A fixed vocabulary: its values can be remapped once for all rows, and defaulted.
    choices: Callable[[], list[tuple[str, str]]] | None = None
    # Extra spellings of the choices met in real files: folded text -> value.
    value_aliases: dict[str, str] = field(default_factory=dict)
    # Free-text values that must still be recognised (countries): text -> value or None.
    resolver: Callable[[str], str | None] | None = None
    # Shown with the field on the mapping page.
    help_text: Any = ""
    # Fields sharing a vocabulary share their value remapping ("England" once for every
    # country column); empty: the field's own name.
    vocabulary: str = ""

    @property
    def vocabulary_name(self) -> str:
        return self.vocabulary or self.name

    @property
    def remappable(self) -> bool:
        return self.choices is not None or self.resolver is not None


def text_choices(choices: type[TextChoices]) -> Callable[[], list[tuple[str, str]]]:
    return lambda: [(value, str(label)) for value, label in choices.choices if value]


_DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$"),
)
_YEAR = re.compile(r"^(?P<y>1[0-9]{3}|20[0-9]{2})$")


def parse_date(value: Any) -> date | None:
    """ISO (2016-03-30) or French (30/03/2016) dates, or a year alone (taken as 1 January);
    spreadsheet date cells as they are."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    text = text.split("T")[0].split(" ")[0] if re.match(r"^\d{4}-", text) else text
    year = _YEAR.match(text)
    if year:
        return date(int(year["y"]), 1, 1)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


_TRUE = {"1", "oui", "yes", "true", "vrai", "x", "o", "y"}
_FALSE = {"0", "non", "no", "false", "faux", "n", ""}


def parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    key = fold(cell_text(value))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


def parse_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(cell_text(value).replace(",", ".").replace(" ", "").replace("\u202f", ""))
    except ValueError:
        return None


def choice_index(target: TargetField) -> dict[str, str]:
    """Folded label, half-label or value -> value, in French and English, plus aliases."""
    index: dict[str, str] = {}
    if target.choices is None:
        return index
    for language in ("en", "fr"):
        with translation.override(language):
            for value, label in target.choices():
                index[fold(label)] = value
                # "Twinning / sister city": each half is a way to say it too.
                for part in label.split("/"):
                    index.setdefault(fold(part), value)
    with translation.override("en"):
        for value, _label in target.choices():
            index[fold(value)] = value
    index.update(target.value_aliases)
    return index


def split_list(value: Any) -> list[str]:
    """Partners as "Caen / Nashville" or "Caen; Nashville"; themes also with commas."""
    return [part.strip() for part in re.split(r"\s+/\s+|;|\||\n", cell_text(value)) if part.strip()]
