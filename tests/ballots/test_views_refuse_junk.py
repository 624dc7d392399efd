"""The organisers' pages of an evaluation, posted what no page of theirs sends: a page not
found or the page they came from, never a server error (found by tests/core/test_form_fuzz.py).
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cadre.ballots import paper
from cadre.ballots.forms import EvaluationForm
from cadre.ballots.models import CheckIn, Evaluation, PaperBatch


def test_checking_in_someone_whose_id_is_not_a_number_is_not_found(evaluation, world):
    client = world.client("school_admin")
    url = reverse("ballots:check_in", args=[world.school.code, evaluation.pk])
    for junk in ("", "abc", "1.5", "１２"):
        assert client.post(url, {"person": junk, "present": "1"}).status_code == 404, junk
    assert not CheckIn.objects.exists()


def test_a_new_evaluation_for_a_campaign_whose_id_is_not_a_number_is_not_found(world):
    client = world.client("school_admin")
    url = reverse("ballots:new", args=[world.school.code])
    assert client.get(url, {"campaign": "abc"}).status_code == 404
    assert client.post(url, {"campaign": "abc", "title": "测评"}).status_code == 404
    assert Evaluation.objects.count() == 0


def test_the_speaker_control_returns_only_to_a_page_of_this_site(evaluation, world):
    client = world.client("school_admin")
    url = reverse("ballots:speaker", args=[world.school.code, evaluation.pk])
    screen = reverse("ballots:screen", args=[world.school.code, evaluation.pk])
    for elsewhere in ("https://evil.example/", "//evil.example/", " ", "home", ""):
        response = client.post(url, {"index": "0", "next": elsewhere})
        assert (response.status_code, response["Location"]) == (302, screen), elsewhere
    detail = reverse("ballots:detail", args=[world.school.code, evaluation.pk])
    assert client.post(url, {"index": "", "next": detail})["Location"] == detail
    evaluation.refresh_from_db()
    assert evaluation.current_speaker is None


# "①" and "²" are digits to str.isdigit() but not to int(): checked with isdigit, they went on
# to int() and a server error.


def test_paper_ballots_with_a_circled_digit_are_refused_as_marks(evaluation):
    candidates = list(evaluation.candidates.all())
    for kind, post in (
        ("ballots", {"ballots": "①23"}),
        ("totals", {f"n_{evaluation.keys[0]}_satisfied": "²"}),
    ):
        batch = PaperBatch.objects.create(evaluation=evaluation, kind=kind, label=kind)
        with pytest.raises(ValidationError):
            paper.parse(evaluation, batch, candidates, post)


def test_weights_in_circled_digits_are_refused(world):
    form = EvaluationForm({"weights": "①/60/0"}, instance=Evaluation(organisation=world.school))
    assert not form.is_valid() and "weights" in form.errors
