"""`python -m cityties read_minutes FILE [--json]`, run as staff and scripts run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SOURCE = Path(__file__).parent / "fixtures" / "source_groupe_pays_etats_unis.txt"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cityties", "read_minutes", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_command_prints_the_proposal_as_json(tmp_path: Path):
    result = run(str(SOURCE), "--json")
    assert result.returncode == 0, result.stderr
    proposal = json.loads(result.stdout)
    assert proposal["date"] == "2016-03-30"
    assert len(proposal["present"]) == 13
    assert len(proposal["excused"]) == 3
    assert {"text", "start", "end", "precision"} == set(proposal["events"][0])

    summary = run(str(SOURCE))
    assert "Present (13):" in summary.stdout

    other = tmp_path / "cr.odt"
    other.write_bytes(b"not minutes")
    refused = run(str(other))
    assert refused.returncode == 1
    assert "Unsupported format .odt" in refused.stderr
