"""The one error type of the homestay services: a stable code, a translatable message."""

from cityties.core.errors import DomainError


class HomestayError(DomainError):
    code = "homestay_error"
    status = 400
