from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cadre.audit.models import AuditEntry
from cadre.decisions.services import Vote, decision_record
from cadre.panels import services
from cadre.panels.models import Panel, ScoreSheet

FULL = {"political": "20", "organising": "20", "managing": "20", "coordinating": "20"}


@pytest.fixture
def panel(reviewed, world):
    p = services.panel_create(actor=world.users["school_admin"], campaign=reviewed)
    p.experts_tokens = [
        services.expert_add(actor="t", panel=p, name=f"专家{i}", affiliation="市教科院")
        for i in range(5)
    ]
    services.panel_open(actor="t", panel=p)
    return p


def score(expert, person, **points):
    return services.sheet_save(
        expert=expert,
        person=person,
        raw_points={**FULL, **points},
        submit=True,
        signature=expert.name,
    )


def test_points_are_checked_against_the_maximum_and_the_step(panel, reviewed):
    expert, _token = panel.experts_tokens[0]
    person = reviewed.people[0]
    for bad in ("26", "-1", "20.3", "abc"):
        with pytest.raises(ValidationError):
            services.sheet_save(expert=expert, person=person, raw_points={**FULL, "political": bad})
    draft = services.sheet_save(expert=expert, person=person, raw_points={"political": "20.5"})
    assert draft.status == "draft" and draft.total == Decimal("20.5")
    with pytest.raises(ValidationError, match="every dimension"):
        services.sheet_save(
            expert=expert,
            person=person,
            raw_points={"political": "20"},
            submit=True,
            signature=expert.name,
        )
    with pytest.raises(ValidationError, match="Sign with your name"):
        services.sheet_save(
            expert=expert, person=person, raw_points=FULL, submit=True, signature="别人"
        )


def test_a_submitted_sheet_is_locked_until_the_chair_reopens_it_with_a_reason(panel, reviewed):
    expert, _token = panel.experts_tokens[0]
    sheet = score(expert, reviewed.people[0])
    with pytest.raises(ValidationError, match="only the chair"):
        services.sheet_save(expert=expert, person=reviewed.people[0], raw_points=FULL)
    with pytest.raises(ValidationError, match="reason"):
        services.sheet_reopen(actor="chair", sheet=sheet, reason=" ")
    services.sheet_reopen(actor="chair", sheet=sheet, reason="专家误填")
    assert AuditEntry.objects.filter(action="sheet.reopen", after__reason="专家误填").exists()
    score(expert, reviewed.people[0], political="25")


def test_a_conflicted_expert_does_not_score_and_the_aggregate_goes_without_him(panel, reviewed):
    a = reviewed.people[0]
    experts = [e for e, _t in panel.experts_tokens]
    services.conflict_declare(expert=experts[0], person=a, conflicted=True)
    with pytest.raises(ValidationError, match="conflict"):
        score(experts[0], a)
    for i, expert in enumerate(experts[1:]):
        score(expert, a, political=str(10 + i))  # totals 70, 71, 72, 73
    rows = {r["person"].pk: r for r in services.ranking(panel)}
    assert rows[a.pk]["defence"] == Decimal("71.50")  # four sheets: no trimming
    assert len(rows[a.pk]["sheets"]) == 4


def test_the_ranking_weighs_both_parts_and_the_gate_keeps_the_low_satisfaction_out(panel, reviewed):
    a, b, c = reviewed.people
    experts = [e for e, _t in panel.experts_tokens]
    for expert in experts:
        score(expert, a, political="15")  # 75
        score(expert, b)  # 80
        score(expert, c, political="25")  # 85
    rows = {r["person"].pk: r for r in services.ranking(panel)}
    assert rows[b.pk]["evaluation"] == Decimal("100.00") and rows[b.pk]["passed"]
    assert not rows[c.pk]["passed"]  # 1 of 3 satisfied
    assert rows[b.pk]["composite"] == Decimal("88.00")  # 100 × 0.4 + 80 × 0.6
    assert rows[b.pk]["rank"] == 1
    shortlisted = [r["person"].name for r in services.ranking(panel) if r["shortlisted"]]
    assert shortlisted == ["乙"]  # one place; 丙 scored best in the defence but fell short


def test_the_leading_group_confirms_the_shortlist_after_scoring_closes(panel, reviewed):
    members = list(reviewed.leading_group.members.all())
    decision = decision_record(
        actor="t",
        body=reviewed.leading_group,
        subject="考察对象",
        kind="shortlist",
        on=reviewed.reference_date,
        present=members,
        vote=Vote(4),
    )
    with pytest.raises(ValidationError, match="Close the scoring"):
        services.shortlist_confirm(actor="t", panel=panel, decision=decision)
    for expert, _token in panel.experts_tokens:
        for person in reviewed.people:
            score(expert, person)
    services.panel_close(actor="t", panel=panel)
    services.shortlist_confirm(actor="t", panel=panel, decision=decision)
    panel.refresh_from_db()
    assert panel.shortlist_decision == decision
    assert AuditEntry.objects.filter(action="shortlist.confirm").exists()
    # The shortlisted go on to inspection, one inspection each.
    reviewed.refresh_from_db()
    assert reviewed.status == "inspection"
    assert [i.person.name for i in reviewed.inspections.all()] == ["乙"]  # the better rate


def test_an_expert_scores_through_his_personal_link_without_an_account(panel, reviewed, client):
    expert, token = panel.experts_tokens[0]
    person = reviewed.people[0]
    home = client.get(reverse("expert_home", args=[token]))
    assert home.status_code == 200 and "甲" in home.content.decode()
    assert client.get(reverse("expert_home", args=["not-a-token"])).status_code == 404
    url = reverse("expert_sheet", args=[token, person.pk])
    client.post(url, {**FULL, "action": "submit", "signature": expert.name})
    sheet = ScoreSheet.objects.get(expert=expert, person=person)
    assert sheet.status == "submitted" and sheet.total == Decimal(80)
    services.panel_close(actor="t", panel=panel)
    assert Panel.objects.get().status == "closed"
    later = client.post(
        reverse("expert_sheet", args=[token, reviewed.people[1].pk]), {**FULL, "action": "save"}
    )
    assert "仅在现场答辩期间可以评分" in later.content.decode()


def test_the_chair_sees_who_has_submitted(panel, reviewed, world):
    expert, _token = panel.experts_tokens[0]
    score(expert, reviewed.people[0])
    page = (
        world.client("school_admin")
        .get(reverse("panels:home", args=[world.school.code, reviewed.pk]))
        .content.decode()
    )
    assert f'data-cell="{expert.pk}-{reviewed.people[0].pk}"' in page and "80" in page


def test_a_paper_sheet_counts_after_a_second_matching_entry(panel, reviewed, world):
    expert, _token = panel.experts_tokens[0]
    person = reviewed.people[1]
    first = services.paper_score_enter(
        actor=world.users["school_admin"], expert=expert, person=person, raw_points=FULL
    )
    assert first is None and not ScoreSheet.objects.filter(status="submitted").exists()
    differing = services.paper_score_enter(
        actor=world.users["leader"],
        expert=expert,
        person=person,
        raw_points={**FULL, "managing": "21"},
    )
    assert differing is None
    sheet = services.paper_score_enter(
        actor=world.users["leader"], expert=expert, person=person, raw_points=FULL
    )
    assert sheet.status == "submitted" and sheet.on_paper and sheet.total == Decimal(80)


def test_questions_per_position_reach_the_experts_sheet(panel, reviewed, world, client):
    world.client("school_admin").post(
        reverse("panels:questions", args=[world.school.code, reviewed.pk]),
        {f"q{reviewed.deputy.pk}": "如何做好上传下达？"},
    )
    panel.refresh_from_db()
    assert panel.questions == {str(reviewed.deputy.pk): "如何做好上传下达？"}
    _expert, token = panel.experts_tokens[0]
    page = client.get(reverse("expert_sheet", args=[token, reviewed.people[0].pk]))
    assert "如何做好上传下达？" in page.content.decode()


def test_the_places_on_the_shortlist_can_exceed_the_quota(panel, reviewed):
    services.questions_set(
        actor="t", panel=panel, questions={}, places={str(reviewed.deputy.pk): "2"}
    )
    experts = [e for e, _t in panel.experts_tokens]
    for expert in experts:
        for person in reviewed.people:
            score(expert, person)
    shortlisted = {r["person"].name for r in services.ranking(panel) if r["shortlisted"]}
    assert shortlisted == {"甲", "乙"}
    with pytest.raises(ValidationError):
        services.questions_set(
            actor="t", panel=panel, questions={}, places={str(reviewed.deputy.pk): "0"}
        )


def test_the_office_sets_the_maximum_of_each_dimension_and_adds_optional_ones(reviewed, world):
    world.client("school_admin").post(
        reverse("panels:home", args=[world.school.code, reviewed.pk]),
        {
            "maxima": "30/20/20/10",
            "extra_dimensions": ["expression"],
            "evaluation_weight": "0.30",
            "defence_weight": "0.70",
            "evaluation_measure": "rate",
            "trim_from": "5",
            "step": "0.5",
        },
    )
    panel = Panel.objects.get(campaign=reviewed)
    assert [(d["label"], d["max"]) for d in panel.dimensions] == [
        ("政治素养", 30),
        ("组织能力", 20),
        ("管理能力", 20),
        ("协调能力", 10),
        ("语言表达", 10),
    ]
    assert panel.maximum == 90 and panel.defence_weight == Decimal("0.70")
