import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE_DIRS = list((ROOT / "cityties").glob("**/templates"))


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="0",
        ALLOWED_HOSTS="cityties.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        CITYTIES_VAR_DIR=str(tmp_path),
        TASKS_BACKEND="database",
        **extra,
    )
    return env


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    env = _production_env(tmp_path, SECRET_KEY=secrets.token_urlsafe(64))
    result = subprocess.run(
        [sys.executable, "-m", "cityties", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "cityties", "check"],
        cwd=ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_csrf_is_enforced_on_login(caen_officer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "caen@example.org", "password": "x"})
    assert response.status_code == 403


def test_templates_contain_no_inline_script_or_style():
    offenders = []
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    style_attr = re.compile(r"\sstyle\s*=", re.IGNORECASE)
    for folder in TEMPLATE_DIRS:
        for path in folder.glob("**/*.html"):
            text = path.read_text(encoding="utf-8")
            for pattern in (inline_script, handler, style_attr):
                if pattern.search(text) or "<style" in text:
                    offenders.append(str(path.relative_to(ROOT)))
                    break
    assert not offenders, offenders
