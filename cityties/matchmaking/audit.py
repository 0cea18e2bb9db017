from auditlog.registry import auditlog

from .models import Attendee, EventSetup, MeetingRequest, Place, Profile

# Meetings are not audited: a re-plan rewrites thousands of them in bulk, and a hand move
# records who made it on the meeting itself (`updated_by`).
auditlog.register(EventSetup)
auditlog.register(Attendee)
auditlog.register(Profile, m2m_fields={"sectors"})
auditlog.register(Place)
auditlog.register(MeetingRequest, exclude_fields=["link_nonce", "pair_key"])
