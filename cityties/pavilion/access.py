"""Fetch-and-check helpers of the pavilion: 404 when the object does not exist, 403 when
the user may not see or change it."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from cityties.accounts.permissions import require
from cityties.delegations.models import Delegation, Participant

from .models import CostItem, Cover, ExchangeRate, Share, SubsidyRule


def access_pavilion(user: Any, pk: int, *, edit: bool = False) -> Delegation:
    delegation = get_object_or_404(Delegation.objects.select_related("event", "lead"), pk=pk)
    require(user, "pavilion.manage" if edit else "pavilion.view", delegation)
    return delegation


def access_item(user: Any, pk: int) -> CostItem:
    item = get_object_or_404(CostItem.objects.select_related("delegation__event"), pk=pk)
    require(user, "pavilion.manage", item.delegation)
    return item


def access_share(user: Any, pk: int) -> Share:
    share = get_object_or_404(Share.objects.select_related("item__delegation"), pk=pk)
    require(user, "pavilion.manage", share.item.delegation)
    return share


def access_cover(user: Any, pk: int) -> Cover:
    cover = get_object_or_404(Cover.objects.select_related("item__delegation"), pk=pk)
    require(user, "pavilion.manage", cover.item.delegation)
    return cover


def access_rate(user: Any, pk: int) -> ExchangeRate:
    rate = get_object_or_404(ExchangeRate.objects.select_related("delegation"), pk=pk)
    require(user, "pavilion.manage", rate.delegation)
    return rate


def access_rule(user: Any, pk: int) -> SubsidyRule:
    rule = get_object_or_404(SubsidyRule.objects.select_related("delegation", "funder"), pk=pk)
    require(user, "pavilion.manage", rule.delegation)
    return rule


def access_participant_costs(user: Any, pk: int, *, edit: bool = False) -> Participant:
    participant = get_object_or_404(
        Participant.objects.select_related(
            "delegation__event", "delegation__lead", "organisation", "sponsor"
        ),
        pk=pk,
    )
    require(user, "pavilion.edit_facts" if edit else "pavilion.view_participant", participant)
    return participant
