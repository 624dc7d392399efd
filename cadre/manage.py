"""The `cadre` console command: Django's manage.py under the product's name.

Sub-commands are spelled with hyphens on the command line (`cadre import-roster`),
the Python way in the code (`import_roster`).
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadre.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
