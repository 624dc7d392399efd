"""The demo's Nantong reserve programme: the seed's second batch, selected on its timetable
(公布方案 3月1日, 民主推荐 3月1日—5日, 综合考评 3月6日—13日, 党委会 3月14日 of 2024)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cadre.audit.models import AuditEntry
from cadre.ballots.models import Evaluation
from cadre.demo.builders import build_demo
from cadre.demo.roster import NANTONG_CASES
from cadre.people.models import Person
from cadre.reserve import selectors
from cadre.reserve.arithmetic import AgeFit, Fill
from cadre.reserve.models import Programme, Recommendation, Stage
from cadre.reserve.selectors import milestone_dates, timetable

TZ = ZoneInfo("Asia/Shanghai")
SEED_DATES = {
    Stage.Milestone.PUBLISH: date(2024, 3, 1),
    Stage.Milestone.RECOMMENDATION: date(2024, 3, 5),
    Stage.Milestone.EVALUATION: date(2024, 3, 13),
    Stage.Milestone.DECISION: date(2024, 3, 14),
}


@pytest.fixture
def demo(db):
    return build_demo(today=date(2026, 11, 21))


def _case(note):
    case = next(c for c in NANTONG_CASES if c.note == note)
    return Person.objects.get(organisation__code="ntyz", birth_date=case.birth)


def test_nantong_selected_its_second_batch_on_the_seeds_timetable(demo):
    programme = Programme.objects.get(organisation__code="ntyz")
    assert programme.title == "第二批“三四五”后备干部培养计划"
    assert programme.issued_on == date(2024, 2, 27)
    assert programme.status == Programme.Status.DECIDED
    assert programme.result_published_at == datetime(2024, 3, 14, 17, tzinfo=TZ)

    # The timetable: the seed's four steps, each reached on its day.
    stages = list(programme.stages.all())
    assert [s.name for s in stages] == ["公布方案", "民主推荐", "综合考评", "党委会讨论确定人选"]
    assert milestone_dates(programme) == SEED_DATES
    for stage in stages:
        assert (stage.planned_end or stage.planned_start) == SEED_DATES[stage.milestone]
    rows = timetable(programme, today=date(2026, 11, 21))
    assert all(r.progress.state == "done" for r in rows)

    # The leading group is headed by the party secretary; the committee decided with all
    # its members present.
    head = programme.leading_group.members.first()
    assert head.role == "head" and head.person.current_post == "党委书记"
    committee = list(programme.committee.members.all())
    assert len(committee) >= 5
    assert set(programme.decision.present.all()) == set(committee)
    assert programme.decision.votes_for == len(committee)

    # 民主推荐: within its window, through all five channels.
    recommendations = programme.recommendations.all()
    assert 25 <= recommendations.count() <= 35
    assert 16 <= recommendations.values("person").distinct().count() <= 20
    assert all(date(2024, 3, 1) <= r.made_on <= date(2024, 3, 5) for r in recommendations)
    assert set(recommendations.values_list("channel", flat=True)) == set(
        Recommendation.Channel.values
    )

    # The near-term tier's secret ballot is closed and counted.
    counted = selectors.counts(programme)
    assert counted["三"].ballot_counted
    ballot = counted["三"].tier.ballot
    assert ballot.status == Evaluation.Status.CLOSED
    assert 60 <= ballot.result["reconciliation"]["electronic_ballots"] <= 90
    assert sum(n.count.ballot for n in counted["三"].nominees) > 0
    assert not counted["四"].ballot_counted and not counted["五"].ballot_counted

    # The committee's list meets every tier's target.
    decided = {t.tier.code: t for t in selectors.decided(programme)}
    assert {code: t.tier.target for code, t in decided.items()} == {"三": 3, "四": 4, "五": 5}
    assert all(t.fill == Fill.MET for t in decided.values())
    proposed = {
        (s.person_id, s.proposed_tier_id)
        for s in programme.sheets.filter(proposed_tier__isnull=False)
    }
    assert {(c.person_id, c.tier_id) for t in decided.values() for c in t.rows} == proposed

    # The roster's age cases stand among the near-term nominees; the 46-year-old, relaxed as
    # “表现特别突出”, is decided and his sheet shows the age warning.
    near = {n.person for n in counted["三"].nominees}
    exactly_45 = _case("恰满45周岁（近期梯队年龄上限）")
    older = _case("46周岁：超出近期梯队年龄，表现突出可放宽")
    assert {exactly_45, older} <= near
    assert older in [c.person for c in decided["三"].rows]
    row = next(r for r in selectors.sheet_rows(programme) if r.person == older)
    assert row.age == 46 and row.age_fit == AgeFit.OLDER
    assert "放宽" in row.sheet.remarks
    assert all(
        r.criteria_attested == len(programme.criteria)
        for r in selectors.sheet_rows(programme)
        if r.sheet.proposed_tier_id
    )

    # The whole of it is on the audit trail.
    actions = set(
        AuditEntry.objects.filter(action__startswith="reserve.").values_list("action", flat=True)
    )
    assert {
        "reserve.programme.create",
        "reserve.stage.create",
        "reserve.programme.publish",
        "reserve.recommendation.add",
        "reserve.ballot.create",
        "reserve.recommendation.close",
        "reserve.sheet.update",
        "reserve.list.submit",
        "reserve.cadre.select",
        "reserve.list.decide",
        "reserve.result.publish",
    } <= actions
