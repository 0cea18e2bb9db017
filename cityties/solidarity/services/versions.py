"""The public progress page of a fund is cached under its `public_version`: every service
that changes what the page shows moves it on, in the same transaction as the change."""

from __future__ import annotations

from django.db.models import F

from ..models import Fund


def touch_fund(fund_id: int) -> None:
    Fund.objects.filter(pk=fund_id).update(public_version=F("public_version") + 1)


def touch_crisis_funds(crisis_id: int) -> None:
    Fund.objects.filter(crisis_id=crisis_id).update(public_version=F("public_version") + 1)
