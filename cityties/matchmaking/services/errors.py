"""The one error type of the matchmaking services: a stable code, a translatable message."""

from cityties.core.errors import ConflictError, DomainError


class MatchmakingError(DomainError):
    code = "matchmaking_error"
    status = 400


class BookingConflict(ConflictError):
    """A person or a table already taken in that slot: the database said no."""

    code = "double_booking"
