from auditlog.registry import auditlog

from .models import (
    Attachment,
    Crisis,
    Fund,
    Funding,
    Match,
    Need,
    Offer,
    OudinBudget,
    Payment,
    Pledge,
    Project,
    Report,
)

auditlog.register(Crisis, m2m_fields={"affected"})
auditlog.register(Fund, exclude_fields=["public_version"])
# The paid total follows the payments, which are audited one by one.
auditlog.register(Pledge, exclude_fields=["paid_total"])
auditlog.register(Payment)
auditlog.register(OudinBudget)
auditlog.register(Project)
auditlog.register(Funding)
auditlog.register(Report)
auditlog.register(Attachment)
auditlog.register(Offer)
auditlog.register(Need)
auditlog.register(Match)
