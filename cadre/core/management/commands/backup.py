from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cadre.core import backup


class Command(BaseCommand):
    help = (
        "Back up the whole database while the product runs: a checked SQLite copy, or a "
        "pg_dump archive for PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="File to write (default: a dated file under CADRE_DATA_DIR/backups).",
        )

    def handle(self, *args, path=None, **options):
        target = Path(path) if path else backup.default_path(settings.DATA_DIR / "backups")
        try:
            written = backup.backup(target)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{written} ({written.stat().st_size:,} bytes)")
