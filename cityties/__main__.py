"""`python -m cityties <command>`: the same as `manage.py <command>` (e.g. `demo`, `serve`)."""

import os
import sys

from django.core.management import execute_from_command_line


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cityties.settings")
    execute_from_command_line([sys.argv[0], *sys.argv[1:]])


if __name__ == "__main__":
    main()
