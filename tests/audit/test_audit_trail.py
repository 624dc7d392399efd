import pytest
from django.core.management import CommandError, call_command

from cadre.audit.models import AuditEntry
from cadre.audit.services import audit_record, audit_verify
from cadre.people.services import person_save


def test_it_records_who_changed_what_before_and_after(world):
    world.person.phone = "13800000000"
    person_save(actor=world.users["school_admin"], person=world.person)
    entry = AuditEntry.objects.get(action="person.update")
    assert entry.actor_label == "admin-a"
    assert entry.organisation == world.school
    assert entry.object_id == str(world.person.pk)
    assert entry.before["phone"] == "" and entry.after["phone"] == "13800000000"


def test_verify_names_the_first_entry_altered_in_the_database(world):
    for i in range(3):
        audit_record(actor="test", organisation=world.school, action=f"test.{i}", after={"i": i})
    assert audit_verify().ok
    second = AuditEntry.objects.order_by("id")[1]
    AuditEntry.objects.filter(pk=second.pk).update(after={"i": 99})
    result = audit_verify()
    assert not result.ok and result.broken_id == second.pk
    with pytest.raises(CommandError, match=str(second.pk)):
        call_command("audit", "verify")


def test_verify_notices_removed_newest_entries(world):
    for i in range(2):
        audit_record(actor="test", organisation=world.school, action="test", after={"i": i})
    AuditEntry.objects.order_by("-id").first().delete()
    assert audit_verify().reason == "truncated"


def test_the_command_reports_an_intact_chain(world, capsys):
    audit_record(actor="test", organisation=world.school, action="test")
    call_command("audit", "verify")
    assert "1" in capsys.readouterr().out
