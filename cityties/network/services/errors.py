"""Errors of the directory services, and the helpers every part of them shares."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from cityties.core.errors import DomainError

# --- Errors ---------------------------------------------------------------------------


class DirectoryError(DomainError):
    code = "directory_error"


class DuplicateError(DirectoryError):
    """The record already exists; `existing` is the record to use instead."""

    code = "duplicate"

    def __init__(self, message: Any, *, existing: models.Model) -> None:
        super().__init__(message)
        self.existing = existing


class GroupError(DirectoryError):
    code = "group_error"


# --- Helpers --------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """Case- and accent-insensitive form of a name, for duplicate detection."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", bare.casefold()).split())


def _unknown_fields(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise DirectoryError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )


class PartnershipError(DomainError):
    code = "partnership_error"
