"""The pavilion area's URLs in the permission matrix."""

from __future__ import annotations

from .statuses import (
    POST_ONLY,
    row,
)


def pavilion_matrix(w: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """The same delegation's pavilion: the lead changes it; the funder's viewer reads the
    figures; the company representative reads its own company's costs only."""
    d, p = w["delegation"], w["participant"]
    lead_only = row(302, 200, 200, 403, 403, 403)
    readers = row(302, 200, 200, 403, 403, 200)
    return {
        "pavilion:overview": (f"/pavilion/delegations/{d}/", readers),
        "pavilion:item_create": (f"/pavilion/delegations/{d}/items/new/", lead_only),
        "pavilion:item_edit": (f"/pavilion/items/{w['pavilion_item']}/edit/", lead_only),
        "pavilion:item_delete": (f"/pavilion/items/{w['pavilion_item']}/delete/", POST_ONLY),
        "pavilion:share_set": (f"/pavilion/items/{w['pavilion_item']}/shares/", lead_only),
        "pavilion:share_remove": (f"/pavilion/shares/{w['pavilion_share']}/remove/", POST_ONLY),
        "pavilion:cover_set": (f"/pavilion/items/{w['pavilion_item']}/covers/", lead_only),
        "pavilion:cover_remove": (f"/pavilion/covers/{w['pavilion_cover']}/remove/", POST_ONLY),
        "pavilion:rates": (f"/pavilion/delegations/{d}/rates/", lead_only),
        "pavilion:rate_remove": (f"/pavilion/rates/{w['pavilion_rate']}/remove/", POST_ONLY),
        "pavilion:rule_create": (f"/pavilion/delegations/{d}/rules/new/", lead_only),
        "pavilion:rule_edit": (f"/pavilion/rules/{w['pavilion_rule']}/edit/", lead_only),
        "pavilion:rule_delete": (f"/pavilion/rules/{w['pavilion_rule']}/delete/", POST_ONLY),
        "pavilion:participant": (f"/pavilion/participants/{p}/", row(302, 200, 200, 403, 200, 200)),
        "pavilion:facts_edit": (f"/pavilion/participants/{p}/facts/", lead_only),
        "pavilion:budget": (f"/pavilion/delegations/{d}/budget/", readers),
        "pavilion:budget_xlsx": (f"/pavilion/delegations/{d}/budget.xlsx", readers),
        "pavilion:dossier_edit": (f"/pavilion/delegations/{d}/dossier/", lead_only),
        "pavilion:dossier_pdf": (f"/pavilion/delegations/{d}/dossier.pdf", readers),
        "api-1.0.0:delegation_figures": (
            f"/api/pavilion/delegations/{d}/figures",
            row(401, 200, 200, 403, 403, 200),
        ),
        "api-1.0.0:participant_costs": (
            f"/api/pavilion/participants/{p}/costs",
            row(401, 200, 200, 403, 200, 200),
        ),
        "api-1.0.0:set_share": (
            f"/api/pavilion/items/{w['pavilion_item']}/shares",
            row(*[405] * 6),
        ),
        "api-1.0.0:set_rate": (f"/api/pavilion/delegations/{d}/rates/USD", row(*[405] * 6)),
    }
