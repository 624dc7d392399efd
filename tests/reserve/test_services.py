"""The pipeline's services: what they refuse, and that a refusal leaves nothing behind."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cadre.audit.models import AuditEntry
from cadre.ballots import services as ballots
from cadre.ballots.models import Evaluation
from cadre.decisions.models import Decision
from cadre.decisions.services import Vote
from cadre.people.models import Appraisal
from cadre.reserve import selectors
from cadre.reserve.arithmetic import AgeFit
from cadre.reserve.models import Programme, Recommendation, ReserveCadre, Sheet
from cadre.reserve.services import plan, recommendation, selection
from cadre.reserve.services._meeting import Meeting

from .conftest import Channel, propose, tier


def recommend(programme, person, code="三", channel=Channel.DEPARTMENT, source="教务处", on=None):
    return recommendation.recommend(
        actor="t",
        programme=programme,
        person=person,
        tier=tier(programme, code),
        channel=channel,
        source=source,
        reason="理由",
        on=on or date(2024, 3, 2),
    )


def test_publishing_needs_a_leading_group(world):
    p = plan.programme_create(
        actor="t",
        programme=Programme(
            organisation=world.school,
            title="计划",
            reference_date=date(2024, 3, 1),
            recommendation_opens=date(2024, 3, 1),
            recommendation_closes=date(2024, 3, 5),
        ),
    )
    with pytest.raises(ValidationError, match="leading group"):
        plan.programme_publish(actor="t", programme=p)
    p.refresh_from_db()
    assert p.status == Programme.Status.DRAFT


def test_the_plan_is_frozen_once_published(published):
    t = tier(published, "三")
    t.target = 9
    with pytest.raises(ValidationError, match="not possible"):
        plan.tier_save(actor="t", programme=published, tier=t)
    assert tier(published, "三").target == 3


def test_recommending_twice_in_one_channel_is_refused(published, staff):
    recommend(published, staff["near"])
    with pytest.raises(ValidationError, match="already recommended"):
        recommend(published, staff["near"], code="四")
    # Another department, or another channel, may name him too.
    recommend(published, staff["near"], source="总务处")
    recommend(published, staff["near"], channel=Channel.GRADE, source="高一年级部")
    assert Recommendation.objects.filter(person=staff["near"]).count() == 3


def test_self_recommendation_once(published, staff):
    recommend(published, staff["young"], "五", Channel.SELF, "ignored")
    with pytest.raises(ValidationError, match="himself or herself"):
        recommend(published, staff["young"], "五", Channel.SELF, "")


@pytest.mark.parametrize("on", [date(2024, 2, 29), date(2024, 3, 6)])
def test_outside_the_window_is_refused(published, staff, on):
    with pytest.raises(ValidationError, match="outside"):
        recommend(published, staff["near"], on=on)
    assert not Recommendation.objects.exists()


def test_someone_not_on_the_roster_is_refused(published, world):
    with pytest.raises(ValidationError, match="not a serving member"):
        recommend(published, world.other_person)
    retired = world.colleague
    retired.status = "退休"
    retired.save()
    with pytest.raises(ValidationError, match="not a serving member"):
        recommend(published, retired)
    assert not Recommendation.objects.exists()


def test_a_department_must_say_who_it_is(published, staff):
    with pytest.raises(ValidationError, match="Say which"):
        recommend(published, staff["near"], source="  ")


def test_no_recommendation_before_publication_or_after_closing(draft, evaluating, staff):
    with pytest.raises(ValidationError, match="not possible"):
        recommend(evaluating, staff["near"], source="党政办公室")


def test_closing_opens_a_sheet_per_nominee(evaluating, staff):
    assert set(evaluating.sheets.values_list("person__name", flat=True)) == {
        "周近期",
        "吴资深",
        "郑中期",
        "王中长",
        "冯新人",
    }
    assert not evaluating.sheets.filter(proposed_tier__isnull=False).exists()


def test_counts_per_nominee_channel_and_tier(recommended, staff):
    counted = selectors.counts(recommended)
    three = counted["三"]
    assert [n.person.name for n in three.nominees] == ["周近期", "吴资深"]
    near = three.nominees[0]
    assert dict(near.channel_counts) == {
        "School leaders": 1,
        "Department (处室)": 1,
        "Grade department (年级部)": 1,
    }
    assert three.by_channel == [1, 2, 0, 1, 0]
    assert counted["四"].nominees[0].count.total == 2


def test_the_tiers_secret_ballot_joins_the_counts(recommended, staff):
    three = tier(recommended, "三")
    evaluation = recommendation.ballot_create(actor="t", programme=recommended, tier=three)
    assert evaluation.kind == Evaluation.Kind.CHOOSE and evaluation.max_choices == 3
    with pytest.raises(ValidationError, match="already has"):
        recommendation.ballot_create(actor="t", programme=recommended, tier=three)
    with pytest.raises(ValidationError, match="not closed"):
        recommendation.recommendation_close(actor="t", programme=recommended)
    codes = ballots.codes_issue(actor="t", evaluation=evaluation, count=5)
    evaluation = ballots.evaluation_open(actor="t", evaluation=evaluation)
    keys = {c.person.name: c.key for c in evaluation.candidates.select_related("person")}
    for code in codes[:3]:
        ballots.ballot_cast(evaluation=evaluation, code=code, marks=[keys["吴资深"]])
    ballots.ballot_cast(evaluation=evaluation, code=codes[3], marks=[keys["周近期"]])
    ballots.evaluation_close(actor="t", evaluation=evaluation)
    counted = selectors.counts(recommended)["三"]
    assert counted.ballot_counted
    # The ballot outranks the channel recommendations.
    assert [(n.person.name, n.count.ballot) for n in counted.nominees] == [
        ("吴资深", 3),
        ("周近期", 1),
    ]


def test_a_ballot_needs_nominees(published):
    with pytest.raises(ValidationError, match="Nobody"):
        recommendation.ballot_create(actor="t", programme=published, tier=tier(published, "五"))
    assert not Evaluation.objects.exists()


def test_proposing_needs_every_criterion(evaluating, staff):
    s = evaluating.sheets.get(person=staff["young"])
    with pytest.raises(ValidationError, match="every basic criterion"):
        selection.sheet_save(
            actor="t",
            sheet=s,
            criteria_met=[True, False, True, True, True, True],
            staff_opinion="",
            conduct="",
            remarks="",
            proposed_tier=tier(evaluating, "五"),
        )
    s.refresh_from_db()
    assert s.proposed_tier is None and s.criteria_met == []


def test_age_guide_warns_on_the_sheet(evaluating, staff):
    # The year of the reference date is not appraised yet: it does not count.
    Appraisal.objects.create(person=staff["near"], year=2024, result="合格")
    propose(evaluating, staff["older"], "三")
    propose(evaluating, staff["newcomer"], "五")
    rows = {r.person.name: r for r in selectors.sheet_rows(evaluating)}
    assert (rows["吴资深"].age, rows["吴资深"].age_fit) == (47, AgeFit.OLDER)
    assert (rows["冯新人"].age, rows["冯新人"].age_fit) == (24, AgeFit.YOUNGER)
    assert rows["周近期"].age_fit is None  # not proposed yet
    assert [role for role, _held in rows["吴资深"].priority.roles] == ["学科主任"]
    assert rows["周近期"].priority.excellent_years == (2023,)
    assert [a.year for a in rows["周近期"].appraisals] == [2023]
    lists = {tl.tier.code: tl for tl in selectors.preliminary(evaluating)}
    assert (lists["三"].fill, lists["三"].off_by) == ("under", 2)


def test_submitting_needs_someone_proposed(evaluating):
    with pytest.raises(ValidationError, match="Nobody is proposed"):
        selection.list_submit(actor="t", programme=evaluating)


def decide(programme, chosen, vote=4, recused=()):
    return selection.committee_decide(
        actor="t",
        programme=programme,
        chosen=chosen,
        meeting=Meeting(
            "确定人选",
            date(2024, 3, 14),
            list(programme.committee.members.all()),
            Vote(vote),
            list(recused),
        ),
    )


def test_the_committee_decides_the_list(submitted, staff):
    decide(
        submitted, [(staff["near"], tier(submitted, "三")), (staff["mid"], tier(submitted, "四"))]
    )
    submitted.refresh_from_db()
    assert submitted.status == Programme.Status.DECIDED
    assert submitted.decision.outcome == Decision.Outcome.APPROVED
    cadres = ReserveCadre.objects.filter(programme=submitted)
    assert {(c.person.name, c.tier.code, c.since) for c in cadres} == {
        ("周近期", "三", date(2024, 3, 14)),
        ("郑中期", "四", date(2024, 3, 14)),
    }
    assert AuditEntry.objects.filter(action="reserve.cadre.select").count() == 2


def test_a_motion_not_carried_sends_the_list_back(submitted, staff):
    decide(submitted, [(staff["near"], tier(submitted, "三"))], vote=2)
    submitted.refresh_from_db()
    assert submitted.status == Programme.Status.EVALUATION
    assert not ReserveCadre.objects.exists()
    assert Decision.objects.get().outcome == Decision.Outcome.REJECTED


def test_someone_not_evaluated_cannot_be_decided(submitted, world):
    with pytest.raises(ValidationError, match="Not among the nominees"):
        decide(submitted, [(world.colleague, tier(submitted, "三"))])
    assert not Decision.objects.exists() and not ReserveCadre.objects.exists()


def test_a_member_on_the_list_must_stand_aside(submitted, staff):
    member = submitted.committee.members.first()
    Sheet.objects.create(
        programme=submitted, person=member.person, proposed_tier=tier(submitted, "三")
    )
    with pytest.raises(ValidationError, match="recused"):
        decide(submitted, [(member.person, tier(submitted, "三"))])
    assert not Decision.objects.exists()
    decide(submitted, [(member.person, tier(submitted, "三"))], vote=3, recused=[member])
    assert ReserveCadre.objects.get().person == member.person


def test_the_result_is_published_once(decided):
    selection.result_publish(actor="t", programme=decided)
    with pytest.raises(ValidationError, match="already"):
        selection.result_publish(actor="t", programme=decided)
    names = [c.person.name for tl in selectors.decided(decided) for c in tl.rows]
    assert names == ["周近期", "吴资深", "郑中期", "王中长"]


def test_every_state_change_is_audited(decided):
    actions = list(
        AuditEntry.objects.filter(action__startswith="reserve.").values_list("action", flat=True)
    )
    for action in (
        "reserve.programme.create",
        "reserve.leading_group.set",
        "reserve.committee.set",
        "reserve.programme.publish",
        "reserve.recommendation.add",
        "reserve.recommendation.close",
        "reserve.sheet.update",
        "reserve.list.submit",
        "reserve.cadre.select",
        "reserve.list.decide",
    ):
        assert action in actions, action
