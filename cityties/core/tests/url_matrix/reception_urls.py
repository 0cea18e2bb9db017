"""The reception area's URLs in the permission matrix."""

from __future__ import annotations

from typing import Any

from .statuses import (
    POST_ONLY,
    PUBLIC,
    row,
)


def reception_matrix(w: dict[str, Any]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """The reception of the same delegation: the lead sets it up and runs the door; the
    company representative names its own guests; the guest's signed link is public."""
    r, q, i = w["reception_reception"], w["reception_quota"], w["reception_invitation"]
    lead_only = row(302, 200, 200, 403, 403, 403)
    holders = row(302, 200, 200, 403, 200, 403)
    token = w["reception_token"]
    api_lead = row(401, 200, 200, 403, 403, 403)
    api_holders = row(401, 200, 200, 403, 200, 403)
    return {
        "reception:delegation": (f"/reception/delegations/{w['delegation']}/", lead_only),
        "reception:setup": (
            f"/reception/sessions/{w['reception_session']}/setup/",
            row(302, 302, 302, 403, 403, 403),
        ),
        "reception:detail": (f"/reception/{r}/", lead_only),
        "reception:edit": (f"/reception/{r}/edit/", lead_only),
        "reception:quota_set": (f"/reception/{r}/quotas/", POST_ONLY),
        "reception:quota_remove": (f"/reception/quotas/{q}/remove/", POST_ONLY),
        "reception:quota": (f"/reception/quotas/{q}/", holders),
        "reception:send_cards": (f"/reception/quotas/{q}/send/", POST_ONLY),
        "reception:import_guests": (
            f"/reception/quotas/{q}/import/",
            row(302, 200, 200, 403, 302, 403),
        ),
        "reception:guest_edit": (f"/reception/invitations/{i}/edit/", holders),
        "reception:guest_remove": (f"/reception/invitations/{i}/remove/", POST_ONLY),
        "reception:resend": (f"/reception/invitations/{i}/resend/", POST_ONLY),
        "reception:card": (f"/reception/invitations/{i}/card.pdf", holders),
        "reception:door": (f"/reception/{r}/door/", lead_only),
        "reception:scan": (f"/reception/{r}/door/scan/", POST_ONLY),
        "reception:search": (f"/reception/{r}/door/search/?q=mary", lead_only),
        "reception:count": (f"/reception/{r}/door/count/", lead_only),
        "reception:check_in": (f"/reception/{r}/door/{i}/in/", POST_ONLY),
        "reception:undo": (f"/reception/{r}/door/{i}/undo/", POST_ONLY),
        "reception:export": (f"/reception/{r}/arrivals.csv", lead_only),
        "reception:rsvp": (f"/reception/rsvp/{token}/", PUBLIC),
        "reception:rsvp_card": (f"/reception/rsvp/{token}/card.pdf", PUBLIC),
        "reception:rsvp_renew": (f"/reception/rsvp/{token}/renew/", row(*[405] * 6)),
        "api-1.0.0:get_reception": (f"/api/reception/receptions/{r}", api_lead),
        "api-1.0.0:get_head_count": (f"/api/reception/receptions/{r}/headcount", api_lead),
        "api-1.0.0:set_quota": (
            f"/api/reception/receptions/{r}/quotas/{w['participant']}",
            row(*[405] * 6),
        ),
        "api-1.0.0:list_invitations": (f"/api/reception/quotas/{q}/invitations", api_holders),
        # The same path as the list: a GET answers as the list does.
        "api-1.0.0:add_invitation": (f"/api/reception/quotas/{q}/invitations", api_holders),
        "api-1.0.0:check_in": (f"/api/reception/receptions/{r}/checkins", row(*[405] * 6)),
        "api-1.0.0:undo_check_in": (f"/api/reception/invitations/{i}/checkin", row(*[405] * 6)),
    }
