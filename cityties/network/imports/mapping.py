"""Mapping a file's columns to target fields: guessed from headers, saved per source."""

from __future__ import annotations

from ..models import ColumnMapping, Organisation
from .fields import TARGET_FIELDS, header_key


def guess_mapping(kind: str, headers: list[str]) -> dict[str, str]:
    """Target field -> header, from header names in French or English."""
    keys = {header_key(h): h for h in reversed(headers) if h}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for target in TARGET_FIELDS[kind]:
        for alias in (header_key(target.name), *target.aliases):
            header = keys.get(alias)
            if header and header not in used:
                mapping[target.name] = header
                used.add(header)
                break
    return mapping


def initial_mapping(
    kind: str, headers: list[str], source_name: str, organisation: Organisation | None
) -> dict[str, str]:
    """The mapping saved for this source where it still fits the file, guesses elsewhere."""
    mapping = guess_mapping(kind, headers)
    saved = ColumnMapping.objects.filter(
        kind=kind, source_name=source_name, organisation=organisation
    ).first()
    if saved is not None:
        for target, header in saved.mapping.items():
            if header in headers:
                mapping[target] = header
    return mapping


def save_mapping(
    kind: str, source_name: str, organisation: Organisation | None, mapping: dict[str, str]
) -> None:
    ColumnMapping.objects.update_or_create(
        kind=kind,
        source_name=source_name,
        organisation=organisation,
        defaults={"mapping": {k: v for k, v in mapping.items() if v}},
    )
