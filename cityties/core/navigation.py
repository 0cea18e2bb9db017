"""The areas of the product, in menu order. An area without a `url_name` is not built yet
and leads to a plain "coming" page rather than a broken link."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Area:
    slug: str
    label: str | Promise
    summary: str | Promise
    url_name: str | None = None
    staff_only: bool = False

    @property
    def url(self) -> str:
        if self.url_name:
            return reverse(self.url_name)
        return reverse("core:coming", args=[self.slug])


AREAS: tuple[Area, ...] = (
    Area(
        "directory",
        _("Directory"),
        _("Organisations, people and country groups of the network."),
        "network:organisation_list",
    ),
    Area(
        "partnerships",
        _("Partnerships"),
        _("Twinnings and cooperation agreements, their activities and the atlas."),
        "network:partnership_list",
    ),
    Area(
        "meetings",
        _("Group meetings"),
        _("Country-group meetings, minutes, decisions and action items."),
    ),
    Area(
        "calendar",
        _("Calendar"),
        _("Congresses, fairs, missions and receptions."),
        "events:month",
    ),
    Area(
        "delegations",
        _("Delegations"),
        _("Delegations to congresses: participants, pavilion, budget, programme, homestays."),
        "delegations:list",
    ),
    Area(
        "matchmaking",
        _("Matchmaking"),
        _("Attendees, recommendations, meeting requests and agendas."),
    ),
    Area(
        "outcomes",
        _("Outcomes"),
        _("Contracts, tenders and return on investment of each delegation."),
    ),
    Area(
        "solidarity",
        _("Solidarity funds"),
        _("Crisis funds, contributions and offers of expertise."),
    ),
    Area(
        "users",
        _("Users"),
        _("Accounts, roles and invitations."),
        "accounts:user_list",
        staff_only=True,
    ),
)

AREAS_BY_SLUG = {area.slug: area for area in AREAS}
