from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cadre.core import backup


class Command(BaseCommand):
    help = (
        "Replace the database with a backup made by `cadre backup`, then apply any newer "
        "migrations. Stop the app servers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask: every current record is replaced."
        )

    def handle(self, *args, path, yes=False, **options):
        if not yes:
            answer = input(
                _("Replace every record of this database with %(file)s? [y/N] ") % {"file": path}
            )
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError(_("Nothing restored."))
        try:
            backup.restore(Path(path))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        # A backup from an older release: bring its schema up to this one.
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(_("Restored %(file)s.") % {"file": path})
