"""`python -m cityties read_minutes FILE [--json]`: what the minutes reader proposes.

Reads TXT, Markdown, DOCX or PDF minutes and prints the proposal (plain text, or the JSON
of the review form with --json). Nothing is saved. Exit status 1 when the file cannot be
read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cityties.meetings.reader import MAX_BYTES, UnreadableMinutes, read_file


class Command(BaseCommand):
    help = "Read existing minutes (TXT, Markdown, DOCX, PDF) and print what they propose."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the minutes to read")
        parser.add_argument("--json", action="store_true", help="print the proposal as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError("The file is larger than 10 MB.")
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            proposal = read_file(data, path.name)
        except UnreadableMinutes as error:
            raise CommandError(error.message) from error
        if options["json"]:
            self.stdout.write(json.dumps(proposal.to_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(proposal.summary())
