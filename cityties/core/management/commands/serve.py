"""Run the web server, the background worker and the clock (`tick` every minute)
together; Ctrl-C stops them all."""

import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

TICK_SECONDS = 60


class Command(BaseCommand):
    help = "Serve the platform and run the task worker until interrupted."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        manage = [sys.executable, "-m", "cityties"]
        worker_cmd = [*manage, "db_worker", "--interval", "0.5"]
        tick_cmd = [*manage, "tick"]
        web_cmd = [*manage, "runserver", options["addr"]]
        children: list[subprocess.Popen[bytes]] = []
        if settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
            children.append(subprocess.Popen(worker_cmd))
        children.append(subprocess.Popen(web_cmd))
        self.stdout.write(f"CityTies at http://{options['addr']}/  (Ctrl-C stops everything)")

        stopping = False
        ticking: subprocess.Popen[bytes] | None = None
        next_tick = time.monotonic() + 5

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(child.poll() is None for child in children):
                # The clock: one `tick` a minute, never two at once.
                if time.monotonic() >= next_tick and (
                    ticking is None or ticking.poll() is not None
                ):
                    ticking = subprocess.Popen(tick_cmd)
                    next_tick = time.monotonic() + TICK_SECONDS
                time.sleep(0.3)
        finally:
            if ticking is not None and ticking.poll() is None:
                children.append(ticking)
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 10
            for child in children:
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
            self.stdout.write("Stopped the web server, the worker and the clock.")
