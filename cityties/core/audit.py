"""Record the actor of a change made outside a web request (commands, tasks, services)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from auditlog.context import set_actor


@contextmanager
def acting_as(actor: Any) -> Iterator[None]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        yield
        return
    with set_actor(actor):
        yield
