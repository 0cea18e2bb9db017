"""Errors of the directory services, and the helpers every part of them shares."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from cityties.core.errors import DomainError

from ..names import normalise_name

# --- Errors ---------------------------------------------------------------------------


__all__ = [
    "DirectoryError",
    "DuplicateError",
    "GroupError",
    "PartnershipDuplicateError",
    "PartnershipError",
    "normalise_name",
]


class DirectoryError(DomainError):
    code = "directory_error"


class DuplicateError(DirectoryError):
    """The record already exists; `existing` is the record to use instead, or None when
    the user may not be told which record it is."""

    code = "duplicate"
    status = 409

    def __init__(
        self, message: Any, *, existing: models.Model | None, field: str | None = None
    ) -> None:
        super().__init__(message, field=field)
        self.existing = existing

    def payload(self) -> dict[str, Any]:
        return super().payload() | {
            "existing_id": self.existing.pk if self.existing is not None else None
        }


class GroupError(DirectoryError):
    code = "group_error"


# --- Helpers --------------------------------------------------------------------------


def _unknown_fields(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise DirectoryError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )


class PartnershipError(DomainError):
    code = "partnership_error"


class PartnershipDuplicateError(DuplicateError, PartnershipError):
    """An active partnership of the same kind between the same members already exists."""
