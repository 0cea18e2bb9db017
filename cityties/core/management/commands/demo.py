from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cityties.delegations import demo as delegations_demo
from cityties.homestays import demo as homestays_demo
from cityties.matchmaking import demo as matchmaking_demo
from cityties.meetings import demo as meetings_demo
from cityties.network import demo as network_demo
from cityties.network import demo_data
from cityties.network.models import Organisation
from cityties.outcomes import demo as outcomes_demo
from cityties.pavilion import demo as pavilion_demo
from cityties.reception import demo as reception_demo
from cityties.solidarity import demo as solidarity_demo


class Command(BaseCommand):
    help = "Load the demo scenario (the US country group, the 2016 NLC City Summit)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the directory has data."
        )
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Organisation.objects.exists():
            self.stdout.write("Database already holds data: demo scenario not reloaded.")
        else:
            network_demo.load()
            delegations = delegations_demo.load()
            pavilion_demo.load(delegations, delegations_demo.demo_actor())
            matchmaking_demo.load(delegations, delegations_demo.demo_actor())
            meetings_demo.load()
            solidarity_demo.load(delegations_demo.demo_actor())
            reception_demo.load(delegations, delegations_demo.demo_actor())
            homestays_demo.load(delegations, delegations_demo.demo_actor())
            outcomes_demo.load(delegations, delegations_demo.demo_actor())
            self.stdout.write(self.style.SUCCESS("Demo scenario loaded."))
        if not options["quiet"]:
            self.stdout.write(f"Demo logins (password: {demo_data.DEMO_PASSWORD}):")
            for email, _person, org, role in demo_data.DEMO_USERS:
                self.stdout.write(f"  {role:<15} {email:<32} ({org})")
