"""A corpus of attendee lists in the shapes event platforms and organisers export them
(Eventbrite, Cvent, Swapcard, Brella, b2match, Grip, published participant lists, sign-in
sheets, French, German and Spanish spreadsheets), written from a pool of people whose true
values are known, so that what an import reads can be compared with the truth.

Each builder returns a `Sample`: the file's bytes, its name, and the people it lists. The
files are deterministic (seeded); `python -m cityties.matchmaking.tests.attendee_corpus
DIR` writes them out to try the command line on them.
"""

from __future__ import annotations

from .lists import (
    agency_roster,
    french_excel_csv,
    french_one_column,
    german_csv,
    grip_csv,
    latin1_tsv,
    messy_csv,
    name_variants,
    organisations_only,
    pdf_to_csv,
    published_list_xlsx,
    sign_in_sheet,
    spanish_xlsx,
    unicode_text,
    with_duplicates,
)
from .people import Expected, Sample
from .platforms import (
    b2match_xlsx,
    brella_json,
    cvent,
    eventbrite,
    swapcard_csv,
    swapcard_json,
)

__all__ = ["BUILDERS", "Expected", "Sample", "corpus"]

BUILDERS = (
    eventbrite,
    cvent,
    swapcard_csv,
    swapcard_json,
    brella_json,
    b2match_xlsx,
    published_list_xlsx,
    pdf_to_csv,
    french_excel_csv,
    french_one_column,
    german_csv,
    spanish_xlsx,
    unicode_text,
    messy_csv,
    sign_in_sheet,
    with_duplicates,
    grip_csv,
    name_variants,
    agency_roster,
    organisations_only,
    latin1_tsv,
)


def corpus() -> list[Sample]:
    return [build() for build in BUILDERS]
