"""REST endpoints of the solidarity area: crises, funds and their progress, pledges and
payments, the Oudin-Santini headroom, projects, expertise offers, needs, their ranking and
matches; through the same access helpers, rules and services as the pages.

Refusals are `{code, message}`: 400 for invalid input (the services' SolidarityError),
403 when the user may not, 404 when the object does not exist."""

from . import expertise, funds, pledges, projects  # noqa: F401 - they register the operations
from .common import router

__all__ = ["router"]
