"""The homestays area's URLs in the permission matrix."""

from __future__ import annotations

from .statuses import (
    POST_ONLY,
    PUBLIC,
    row,
)


def homestays_matrix(w: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """The same delegation's homestays: the lead and the staff alone see the families; a
    family registers through its signed link, whoever opens it."""
    d, lead_only = w["delegation"], row(302, 200, 200, 403, 403, 403)
    family, guest = w["homestays_family"], w["homestays_guest"]
    return {
        "homestays:plan": (f"/homestays/delegations/{d}/", lead_only),
        "homestays:link": (f"/homestays/delegations/{d}/link/", lead_only),
        "homestays:run_start": (f"/homestays/delegations/{d}/run/", POST_ONLY),
        "homestays:run_progress": (f"/homestays/runs/{w['homestays_run']}/progress/", lead_only),
        "homestays:confirm": (f"/homestays/delegations/{d}/confirm/", POST_ONLY),
        "homestays:families_pdf": (f"/homestays/delegations/{d}/families.pdf", lead_only),
        "homestays:nights_pdf": (f"/homestays/delegations/{d}/nights.pdf", lead_only),
        "homestays:register": (f"/homestays/register/{w['homestays_token']}/", PUBLIC),
        "homestays:family": (f"/homestays/families/{family}/", lead_only),
        "homestays:family_edit": (f"/homestays/families/{family}/edit/", lead_only),
        "homestays:family_confirm": (f"/homestays/families/{family}/confirm/", POST_ONLY),
        "homestays:family_withdraw": (f"/homestays/families/{family}/withdraw/", POST_ONLY),
        "homestays:guest_add": (f"/homestays/delegations/{d}/guests/new/", lead_only),
        "homestays:guest_edit": (f"/homestays/guests/{guest}/edit/", lead_only),
        "homestays:guest_remove": (f"/homestays/guests/{guest}/remove/", POST_ONLY),
        "homestays:guest_move": (f"/homestays/guests/{guest}/move/", POST_ONLY),
        "homestays:guest_lock": (f"/homestays/guests/{guest}/lock/", POST_ONLY),
    }
