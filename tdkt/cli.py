"""The `tdkt` command: Django's manage.py with the project's own commands."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tdkt", *sys.argv[1:]])


if __name__ == "__main__":
    main()
