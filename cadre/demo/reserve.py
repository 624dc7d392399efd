"""Nantong's second batch of the “三四五” reserve programme, selected as the seed's timetable
has it: the plan published on 3月1日, the democratic recommendation of 3月1日—5日 through the
five channels with a secret recommendation ballot for the near-term tier, the comprehensive
evaluation of 3月6日—13日 and the party committee's decision of 3月14日, published that day.

Everything goes through the reserve services, so the audit trail tells the whole story. The
nominees are taken from the synthetic roster by the seed's own tests (age on 2024-03-01, the
posts held), so the demo stays sound whatever day it is built on; the roster's boundary cases
of age stand among them."""

import random
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model

from cadre.ballots import services as ballots
from cadre.ballots.models import Evaluation
from cadre.decisions.models import BodyMember
from cadre.decisions.services import Vote
from cadre.people.dates import age_on
from cadre.people.models import Person
from cadre.people.vocab import APPRAISAL_RESULTS
from cadre.reserve import selectors
from cadre.reserve.models import PRIORITY_ROLES, Programme, Recommendation, Stage, Tier
from cadre.reserve.services import plan, recommendation, selection
from cadre.reserve.services._meeting import Meeting

from .clock import at
from .roster import NANTONG_CASES

ACTOR = "cadre demo"
User = get_user_model()
Channel = Recommendation.Channel
Role = BodyMember.Role

REFERENCE = date(2024, 3, 1)  # 公布方案: ages and posts are taken on this day
OPENS, CLOSES = date(2024, 3, 1), date(2024, 3, 5)
EVALUATION_STARTS, LIST_SUBMITTED, DECIDED = date(2024, 3, 6), date(2024, 3, 13), date(2024, 3, 14)

TITLE = "第二批“三四五”后备干部培养计划"
ISSUER = "中共江苏省南通第一中学委员会"
PREAMBLE = (
    "为建设一支适应学校教育事业发展的后备干部队伍，提高学校干部队伍的整体素质，"
    "推进学校可持续发展，特制定本方案。"
)
GUIDING_IDEA = (
    "以习近平新时代中国特色社会主义思想为指导，以学校事业发展需要为依据，结合学校中长期对干部"
    "队伍的要求，坚持公道正派、德才兼备的选人标准，坚持公开、公平、竞争、择优的原则，注重潜力、"
    "立足发展，努力建设一支教育理念新、管理能力强、教学水平高、年龄结构合理的年轻后备干部队伍。"
)
TIMETABLE = (
    ("公布方案", date(2024, 3, 1), None, Stage.Milestone.PUBLISH),
    ("民主推荐", OPENS, CLOSES, Stage.Milestone.RECOMMENDATION),
    ("综合考评", EVALUATION_STARTS, LIST_SUBMITTED, Stage.Milestone.EVALUATION),
    ("党委会讨论确定人选", DECIDED, None, Stage.Milestone.DECISION),
)

CASE_45 = "恰满45周岁（近期梯队年龄上限）"
CASE_45_EVE = "45周岁差一天满46周岁"
CASE_46 = "46周岁：超出近期梯队年龄，表现突出可放宽"
CASE_35 = "35周岁，班主任"
CASE_30 = "30周岁，社团指导老师"

CADRE_POSTS = {"校级领导", "中层正职", "中层副职"}
NEAR_EXPERIENCE = {"中层主任助理", "干事", "学科主任", "年级组长", "班主任", "备课组长"}
GOOD_POSTS = set(PRIORITY_ROLES) | {"中层主任助理", "干事"}
DEPARTMENTS = ("党政办公室", "教务处", "学生发展处", "教科研中心", "总务处", "校团委")

# Who recommends each nominee of a tier, best supported first: ("leaders", i) is the i-th
# school leader (校长, 党委书记, the deputies), ("department", name) a 处室, the others the
# nominee's own 教研室 or 年级部, or himself.
NEAR_PLAN = (
    (("leaders", 0), ("department", "教务处"), ("grade",)),
    (("leaders", 1), ("grade",), ("subject",)),
    (("leaders", 2), ("department", "党政办公室"), ("department", "学生发展处")),
    (("subject",), ("department", "教科研中心")),
    (("grade",), ("self",)),
    (("department", "总务处"),),
)
MID_PLAN = (
    (("grade",), ("subject",), ("self",)),
    (("leaders", 3), ("department", "学生发展处")),
    (("department", "教务处"), ("subject",)),
    (("grade",),),
    (("self",),),
    (("department", "教科研中心"),),
)
LONG_PLAN = (
    (("department", "校团委"), ("self",)),
    (("grade",), ("department", "校团委")),
    (("subject",),),
    (("department", "学生发展处"),),
    (("self",),),
    (("grade",),),
    (("department", "党政办公室"),),
)
# The days each channel's forms came in to the office, in turn.
DAYS = {
    Channel.LEADERS: (1, 2),
    Channel.DEPARTMENT: (2, 3, 4),
    Channel.SUBJECT_GROUP: (3, 4),
    Channel.GRADE: (4, 5, 4),
    Channel.SELF: (1, 2, 3, 4, 5),
}

TRAIT = {
    "三": "具有较强的组织协调能力，处理问题稳妥，已能独当一面",
    "四": "教育教学基本功扎实，班级管理有思路、有成效，具备参与学校管理的意识",
    "五": "工作热情高，学习能力强，乐于承担班级管理和学生活动组织工作",
}
ASK = {
    "三": "建议列入近期后备干部培养，安排到处室岗位锻炼",
    "四": "建议列入中期后备干部培养，选派中层干部结对指导",
    "五": "建议列入中长期后备干部培养，多给参与学生社团和重大活动组织的机会",
}
SHORT_OF = {
    "三": "统筹全局工作的经验尚需积累",
    "四": "参与学校管理的经历还较少",
    "五": "工作年限较短，需在班级管理中进一步历练",
}
DEPARTMENT_WORDS = {
    "党政办公室": "多次参与学校重大活动的筹备和材料撰写，文字功底好，沟通协调能力强",
    "教务处": "教学常规扎实，所任班级学科成绩稳居年级前列，积极承担公开课和考务工作",
    "学生发展处": "德育工作有方法，在学生常规管理和主题教育活动中敢于担当",
    "教科研中心": "积极参与课题研究和校本教研，撰写的论文多次在市级评比中获奖",
    "总务处": "热心学校公共事务，在校园安全检查和大型活动后勤保障中主动补位",
    "校团委": "指导学生社团和志愿服务成效明显，在校园文化艺术节等重大活动中组织得力",
}


@dataclass
class Profile:
    """What the roster says of someone on the reference date."""

    person: Person
    age: int
    held: list  # posts held on the day
    past: list  # posts ended before it
    class_years: int
    excellent: list[int]
    honours: list[str]
    appraisals: dict[str, int]

    @property
    def kinds(self) -> set[str]:
        return {p.role_kind for p in self.held + self.past}

    @property
    def score(self) -> float:
        held = {p.role_kind for p in self.held} & GOOD_POSTS
        past = {p.role_kind for p in self.past} & GOOD_POSTS - held
        return (
            2 * len(held)
            + len(past)
            + 1.5 * len(self.excellent)
            + len(self.honours)
            + min(self.class_years, 12) / 6
            + (0.5 if self.person.political_status == "中共党员" else 0)
        )


def _profile(person: Person) -> Profile:
    posts = [p for p in person.posts.all() if p.start_date < REFERENCE]
    held = [p for p in posts if p.end_date is None or p.end_date >= REFERENCE]
    past = [p for p in posts if p not in held]
    class_days = sum(
        ((p.end_date if p.end_date and p.end_date < REFERENCE else REFERENCE) - p.start_date).days
        for p in posts
        if p.role_kind == "班主任"
    )
    recent = [a for a in person.appraisals.all() if REFERENCE.year - 5 <= a.year < REFERENCE.year]
    results: dict[str, int] = {}
    for a in recent:
        results[a.result] = results.get(a.result, 0) + 1
    return Profile(
        person=person,
        age=age_on(person.birth_date, REFERENCE),
        held=sorted(held, key=lambda p: p.start_date),
        past=past,
        class_years=class_days // 365,
        excellent=sorted(a.year for a in recent if a.result == "优秀"),
        honours=[
            h.name
            for h in person.honours.all()
            if h.date <= REFERENCE and h.date.year >= REFERENCE.year - 8
        ],
        appraisals=results,
    )


def _post_phrase(post, person: Person) -> str:
    """A post held, as a reason would name it (without the “现任”)."""
    unit = post.unit or ""
    grade = unit[:-1] if unit.endswith("年级部") else ""
    match post.role_kind:
        case "年级组长":
            return f"{grade}组长" if grade else "年级组长"
        case "学科主任":
            return f"{person.subject}学科主任" if person.subject else "学科主任"
        case "班主任":
            return f"{grade}班主任" if grade else "班主任"
        case "备课组长":
            return f"{unit.replace('年级部', '年级')}长"
        case "中层主任助理":
            return f"中层主任助理（协助{unit}管理工作）"
        case "干事":
            return f"{unit}干事"
        case "教研组长":
            return f"{person.subject}教研组长"
        case "校团委委员":
            return "校团委委员"
        case "社团指导老师":
            return "学生社团指导老师"
    return ""


def _held(pr: Profile) -> str:
    posts = [s for s in (_post_phrase(p, pr.person) for p in pr.held) if s]
    return f"现任{'、'.join(posts)}" if posts else ""


def _facts(pr: Profile) -> list[str]:
    """The roster's facts in a few phrases, the posts held first."""
    parts = [_held(pr)] if _held(pr) else []
    if pr.class_years >= 3:
        parts.append(f"累计担任班主任{pr.class_years}年")
    if pr.excellent:
        parts.append(f"{'、'.join(str(y) for y in pr.excellent)}年度考核优秀")
    if pr.honours:
        parts.append(f"获{''.join(f'“{h}”' for h in pr.honours[:2])}称号")
    return parts


def _teacher(pr: Profile) -> str:
    p = pr.person
    return f"{p.subject}教师" if p.subject else f"{p.department.name if p.department else ''}教职工"


def _reason(pr: Profile, tier: Tier, channel: str, source: str) -> str:
    facts = "，".join([_teacher(pr), *_facts(pr)])
    code = tier.code
    if channel == Channel.LEADERS:
        return f"{facts}。该同志政治素质好，顾全大局，{TRAIT[code]}。{ASK[code]}。"
    if channel == Channel.DEPARTMENT:
        words = DEPARTMENT_WORDS.get(source, "主动配合部门工作，完成任务认真高效")
        return f"{facts}。{words}。{ASK[code]}。"
    if channel == Channel.SUBJECT_GROUP:
        return (
            f"{facts}。在{source}中教学业绩突出，主动承担示范课和青年教师指导工作，"
            f"教研带动作用明显。{ASK[code]}。"
        )
    if channel == Channel.GRADE:
        return (
            f"{facts}。服从年级工作安排，在{source[:-1]}常规管理和学生活动组织中主动担当，"
            f"年级教师认可度高。{ASK[code]}。"
        )
    own = "，".join(_facts(pr))
    return (
        f"本人为{_teacher(pr)}{'，' + own if own else ''}。热爱教育事业，愿意接受学校安排的"
        f"岗位锻炼，在实践中提升组织管理能力，为学校发展多作贡献。自荐参加“{code}”{tier.name}培养。"
    )


def _case(staff: list[Person], note: str) -> Person:
    case = next(c for c in NANTONG_CASES if c.note == note)
    kind, start, _end = case.posts[0]
    return next(
        p
        for p in staff
        if p.birth_date == case.birth
        and any(x.role_kind == kind and x.start_date == start for x in p.posts.all())
    )


def _bodies(org) -> tuple[list, list]:
    """The leading group (党委书记 at its head, the principal, the deputies and the office's
    director) and the party committee (the school's leaders and senior party members)."""
    people = Person.objects.filter(organisation=org, status="在职")
    secretary = people.get(current_post="党委书记")
    principal = people.get(current_post="校长")
    deputies = list(people.filter(current_post="副校长").order_by("staff_no"))
    office = people.get(current_post="党政办公室主任")
    group = [(secretary, Role.HEAD), (principal, Role.MEMBER)]
    group += [(d, Role.MEMBER) for d in deputies] + [(office, Role.MEMBER)]
    leaders = [secretary, principal, *deputies]
    senior = [
        p
        for p in people.filter(political_status="中共党员").order_by("birth_date", "staff_no")
        if p not in leaders
        and (p.current_post.endswith("处主任") or p.current_post.endswith("中心主任"))
    ]
    if len(leaders) + len(senior) < 5:
        senior += [
            p
            for p in people.filter(
                political_status="中共党员", current_post__endswith="教研组长"
            ).order_by("birth_date", "staff_no")
            if p not in leaders
        ]
    extra = senior[: max(1, min(3, 7 - len(leaders)))]
    committee = [(secretary, Role.HEAD)] + [(p, Role.MEMBER) for p in [*leaders[1:], *extra]]
    return group, committee


def _pool(profiles, lo, hi, exclude, need=None, years=1):
    """The best-qualified on the roster of an age, who were in post on the day."""
    rows = [
        pr
        for pr in profiles
        if lo <= pr.age <= hi
        and pr.person.pk not in exclude
        and not {p.role_kind for p in pr.held} & CADRE_POSTS
        and pr.person.work_start_date
        and pr.person.work_start_date <= REFERENCE.replace(year=REFERENCE.year - years)
        and (need is None or pr.kinds & need)
    ]
    return sorted(rows, key=lambda pr: (-pr.score, pr.person.staff_no))


def _source(spec, pr: Profile, leaders: list[Person], used: set) -> tuple[str, str]:
    """(channel, source) for a plan's entry; a nominee outside the 年级部 or without a subject
    is recommended by a 处室 instead, his own first."""
    kind = spec[0]
    person = pr.person
    dept = person.department.name if person.department else ""
    if kind == "leaders":
        leader = leaders[spec[1] % len(leaders)]
        return Channel.LEADERS, f"{leader.name}（{leader.current_post}）"
    if kind == "self":
        return Channel.SELF, ""
    if kind == "grade" and dept.endswith("年级部"):
        return Channel.GRADE, dept
    if kind == "subject" and person.subject:
        return Channel.SUBJECT_GROUP, f"{person.subject}教研室"
    wanted = spec[1] if kind == "department" else dept
    for name in (wanted, *DEPARTMENTS):
        if name in DEPARTMENTS and (Channel.DEPARTMENT, name) not in used:
            return Channel.DEPARTMENT, name
    raise AssertionError("no department left to recommend")


def select_second_batch(org) -> Programme:
    """Nantong's second batch, from the plan of 2月27日 to the result of 3月14日."""
    admin = User.objects.get(username="nt-admin")
    programme = plan.programme_create(
        actor=admin,
        programme=Programme(
            organisation=org,
            title=TITLE,
            preamble=PREAMBLE,
            guiding_idea=GUIDING_IDEA,
            reference_date=REFERENCE,
            recommendation_opens=OPENS,
            recommendation_closes=CLOSES,
            issued_by=ISSUER,
            issued_on=date(2024, 2, 27),
            cycle_years=3,
        ),
    )
    # The three tiers of 二、培养目标 come with the defaults, in the seed's words.
    tiers = {t.code: t for t in programme.tiers.all()}
    for order, (name, start, end, milestone) in enumerate(TIMETABLE, start=1):
        plan.stage_save(
            actor=admin,
            programme=programme,
            stage=Stage(
                name=name, planned_start=start, planned_end=end, milestone=milestone, order=order
            ),
        )
    group, committee = _bodies(org)
    plan.leading_group_set(actor=admin, programme=programme, members=group)
    plan.committee_set(actor=admin, programme=programme, members=committee)
    programme = plan.programme_publish(actor=admin, programme=programme, at=at(OPENS, 8))

    # 民主推荐 (3月1日—5日).
    staff = list(
        Person.objects.filter(organisation=org, status="在职")
        .select_related("department", "user")
        .prefetch_related("posts", "appraisals", "honours")
        .order_by("staff_no")
    )
    profiles = {p.pk: _profile(p) for p in staff}
    cases = {
        note: profiles[_case(staff, note).pk]
        for note in (CASE_45, CASE_45_EVE, CASE_46, CASE_35, CASE_30)
    }
    exclude = {p.pk for p, _role in group + committee} | {c.person.pk for c in cases.values()}
    near_pool = _pool(profiles.values(), 38, 45, exclude, NEAR_EXPERIENCE, years=5)
    # The near-term tier's strongest three: the roster's best, the 46-year-old the seed's
    # “表现特别突出” clause is for, and the better of the exact-45 case and the runner-up.
    best, runner_up = near_pool[0], near_pool[1]
    third, other = sorted((runner_up, cases[CASE_45]), key=lambda pr: -pr.score)
    near = [best, third, cases[CASE_46], cases[CASE_45_EVE], other]
    taken = exclude | {pr.person.pk for pr in near}
    near += [pr for pr in near_pool if pr.person.pk not in taken][: len(NEAR_PLAN) - len(near)]
    exclude |= {pr.person.pk for pr in near}
    mid_pool = _pool(profiles.values(), 33, 37, exclude, {"班主任"}, years=3)
    mid = [cases[CASE_35], *mid_pool[: len(MID_PLAN) - 1]]
    exclude |= {pr.person.pk for pr in mid}
    long_pool = _pool(profiles.values(), 27, 32, exclude, years=1)
    long = [cases[CASE_30], *long_pool[: len(LONG_PLAN) - 1]]

    leaders = [m.person for m in programme.committee.members.select_related("person")]
    leaders = [p for p in leaders if p.current_post in ("校长", "党委书记", "副校长")]
    leaders.sort(key=lambda p: ("校长", "党委书记", "副校长").index(p.current_post))
    entries = []
    turn = dict.fromkeys(DAYS, 0)
    for code, nominees, rows in (
        ("三", near, NEAR_PLAN),
        ("四", mid, MID_PLAN),
        ("五", long, LONG_PLAN),
    ):
        for pr, specs in zip(nominees, rows, strict=False):
            used: set = set()
            for spec in specs:
                channel, source = _source(spec, pr, leaders, used)
                used.add((channel, source))
                days = DAYS[channel]
                day = date(2024, 3, days[turn[channel] % len(days)])
                turn[channel] += 1
                entries.append((day, pr, tiers[code], channel, source))
    entries.sort(key=lambda e: (e[0], list(DAYS).index(e[3])))
    for day, pr, tier, channel, source in entries:
        recommendation.recommend(
            actor=(pr.person.user or ACTOR) if channel == Channel.SELF else admin,
            programme=programme,
            person=pr.person,
            tier=tier,
            channel=channel,
            source=source,
            reason=_reason(pr, tier, channel, source),
            on=day,
        )

    # The secret recommendation ballot of the near-term tier, at the staff meeting of 3月5日.
    _hold_ballot(programme, tiers["三"], admin, staff, favoured=[best, cases[CASE_46], third])
    programme = recommendation.recommendation_close(actor=admin, programme=programme, on=CLOSES)

    # 综合考评 (3月6日—13日).
    counted = selectors.counts(programme)
    proposed = {pr.person.pk: tiers["三"] for pr in (best, cases[CASE_46], third)}
    for code in ("四", "五"):
        for n in counted[code].nominees[: tiers[code].target]:
            proposed[n.person.pk] = tiers[code]
    tier_of = {n.person.pk: code for code, c in counted.items() for n in c.nominees}
    # In each tier, the least qualified of those not proposed has one criterion not attested.
    weakest = {
        min(
            (profiles[n.person.pk] for n in c.nominees if n.person.pk not in proposed),
            key=lambda pr: (pr.score, pr.person.staff_no),
        ).person.pk
        for c in counted.values()
        if len(c.nominees) > c.tier.target
    }
    rng = random.Random(20240307)
    for sheet in programme.sheets.select_related("person").order_by("person__staff_no"):
        pr = profiles[sheet.person_id]
        code = tier_of[sheet.person_id]
        tier = proposed.get(sheet.person_id)
        criteria = [True] * len(programme.criteria)
        last = sheet.person_id in weakest
        if last:
            criteria[3] = False  # 组织管理协调能力: not yet shown
        selection.sheet_save(
            actor=admin,
            sheet=sheet,
            criteria_met=criteria,
            staff_opinion=_opinion(rng, tiers[code], tier is not None),
            conduct=_conduct(pr),
            remarks=_remarks(pr, tiers[code], tier, cases, last),
            proposed_tier=tier,
        )
    programme = selection.list_submit(actor=admin, programme=programme, on=LIST_SUBMITTED)

    # 党委会讨论确定人选 (3月14日), and the result published the same afternoon.
    chosen = [(row.person, t.tier) for t in selectors.preliminary(programme) for row in t.rows]
    present = list(programme.committee.members.select_related("person"))
    older = cases[CASE_46].person
    selection.committee_decide(
        actor=admin,
        programme=programme,
        chosen=chosen,
        meeting=Meeting(
            subject="讨论确定第二批“三四五”后备干部培养人选",
            on=DECIDED,
            present=present,
            vote=Vote(len(present)),
            note=(
                f"会议由党委书记{present[0].person.name}主持，党政办公室汇报民主推荐和综合考评情况。"
                f"对{older.name}同志年龄超出近期梯队“45周岁以下”标准一事专门研究，认为其表现特别"
                "突出，同意适当放宽年龄标准。经充分讨论，一致同意初步人选名单。"
            ),
        ),
    )
    return selection.result_publish(actor=admin, programme=programme, at=at(DECIDED, 17))


def _hold_ballot(programme, tier: Tier, admin, staff: list[Person], favoured: list[Profile]):
    """教职工代表和中层以上干部 86 people are entitled, 82 come; 80 vote, each choosing at most
    the tier's target count; the best supported nominees get most of the votes."""
    evaluation = recommendation.ballot_create(
        actor=admin, programme=programme, tier=tier, entitled=86
    )
    rng = random.Random(20240305)
    present = rng.sample(staff, 82)
    codes = ballots.codes_issue(actor=admin, evaluation=evaluation, count=len(present))
    evaluation = ballots.evaluation_open(actor=admin, evaluation=evaluation)
    for person in present:
        ballots.check_in(actor=admin, evaluation=evaluation, person=person)
    boost = dict(zip((pr.person.pk for pr in favoured), (10, 8, 7), strict=True))
    weights = {c.key: boost.get(c.person_id, 2.5) for c in evaluation.candidates.all()}
    for code in codes[:80]:
        r = rng.random()
        k = 0 if r < 0.03 else 2 if r < 0.15 else tier.target
        pool, marks = dict(weights), []
        for _ in range(min(k, len(pool))):
            key = rng.choices(list(pool), list(pool.values()))[0]
            marks.append(key)
            del pool[key]
        ballots.ballot_cast(evaluation=evaluation, code=code, marks=marks)
    ballots.evaluation_close(actor=admin, evaluation=evaluation)
    # The demo replays the meeting of 3月5日 today; its record keeps the meeting's time.
    Evaluation.objects.filter(pk=evaluation.pk).update(
        opened_at=at(CLOSES, 15, 40), closed_at=at(CLOSES, 16, 20)
    )


def _opinion(rng: random.Random, tier: Tier, proposed: bool) -> str:
    agree = rng.randint(13, 15) if proposed else rng.randint(8, 11)
    text = (
        f"3月8日召开教职工代表座谈会，代表15人参加，{agree}人赞成列入培养。"
        f"代表们认为该同志{TRAIT[tier.code]}"
    )
    if proposed:
        return text + "，群众基础好。"
    return text + f"；也有代表认为其{SHORT_OF[tier.code]}。"


def _conduct(pr: Profile) -> str:
    results = "、".join(
        f"{r}{pr.appraisals[r]}次" for r in APPRAISAL_RESULTS if pr.appraisals.get(r)
    )
    appraisals = f"近五年年度考核{results}" if results else "入职时间较短，暂无完整年度考核结果"
    posts = _held(pr)
    return "；".join(
        s
        for s in (
            appraisals,
            posts,
            f"累计担任班主任{pr.class_years}年" if pr.class_years else "",
            "师德师风良好，廉洁从教，无违纪违规记录。",
        )
        if s
    )


def _remarks(pr: Profile, tier: Tier, proposed: Tier | None, cases, last: bool) -> str:
    person = pr.person
    if person.pk == cases[CASE_46].person.pk:
        return (
            f"该同志生于{person.birth_date.year}年{person.birth_date.month}月，"
            f"至{REFERENCE.year}年3月1日已满{pr.age}周岁，超出近期梯队“45周岁以下”的年龄标准。"
            f"该同志{'，'.join(_facts(pr))}，民主推荐票数居前，属方案所称“表现特别突出的可以"
            "适当放宽年龄标准”情形，建议放宽年龄标准列入近期梯队，提请党委会研究。"
        )
    notes = []
    if person.pk == cases[CASE_45].person.pk:
        notes.append("至2024年3月1日恰满45周岁，符合近期梯队“45周岁以下”的年龄标准（含45周岁）。")
    if person.pk == cases[CASE_45_EVE].person.pk:
        notes.append("2024年3月2日满46周岁，按方案基准日（3月1日）计为45周岁，符合年龄标准。")
    if proposed:
        notes.append("民主推荐和综合考评排序居前，列入初步人选。")
        return "".join(notes)
    if pr.appraisals.get("基本合格") or pr.appraisals.get("不合格"):
        notes.append("近五年年度考核有基本合格等次。")
    if last:
        notes.append("组织管理协调能力尚待在岗位上检验，第4项基本条件暂不认定。")
    notes.append(
        f"本批“{tier.code}”{tier.name}名额{tier.target}名左右，综合考评排序居后，"
        "暂不列入初步人选，作为下一批培养对象继续关注。"
    )
    return "".join(notes)
