from auditlog.registry import auditlog

from .models import CheckIn, Invitation, Quota, Reception

# Guests' names and addresses stay out of the audit trail: it keeps who changed an
# invitation and when, and the retention purge then leaves nothing personal behind.
GUEST_FIELDS = ["name", "name_key", "organisation", "function", "email", "code", "link_key"]

auditlog.register(Reception, exclude_fields=["allocated", "present"])
auditlog.register(Quota, exclude_fields=["named"])
auditlog.register(Invitation, exclude_fields=GUEST_FIELDS)
auditlog.register(CheckIn)
