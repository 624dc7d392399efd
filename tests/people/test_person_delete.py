"""Deleting someone from the roster whose part in an evaluation, a campaign or the reserve is
on record: refused with a message, not a server error (found by tests/core/test_form_fuzz.py).
"""

from django.urls import reverse

from cadre.audit.models import AuditEntry
from cadre.ballots.models import Evaluation
from cadre.ballots.services import evaluation_create
from cadre.people.models import Person


def test_someone_on_record_in_an_evaluation_is_kept_and_the_admin_told_why(world):
    evaluation_create(
        actor="t",
        evaluation=Evaluation(organisation=world.school, title="测评"),
        candidates=[(world.colleague, "")],
    )
    client = world.client("school_admin")
    entries = AuditEntry.objects.count()
    response = client.post(
        reverse("people:delete", args=[world.school.code, world.colleague.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "people:detail", args=[world.school.code, world.colleague.pk]
    )
    [message] = response.context["messages"]
    assert message.level_tag == "error" and world.colleague.name in str(message)
    assert Person.objects.filter(pk=world.colleague.pk).exists()
    assert AuditEntry.objects.count() == entries  # no "deleted" entry for what was not


def test_someone_on_record_nowhere_is_deleted(world):
    client = world.client("school_admin")
    response = client.post(reverse("people:delete", args=[world.school.code, world.colleague.pk]))
    assert response["Location"] == reverse("people:list", args=[world.school.code])
    assert not Person.objects.filter(pk=world.colleague.pk).exists()
