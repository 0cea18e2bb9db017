from auditlog.registry import auditlog

from .models import Attendance, Event, FeedToken

auditlog.register(Event)
auditlog.register(Attendance)
auditlog.register(FeedToken, exclude_fields=["token"])
