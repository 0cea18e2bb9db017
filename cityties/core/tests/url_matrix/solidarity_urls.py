"""The solidarity area's URLs in the permission matrix."""

from __future__ import annotations

from .statuses import (
    MEMBERS,
    OFFICERS,
    POST_ONLY,
    PUBLIC,
    STAFF,
    row,
)


def solidarity_matrix(w: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """A FACECO fund run by the ministry: Caen's private pledge (decision, document, a
    payment), Tours' public one; a project Caen funds with a report's files; Caen's offer
    proposed for New Orleans' need. The ministry's viewer reads the whole fund; Tours
    pledged, so it reads the reports; the company representative funded nothing."""

    def k(name: str) -> int:
        return w[f"solidarity_{name}"]

    s = "/solidarity"
    caen_only = row(302, 200, 200, 403, 403, 403)
    caen_and_fund = row(302, 200, 200, 403, 403, 200)
    funders = row(302, 200, 200, 200, 403, 200)
    api_all = row(401, 200, 200, 200, 200, 200)
    api_caen_and_fund = row(401, 200, 200, 403, 403, 200)
    crises, fund, pledge = f"/api{s}/crises", f"/api{s}/funds/{k('fund')}", k("caen_pledge")
    need = f"/api{s}/needs/{k('need')}"
    return {
        "solidarity:crisis_list": (f"{s}/", MEMBERS),
        "solidarity:crisis_create": (f"{s}/crises/new/", STAFF),
        "solidarity:crisis_detail": (f"{s}/crises/{k('crisis')}/", MEMBERS),
        "solidarity:crisis_edit": (f"{s}/crises/{k('crisis')}/edit/", STAFF),
        "solidarity:fund_create": (f"{s}/crises/{k('crisis')}/funds/new/", STAFF),
        "solidarity:fund_detail": (f"{s}/funds/{k('fund')}/", MEMBERS),
        "solidarity:fund_edit": (f"{s}/funds/{k('fund')}/edit/", STAFF),
        "solidarity:fund_public": (f"{s}/public/funds/{k('fund')}/", PUBLIC),
        "solidarity:pledge_create": (f"{s}/funds/{k('fund')}/pledge/", OFFICERS),
        "solidarity:pledge_detail": (f"{s}/pledges/{pledge}/", caen_and_fund),
        "solidarity:pledge_edit": (f"{s}/pledges/{pledge}/edit/", caen_only),
        "solidarity:decision_edit": (f"{s}/pledges/{pledge}/decision/", caen_only),
        "solidarity:decision_document": (f"{s}/pledges/{pledge}/decision/document/", caen_and_fund),
        "solidarity:payment_add": (f"{s}/pledges/{pledge}/payments/", POST_ONLY),
        "solidarity:pledge_cancel": (f"{s}/pledges/{pledge}/cancel/", POST_ONLY),
        "solidarity:payment_remove": (f"{s}/payments/{k('payment')}/remove/", POST_ONLY),
        "solidarity:budgets": (f"{s}/members/{w['caen']}/budgets/", caen_only),
        "solidarity:project_create": (f"{s}/funds/{k('fund')}/projects/new/", STAFF),
        "solidarity:project_detail": (f"{s}/projects/{k('project')}/", MEMBERS),
        "solidarity:project_edit": (f"{s}/projects/{k('project')}/edit/", STAFF),
        "solidarity:funding_set": (f"{s}/projects/{k('project')}/funding/", POST_ONLY),
        "solidarity:funding_remove": (f"{s}/fundings/{k('funding')}/remove/", POST_ONLY),
        "solidarity:report_create": (f"{s}/projects/{k('project')}/reports/new/", STAFF),
        "solidarity:attachment_add": (f"{s}/reports/{k('report')}/attachments/", POST_ONLY),
        "solidarity:attachment_download": (f"{s}/attachments/{k('document')}/", funders),
        "solidarity:attachment_delete": (f"{s}/attachments/{k('photo')}/delete/", POST_ONLY),
        "solidarity:expertise": (f"{s}/expertise/", MEMBERS),
        "solidarity:offer_create": (f"{s}/expertise/offers/new/", OFFICERS),
        "solidarity:offer_edit": (f"{s}/expertise/offers/{k('offer')}/edit/", caen_only),
        "solidarity:offer_withdraw": (f"{s}/expertise/offers/{k('offer')}/withdraw/", POST_ONLY),
        "solidarity:need_create": (f"{s}/expertise/needs/new/", STAFF),
        "solidarity:need_detail": (f"{s}/expertise/needs/{k('need')}/", MEMBERS),
        "solidarity:need_edit": (f"{s}/expertise/needs/{k('need')}/edit/", STAFF),
        "solidarity:match_propose": (f"{s}/expertise/needs/{k('need')}/propose/", POST_ONLY),
        "solidarity:match_answer": (f"{s}/expertise/matches/{k('match')}/answer/", POST_ONLY),
        "solidarity:match_done": (f"{s}/expertise/matches/{k('match')}/done/", caen_only),
        "solidarity:match_report": (f"{s}/expertise/matches/{k('match')}/report/", caen_only),
        "api-1.0.0:list_crises": (crises, api_all),
        "api-1.0.0:create_crisis": (crises, api_all),
        "api-1.0.0:get_crisis": (f"{crises}/{k('crisis')}", api_all),
        "api-1.0.0:list_funds": (f"{crises}/{k('crisis')}/funds", api_all),
        "api-1.0.0:create_fund": (f"{crises}/{k('crisis')}/funds", api_all),
        "api-1.0.0:get_fund": (fund, api_all),
        "api-1.0.0:fund_progress": (f"{fund}/progress", api_all),
        "api-1.0.0:list_pledges": (f"{fund}/pledges", api_all),
        "api-1.0.0:create_pledge": (f"{fund}/pledges", api_all),
        "api-1.0.0:get_pledge": (f"/api{s}/pledges/{pledge}", api_caen_and_fund),
        "api-1.0.0:list_payments": (f"/api{s}/pledges/{pledge}/payments", api_caen_and_fund),
        "api-1.0.0:create_payment": (f"/api{s}/pledges/{pledge}/payments", api_caen_and_fund),
        "api-1.0.0:oudin_headroom": (
            f"/api{s}/members/{w['caen']}/headroom/2016",
            row(401, 200, 200, 403, 403, 403),
        ),
        "api-1.0.0:list_projects": (f"{fund}/projects", api_all),
        "api-1.0.0:get_project": (f"/api{s}/projects/{k('project')}", api_all),
        "api-1.0.0:list_offers": (f"/api{s}/offers", api_all),
        "api-1.0.0:create_offer": (f"/api{s}/offers", api_all),
        "api-1.0.0:list_needs": (f"/api{s}/needs", api_all),
        "api-1.0.0:create_need": (f"/api{s}/needs", api_all),
        "api-1.0.0:rank_offers": (f"{need}/ranking", api_all),
        "api-1.0.0:propose_match": (f"{need}/matches", row(*[405] * 6)),
        "api-1.0.0:answer_match": (
            f"/api{s}/matches/{k('match')}/answer",
            row(*[405] * 6),
        ),
    }
