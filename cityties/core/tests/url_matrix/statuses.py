"""The personas, in the order of each row, and the rows most URLs share."""

from __future__ import annotations

PERSONAS = ["anonymous", "staff", "caen_officer", "tours_officer", "company_rep", "viewer"]


def row(*statuses: int) -> tuple[int, ...]:
    assert len(statuses) == len(PERSONAS)
    return statuses


MEMBERS = row(302, 200, 200, 200, 200, 200)


STAFF = row(302, 200, 403, 403, 403, 403)


OFFICERS = row(302, 200, 200, 200, 403, 403)


PUBLIC = row(200, 200, 200, 200, 200, 200)


POST_ONLY = row(302, 405, 405, 405, 405, 405)
