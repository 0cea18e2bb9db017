"""GDPR: export of everything held on a person, and erasure with the scrubbing helpers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from auditlog.models import LogEntry
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cityties.accounts.models import Invitation, User
from cityties.core.audit import acting_as

from ..models import Person
from .errors import DirectoryError

ERASED = "[erased]"
# Values that identify or describe the person: blanked on erasure and in the audit trail.
PERSONAL_FIELDS = (
    "civility",
    "first_name",
    "last_name",
    "function",
    "email",
    "phone",
    "languages",
    "consent_date",
)


# --- GDPR: export ---------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _row(obj: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {"model": obj._meta.label}
    for field in obj._meta.concrete_fields:
        data[field.attname] = _jsonable(field.value_from_object(obj))
    for m2m in obj._meta.many_to_many:
        data[m2m.name] = list(getattr(obj, m2m.name).values_list("pk", flat=True))
    return data


def _person_relations() -> list[Any]:
    """Every relation from another model to Person, hidden ones (related_name="+") included,
    so that features added later are exported and erased without touching this code."""
    return [
        field
        for field in Person._meta.get_fields(include_hidden=True)
        if field.auto_created
        and not field.concrete
        and (field.one_to_many or field.one_to_one or field.many_to_many)
        and field.related_model is not None
        and not field.related_model._meta.auto_created
    ]


def _rows_referencing(person: Person) -> dict[str, list[dict[str, Any]]]:
    related: dict[str, list[dict[str, Any]]] = {}
    for relation in _person_relations():
        model = relation.related_model
        rows = model._default_manager.filter(**{relation.field.name: person}).order_by("pk")
        key = f"{model._meta.label}.{relation.field.name}"
        related[key] = [_row(obj) for obj in rows]
    return related


def _audit_entries(content_type: ContentType, pk: Any) -> list[dict[str, Any]]:
    entries = LogEntry.objects.filter(content_type=content_type, object_pk=str(pk)).order_by(
        "timestamp", "pk"
    )
    return [
        {
            "id": entry.pk,
            "timestamp": _jsonable(entry.timestamp),
            "action": str(entry.get_action_display()),
            "actor": entry.actor_email or (str(entry.actor) if entry.actor_id else None),
            "object_repr": entry.object_repr,
            "changes": _jsonable(entry.changes),
            "remote_addr": entry.remote_addr,
        }
        for entry in entries.select_related("actor")
    ]


def export_person_data(person: Person, *, actor: User | None = None) -> dict[str, Any]:
    """Everything held on a person, as a JSON-ready dict (GDPR right of access).

    With an `actor`, the export itself is written to the audit trail.
    """
    person = Person.objects.select_related("organisation", "user").get(pk=person.pk)
    organisation = person.organisation
    data: dict[str, Any] = {
        "exported_at": _jsonable(timezone.now()),
        "person": {
            **_row(person),
            "full_name": person.full_name,
            "civility_display": str(person.get_civility_display()) if person.civility else "",
        },
        "organisation": {
            "id": organisation.pk,
            "name": organisation.name,
            "kind": organisation.kind,
            "country": organisation.country,
            "city": organisation.city,
        },
        "user_account": None,
        "audit_log": _audit_entries(ContentType.objects.get_for_model(Person), person.pk),
        "related": _rows_referencing(person),
    }
    user = person.user
    if user is not None:
        data["user_account"] = {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "language": user.language,
            "is_active": user.is_active,
            "date_joined": _jsonable(user.date_joined),
            "last_login": _jsonable(user.last_login),
            "memberships": [
                {
                    "organisation_id": m.organisation_id,
                    "organisation": m.organisation.name,
                    "role": m.role,
                    "is_primary": m.is_primary,
                    "created_at": _jsonable(m.created_at),
                }
                for m in user.memberships.select_related("organisation").order_by("pk")
            ],
            "invitations": [
                _row(invitation)
                for invitation in Invitation.objects.filter(
                    Q(accepted_user=user) | Q(email__iexact=user.email)
                ).order_by("pk")
            ],
            "audit_log": _audit_entries(ContentType.objects.get_for_model(User), user.pk),
        }
    if actor is not None:
        with acting_as(actor):
            LogEntry.objects.log_create(
                person,
                force_log=True,
                action=LogEntry.Action.ACCESS,
                additional_data={"reason": "gdpr_export"},
            )
    return data


# --- GDPR: erasure --------------------------------------------------------------------


def _replace_in(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [_replace_in(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _replace_in(item, pattern) for key, item in value.items()}
    return value


def _scrub_rows(model: type[models.Model], field_names: list[str], values: list[str]) -> None:
    """Replace every occurrence of `values` in the given text/JSON columns of `model`."""
    if not values:
        return
    condition = Q()
    for name in field_names:
        for value in values:
            condition |= Q(**{f"{name}__icontains": value})
            # JSON columns may hold non-ASCII text escaped (é as \\u00e9).
            escaped = json.dumps(value)[1:-1]
            if escaped != value:
                condition |= Q(**{f"{name}__icontains": escaped})
    pattern = re.compile("|".join(re.escape(v) for v in values), re.IGNORECASE)
    for row in model._default_manager.filter(condition):
        updates = {name: _replace_in(getattr(row, name), pattern) for name in field_names}
        model._default_manager.filter(pk=row.pk).update(**updates)


def _scrub_fields(changes: Any, keys: Iterable[str]) -> Any:
    if not isinstance(changes, dict):
        return changes
    scrubbed = dict(changes)
    for key in keys:
        if key in scrubbed and isinstance(scrubbed[key], list):
            scrubbed[key] = [ERASED if v not in (None, "", "None") else v for v in scrubbed[key]]
    return scrubbed


def _scrub_entries_about(obj: models.Model, keys: Iterable[str], label: str) -> None:
    """Keep the audit rows about `obj` (counts, dates, actors) but blank personal values."""
    keys = tuple(keys)
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    )
    for entry in entries:
        LogEntry.objects.filter(pk=entry.pk).update(
            object_repr=label,
            changes=_scrub_fields(entry.changes, keys),
            changes_text="",
            serialized_data=None,
        )


def _past_values(obj: models.Model, keys: Iterable[str]) -> list[str]:
    """Earlier values of `keys` recorded in the audit trail (an old e-mail is personal too)."""
    keys = tuple(keys)
    found: list[str] = []
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    ).values_list("changes", flat=True)
    for changes in entries:
        if isinstance(changes, dict):
            for key in keys:
                pair = changes.get(key)
                if isinstance(pair, list):
                    found += [v for v in pair if isinstance(v, str) and v not in ("", "None")]
    return found


def check_erase_person(person: Person, *, actor: User | None) -> Person:
    # Read from the database: the caller's copy may predate an erasure.
    if Person.objects.filter(pk=person.pk).exclude(erased_at=None).exists():
        raise DirectoryError(_("This person's data has already been erased."), code="erased")
    return do_erase_person(person, actor=actor)


def erase_person(person: Person, actor: User | None) -> Person:
    """GDPR right to erasure; see `do_erase_person`."""
    return check_erase_person(person, actor=actor)


def do_erase_person(person: Person, *, actor: User | None) -> Person:
    """Anonymise a person and their account everywhere, keeping rows so counts stay.

    Links that deleting the person would clear (SET_NULL, e.g. a group's president) are
    cleared; rows that would be deleted keep pointing at the anonymised record.
    """
    label = gettext("Erased person")
    with transaction.atomic(), acting_as(actor):
        person = (
            Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
        )
        user = person.user
        identifying = [person.full_name, person.email, person.phone]
        identifying += _past_values(person, ("email", "phone"))
        if user is not None:
            identifying += [user.email, user.full_name]
            identifying += _past_values(user, ("email", "full_name"))
        # Short values ("Li") would blank unrelated text; the structural scrub covers them.
        values = sorted({v for v in identifying if v and len(v) >= 4}, key=len, reverse=True)

        now = timezone.now()
        for field in PERSONAL_FIELDS:
            setattr(person, field, None if field == "consent_date" else "")
        person.last_name = label
        person.consent_given = False
        person.erased_at = now
        person.archived_at = person.archived_at or now
        person.save()

        for relation in _person_relations():
            field = relation.field
            if relation.on_delete is models.SET_NULL:
                for obj in relation.related_model._default_manager.filter(**{field.name: person}):
                    setattr(obj, field.name, None)
                    obj.save(update_fields=[field.name])

        if user is not None:
            emails = [user.email]
            user.email = f"erased-{user.pk}@erased.invalid"
            user.full_name = label
            user.is_active = False
            user.set_unusable_password()
            user.save()
            for invitation in Invitation.objects.filter(
                Q(accepted_user=user) | Q(email__in=emails)
            ):
                invitation.email = user.email
                invitation.full_name = label
                invitation.save(update_fields=["email", "full_name"])
            LogEntry.objects.filter(actor=user).update(actor_email=user.email)
            _scrub_entries_about(user, ("email", "full_name"), label)
        _scrub_entries_about(person, PERSONAL_FIELDS, label)
        _scrub_rows(
            LogEntry,
            ["object_repr", "changes_text", "changes", "serialized_data", "additional_data"],
            values,
        )
        _scrub_rows(LogEntry, ["actor_email"], values)
        _scrub_rows(AdminLogEntry, ["object_repr", "change_message"], values)
        _scrub_login_records(values)
    return person


def _scrub_login_records(values: list[str]) -> None:
    # django-axes keeps the usernames (e-mails) of login attempts.
    try:
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    except ImportError:  # pragma: no cover - axes is installed in every deployment
        return
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        _scrub_rows(model, text_fields, values)
