"""The reserve's forms, posted what no page of theirs sends: refused, never a server error
(found by tests/core/test_form_fuzz.py)."""

from django.urls import reverse

from cadre.reserve.forms import BallotForm
from cadre.reserve.models import Backfill


def test_the_number_entitled_to_vote_is_refused_past_its_column():
    """A slip of the keyboard on a tier's ballot overflowed the evaluation's column on
    PostgreSQL."""
    assert BallotForm({"entitled": "120"}).is_valid()
    assert not BallotForm({"entitled": str(2**31)}).is_valid()
    assert not BallotForm({"entitled": "-1"}).is_valid()


def test_a_tier_chosen_as_a_circled_digit_is_no_tier(decided, world):
    """ "①" is a digit to str.isdigit(), not to the ORM: the page fell back to no tier, it
    went on to look it up."""
    url = reverse("reserve:backfill_new", args=[world.school.code, decided.pk])
    client = world.client("school_admin")
    assert client.get(url, {"tier": "①"}).status_code == 200
    assert client.post(url, {"tier": "①", "reason": "x"}).status_code == 200  # the form again
    assert not Backfill.objects.exists()
