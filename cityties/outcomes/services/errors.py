"""The one error type of the outcomes services: a stable code, a translatable message."""

from cityties.core.errors import DomainError


class OutcomeError(DomainError):
    code = "outcome_error"
    status = 400
