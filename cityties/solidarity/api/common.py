"""What the solidarity API's modules share: the router, the refusals, bounded types."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.utils.translation import gettext_lazy as _
from ninja import Field, Router
from pydantic import AfterValidator

from cityties.core.api.errors import responses
from cityties.network.models import Organisation

from .. import services as svc
from ..models import MAX_AMOUNT, MAX_STAFF_DAYS

router = Router(tags=["solidarity"])
REFUSALS: dict[int, Any] = responses({}, invalid=True, not_found=True)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text cannot contain NUL characters")
    return value


def text(max_length: int) -> Any:
    """An optional text field of at most `max_length` characters."""
    return Field("", max_length=max_length)


Text = Annotated[str, AfterValidator(_no_nul)]
Amount = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, max_digits=12, decimal_places=2)]
Positive = Annotated[Decimal, Field(ge=Decimal("0.01"), le=MAX_AMOUNT, decimal_places=2)]
Days = Annotated[int, Field(ge=1, le=MAX_STAFF_DAYS)]
Year = Annotated[int, Field(ge=2000, le=2100)]


def organisation_or_error(pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk, archived_at=None).first()
    if organisation is None:
        raise svc.SolidarityError(_("Unknown organisation."), code="unknown_organisation")
    return organisation
