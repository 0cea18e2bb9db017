"""The one error type of the delegation services: a stable code, a translatable message."""

from cityties.core.errors import DomainError


class DelegationError(DomainError):
    code = "delegation_error"
    status = 400
