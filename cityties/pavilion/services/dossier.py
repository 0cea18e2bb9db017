"""The funding dossier's own text: the project and the previous edition it builds on."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.delegations.models import Delegation

from ..models import Dossier
from .errors import PavilionError


def dossier_of(delegation: Delegation) -> Dossier:
    try:
        return delegation.dossier
    except Dossier.DoesNotExist:
        return Dossier(delegation=delegation)


def check_save_dossier(
    delegation: Delegation,
    *,
    actor: Any,
    previous: Delegation | None,
    summary_fr: str = "",
    summary_en: str = "",
    previous_outcomes_fr: str = "",
    previous_outcomes_en: str = "",
) -> Dossier:
    if previous is not None and previous.pk == delegation.pk:
        raise PavilionError(
            _("The previous edition is another delegation."),
            code="previous_is_self",
            field="previous",
        )
    with transaction.atomic(), acting_as(actor):
        dossier = dossier_of(delegation)
        dossier.previous = previous
        dossier.summary_fr = summary_fr
        dossier.summary_en = summary_en
        dossier.previous_outcomes_fr = previous_outcomes_fr
        dossier.previous_outcomes_en = previous_outcomes_en
        dossier.save()
    return dossier
