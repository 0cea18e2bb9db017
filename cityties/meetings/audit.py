from auditlog.registry import auditlog

from .models import ActionItem, AgendaItem, Attendance, Decision, Meeting, MinutesVersion

auditlog.register(Meeting, exclude_fields=["sequence"])
auditlog.register(AgendaItem)
auditlog.register(Attendance, exclude_fields=["invited_sequence"])
auditlog.register(Decision)
auditlog.register(ActionItem)
auditlog.register(MinutesVersion, exclude_fields=["content"])
