"""The one error type of the pavilion services: a stable code, a translatable message."""

from cityties.core.errors import DomainError


class PavilionError(DomainError):
    code = "pavilion_error"
    status = 400
