"""The minutes reader: a pure package (no Django) that turns existing minutes into a
proposal a person reviews before anything is saved.

    read_file(data: bytes, filename: str) -> Proposal   # TXT, Markdown, DOCX, PDF
    read_text(text: str) -> Proposal
    Proposal.to_json() -> dict                          # the shape of the review form

`read_file` raises `UnreadableMinutes(message)` for an unknown format, an empty, damaged
or encrypted file, a file above 10 MB, or one without text. Text files are decoded as
UTF-8, falling back to Windows-1252, then Latin-1. A text longer than 500,000 characters
(about 100 pages) is read by its first 400,000 and last 100,000 (where annexes are).

People are returned as the minutes write them, with one normalisation: a family name
written in capitals ("Jean-Pierre DUPONT", "DUPONT Jean-Pierre") is returned in title case
("Dupont"), particles in lower case ("de La Fontaine"); civilities are shortened to
"M.", "Mme", "Mlle", "Dr", "Pr", "Me" (and "Mr", "Mrs", "Ms", "Cllr"). A lone given name
("Léa") is a first name; a lone name after a civility ("M. Dupont") is a last name.
Organisations and functions are kept as written.
"""

from __future__ import annotations

from .extract import MAX_BYTES
from .extract import extract as _extract
from .model import Action, Decision, Event, Person, Proposal, UnreadableMinutes
from .reading import read_text

__all__ = [
    "MAX_BYTES",
    "Action",
    "Decision",
    "Event",
    "Person",
    "Proposal",
    "UnreadableMinutes",
    "read_file",
    "read_text",
]


def read_file(data: bytes, filename: str) -> Proposal:
    """Read minutes from the bytes of an uploaded file (its name gives the format)."""
    return read_text(_extract(data, filename))
