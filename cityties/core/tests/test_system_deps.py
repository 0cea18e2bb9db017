"""scripts/system-deps: what `make test` and CI do on a machine missing a Debian package."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "system-deps"


def _fake_bin(tmp_path: Path, *, uid: int, installed: set[str]) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    listed = " ".join(sorted(installed))
    tools = {
        "dpkg-query": f'for p in {listed}; do [ "${{@: -1}}" = "$p" ] && '
        'printf "install ok installed" && exit 0; done; exit 1',
        "id": f"echo {uid}",
        "apt-get": f'echo "$@" >> {tmp_path}/apt.log',
    }
    for name, body in tools.items():
        path = bin_dir / name
        path.write_text(f"#!/bin/bash\n{body}\n")
        path.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:/usr/bin:/bin"}


def _run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT)], env=env, capture_output=True, text=True, check=False, cwd=ROOT
    )


def test_nothing_to_do_when_every_package_is_installed(tmp_path):
    everything = {
        "chromium",
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "poppler-utils",
        "gettext",
        "fonts-dejavu-core",
    }
    result = _run(_fake_bin(tmp_path, uid=1000, installed=everything))
    assert result.returncode == 0
    assert not (tmp_path / "apt.log").exists()


def test_a_user_is_told_the_one_line_to_run_and_the_target_stops(tmp_path):
    result = _run(_fake_bin(tmp_path, uid=1000, installed={"gettext"}))
    assert result.returncode == 1
    assert "apt-get install -y --no-install-recommends chromium" in result.stderr
    assert "gettext" not in result.stderr.split("install -y")[1]
    assert not (tmp_path / "apt.log").exists()


def test_root_installs_the_missing_packages(tmp_path):
    result = _run(_fake_bin(tmp_path, uid=0, installed={"gettext", "poppler-utils"}))
    assert result.returncode == 0, result.stderr
    log = (tmp_path / "apt.log").read_text()
    assert "install" in log
    assert "chromium" in log
    assert "poppler-utils" not in log
