"""Folded keys of names and member sets: what duplicate detection, the database's unique
constraints and accent-insensitive sorting and search compare."""

from __future__ import annotations

from collections.abc import Iterable

from cityties.core.text import fold


def normalise_name(name: str) -> str:
    """Case- and accent-insensitive form of a name, punctuation collapsed to single spaces
    ("Ville d'Épinal" -> "ville d epinal"): the one fold of `core.text`."""
    return fold(name)


def members_key(organisation_ids: Iterable[int]) -> str:
    """The set of a partnership's members as text: sorted distinct ids joined by commas."""
    return ",".join(str(pk) for pk in sorted(set(organisation_ids)))
