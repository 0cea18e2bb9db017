"""Kinds of import, declared by each area in its own module and registered here.

The engine reads, maps, validates (through the kind), writes (through the kind), reports
and undoes; it knows no kind itself. An area's `AppConfig.ready` imports its module of
kinds, which calls `register`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from .fields import TargetField
    from .validation import ValidationResult


Progress = Callable[[int], None]


@dataclass(frozen=True)
class WriteResult:
    # Records created, by label shown to people ("organisations", "partnerships"…).
    created: dict[str, int] = field(default_factory=dict)
    updated: int = 0
    matched: int = 0
    skipped: int = 0
    # For undo: {"app_label.model": [pk…]} created, in the order they may be deleted.
    created_ids: dict[str, list[int]] = field(default_factory=dict)
    # For undo of merges: {"app_label.model": {pk: {field: previous value}}}.
    previous: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportKind:
    name: str
    label: Promise | str
    fields: tuple[TargetField, ...]
    # validate(table, mapping, user=, options=, decisions=, progress=) -> ValidationResult
    validate: Callable[..., ValidationResult]
    # write(result, user=, job=) -> WriteResult; in the caller's transaction
    write: Callable[..., WriteResult]
    may_import: Callable[[Any], bool]
    # Choices a field's values are remapped to in the value table: field -> [(value, label)].
    choices: Callable[[str], list[tuple[str, str]]] = field(default=lambda name: [])
    # Switches the kind understands, offered on the preview: (name, label).
    switches: tuple[tuple[str, Promise | str], ...] = ()
    # "3 327 partnerships": a count of created records by the key used in WriteResult.
    count_label: Callable[[str, int], str] = field(default=lambda key, n: f"{n} {key}")


_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    _KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> ImportKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"Unknown kind of import: {name}") from None


def kinds() -> list[ImportKind]:
    return list(_KINDS.values())


def kind_label(name: str) -> str:
    kind = _KINDS.get(name)
    return str(kind.label) if kind else name


def kinds_for(user: Any) -> list[ImportKind]:
    return [kind for kind in _KINDS.values() if kind.may_import(user)]


def can_import(user: Any) -> bool:
    return bool(kinds_for(user))


def fields_of(name: str) -> tuple[TargetField, ...]:
    return get_kind(name).fields


__all__ = [
    "ImportKind",
    "Progress",
    "WriteResult",
    "can_import",
    "fields_of",
    "get_kind",
    "kind_label",
    "kinds",
    "kinds_for",
    "register",
]
