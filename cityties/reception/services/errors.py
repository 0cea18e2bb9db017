"""The one error type of the reception services: a stable code, a translatable message."""

from cityties.core.errors import DomainError


class ReceptionError(DomainError):
    code = "reception_error"
    status = 400
