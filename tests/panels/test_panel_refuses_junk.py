"""The oral defence's forms, posted what they do not send: refused, never a server error
(found by tests/core/test_form_fuzz.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cadre.panels import services
from cadre.panels.forms import PanelForm
from cadre.panels.models import PaperScore


def test_an_expert_or_candidate_that_is_not_a_number_is_refused(reviewed, world):
    panel = services.panel_create(actor="t", campaign=reviewed)
    expert, _token = services.expert_add(actor="t", panel=panel, name="专家", affiliation="x")
    services.panel_open(actor="t", panel=panel)
    client = world.client("school_admin")
    url = reverse("panels:paper_entry", args=[world.school.code, reviewed.pk])
    points = {"political": "20", "organising": "20", "managing": "20", "coordinating": "20"}
    for junk in ("", "abc", "1.5"):
        response = client.post(url, {**points, "expert": junk, "person": reviewed.people[0].pk})
        assert response.status_code == 404, junk
        response = client.post(url, {**points, "expert": expert.pk, "person": junk})
        assert response.status_code == 302, junk  # back to the form, told to choose
    assert not PaperScore.objects.exists()


@pytest.mark.parametrize("points", ["NaN", "nan", "sNaN", "-Infinity", "Infinity"])
def test_an_expert_typing_points_that_are_no_number_is_told_so(reviewed, points):
    panel = services.panel_create(actor="t", campaign=reviewed)
    expert, _token = services.expert_add(actor="t", panel=panel, name="专家", affiliation="x")
    services.panel_open(actor="t", panel=panel)
    with pytest.raises(ValidationError, match="not a number"):
        services.sheet_save(
            expert=expert,
            person=reviewed.people[0],
            raw_points={"political": points},
            submit=False,
            signature="",
        )


def test_maxima_and_places_in_circled_digits_are_refused(reviewed):
    """ "①" is a digit to str.isdigit(), not to int(): checked with isdigit, it reached int()."""
    form = PanelForm(
        {
            "maxima": "①/25/25/25",
            "evaluation_weight": "0.4",
            "defence_weight": "0.6",
            "evaluation_measure": "rate",
            "trim_from": "7",
            "step": "0.5",
        }
    )
    assert not form.is_valid() and "maxima" in form.errors
    panel = services.panel_create(actor="t", campaign=reviewed)
    with pytest.raises(ValidationError, match="from 1 to 20"):
        services.questions_set(
            actor="t", panel=panel, questions={}, places={str(reviewed.deputy.pk): "②"}
        )
