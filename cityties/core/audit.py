"""Record the actor of a change made outside a web request (commands, tasks, services)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _


@contextmanager
def acting_as(actor: Any) -> Iterator[None]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        yield
        return
    with set_actor(actor):
        yield


_SESSION_FIELDS = frozenset({"last_login", "language"})


def recent_changes(limit: int = 8) -> list[LogEntry]:
    """The latest audit entries, an import counting as one line ("X imported 3 327
    partnerships from twinnings.xlsx") rather than one per record it wrote."""
    from cityties.accounts.models import User

    user_type = ContentType.objects.get_for_model(User)
    candidates = (
        LogEntry.objects.select_related("actor", "content_type")
        .filter(
            Q(additional_data__isnull=True)
            | ~Q(additional_data__has_key="import_job")
            | Q(additional_data__has_key="import_summary")
        )
        .order_by("-timestamp", "-pk")
    )
    entries: list[LogEntry] = []
    for entry in candidates[: limit * 4]:
        # Changes that only record a session (a login, a language switch) are not news.
        if (
            entry.content_type_id == user_type.pk
            and entry.action == LogEntry.Action.UPDATE
            and set(entry.changes_dict) <= _SESSION_FIELDS
        ):
            continue
        entries.append(entry)
        if len(entries) == limit:
            break
    for entry in entries:
        data = entry.additional_data or {}
        if "import_summary" in data:
            entry.import_line = _import_line(entry, data)
    return entries


def _import_line(entry: LogEntry, data: dict[str, Any]) -> str:
    from cityties.imports.registry import get_kind

    try:
        label = get_kind(data.get("import_kind", "")).count_label
    except LookupError:
        return str(entry.object_repr)
    created = ", ".join(label(k, n) for k, n in data["import_summary"].items() if n) or "0"
    values = {
        "actor": entry.actor or _("system"),
        "created": created,
        "file": data.get("import_file", entry.object_repr),
    }
    if data.get("undone"):
        return _("%(actor)s undid the import of %(file)s") % values
    return _("%(actor)s imported %(created)s from %(file)s") % values
