from auditlog.registry import auditlog

from .models import OutcomeRecord, SurveyInvitation, SurveySettings

auditlog.register(OutcomeRecord)
auditlog.register(SurveySettings)
# The answer's free text stays out of the audit trail (personal data, erased on its own).
auditlog.register(SurveyInvitation, exclude_fields=["nonce", "comments", "followups"])
