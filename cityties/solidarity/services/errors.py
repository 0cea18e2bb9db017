"""The one error type of the solidarity services: a stable code, a translatable message."""

from cityties.core.errors import DomainError


class SolidarityError(DomainError):
    code = "solidarity_error"
    status = 400
