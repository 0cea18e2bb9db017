"""Folded keys of names and member sets: what duplicate detection, the database's unique
constraints and accent-insensitive sorting and search compare."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def normalise_name(name: str) -> str:
    """Case- and accent-insensitive form of a name, punctuation collapsed to single spaces
    ("Ville d'Épinal" -> "ville d epinal")."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", bare.casefold()).split())


def members_key(organisation_ids: Iterable[int]) -> str:
    """The set of a partnership's members as text: sorted distinct ids joined by commas."""
    return ",".join(str(pk) for pk in sorted(set(organisation_ids)))
