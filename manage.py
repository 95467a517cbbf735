#!/usr/bin/env python
"""Django's command-line utility for Shafaf."""

import os
import sys
from pathlib import Path


def main():
    # site/ holds the Django project; it is not a package, so put it on the path.
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    if "DJANGO_SETTINGS_MODULE" not in os.environ:
        os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
        print("DJANGO_SETTINGS_MODULE unset: using portal.settings.dev", file=sys.stderr)  # noqa: T201
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
