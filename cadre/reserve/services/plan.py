"""The programme: create it with the “三四五” defaults, edit it while a draft, set its leading
group and committee, publish it to the staff."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadre.audit.services import audit_record, snapshot
from cadre.core.status import part_delete, part_save, require_status, transition
from cadre.decisions.models import Body, BodyMember

from ..models import BASIC_CRITERIA, PRIORITY_ROLES, Programme, Stage, Tier

EDIT = gettext_lazy("Changing the plan")

# The seed's 二、培养目标: three tiers, named by their target counts.
DEFAULT_TIERS = (
    {
        "code": "三",
        "name": "近期梯队",
        "target": 3,
        "age_years": 45,
        "age_kind": Tier.AgeGuideKind.AT_MOST,
        "horizon": Tier.Horizon.NEAR,
        "experience": "具有中层主任助理/干事、学科主任、年级组长、班主任、备课组长岗位工作经历；"
        "表现特别突出的可以适当放宽年龄标准",
        "goal": "通过短期岗位锻炼和培养，使其具备承担学校各处室中层干部职务相应的道德品质、"
        "工作能力和责任担当，进入中层干部选拔梯队",
    },
    {
        "code": "四",
        "name": "中期梯队",
        "target": 4,
        "age_years": 35,
        "age_kind": Tier.AgeGuideKind.ABOUT,
        "horizon": Tier.Horizon.MID,
        "experience": "年轻优秀教师，经过班主任等其它岗位的锻炼",
        "goal": "经过班主任等其它岗位的锻炼使其具备参与学校管理的意识和能力",
    },
    {
        "code": "五",
        "name": "中长期梯队",
        "target": 5,
        "age_years": 30,
        "age_kind": Tier.AgeGuideKind.ABOUT,
        "horizon": Tier.Horizon.LONG,
        "experience": "年轻教师",
        "goal": "通过培养使其具备班级管理、学生社团指导和协助学校重大活动的组织等能力，"
        "成为中长期学校管理的后备力量",
    },
)
DEFAULT_PRIORITY_TEXT = (
    "具有学科主任、年级组长、班主任、校团委委员、备课组长、社团指导老师等经历的；"
    "在教育教学工作中业绩优异的；在学校重大活动中有突出贡献的。"
)
DEFAULT_PROCEDURE = (
    "1.公布方案。向全校教职工公布学校“三四五”干部梯队建设方案。\n"
    "2.民主推荐。采取领导、各处室、学科教研室、年级部推荐和个人自荐等形式进行。\n"
    "3.综合考评。综合考虑民主推荐情况、考核考评结果、教职工代表意见和个人一贯表现等因素确定初步人选。\n"
    "4.党委会讨论。学校党委根据综合考评情况，充分讨论后确定后备干部梯队培养人选并公布结果。"
)


def _check_window(programme: Programme) -> None:
    if programme.recommendation_closes < programme.recommendation_opens:
        raise ValidationError(_("Recommendation must close on or after the day it opens."))


@transaction.atomic
def programme_create(*, actor, programme: Programme, with_defaults: bool = True) -> Programme:
    """A new programme; with the defaults, the seed's criteria, priority roles, procedure and
    its three tiers, all editable while a draft."""
    _check_window(programme)
    if with_defaults:
        programme.criteria = programme.criteria or list(BASIC_CRITERIA)
        programme.priority_roles = programme.priority_roles or list(PRIORITY_ROLES)
        programme.priority_text = programme.priority_text or DEFAULT_PRIORITY_TEXT
        programme.procedure = programme.procedure or DEFAULT_PROCEDURE
    programme.save()
    if with_defaults:
        Tier.objects.bulk_create(
            [Tier(programme=programme, order=i, **t) for i, t in enumerate(DEFAULT_TIERS)]
        )
    audit_record(
        actor=actor,
        organisation=programme.organisation,
        action="reserve.programme.create",
        obj=programme,
        after={
            **snapshot(programme),
            "tiers": [f"{t.code}{t.name} {t.target}" for t in programme.tiers.all()],
        },
    )
    return programme


@transaction.atomic
def programme_save(*, actor, programme: Programme) -> Programme:
    before = Programme.objects.get(pk=programme.pk)
    require_status(before, Programme.Status.DRAFT, doing=EDIT)
    _check_window(programme)
    programme.save()
    audit_record(
        actor=actor,
        organisation=programme.organisation,
        action="reserve.programme.update",
        obj=programme,
        before=snapshot(before),
        after=snapshot(programme),
    )
    return programme


@transaction.atomic
def tier_save(*, actor, programme: Programme, tier: Tier) -> Tier:
    clash = programme.tiers.filter(code=tier.code).exclude(pk=tier.pk)
    if clash.exists():
        raise ValidationError(
            _("Another tier already has the code “%(code)s”.") % {"code": tier.code}
        )
    if tier.target < 1:
        raise ValidationError(_("A tier's target count is at least one."))
    return part_save(actor=actor, owner=programme, part=tier, action="reserve.tier", doing=EDIT)


@transaction.atomic
def tier_delete(*, actor, tier: Tier) -> None:
    part_delete(actor=actor, owner=tier.programme, part=tier, action="reserve.tier", doing=EDIT)


@transaction.atomic
def stage_save(*, actor, programme: Programme, stage: Stage) -> Stage:
    if stage.planned_end and stage.planned_end < stage.planned_start:
        raise ValidationError(_("A stage cannot end before it starts."))
    return part_save(actor=actor, owner=programme, part=stage, action="reserve.stage", doing=EDIT)


@transaction.atomic
def stage_delete(*, actor, stage: Stage) -> None:
    part_delete(actor=actor, owner=stage.programme, part=stage, action="reserve.stage", doing=EDIT)


def _body_set(actor, programme, field, name, members, action):
    require_status(
        programme,
        Programme.Status.DRAFT,
        Programme.Status.PUBLISHED,
        Programme.Status.EVALUATION,
        doing=gettext_lazy("Changing its members"),
    )
    body = getattr(programme, field) or Body.objects.create(
        organisation=programme.organisation, name=name
    )
    before = [str(m) for m in body.members.select_related("person")]
    body.members.all().delete()
    BodyMember.objects.bulk_create(
        [BodyMember(body=body, person=p, role=role, order=i) for i, (p, role) in enumerate(members)]
    )
    setattr(programme, field, body)
    programme.save(update_fields=[field])
    audit_record(
        actor=actor,
        organisation=programme.organisation,
        action=action,
        obj=programme,
        before={"members": before} if before else None,
        after={"members": [f"{p.name}（{BodyMember.Role(role).label}）" for p, role in members]},
    )
    return body


@transaction.atomic
def leading_group_set(*, actor, programme: Programme, members: list[tuple]) -> Body:
    """The leading group for reserve cadres (后备干部培养领导小组), its head first: the seed
    has the party secretary head it."""
    return _body_set(
        actor,
        programme,
        "leading_group",
        "后备干部培养领导小组",
        members,
        "reserve.leading_group.set",
    )


@transaction.atomic
def committee_set(*, actor, programme: Programme, members: list[tuple]) -> Body:
    """The party committee (党委) that decides the list."""
    name = f"中共{programme.organisation.name}委员会"
    return _body_set(actor, programme, "committee", name, members, "reserve.committee.set")


def publish_blockers(programme: Programme) -> list[str]:
    problems = []
    if not programme.tiers.exists():
        problems.append(_("The programme has no tier."))
    if not programme.criteria:
        problems.append(_("The programme states no basic criteria."))
    if not programme.leading_group_id or not programme.leading_group.members.exists():
        problems.append(_("The leading group for reserve cadres has no members."))
    return problems


def programme_publish(*, actor, programme: Programme, at=None) -> Programme:
    """公布方案: the plan goes to all staff and the recommendation window applies."""
    problems = publish_blockers(programme)
    if problems:
        raise ValidationError(problems)
    return transition(
        actor=actor,
        obj=programme,
        expected=Programme.Status.DRAFT,
        to=Programme.Status.PUBLISHED,
        action="reserve.programme.publish",
        changes={"published_at": at or timezone.now()},
    )


def head_is_secretary(programme: Programme) -> bool | None:
    """Whether the leading group is headed by the party secretary, as the seed asks; None when
    there is no leading group yet. A warning only: the roster's post names vary."""
    if not programme.leading_group_id:
        return None
    head = programme.leading_group.members.select_related("person").first()
    return bool(head and "书记" in head.person.current_post)
