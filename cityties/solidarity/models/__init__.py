"""Solidarity with partners in crisis: crises and their funds; members' pledges with
their legal basis, council decision and payments; the projects funded and their reports;
expertise offered and needed, and the matches between them.

Money is Decimal in the fund's currency; the database refuses a pledge paid beyond its
amount. Uploaded decisions, documents and photos are only served by access-checked views.
"""

from .common import MAX_AMOUNT, MAX_STAFF_DAYS
from .crises import Crisis, CrisisKind, CrisisStatus, Fund, FundChannel, FundPurpose, FundStatus
from .expertise import Domain, Match, MatchStatus, Need, NeedStatus, Offer, OfferStatus
from .pledges import (
    OUDIN_BASES,
    LegalBasis,
    OudinBudget,
    Payment,
    PaymentChannel,
    Pledge,
    PledgeState,
)
from .projects import (
    Attachment,
    AttachmentKind,
    Funding,
    Project,
    ProjectStatus,
    Report,
    ReportKind,
)

__all__ = [
    "MAX_AMOUNT",
    "MAX_STAFF_DAYS",
    "OUDIN_BASES",
    "Attachment",
    "AttachmentKind",
    "Crisis",
    "CrisisKind",
    "CrisisStatus",
    "Domain",
    "Fund",
    "FundChannel",
    "FundPurpose",
    "FundStatus",
    "Funding",
    "LegalBasis",
    "Match",
    "MatchStatus",
    "Need",
    "NeedStatus",
    "Offer",
    "OfferStatus",
    "OudinBudget",
    "Payment",
    "PaymentChannel",
    "Pledge",
    "PledgeState",
    "Project",
    "ProjectStatus",
    "Report",
    "ReportKind",
]
