"""REST endpoints of delegations."""

from ninja import Router

router = Router(tags=["delegations"])
