from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from cadre.campaigns.models import Campaign, Candidacy, Rule
from cadre.campaigns.services import plan, registration, review
from cadre.decisions.services import Vote, decision_record
from tests.conftest import make_person

from .factories import campaign_published, class_teacher


@pytest.fixture
def closed(world):
    """A campaign whose registration closed with three applications."""
    c = campaign_published(world)
    ok = make_person(world.school, "A010", "合格者", birth_date=date(1985, 1, 1))
    class_teacher(ok, date(2019, 9, 1))
    old = make_person(world.school, "A011", "超龄者", birth_date=date(1979, 12, 31))
    class_teacher(old, date(2015, 9, 1))
    gone = make_person(world.school, "A012", "撤回者")
    apps = {}
    for p in (ok, old, gone):
        a = registration.application_save(
            actor="t",
            campaign=c,
            person=p,
            positions=[c.deputy],
            accepts_reassignment=False,
            achievements="",
            strengths="强",
            work_plan="计划",
        )
        apps[p.name] = registration.application_submit(actor="t", application=a, pledge=True)
    registration.application_withdraw(actor="t", application=apps["撤回者"])
    plan.campaign_close_registration(
        actor="t", campaign=c, now=c.registration_deadline + timedelta(minutes=1)
    )
    c.refresh_from_db()
    c.apps = apps
    return c


def manual_ids(c):
    return {
        str(r.pk): {"met": True, "note": "经党总支审查"}
        for r in c.rules.filter(kind=Rule.Kind.MANUAL)
    }


def candidacy(c, name):
    return Candidacy.objects.get(application=c.apps[name])


def members(c):
    return list(c.leading_group.members.all())


def test_verdicts_carry_the_figures(closed):
    rows = {r["label"]: r for r in review.candidacy_verdicts(candidacy(closed, "超龄者"))}
    assert rows["1980年1月1日后出生"]["outcome"] == "fail"
    assert rows["1980年1月1日后出生"]["message"] == "出生于1979年12月31日，早于1980年1月1日"
    assert rows["班主任等三年以上"]["message"].startswith("班主任、年级组长、教研组长合计")
    assert "中层副职2年及以上" not in rows  # a head-post condition; this is a deputy post


def test_a_candidate_who_fails_a_condition_cannot_be_found_qualified(closed):
    with pytest.raises(ValidationError, match="1980年1月1日后出生"):
        review.candidacy_review(
            actor=None,
            candidacy=candidacy(closed, "超龄者"),
            attestations=manual_ids(closed),
            result="qualified",
            reason="",
        )
    assert candidacy(closed, "超龄者").result == ""


def test_an_exemption_needs_a_quorate_approving_decision_and_then_qualifies(closed, world):
    group = members(closed)
    with pytest.raises(ValidationError, match="quorum"):
        decision_record(
            actor="t",
            body=closed.leading_group,
            subject="放宽",
            kind="exemption",
            on=date(2025, 6, 24),
            present=group[:2],
            vote=Vote(2),
        )
    decision = decision_record(
        actor="t",
        body=closed.leading_group,
        subject="放宽年龄",
        kind="exemption",
        on=date(2025, 6, 24),
        present=group[:3],
        recused=group[2:3],
        vote=Vote(2),
    )
    assert decision.outcome == "approved"
    age = closed.rules.get(kind=Rule.Kind.BIRTH_CUTOFF)
    c = candidacy(closed, "超龄者")
    with pytest.raises(ValidationError, match="written reason"):
        review.exemption_grant(actor="t", candidacy=c, rule=age, reason=" ", decision=decision)
    review.exemption_grant(
        actor="t", candidacy=c, rule=age, reason="教学业绩特别突出", decision=decision
    )
    review.candidacy_review(
        actor=None, candidacy=c, attestations=manual_ids(closed), result="qualified", reason=""
    )
    c.refresh_from_db()
    assert c.result == "qualified"
    age_row = next(r for r in c.verdicts if r["label"] == "1980年1月1日后出生")
    assert age_row["exemption"]["reason"] == "教学业绩特别突出"


def test_a_rejected_decision_grants_no_exemption(closed):
    group = members(closed)
    decision = decision_record(
        actor="t",
        body=closed.leading_group,
        subject="放宽",
        kind="exemption",
        on=date(2025, 6, 24),
        present=group,
        vote=Vote(1, 3),
    )
    assert decision.outcome == "rejected"
    with pytest.raises(ValidationError, match="approving decision"):
        review.exemption_grant(
            actor="t",
            candidacy=candidacy(closed, "超龄者"),
            rule=closed.rules.get(kind=Rule.Kind.BIRTH_CUTOFF),
            reason="特别优秀",
            decision=decision,
        )


def test_a_withdrawn_application_is_not_reviewed(closed):
    with pytest.raises(ValidationError, match="submitted"):
        review.candidacy_review(
            actor=None,
            candidacy=candidacy(closed, "撤回者"),
            attestations={},
            result="not_qualified",
            reason="已撤回",
        )


def test_the_leading_group_confirms_the_list_once_everyone_is_reviewed(closed):
    group = members(closed)
    decision = decision_record(
        actor="t",
        body=closed.leading_group,
        subject="确定人选",
        kind="candidate_list",
        on=date(2025, 6, 26),
        present=group,
        vote=Vote(4),
    )
    with pytest.raises(ValidationError, match="not reviewed"):
        review.campaign_confirm_candidates(actor="t", campaign=closed, decision=decision)
    review.candidacy_review(
        actor=None,
        candidacy=candidacy(closed, "合格者"),
        attestations=manual_ids(closed),
        result="qualified",
        reason="",
    )
    with pytest.raises(ValidationError, match="reason"):
        review.candidacy_review(
            actor=None,
            candidacy=candidacy(closed, "超龄者"),
            attestations=manual_ids(closed),
            result="not_qualified",
            reason="",
        )
    review.candidacy_review(
        actor=None,
        candidacy=candidacy(closed, "超龄者"),
        attestations=manual_ids(closed),
        result="not_qualified",
        reason="年龄超过规定",
    )
    review.campaign_confirm_candidates(actor="t", campaign=closed, decision=decision)
    closed.refresh_from_db()
    assert closed.status == Campaign.Status.REVIEW_DONE
    assert closed.candidate_decision == decision
