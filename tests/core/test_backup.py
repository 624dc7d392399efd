"""`cadre backup` and `cadre restore`: a backup taken while the product runs brings back
every table as it was, on SQLite and on PostgreSQL; a damaged or foreign file is refused
and the live database is left alone."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from cadre.campaigns.models import Attachment
from cadre.campaigns.services import registration
from cadre.core import backup
from cadre.orgs.models import Organisation
from cadre.people.models import Person, PostHistory
from tests.campaigns.factories import campaign_published
from tests.conftest import every_row, make_person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def records(world):
    """A school with a published campaign, an application and its PDF attachment."""
    campaign = campaign_published(world)
    application = registration.application_save(
        actor="t",
        campaign=campaign,
        person=world.person,
        positions=[campaign.deputy],
        accepts_reassignment=True,
        achievements="",
        strengths="s",
        work_plan="w",
    )
    registration.attachment_add(
        actor="t", application=application, name="证书.pdf", content=b"%PDF-1.4 \x00\xff"
    )
    return world


def test_a_restore_brings_back_every_table(records, tmp_path):
    before = every_row()
    assert before["campaigns.Attachment"] and before["audit.AuditEntry"]
    path = backup.backup(tmp_path / "cadre.backup")
    assert path.stat().st_size > 0

    # Life goes on after the backup: renamed, added, deleted.
    Organisation.objects.filter(pk=records.school.pk).update(name="改了名的学校")
    newcomer = make_person(records.school, "Z999", "新来的")
    PostHistory.objects.create(person=newcomer, role_kind="班主任", start_date=date(2024, 9, 1))
    Attachment.objects.all().delete()
    assert every_row() != before

    backup.restore(path)
    assert every_row() == before
    assert not Person.objects.filter(staff_no="Z999").exists()


def test_the_commands_back_up_and_restore(records, tmp_path):
    before = every_row()
    target = tmp_path / "nightly.backup"
    call_command("backup", str(target))
    make_person(records.school, "Z998", "后来的")
    call_command("restore", str(target), yes=True)
    assert every_row() == before


def test_a_damaged_or_foreign_file_is_refused_and_nothing_changes(records, tmp_path):
    before = every_row()
    text = tmp_path / "notes.txt"
    text.write_text("not a backup")
    with pytest.raises(backup.BackupError, match="not a"):
        backup.restore(text)
    if connection.vendor == "sqlite":
        damaged = tmp_path / "damaged.sqlite3"
        damaged.write_bytes(backup.SQLITE_HEADER + b"\x00" * 200)
        with pytest.raises(backup.BackupError, match="damaged"):
            backup.restore(damaged)
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.backup"), yes=True)
    assert every_row() == before
