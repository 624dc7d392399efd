"""From the shortlist to the appointment, through the services and the office's pages."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from cadre.appointments.models import Inspection, Notice, Objection, Proposal
from cadre.appointments.services import approval, inspection, notice
from cadre.audit.models import AuditEntry
from cadre.decisions.services import Vote
from cadre.orgs.models import Membership
from cadre.people.models import PostHistory

from .conftest import FINDINGS, at, conclude_all, joint_meeting


def test_an_inspection_is_concluded_only_with_its_group_methods_findings_and_conclusion(
    inspecting,
):
    item = inspecting.inspections.first()
    bare = {
        **FINDINGS,
        "group_leader": "",
        "talks": 0,
        "opinion_forms": 0,
        "documents_reviewed": False,
        "candidate_talk": False,
        "findings": "",
        "conclusion": "",
    }
    with pytest.raises(ValidationError) as exc:
        inspection.inspection_save(actor="t", inspection=item, data=bare, conclude=True)
    assert "head of the inspection group" in exc.value.messages[0]
    assert "findings" in exc.value.messages[0]
    inspection.inspection_save(actor="t", inspection=item, data=bare, conclude=False)  # a draft
    inspection.inspection_save(actor="t", inspection=item, data=FINDINGS, conclude=True)
    item.refresh_from_db()
    assert item.status == Inspection.Status.CONCLUDED
    assert item.methods == [
        "个别谈话25人",
        "发放并收回征求意见表40份",
        "查阅档案资料",
        "与考察对象面谈",
    ]
    with pytest.raises(ValidationError, match="concluded"):
        inspection.inspection_save(actor="t", inspection=item, data=FINDINGS, conclude=False)


def test_an_inspection_attachment_is_checked_by_content(inspecting):
    item = inspecting.inspections.first()
    with pytest.raises(ValidationError, match="not a PDF"):
        inspection.inspection_attachment_add(
            actor="t", inspection=item, name="谈话记录.pdf", content=b"MZ\x90\x00"
        )
    inspection.inspection_attachment_add(
        actor="t", inspection=item, name="谈话记录.pdf", content=b"%PDF-1.7 ..."
    )
    assert item.attachments.get().content_type == "application/pdf"


def _items(campaign, votes):
    by_name = {i.person.name: i for i in campaign.inspections.all()}
    return [inspection.Item(by_name[name], vote, []) for name, vote in votes.items()]


def test_the_decision_needs_every_inspection_concluded_a_quorum_and_respects_the_quota(
    inspecting,
):
    c = inspecting
    members = list(c.leading_group.members.all())
    votes = {"甲": Vote(4), "乙": Vote(1, 3)}
    with pytest.raises(ValidationError, match="Every inspection must be concluded"):
        inspection.proposals_decide(
            actor="t", campaign=c, on=date(2025, 7, 1), present=members, items=_items(c, votes)
        )
    conclude_all(c)
    with pytest.raises(ValidationError, match="No quorum"):
        inspection.proposals_decide(
            actor="t", campaign=c, on=date(2025, 7, 1), present=members[:2], items=_items(c, votes)
        )
    with pytest.raises(ValidationError, match="quota is 1"):
        inspection.proposals_decide(
            actor="t",
            campaign=c,
            on=date(2025, 7, 1),
            present=members,
            items=_items(c, {"甲": Vote(4), "乙": Vote(3)}),
        )
    assert not Proposal.objects.exists()  # a refused decision leaves nothing behind
    items = _items(c, votes)
    items[0].recused = [members[3]]
    items[0].vote = Vote(3)
    inspection.proposals_decide(
        actor="t", campaign=c, on=date(2025, 7, 1), present=members, items=items
    )
    c.refresh_from_db()
    assert c.status == "proposed"
    statuses = dict(c.proposals.values_list("person__name", "status"))
    assert statuses == {"甲": "proposed", "乙": "not_proposed"}
    decision = c.proposals.get(person__name="甲").decision
    assert decision.subject == f"拟聘甲为{c.deputy.title}" and decision.recused.count() == 1


def test_the_notice_period_is_computed_and_an_uncovered_year_flagged(proposed, world):
    kwargs = {"actor": "t", "campaign": proposed, "first_day_counts": False, "contact": "书记室"}
    with pytest.raises(ValidationError) as exc:
        notice.notice_publish(starts_on=date(2026, 12, 28), days=5, counting="working", **kwargs)
    assert "2027" in exc.value.messages[0] and "Holiday arrangements" in exc.value.messages[0]
    notice.holiday_year_save(
        actor="t",
        organisation=world.school,
        year=2027,
        holidays="2027-01-01",
        workdays_text="",
    )
    published = notice.notice_publish(
        starts_on=date(2026, 12, 28), days=5, counting="working", **kwargs
    )
    # 12-29, 12-30, 12-31, (01-01 off, weekend) 01-04, 01-05.
    assert published.ends_on == date(2027, 1, 5)
    proposed.refresh_from_db()
    assert proposed.status == "notice"


def test_holidays_the_office_enters_are_checked(world):
    save = notice.holiday_year_save
    with pytest.raises(ValidationError, match="covered by the holiday calendar"):
        save(
            actor="t", organisation=world.school, year=2025, holidays="2025-10-01", workdays_text=""
        )
    with pytest.raises(ValidationError, match="not a date"):
        save(actor="t", organisation=world.school, year=2027, holidays="10月1日", workdays_text="")
    with pytest.raises(ValidationError, match="not in 2027"):
        save(
            actor="t", organisation=world.school, year=2027, holidays="2028-01-01", workdays_text=""
        )
    with pytest.raises(ValidationError, match="both as a holiday and as a workday"):
        save(
            actor="t",
            organisation=world.school,
            year=2027,
            holidays="2027-10-01~2027-10-07",
            workdays_text="2027-10-07",
        )


def test_a_concern_is_received_only_during_the_period(on_notice):
    the_notice = on_notice.notice
    with pytest.raises(ValidationError, match="received from"):
        notice.objection_file(notice=the_notice, content="x", received_at=at(2025, 7, 8))
    with pytest.raises(ValidationError, match="Give your name"):
        notice.objection_file(
            notice=the_notice, content="x", anonymous=False, received_at=at(2025, 7, 3)
        )
    filed = notice.objection_file(
        notice=the_notice, content="反映问题", received_at=at(2025, 7, 7, 23)
    )
    assert len(filed.reference) == 8 and filed.status == Objection.Status.OPEN


def test_an_open_concern_blocks_the_approval_until_the_committee_concludes_it(on_notice, world):
    c = on_notice
    proposal = c.proposals.get(status="proposed")
    concern = notice.objection_file(
        notice=c.notice,
        proposal=proposal,
        anonymous=False,
        reporter_name="赵老师",
        content="反映问题",
        received_at=at(2025, 7, 3),
    )
    decision = joint_meeting(c, world)
    with pytest.raises(ValidationError) as exc:
        approval.approval_record(actor="t", campaign=c, decision=decision, today=date(2025, 7, 5))
    assert len(exc.value.messages) == 2  # the period runs on, and a concern is open
    with pytest.raises(ValidationError, match="not yet concluded"):
        approval.approval_record(actor="t", campaign=c, decision=decision, today=date(2025, 7, 8))
    with pytest.raises(ValidationError, match="Choose a finding"):
        notice.objection_conclude(
            actor="t", objection=concern, handling="核查", finding="", conclusion="不属实"
        )
    notice.objection_conclude(
        actor="t", objection=concern, handling="核查", finding="unfounded", conclusion="不属实"
    )
    approval.approval_record(actor="t", campaign=c, decision=decision, today=date(2025, 7, 8))
    c.refresh_from_db()
    assert c.status == "approved"
    # The reporter's name stays with the committee, out of the widely read record.
    assert not AuditEntry.objects.filter(after__icontains="赵老师").exists()


def test_a_substantiated_concern_can_withdraw_the_proposed_appointee(on_notice):
    proposal = on_notice.proposals.get(status="proposed")
    with pytest.raises(ValidationError, match="needs a reason"):
        notice.proposal_withdraw(actor="t", proposal=proposal, reason=" ")
    notice.proposal_withdraw(actor="t", proposal=proposal, reason="反映问题属实")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN and not proposal.standing


def test_the_appointment_adds_the_post_ends_the_old_one_and_closes_the_campaign(approved):
    c = approved
    person = c.proposals.get(status="approved").person
    old = PostHistory.objects.create(
        person=person, role_kind="干事", unit="党政办公室", start_date=date(2020, 9, 1)
    )
    with pytest.raises(ValidationError, match="report to the education bureau"):
        approval.appointment_complete(actor="t", campaign=c, appointed_on=date(2025, 8, 1))
    approval.report_record(actor="t", campaign=c, reported_on=date(2025, 7, 8), reference="9号")
    with pytest.raises(ValidationError, match="Divide the work first"):
        approval.appointment_complete(actor="t", campaign=c, appointed_on=date(2025, 8, 1))
    p = c.proposals.get(status="approved")
    approval.division_save(actor="t", proposal=p, division_of_work="分管宣传", term_years=3)
    approval.appointment_complete(actor="t", campaign=c, appointed_on=date(2025, 8, 1))
    c.refresh_from_db()
    old.refresh_from_db()
    assert c.status == "closed"
    assert old.end_date == date(2025, 7, 31)
    new = person.posts.get(start_date=date(2025, 8, 1))
    assert (new.role_kind, new.unit, new.end_date) == ("中层副职", c.deputy.department.name, None)
    person.refresh_from_db()
    assert person.current_post == c.deputy.title


def test_every_state_change_is_on_the_audit_trail(appointed):
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "campaign.inspection_begin",
        "inspection.open",
        "inspection.conclude",
        "proposal.decide",
        "campaign.proposals_decide",
        "notice.publish",
        "campaign.joint_meeting.set",
        "approval.record",
        "campaign.approve",
        "approval.report",
        "proposal.division",
        "proposal.appoint",
        "campaign.close",
    } <= actions


# The pages ---------------------------------------------------------------------------------


def url(name, campaign, *args):
    return reverse(name, args=[campaign.organisation.code, campaign.pk, *args])


def party_member(world):
    user = get_user_model().objects.create_user("party-a", password="x")
    Membership.objects.create(
        user=user, organisation=world.school, role=Membership.Role.PARTY_COMMITTEE
    )
    return user


def test_the_party_committee_records_an_inspection_and_a_teacher_cannot(inspecting, world, client):
    item = inspecting.inspections.first()
    page = url("appointments:inspection", inspecting, item.pk)
    assert world.client("teacher").get(page).status_code == 403
    client.force_login(party_member(world))
    data = {k: v for k, v in FINDINGS.items() if v is not False}
    response = client.post(page, {**data, "conclude": "1"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "concluded" and item.talks == 25


def test_the_leading_group_decides_on_one_page(inspecting, world):
    conclude_all(inspecting)
    members = list(inspecting.leading_group.members.all())
    by_name = {i.person.name: i for i in inspecting.inspections.all()}
    data = {"date": "2025-07-01", "present": [m.pk for m in members], "note": ""}
    for name, (f, a) in {"甲": (4, 0), "乙": (0, 4)}.items():
        pk = by_name[name].pk
        data.update({f"for_{pk}": f, f"against_{pk}": a, f"abstain_{pk}": 0})
    page = url("appointments:propose", inspecting)
    response = world.client("leader").post(page, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert dict(inspecting.proposals.values_list("person__name", "status")) == {
        "甲": "proposed",
        "乙": "not_proposed",
    }


def test_the_office_publishes_the_notice_and_sees_where_it_ends(proposed, world):
    admin = world.client("school_admin")
    end = admin.get(
        url("appointments:notice_end", proposed),
        {"starts_on": "2025-09-30", "days": "5", "counting": "working"},
    )
    assert "2025-10-14" in end.content.decode()
    response = admin.post(
        url("appointments:notice", proposed),
        {"starts_on": "2025-07-02", "days": "5", "counting": "calendar", "contact": "书记室"},
    )
    assert response.status_code == 302
    assert Notice.objects.get(campaign=proposed).ends_on == date(2025, 7, 7)
    home = admin.get(url("appointments:home", proposed)).content.decode()
    assert "2025-07-07" in home


def test_anyone_reads_the_notice_and_reports_a_concern_anonymously(on_notice, client):
    page = reverse("public_notice", args=[on_notice.organisation.code, on_notice.pk])
    text = client.get(page).content.decode()
    assert "甲" in text and "书记室" in text and "乙" not in text  # only those proposed
    form = reverse("report_concern", args=[on_notice.organisation.code, on_notice.pk])
    with mock.patch("django.utils.timezone.now", return_value=at(2025, 7, 4)):
        response = client.post(form, {"content": "反映问题", "anonymous": "on"})
    objection = Objection.objects.get()
    assert objection.reference in response.content.decode()
    assert objection.anonymous and objection.entered_by is None
    looked_up = client.get(form, {"ref": objection.reference.lower()}).content.decode()
    assert "党组织正在办理" in looked_up  # the UI speaks Chinese by default


def test_the_approval_page_shows_why_it_must_wait(on_notice, world):
    notice.objection_file(notice=on_notice.notice, content="x", received_at=at(2025, 7, 3))
    joint_meeting(on_notice, world)
    page = world.client("school_admin").get(url("appointments:approve", on_notice))
    assert "尚未由党组织办结" in page.content.decode()


def test_the_dashboard_says_what_each_campaign_waits_for(on_notice, world):
    notice.objection_file(notice=on_notice.notice, content="x", received_at=at(2025, 7, 3))
    home = world.client("school_admin").get(reverse("orgs:home", args=[world.school.code]))
    text = home.content.decode()
    assert on_notice.title in text and "1件反映问题待办结" in text
    district = world.client("district_admin").get(reverse("orgs:home", args=[world.district.code]))
    assert on_notice.title in district.content.decode()


def test_the_timeline_shows_overdue_stages(appointed, world):
    stage = appointed.stages.first()
    stage.milestone = "filing"
    stage.planned_start = stage.planned_end = date(2025, 7, 1)
    stage.save()
    page = world.client("school_admin").get(url("campaigns:detail", appointed)).content.decode()
    assert "推迟7天" in page
    approval_ = appointed.approval
    approval_.reported_on = None
    approval_.save()
    page = world.client("school_admin").get(url("campaigns:detail", appointed)).content.decode()
    assert "逾期" in page and (date.today() - date(2025, 7, 1)) > timedelta(0)


def test_the_office_downloads_every_document_of_an_appointment(appointed, world):
    import io
    import xml.etree.ElementTree as ET

    from docx import Document
    from openpyxl import load_workbook

    admin = world.client("school_admin")
    p = appointed.proposals.get(status="appointed")
    for name, args, opens in (
        ("appointments:record", (), Document),
        ("appointments:report_file", ("docx",), Document),
        ("appointments:report_file", ("xlsx",), load_workbook),
        ("appointments:appointment_form", (p.pk, "docx"), Document),
        ("appointments:appointment_form", (p.pk, "lrmx"), ET.parse),
        ("appointments:letter", (p.pk, "letter"), Document),
        ("appointments:letter", (p.pk, "certificate"), Document),
    ):
        response = admin.get(url(name, appointed, *args))
        assert response.status_code == 200, name
        assert "attachment" in response["Content-Disposition"]
        opens(io.BytesIO(response.content))
    # A teacher sees none of it.
    assert world.client("teacher").get(url("appointments:record", appointed)).status_code == 403


@pytest.mark.parametrize("step", ["report", "appoint"])
def test_a_get_on_a_post_only_step_is_the_wrong_method(inspecting, world, step):
    """Whatever stage the campaign is at, a GET of a step that only takes a form is 405."""
    url = reverse(f"appointments:{step}", args=[world.school.code, inspecting.pk])
    response = world.client("school_admin").get(url)
    assert response.status_code == 405
