"""Refresh the French catalogue from the code and fail if any message lacks a translation.

Runs `makemessages -l fr` (GNU gettext's xgettext is needed for that step), pins the
catalogue's creation date so that an unchanged code base leaves the file unchanged, then
reads it with Babel: an empty or fuzzy French translation is an error.
`--update-only` refreshes and compiles without failing on missing translations.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "cityties" / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def refresh() -> None:
    if shutil.which("xgettext") is None:
        sys.exit(
            "GNU gettext is missing (xgettext not found): install it, e.g. "
            "'apt-get install gettext', to check the translations."
        )
    env = {**os.environ, "TASKS_BACKEND": "immediate"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cityties",
            "makemessages",
            "-l",
            "fr",
            "--no-obsolete",
            "--add-location=file",
            "--ignore=.venv/*",
            "--ignore=var/*",
            "--ignore=node_modules/*",
            "--ignore=tests/*",
            "--ignore=benchmarks/*",
        ],
        cwd=ROOT / "cityties",
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    text = PO.read_text(encoding="utf-8")
    text = re.sub(
        r'"POT-Creation-Date: [^"]*\\n"', '"POT-Creation-Date: 2026-01-01 00:00+0000\\\\n"', text
    )
    PO.write_text(text, encoding="utf-8")


def compile_catalogue() -> None:
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    with PO.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog)


def missing() -> list[str]:
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        where = ", ".join(sorted({loc[0] for loc in message.locations})) or "?"
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        if message.fuzzy:
            problems.append(f"fuzzy: {msgid!r} ({where})")
        elif not all(strings):
            problems.append(f"untranslated: {msgid!r} ({where})")
    return problems


def main() -> None:
    refresh()
    compile_catalogue()
    if "--update-only" in sys.argv:
        return
    problems = missing()
    if problems:
        print(f"{len(problems)} French message(s) need a translation in {PO.relative_to(ROOT)}:")
        for line in problems:
            print("  " + line)
        sys.exit(1)
    print("Every French message is translated.")


if __name__ == "__main__":
    main()
