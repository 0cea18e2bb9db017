"""The deploy/ files agree with the settings they rely on."""

from __future__ import annotations

import re
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"


def _env() -> dict[str, str]:
    lines = (DEPLOY / "cityties.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_nginx_sends_uploads_from_an_internal_location_aliasing_media_root():
    env = _env()
    conf = (DEPLOY / "nginx-cityties.conf").read_text()
    block = re.search(
        rf"location {re.escape(env['FILES_ACCEL_REDIRECT_PREFIX'])} \{{(.*?)\}}", conf, re.S
    )
    assert block is not None
    assert "internal;" in block.group(1)
    assert f"alias {env['MEDIA_ROOT'].rstrip('/')}/;" in block.group(1)


def test_nginx_serves_static_root_and_never_media_root():
    env = _env()
    conf = (DEPLOY / "nginx-cityties.conf").read_text()
    assert f"alias {env['STATIC_ROOT'].rstrip('/')}/;" in conf
    public = conf.replace(re.search(r"location /protected/ \{.*?\}", conf, re.S).group(0), "")
    assert env["MEDIA_ROOT"] not in public


def test_every_unit_reads_the_environment_file_and_runs_a_real_command():
    commands = {
        "cityties-web.service": "gunicorn cityties.wsgi",
        "cityties-worker.service": "-m cityties db_worker",
        "cityties-tick.service": "-m cityties tick",
    }
    for unit, command in commands.items():
        text = (DEPLOY / unit).read_text()
        assert "EnvironmentFile=/etc/cityties/cityties.env" in text, unit
        assert command in text, unit
    assert "Unit=cityties-tick.service" in (DEPLOY / "cityties-tick.timer").read_text()
