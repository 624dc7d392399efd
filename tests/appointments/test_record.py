import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document

from cadre.appointments.models import Objection
from cadre.appointments.record import campaign_record_docx
from cadre.appointments.selectors import campaign_audit_entries
from cadre.appointments.services import notice
from cadre.ballots.models import Evaluation, PaperBatch
from cadre.ballots.services import (
    ballot_cast,
    codes_issue,
    evaluation_close,
    evaluation_create,
    evaluation_open,
    paper_enter,
)
from cadre.campaigns.models import Application, CampaignPosition, Candidacy, Nomination
from cadre.campaigns.services import plan, registration
from tests.appointments.conftest import FINDINGS, at
from tests.campaigns.factories import ADMIN, campaign_draft, campaign_published
from tests.conftest import make_person

SECTIONS = (
    "一、工作方案",
    "二、报名",
    "三、资格审查",
    "四、民主测评",
    "五、现场答辩",
    "六、综合排名",
    "七、组织考察",
    "八、集体决策",
    "九、公示",
    "十、报批与聘任",
    "附：全程操作记录",
)
REPORTER, REPORTER_PHONE = "赵举报", "13912345678"
HANDLING = "党总支约谈了反映人所指的三位同事，查阅了相关工作记录。"
CONCLUSION = "所反映的问题不影响聘任，按程序继续。"


@pytest.fixture
def on_notice(on_notice):
    """The notice of the conftest, with a named report about 甲, concluded."""
    proposal = on_notice.proposals.get(person__name="甲")
    objection = notice.objection_file(
        notice=on_notice.notice,
        content="反映甲在年级工作中作风不够民主。",
        proposal=proposal,
        anonymous=False,
        reporter_name=REPORTER,
        reporter_contact=REPORTER_PHONE,
        received_at=at(2025, 7, 3),
    )
    notice.objection_conclude(
        actor="t",
        objection=objection,
        handling=HANDLING,
        finding=Objection.Finding.UNFOUNDED,
        conclusion=CONCLUSION,
    )
    return on_notice


def opened(content: bytes):
    return Document(io.BytesIO(content))


def text_of(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def headings(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]


def test_the_record_of_an_appointed_campaign(appointed):
    doc = opened(campaign_record_docx(appointed))
    assert headings(doc) == list(SECTIONS)
    text = text_of(doc)
    assert "党政办公室副主任" in text
    appointee = next(t for t in doc.tables if t.rows[0].cells[2].text == "聘任职务")
    row = [c.text for c in appointee.rows[1].cells]
    assert row[1:4] == ["甲", "党政办公室副主任", "分管学校宣传工作和档案工作。"]
    assert row[5] == "2025年8月1日"
    assert "自2025年8月1日起聘任，本次竞聘工作结束。" in text
    # 甲 was rated satisfied by two of three voters.
    evaluation = Evaluation.objects.get(campaign=appointed)
    tally = evaluation.result["tally"][str(evaluation.candidates.get(person__name="甲").pk)]
    assert tally["percent"] == "66.67"
    assert "66.67%" in text
    assert evaluation.board_sha256 in text
    assert FINDINGS["findings"] in text
    assert "发放并收回征求意见表40份" in text


def test_the_record_states_the_objection_but_not_who_reported_it(appointed):
    objection = Objection.objects.get(notice__campaign=appointed)
    text = text_of(opened(campaign_record_docx(appointed)))
    assert objection.reference in text
    assert "实名" in text
    assert HANDLING in text and CONCLUSION in text
    assert "核查结论：不属实" in text
    assert REPORTER not in text
    assert REPORTER_PHONE not in text


def test_the_appendix_lists_the_trail_with_its_hashes(appointed):
    doc = opened(campaign_record_docx(appointed))
    trail = doc.tables[-1]
    actions = [row.cells[3].text for row in trail.rows[1:]]
    assert any("proposal.appoint" in a for a in actions)
    assert "聘任\nproposal.appoint" in actions
    entries = list(campaign_audit_entries(appointed))
    assert len(actions) == len(entries)
    assert [row.cells[5].text for row in trail.rows[1:]] == [e.hash[:12] for e in entries]
    assert entries[-1].hash in text_of(doc)


def test_the_audit_entries_of_a_campaign_are_its_own(appointed, world):
    entries = list(campaign_audit_entries(appointed))
    kinds = {e.object_type for e in entries}
    assert {
        "campaigns.campaign",
        "campaigns.campaignposition",
        "campaigns.rule",
        "campaigns.stage",
        "campaigns.application",
        "campaigns.candidacy",
        "ballots.evaluation",
        "panels.panel",
        "panels.expert",
        "panels.scoresheet",
        "decisions.decision",
        "appointments.inspection",
        "appointments.proposal",
        "appointments.notice",
        "appointments.objection",
        "appointments.approval",
    } <= kinds
    assert [e.pk for e in entries] == sorted(e.pk for e in entries)
    # Another campaign of the same school, and a position deleted from its draft.
    other = campaign_draft(world)
    plan.position_delete(actor=ADMIN, position=other.positions.get(title="党政办公室干事"))
    assert not {e.pk for e in campaign_audit_entries(other)} & {e.pk for e in entries}
    deleted = [e.action for e in campaign_audit_entries(other)]
    assert "campaign.position.delete" in deleted
    assert "campaign.position.delete" not in [e.action for e in entries]


def test_a_draft_has_a_record_too(world):
    c = campaign_draft(world)
    doc = opened(campaign_record_docx(c))
    assert headings(doc) == ["一、工作方案", "附：全程操作记录"]
    text = text_of(doc)
    assert "党政办公室主任" in text and "方案尚未审定备案" in text
    assert "创建工作方案\ncampaign.create" in text


@pytest.mark.parametrize(
    "stage", ["reviewed", "inspecting", "proposed", "on_notice", "approved", "appointed"]
)
def test_every_stage_has_a_record(stage, request):
    campaign = request.getfixturevalue(stage)
    assert "一、工作方案" in headings(opened(campaign_record_docx(campaign)))


def _more_applicants(campaign, n):
    """Applicants reviewed and found not qualified, straight into the tables: the record
    must read them without a query each."""
    deputy = CampaignPosition.objects.get(campaign=campaign, title="党政办公室副主任")
    for i in range(n):
        person = make_person(
            campaign.organisation, f"X{i}", f"新人{i}", birth_date=date(1990, 1, 1)
        )
        application = Application.objects.create(
            campaign=campaign,
            person=person,
            status=Application.Status.SUBMITTED,
            submitted_at=at(2025, 6, 20),
            profile={"name": person.name},
        )
        Candidacy.objects.create(
            application=application,
            position=deputy,
            rank=1,
            result=Candidacy.Result.NOT_QUALIFIED,
            reason="不满足任职年限",
        )


def test_the_record_reads_in_a_fixed_number_of_queries(appointed, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as few:
        campaign_record_docx(appointed)
    _more_applicants(appointed, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        content = campaign_record_docx(appointed)
    assert "新人5" in text_of(opened(content))
    assert len(few.captured_queries) <= 45


def test_a_campaign_under_review_shows_what_is_pending_and_hides_who_recommended(world):
    c = campaign_published(world, deadline=timezone.now() + timedelta(hours=1))
    person = make_person(world.school, "R1", "待审", birth_date=date(1986, 1, 1))
    application = registration.application_save(
        actor="t",
        campaign=c,
        person=person,
        positions=[c.deputy, c.head],
        accepts_reassignment=True,
        achievements="",
        strengths="s",
        work_plan="w",
    )
    registration.application_submit(actor="t", application=application, pledge=True)
    registration.nomination_create(
        actor=world.users["teacher"],
        campaign=c,
        nominee=world.colleague,
        position=c.head,
        channel=Nomination.Channel.PEER,
        reason="业务能力强，群众威信高。",
    )
    plan.campaign_close_registration(
        actor="t", campaign=c, now=c.registration_deadline + timedelta(minutes=1)
    )
    doc = opened(campaign_record_docx(c))
    assert headings(doc) == ["一、工作方案", "二、报名", "三、资格审查", "附：全程操作记录"]
    text = text_of(doc)
    assert "第一志愿：党政办公室副主任；第二志愿：党政办公室主任" in text
    assert "尚未审查2个" in text
    # Who recommended a colleague is named neither in the table nor in the trail.
    assert "业务能力强，群众威信高。" in text and world.colleague.name in text
    assert world.users["teacher"].get_full_name() not in text
    assert "举荐人" in text


def test_paper_ballots_and_a_recommendation_are_recorded(reviewed, world):
    """A second rating with paper ballots entered twice, and a choose-one recommendation."""
    people = reviewed.people
    rating = evaluation_create(
        actor="t",
        evaluation=Evaluation(organisation=world.school, campaign=reviewed, title="补充测评"),
        candidates=[(p, "") for p in people],
    )
    codes_issue(actor="t", evaluation=rating, count=1)
    evaluation_open(actor="t", evaluation=rating)
    batch = PaperBatch.objects.create(evaluation=rating, kind="counts", label="票箱1")
    keys = [c.key for c in rating.candidates.all()]
    counts = {k: {"satisfied": 4, "unsatisfied": 1} for k in keys}
    for user in ("school_admin", "leader"):
        paper_enter(actor=world.users[user], batch=batch, data=counts)
    evaluation_close(actor="t", evaluation=rating)
    choose = evaluation_create(
        actor="t",
        evaluation=Evaluation(
            organisation=world.school,
            campaign=reviewed,
            title="推荐",
            kind=Evaluation.Kind.CHOOSE,
            max_choices=1,
        ),
        candidates=[(p, "") for p in people],
    )
    [code] = codes_issue(actor="t", evaluation=choose, count=1)
    evaluation_open(actor="t", evaluation=choose)
    choose.refresh_from_db()
    first = choose.candidates.get(person=people[0]).key
    ballot_cast(evaluation=choose, code=code, marks=[first])
    evaluation_close(actor="t", evaluation=choose)
    doc = opened(campaign_record_docx(reviewed))
    subheadings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert {"测评", "补充测评", "推荐", "其中纸质票"} <= set(subheadings)
    paper = next(
        t for t in doc.tables if t.rows[0].cells[-1].text == "无效" and len(t.rows[0].cells) == 7
    )
    assert [c.text for c in paper.rows[1].cells[2:]] == ["4", "0", "1", "0", "0"]
    votes = next(t for t in doc.tables if t.rows[0].cells[-1].text == "得票")
    assert [c.text for c in votes.rows[1].cells[1:]] == [people[0].name, "1"]
    text = text_of(doc)
    assert "纸质票5张" in text
    assert Evaluation.objects.get(pk=rating.pk).board_sha256 in text
