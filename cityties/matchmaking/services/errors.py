"""The error types of the matchmaking services: a stable code, a translatable message."""

from cityties.core.errors import DomainError


class MatchmakingError(DomainError):
    code = "matchmaking_error"
    status = 400


class MatchmakingConflict(MatchmakingError):
    """The change collides with the current state (an open request, a booking)."""

    code = "conflict"
    status = 409


class BookingConflict(MatchmakingConflict):
    """A person or a table already taken in that slot: the database said no."""

    code = "double_booking"
