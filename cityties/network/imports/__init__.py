"""Spreadsheet imports of organisations, people and partnerships.

Three steps: read the file into a table (CSV or XLSX), map its columns to target fields,
validate every row. Only a file without a single error is written, in one transaction:
an import is all-or-nothing, and its report lists errors by spreadsheet row and column.

`reading` reads the file, `fields` parses cells and defines the target fields, `mapping`
maps columns to them, `validation` checks rows, `writing` writes them, `jobs` runs a job.
Callers import from this package; the names below are re-exported for them.
"""

from ..models import PartnershipMember
from .fields import (
    TARGET_FIELDS,
    TargetField,
    fold,
    header_key,
    parse_bool,
    parse_choice,
    parse_country,
    parse_date,
    parse_float,
    split_list,
)
from .jobs import VALIDATION_SHARE, can_import, load_job_table, run_job, summary
from .mapping import guess_mapping, initial_mapping, save_mapping
from .reading import ALLOWED_EXTENSIONS, ImportFileError, Table, cell_text, check_upload, read_table
from .validation import (
    MERGE,
    PROGRESS_EVERY,
    SKIP,
    CleanRow,
    Duplicate,
    RowError,
    ValidationResult,
    validate_table,
)
from .writing import BATCH_SIZE, write_rows

__all__ = [
    "ALLOWED_EXTENSIONS",
    "BATCH_SIZE",
    "MERGE",
    "PROGRESS_EVERY",
    "SKIP",
    "TARGET_FIELDS",
    "VALIDATION_SHARE",
    "CleanRow",
    "Duplicate",
    "ImportFileError",
    "PartnershipMember",
    "RowError",
    "Table",
    "TargetField",
    "ValidationResult",
    "can_import",
    "cell_text",
    "check_upload",
    "fold",
    "guess_mapping",
    "header_key",
    "initial_mapping",
    "load_job_table",
    "parse_bool",
    "parse_choice",
    "parse_country",
    "parse_date",
    "parse_float",
    "read_table",
    "run_job",
    "save_mapping",
    "split_list",
    "summary",
    "validate_table",
    "write_rows",
]
