from auditlog.registry import auditlog

from .models import (
    Application,
    Call,
    CompanyProfile,
    Delegate,
    Delegation,
    Milestone,
    Participant,
    Session,
    StatusMove,
    Supporter,
)

auditlog.register(Delegation, m2m_fields={"staff_contacts"})
auditlog.register(StatusMove)
auditlog.register(Supporter)
auditlog.register(Milestone)
auditlog.register(Participant)
auditlog.register(Delegate, exclude_fields=["feed_token"])
auditlog.register(CompanyProfile)
auditlog.register(Call)
auditlog.register(Application)
auditlog.register(Session, m2m_fields={"speakers", "delegates"})
