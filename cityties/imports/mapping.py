"""Mapping a file's columns to target fields: guessed from headers, remembered per source."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .fields import TargetField, header_key
from .models import ColumnMapping
from .registry import fields_of


def guess_mapping_for(fields: tuple[TargetField, ...], headers: list[str]) -> dict[str, str]:
    """Target field -> header, from header names in French or English."""
    keys = {header_key(h): h for h in reversed(headers) if h}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for target in fields:
        for alias in (header_key(target.name), *target.aliases):
            header = keys.get(alias)
            if header and header not in used:
                mapping[target.name] = header
                used.add(header)
                break
    # "Firma / Organisation", "Company or Agency": a header naming a field in either of
    # its halves, for the fields no header named whole.
    halves: dict[str, str] = {}
    for header in reversed(headers):
        if header and header not in used and _ALTERNATIVES.search(header):
            for part in _ALTERNATIVES.split(header):
                if header_key(part):
                    halves[header_key(part)] = header
    for target in fields:
        if target.name in mapping:
            continue
        for alias in (header_key(target.name), *target.aliases):
            header = halves.get(alias)
            if header and header not in used:
                mapping[target.name] = header
                used.add(header)
                break
    return mapping


_ALTERNATIVES = re.compile(r"\s*[/|]\s*|\s+(?:or|ou|oder|o)\s+", re.IGNORECASE)


def guess_mapping(kind: str, headers: list[str]) -> dict[str, str]:
    return guess_mapping_for(fields_of(kind), headers)


def header_score(kind: str) -> Callable[[list[str]], int]:
    """How many of the kind's fields a row of cells names, were it the header row (each
    cell read whole, as `guess_mapping_for` does first; one look-up a cell)."""
    index: dict[str, set[str]] = {}
    for target in fields_of(kind):
        for alias in (header_key(target.name), *target.aliases):
            index.setdefault(alias, set()).add(target.name)

    def score(cells: list[str]) -> int:
        named: set[str] = set()
        for cell in cells:
            key = header_key(cell) if cell and len(cell) <= 200 else ""
            named |= index.get(key, set())
        return len(named)

    return score


def saved_mapping(kind: str, source_name: str, organisation: Any) -> ColumnMapping | None:
    return ColumnMapping.objects.filter(
        kind=kind, source_name=source_name, organisation=organisation
    ).first()


def initial_mapping(
    kind: str, headers: list[str], source_name: str, organisation: Any
) -> dict[str, str]:
    """The mapping saved for this source where it still fits the file, guesses elsewhere."""
    mapping = guess_mapping(kind, headers)
    saved = saved_mapping(kind, source_name, organisation)
    if saved is not None:
        for target, header in saved.mapping.items():
            if header in headers:
                mapping[target] = header
    return mapping


def initial_options(kind: str, source_name: str, organisation: Any) -> dict[str, Any]:
    saved = saved_mapping(kind, source_name, organisation)
    return dict(saved.options) if saved is not None else {}


def save_mapping(
    kind: str,
    source_name: str,
    organisation: Any,
    mapping: dict[str, str],
    options: dict[str, Any] | None = None,
) -> None:
    defaults: dict[str, Any] = {"mapping": {k: v for k, v in mapping.items() if v}}
    if options is not None:
        defaults["options"] = {k: options[k] for k in ("defaults", "remap") if options.get(k)}
    ColumnMapping.objects.update_or_create(
        kind=kind, source_name=source_name, organisation=organisation, defaults=defaults
    )
