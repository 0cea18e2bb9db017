"""Fetch-and-check helpers: every view and endpoint of the network area goes through these."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from cityties.accounts.permissions import require

from .models import CountryGroup, Organisation


def access_organisation(user: Any, organisation_id: int, *, edit: bool = False) -> Organisation:
    require(user, "network.read_shared")
    organisation = get_object_or_404(
        Organisation.objects.select_related("sponsor"), pk=organisation_id
    )
    if edit:
        require(user, "network.edit_organisation", organisation)
    return organisation


def access_group(user: Any, group_id: int) -> CountryGroup:
    require(user, "network.read_shared")
    return get_object_or_404(
        CountryGroup.objects.select_related("president", "staff_lead", "federation"), pk=group_id
    )
