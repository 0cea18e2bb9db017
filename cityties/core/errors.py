"""Domain errors: a stable code for tests and callers, a translatable message for people."""

from django.utils.functional import Promise


class DomainError(Exception):
    code: str = "error"

    def __init__(self, message: str | Promise, *, code: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return str(self.message)
