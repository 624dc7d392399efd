import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Migrate the database, collect the static files (production) and serve the product "
        "with gunicorn."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("CADRE_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("CADRE_WORKERS", "3"))
        )
        parser.add_argument(
            "--no-migrate",
            action="store_true",
            help="Leave migrations to one server (or to `cadre migrate` at an upgrade).",
        )

    def handle(self, *args, bind, workers, no_migrate=False, **options):
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("createcachetable", verbosity=0)
        if not settings.DEBUG:
            # whitenoise serves the hashed, compressed copies; they are made here.
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Cadre: http://{bind}/")
        sys.stdout.flush()
        os.execvp(
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cadre.wsgi:application",
                "--bind",
                bind,
                "--workers",
                str(workers),
                "--access-logfile",
                "-",
                "--timeout",
                "120",
                "--logger-class",
                "cadre.core.gunicorn.CadreLogger",
            ],
        )
