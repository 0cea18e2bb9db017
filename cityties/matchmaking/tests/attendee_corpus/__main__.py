"""`python -m cityties.matchmaking.tests.attendee_corpus DIR`: write the corpus's files."""

import sys
from pathlib import Path

from . import corpus

target = Path(sys.argv[1] if len(sys.argv) > 1 else "attendee_corpus")
target.mkdir(parents=True, exist_ok=True)
for sample in corpus():
    (target / sample.name).write_bytes(sample.data)
    print(f"{sample.name}: {sample.person_rows} rows — {sample.shape}")
