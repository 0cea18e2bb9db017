"""The areas of the product, in menu order. Only areas that exist are listed: an area still
to be built gets its entry the day its pages ship."""

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
    url_name: str
    staff_only: bool = False

    @property
    def url(self) -> str:
        return reverse(self.url_name)


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
        "calendar",
        _("Calendar"),
        _("Congresses, fairs, missions and receptions."),
        "events:month",
    ),
    Area(
        "meetings",
        _("Meetings"),
        _("Country-group meetings: agenda, attendance, minutes, decisions, action items."),
        "meetings:list",
    ),
    Area(
        "delegations",
        _("Delegations"),
        _("Delegations to congresses: milestones, participants, calls, programme."),
        "delegations:list",
    ),
    Area(
        "matchmaking",
        _("Matchmaking"),
        _("One-to-one meetings at congresses: attendees, recommendations, the schedule."),
        "matchmaking:index",
    ),
    Area(
        "solidarity",
        _("Solidarity"),
        _("Crises, solidarity funds, pledges and payments, projects, expertise."),
        "solidarity:crisis_list",
    ),
    Area(
        "outcomes",
        _("Outcomes"),
        _("What came of the delegations: contracts, tenders, surveys and return on investment."),
        "outcomes:index",
    ),
    Area(
        "users",
        _("Users"),
        _("Accounts, roles and invitations."),
        "accounts:user_list",
        staff_only=True,
    ),
)
