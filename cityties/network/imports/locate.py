"""Placing organisations without coordinates from the offline gazetteer."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cityties.core import gazetteer
from cityties.core.audit import acting_as
from cityties.imports.audit import log_updated

from ..models import (
    GOVERNMENT_KINDS,
    Organisation,
)
from .fields import BATCH_SIZE
from .matching import org_key

# --- Locating organisations without coordinates --------------------------------------------


def locate_missing_coordinates(*, actor: Any) -> int:
    """Fill the coordinates (and time zone, region) of governments placed nowhere, from the
    gazetteer, by their city or name within their country; returns how many were placed."""
    places = gazetteer.load()
    now = timezone.now()
    changes: list[tuple[Any, dict[str, tuple[Any, Any]]]] = []
    for org in Organisation.objects.filter(
        latitude__isnull=True, archived_at=None, kind__in=GOVERNMENT_KINDS
    ).exclude(country=""):
        match = places.lookup(org.city or org_key(org.name), org.country, org.region)
        if match is None and org.city:
            match = places.lookup(org_key(org.name), org.country, org.region)
        if match is None:
            continue
        place = match.place
        diff: dict[str, tuple[Any, Any]] = {
            "latitude": (None, place.latitude),
            "longitude": (None, place.longitude),
        }
        org.latitude, org.longitude = place.latitude, place.longitude
        if not org.time_zone:
            diff["time_zone"] = ("", place.timezone)
            org.time_zone = place.timezone
        if not org.region and place.region:
            diff["region"] = ("", place.region[:120])
            org.region = place.region[:120]
        org.updated_at = now
        changes.append((org, diff))
    with acting_as(actor):
        Organisation.objects.bulk_update(
            [org for org, _diff in changes],
            ["latitude", "longitude", "time_zone", "region", "updated_at"],
            BATCH_SIZE,
        )
        log_updated(changes, actor=actor, job=None)
    return len(changes)
