"""`python -m cityties tick`: run the periodic work that is due, then exit.

Safe to run as often as wanted, from several machines at once: `make run` runs it every
minute, production from a systemd timer (deploy/cityties-tick.timer).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cityties.core import tick


class Command(BaseCommand):
    help = "Run the periodic jobs that are due (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("jobs", nargs="*", help="Only these jobs (default: every job).")
        parser.add_argument("--force", action="store_true", help="Run even if not due.")
        parser.add_argument("--list", action="store_true", help="List the jobs and exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for name, job in sorted(tick.discover().items()):
                self.stdout.write(f"{name:<32} every {job.every}")
            return
        try:
            outcomes = tick.run_due(only=options["jobs"] or None, force=options["force"])
        except KeyError as exc:
            raise CommandError(f"Unknown job: {exc.args[0]}") from exc
        failed = [o.job for o in outcomes if o.status == "failed"]
        for outcome in outcomes:
            if outcome.status != "not_due" or options["verbosity"] > 1:
                self.stdout.write(f"{outcome.job}: {outcome.status} ({outcome.items} items)")
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)}")
