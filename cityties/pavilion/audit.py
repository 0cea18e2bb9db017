from auditlog.registry import auditlog

from .models import CostItem, Cover, Dossier, ExchangeRate, ParticipantFacts, Share, SubsidyRule

auditlog.register(
    CostItem, exclude_fields=["allocated_area", "allocated_days", "allocated_percent"]
)
auditlog.register(Share)
auditlog.register(Cover)
auditlog.register(ExchangeRate)
auditlog.register(SubsidyRule)
auditlog.register(ParticipantFacts)
auditlog.register(Dossier)
