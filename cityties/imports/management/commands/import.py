"""`python -m cityties import KIND FILE`: the import engine from the command line.

The same reading, mapping, validation and write as the pages; the job is recorded (and
may be undone on its page). Exit status: 0 written (or a clean dry run), 1 row errors
(nothing written, unless --skip-invalid wrote the valid rows), 2 bad arguments.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import translation

from cityties.imports.jobs import validate_job, writable, write
from cityties.imports.mapping import guess_mapping
from cityties.imports.models import ImportJob, ImportStatus
from cityties.imports.reading import ImportFileError, check_upload, read_table
from cityties.imports.registry import get_kind, kinds
from cityties.imports.validation import Options

BAD_ARGUMENTS = 2


class Usage(Exception):
    pass


def _pairs(values: list[str], what: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        key, sep, target = value.partition("=")
        if not sep or not key.strip():
            raise Usage(f"{what} expects NAME=VALUE, got {value!r}")
        pairs[key.strip()] = target.strip()
    return pairs


def _planned(kind: str, planned: dict[str, int]) -> dict[str, int]:
    """What a dry run would create."""
    created = {kind: planned.get("new_rows", 0)}
    if kind != "organisations" and "organisations" in planned:
        created["organisations"] = planned["organisations"]
    return created


class Command(BaseCommand):
    help = "Import a CSV, XLSX or JSON file with the import engine."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help="kind of import, e.g. partnerships")
        parser.add_argument("file", help="the file to import")
        parser.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD")
        parser.add_argument("--default", action="append", default=[], metavar="FIELD=VALUE")
        parser.add_argument("--remap", action="append", default=[], metavar="FIELD:VALUE=VALUE")
        parser.add_argument("--create-missing", action="store_true")
        parser.add_argument("--skip-invalid", action="store_true")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--as", dest="as_email", metavar="EMAIL", default="")
        parser.add_argument("--source", default="", help="source name the mapping is kept for")

    def run_from_argv(self, argv: list[str]) -> None:
        # argparse exits with 2 on bad arguments already; keep that for our own checks too.
        try:
            super().run_from_argv(argv)
        except Usage as exc:
            sys.stderr.write(f"error: {exc}\n")
            sys.exit(BAD_ARGUMENTS)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            code = self._run(options)
        if code:
            sys.exit(code)

    def _user(self, email: str) -> Any:
        users = get_user_model().objects.filter(is_active=True)
        if email:
            user = users.filter(email__iexact=email).first()
            if user is None:
                raise Usage(f"no active user with the e-mail {email}")
            return user
        user = users.filter(is_superuser=True).order_by("pk").first()
        if user is None:
            user = next((u for u in users.order_by("pk") if u.is_network_staff), None)
        if user is None:
            raise Usage("no staff account to import as; give --as EMAIL")
        return user

    def _run(self, options: dict[str, Any]) -> int:
        try:
            kind = get_kind(options["kind"])
        except LookupError:
            names = ", ".join(k.name for k in kinds())
            raise Usage(f"unknown kind {options['kind']!r} (one of: {names})") from None
        path = Path(options["file"])
        if not path.is_file():
            raise Usage(f"no such file: {path}")
        user = self._user(options["as_email"])
        if not kind.may_import(user):
            raise Usage(f"{user.email} may not import {kind.name}")
        data = path.read_bytes()
        try:
            check_upload(path.name, len(data))
            table = read_table(data, path.name, kind.name)
        except ImportFileError as exc:
            raise Usage(str(exc)) from exc
        field_names = {f.name for f in kind.fields}
        mapping = guess_mapping(kind.name, table.headers)
        for column, target in _pairs(options["map"], "--map").items():
            if target not in field_names:
                raise Usage(f"unknown field {target!r} for {kind.name}")
            if column not in table.headers:
                raise Usage(f"no column {column!r} in the file")
            mapping = {k: v for k, v in mapping.items() if v != column}
            mapping[target] = column
        defaults = _pairs(options["default"], "--default")
        for target in defaults:
            if target not in field_names:
                raise Usage(f"unknown field {target!r} for {kind.name}")
        remap: dict[str, dict[str, str]] = {}
        vocabularies = {f.name: f.vocabulary_name for f in kind.fields}
        for value in options["remap"]:
            target, sep, rest = value.partition(":")
            pair = _pairs([rest], "--remap") if sep else {}
            if not pair or target not in vocabularies:
                raise Usage(f"--remap expects FIELD:VALUE=VALUE with a known field, got {value!r}")
            remap.setdefault(vocabularies[target], {}).update(pair)
        job_options = Options(
            defaults=defaults,
            remap=remap,
            create_missing=options["create_missing"],
            skip_invalid=options["skip_invalid"],
        )
        job = ImportJob(
            kind=kind.name,
            source_name=options["source"] or path.name,
            original_filename=path.name,
            created_by=user,
            status=ImportStatus.RUNNING,
            mapping=mapping,
            options=job_options.as_dict(),
            total_rows=len(table.rows),
        )
        result = validate_job(job, table, user=user, decisions={"*": "skip"})
        written = False
        outcome = None
        if not options["dry_run"] and writable(result, job_options):
            with transaction.atomic():
                job.file.save(path.name, ContentFile(data), save=False)
                job.save()
                outcome = write(job, result, user=user)
            written = True
        report: dict[str, Any] = {
            "kind": kind.name,
            "rows": len(table.rows),
            "errors": [
                {"row": e.row, "column": e.column, "message": e.message}
                for e in result.sorted_errors()
            ],
            "created": outcome.created if outcome else _planned(kind.name, result.planned),
            "matched": outcome.matched if outcome else len(result.duplicates),
            "skipped": outcome.skipped if outcome else len(result.duplicates),
            "written": written,
        }
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            for error in report["errors"]:
                self.stderr.write(f"row {error['row']} [{error['column']}]: {error['message']}")
            state = "written" if written else ("dry run" if options["dry_run"] else "not written")
            self.stdout.write(
                f"{kind.name}: {report['rows']} rows, {len(report['errors'])} errors, "
                f"created {report['created']}, {state}"
                + (f" (import no. {job.pk})" if written else "")
            )
        if result.errors and not (written and options["skip_invalid"]):
            return 1
        return 0
