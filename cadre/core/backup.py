"""Backups of the whole database, taken while the product runs, and their restore.

SQLite: the online backup API copies a consistent snapshot page by page while other
connections go on reading and writing (WAL), and the copy is checked before it is kept.
PostgreSQL: pg_dump's custom format, restored with pg_restore in one transaction, so a
failed restore leaves the database as it was."""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

SQLITE_HEADER = b"SQLite format 3\x00"
PGDUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    pass


def default_path(directory: Path) -> Path:
    suffix = "sqlite3" if connection.vendor == "sqlite" else "pgdump"
    return directory / f"cadre-{timezone.localtime():%Y%m%d-%H%M%S}.{suffix}"


def backup(target: Path) -> Path:
    """Write a consistent backup of the live database to `target` (replaced only once the
    copy is complete and checked)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(partial)
        elif connection.vendor == "postgresql":
            _pg(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(partial),
                ]
            )
        else:
            raise BackupError(
                _("No backup for the %(vendor)s database.") % {"vendor": connection.vendor}
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore(source: Path) -> None:
    """Replace the live database's contents with the backup's. Stop the app servers first:
    their open connections would go on with what they had read."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(_("%(file)s: no such file.") % {"file": source})
    with source.open("rb") as f:
        header = f.read(16)
    if connection.vendor == "sqlite":
        if header != SQLITE_HEADER:
            raise BackupError(_("%(file)s is not a SQLite backup of Cadre.") % {"file": source})
        _sqlite_restore(source)
    elif connection.vendor == "postgresql":
        if not header.startswith(PGDUMP_HEADER):
            raise BackupError(_("%(file)s is not a pg_dump backup of Cadre.") % {"file": source})
        connection.close()
        _pg(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                str(source),
            ],
            database_flag=True,
        )
    else:
        raise BackupError(
            _("No restore for the %(vendor)s database.") % {"vendor": connection.vendor}
        )


def _live_sqlite() -> sqlite3.Connection:
    connection.ensure_connection()
    return connection.connection


def _check_sqlite(db: sqlite3.Connection, name) -> None:
    try:
        (result,) = db.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            _("%(file)s: the copy is damaged (%(why)s).") % {"file": name, "why": exc}
        ) from exc
    if result != "ok":
        raise BackupError(
            _("%(file)s: the copy is damaged (%(why)s).") % {"file": name, "why": result}
        )
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "django_migrations" not in tables:
        raise BackupError(_("%(file)s is not a database of Cadre.") % {"file": name})


def _sqlite_backup(target: Path) -> None:
    copy = sqlite3.connect(target)
    try:
        _live_sqlite().backup(copy)
        # A backup is one self-contained file: no write-ahead log beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        _check_sqlite(copy, target)
    finally:
        copy.close()


def _sqlite_restore(source: Path) -> None:
    # Check a private copy, so that the file cannot change between the check and the restore.
    with tempfile.TemporaryDirectory() as scratch:
        checked = Path(scratch) / "restore.sqlite3"
        shutil.copyfile(source, checked)
        backup_db = sqlite3.connect(checked)
        try:
            _check_sqlite(backup_db, source)
            # The backup API writes every page of the live database in one go, under its lock.
            backup_db.backup(_live_sqlite())
        finally:
            backup_db.close()


def _pg(command: list[str], database_flag: bool = False) -> None:
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings.get(key):
            env[var] = str(settings[key])
    name = settings["NAME"]
    command = [*command, f"--dbname={name}"] if database_flag else [*command, name]
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(
            _("%(program)s is not installed (the PostgreSQL client).") % {"program": command[0]}
        ) from exc
    except subprocess.CalledProcessError as exc:
        raise BackupError(
            _("%(program)s failed: %(why)s") % {"program": command[0], "why": exc.stderr.strip()}
        ) from exc
