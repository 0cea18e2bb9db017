"""Bounded integers shared by forms and API schemas: every integer a user types is kept
within what its column holds and what makes sense, so an absurd number is a validation
error and never an overflow deep in the database."""

from __future__ import annotations

from typing import Annotated, Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Model
from pydantic import AfterValidator, Field

from cityties.core.countries import is_country_code

# Primary keys are BigAutoField: 64-bit signed integers.
MAX_ID = 2**63 - 1
# A count of people, students, companies or contracts of one activity. Far above any real
# figure, far below the 32-bit columns PostgreSQL gives PositiveIntegerField, so sums over
# thousands of rows stay exact.
MAX_COUNT = 1_000_000
# Rows an API list may skip: far above any list the platform holds.
MAX_OFFSET = 10_000_000

COUNT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(MAX_COUNT)]

# For ninja/pydantic schemas: `people_involved: Count = 0`, `organisation_id: Id`.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]


def _country_code(value: str) -> str:
    code = value.strip().upper()
    if not is_country_code(code):
        raise ValueError("not an ISO 3166-1 alpha-2 code of a country")
    return code


# A real country's ISO 3166-1 alpha-2 code ("fr" is read as FR; ZZ, EU, QO are refused).
CountryCode = Annotated[
    str,
    Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code, e.g. US"),
    AfterValidator(_country_code),
]


class CountField(forms.IntegerField):
    """A form field for a count: a whole number from 0 to MAX_COUNT."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_COUNT)
        super().__init__(**kwargs)


class ModelMultipleIdField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses an id past the column's range as an invalid
    choice: Django's `pk__in` lookup would send it to the database and overflow."""

    def _check_values(self, value: Any) -> Any:
        if not self.to_field_name:
            for pk in value:
                if bounded_int(pk, low=1, high=MAX_ID) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)  # type: ignore[misc]  # private in the stubs


def max_length(model: type[Model], name: str) -> int:
    """The length of a model's character column, for the schemas that fill it."""
    field = model._meta.get_field(name)
    length = getattr(field, "max_length", None)
    assert isinstance(length, int), f"{model.__name__}.{name} has no max_length"
    return length


_MAX_DIGITS = len(str(MAX_ID))


def bounded_int(raw: object, *, low: int, high: int) -> int | None:
    """The integer `raw` is or spells in ASCII digits (no sign, no underscores) if it lies
    within low..high, else None."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if low <= raw <= high else None
    text = str(raw).strip() if raw is not None else ""
    if not text or len(text) > _MAX_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if low <= value <= high else None
