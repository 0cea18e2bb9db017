"""The audit trail of homestays. A family's contact data and a guest's needs are personal:
the trail records that they changed, never their values, so the retention purge leaves
nothing behind in it."""

from auditlog.registry import auditlog

from .models import Family, Guest, Placement, Plan

auditlog.register(
    Family,
    include_fields=[
        "beds",
        "available_from",
        "available_to",
        "status",
        "visit_on",
        "check_on",
        "confirmed_at",
        "erased_at",
    ],
)
auditlog.register(Guest, include_fields=["arrive", "leave", "priority"])
auditlog.register(Placement)
auditlog.register(Plan, include_fields=["confirmed_at", "purged_at"])
