"""The outcomes area's URLs in the permission matrix."""

from __future__ import annotations

from .statuses import (
    MEMBERS,
    POST_ONLY,
    row,
)


def outcomes_matrix(w: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """The same delegation's outcomes: the lead and the funder's viewer read its reports;
    Soyhuce's representative and Caen (its sponsor) its own and change its records; Caen's
    officer its city's and its partnership's; Tours nothing of it."""
    d, p, caen, shared = w["delegation"], w["participant"], w["caen"], w["shared"]
    readers = row(302, 200, 200, 403, 403, 200)
    own_side = row(302, 200, 200, 403, 200, 403)
    participant_readers = row(302, 200, 200, 403, 200, 200)
    caen_only = row(302, 200, 200, 403, 403, 403)
    pages = {
        "outcomes:index": ("/outcomes/", MEMBERS),
        "outcomes:index_pdf": ("/outcomes/report.pdf", MEMBERS),
        "outcomes:index_xlsx": ("/outcomes/report.xlsx", MEMBERS),
        "outcomes:delegation": (f"/outcomes/delegations/{d}/", readers),
        "outcomes:delegation_pdf": (f"/outcomes/delegations/{d}/report.pdf", readers),
        "outcomes:delegation_xlsx": (f"/outcomes/delegations/{d}/report.xlsx", readers),
        "outcomes:agency": (f"/outcomes/delegations/{d}/agency/", readers),
        "outcomes:agency_pdf": (f"/outcomes/delegations/{d}/agency.pdf", readers),
        "outcomes:agency_xlsx": (f"/outcomes/delegations/{d}/agency.xlsx", readers),
        "outcomes:survey": (f"/outcomes/delegations/{d}/survey/", readers),
        "outcomes:participant": (f"/outcomes/participants/{p}/", participant_readers),
        "outcomes:participant_pdf": (
            f"/outcomes/participants/{p}/report.pdf",
            participant_readers,
        ),
        "outcomes:participant_xlsx": (
            f"/outcomes/participants/{p}/report.xlsx",
            participant_readers,
        ),
        "outcomes:record_create": (f"/outcomes/participants/{p}/records/new/", own_side),
        "outcomes:city": (f"/outcomes/cities/{caen}/", caen_only),
        "outcomes:city_pdf": (f"/outcomes/cities/{caen}/report.pdf", caen_only),
        "outcomes:city_xlsx": (f"/outcomes/cities/{caen}/report.xlsx", caen_only),
        "outcomes:partnership": (f"/outcomes/partnerships/{shared}/", caen_only),
        "outcomes:partnership_pdf": (f"/outcomes/partnerships/{shared}/report.pdf", caen_only),
        "outcomes:partnership_xlsx": (f"/outcomes/partnerships/{shared}/report.xlsx", caen_only),
        "outcomes:partnership_record_create": (
            f"/outcomes/partnerships/{shared}/records/new/",
            caen_only,
        ),
        "outcomes:record_list": ("/outcomes/records/", MEMBERS),
        "outcomes:record_edit": (f"/outcomes/records/{w['outcomes_record']}/edit/", own_side),
        "outcomes:record_delete": (f"/outcomes/records/{w['outcomes_record']}/delete/", POST_ONLY),
        "outcomes:survey_answer": ("/outcomes/survey/forged/", row(*[400] * 6)),
    }
    api = {
        "api-1.0.0:list_records": ("/api/outcomes/records", row(401, 200, 200, 200, 200, 200)),
        "api-1.0.0:get_record": (
            f"/api/outcomes/records/{w['outcomes_record']}",
            row(401, 200, 200, 403, 200, 200),
        ),
        "api-1.0.0:year_totals": ("/api/outcomes/years", row(401, 200, 200, 200, 200, 200)),
        "api-1.0.0:delegation_roi": (
            f"/api/outcomes/delegations/{d}/roi",
            row(401, 200, 200, 403, 403, 200),
        ),
        "api-1.0.0:participant_roi": (
            f"/api/outcomes/participants/{p}/roi",
            row(401, 200, 200, 403, 200, 200),
        ),
        "api-1.0.0:city_roi": (
            f"/api/outcomes/cities/{caen}/roi",
            row(401, 200, 200, 403, 403, 403),
        ),
        "api-1.0.0:partnership_roi": (
            f"/api/outcomes/partnerships/{shared}/roi",
            row(401, 200, 200, 403, 403, 403),
        ),
        "api-1.0.0:survey_rates": (
            f"/api/outcomes/delegations/{d}/survey",
            row(401, 200, 200, 403, 403, 200),
        ),
    }
    return {**pages, **api}
