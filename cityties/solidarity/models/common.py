"""What every solidarity model shares: exact amounts, bounded staff-days, uploads kept
under a private prefix, and text in the reader's language."""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.validators import MinValueValidator
from django.utils.crypto import get_random_string
from django.utils.text import get_valid_filename

from cityties.events.models import in_language

MAX_AMOUNT = Decimal("999999999.99")
MAX_STAFF_DAYS = 10_000
POSITIVE = [MinValueValidator(Decimal("0.01"))]
CENT = Decimal("0.01")
NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


def cents(value: Decimal | None) -> Decimal:
    """A sum as the database returns it (SQLite drops the scale), to the cent."""
    return (value or Decimal("0")).quantize(CENT)


def amount_field(verbose_name: Any, **kwargs: Any) -> dict[str, Any]:
    """Keyword arguments of a money column: twelve digits, two decimals."""
    return {"verbose_name": verbose_name, "max_digits": 12, "decimal_places": 2, **kwargs}


def _private_path(folder: str, filename: str) -> str:
    """Each upload under a random directory: a name alone never leads to another member's
    file, which only an access-checked view serves anyway."""
    name = get_valid_filename(PurePath(filename).name) or "file"
    return f"solidarity/{folder}/{get_random_string(16)}/{name[-120:]}"


def decision_upload_to(instance: Any, filename: str) -> str:
    return _private_path("decisions", filename)


def attachment_upload_to(instance: Any, filename: str) -> str:
    return _private_path("reports", filename)


class Bilingual:
    """`title` in the reader's language, the other one when empty."""

    title_fr: str
    title_en: str

    @property
    def title(self) -> str:
        return in_language(self.title_fr, self.title_en)
