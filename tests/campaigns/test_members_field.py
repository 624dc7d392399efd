"""Members ticked on a meeting's record: an id past a 64-bit integer is refused like any id
that is not a member's. Django looks ticked ids up with an IN lookup that SQLite cannot bind
such a number to: a server error (found by tests/core/test_form_fuzz.py)."""

from cadre.campaigns.forms import DecisionForm
from tests.campaigns.factories import campaign_published

HUGE = "99999999999999999999999"


def test_a_member_id_too_large_for_any_column_is_an_invalid_choice(world):
    body = campaign_published(world).leading_group
    members = [str(m.pk) for m in body.members.all()]
    data = {
        "subject": "名单",
        "date": "2025-06-26",
        "present": members,
        "votes_for": len(members),
        "votes_against": 0,
        "abstentions": 0,
    }
    assert DecisionForm(data, body=body).is_valid()
    for field, ticked in (
        ("present", [*members, HUGE]),
        ("recused", [HUGE]),
        ("recused", ["-" + HUGE]),
    ):
        form = DecisionForm({**data, field: ticked}, body=body)
        assert not form.is_valid() and field in form.errors, (field, ticked)
