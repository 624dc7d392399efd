"""Nantong's second batch in its cultivation (五、培养措施), from the party committee's decision
of 2024-03-14 to the autumn of the cycle's third year.

Every cadre studies with the others (组织学习); the near-term tier is placed in a department a
term a year (岗位锻炼), the mid-term tier is paired with a mentor each year (结对培养) and the
long-term tier practises in the five areas of the seed (自我提升); they and their mentors upload
their reflections, reports and notes for the dossier. In the first year the party committee
takes one mid-term cadre's qualification away and the leading group fills the vacancy with the
committee's consent (动态管理); the leading group assesses every year in March (严格考核).

Everything goes through the reserve services on its own date, so the audit trail tells the
story. Nothing is dated after the day the demo is built (the services refuse the future), and
the third year stops at LAST_RECORD, so the dashboard of 2026-11-21 shows the third
assessment as due later, nothing overdue."""

import functools
import io
import random
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from xml.sax.saxutils import escape

from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.utils import timezone

from cadre.decisions.services import Vote
from cadre.documents.docx_style import a4_document, add_paragraph, add_title
from cadre.people.dates import age_on
from cadre.people.models import Person, PostHistory
from cadre.reserve import selectors
from cadre.reserve.arithmetic import AgeFit
from cadre.reserve.cycle import Year, cycle_end, years
from cadre.reserve.models import (
    Activity,
    Assessment,
    Backfill,
    Material,
    Mentorship,
    Programme,
    ReserveCadre,
    Rotation,
    Tier,
)
from cadre.reserve.services import assessment, cultivation, dynamic
from cadre.reserve.services._meeting import Meeting

from .clock import at
from .reserve import CADRE_POSTS

User = get_user_model()
Kind, Area = Activity.Kind, Activity.Area
Grade = Assessment.Grade
Horizon = Tier.Horizon

DISQUALIFIED = date(2024, 11, 14)  # 党委会: 取消培养资格
BACKFILL_PROPOSED, BACKFILL_APPROVED = date(2024, 12, 10), date(2024, 12, 27)
ASSESSED = (date(2025, 3, 10), date(2026, 3, 10))  # the leading group's yearly meetings
LAST_RECORD = date(2026, 11, 10)  # the third year, as far as the demo goes

# 组织学习: the sessions the office holds for all the reserve cadres, per year of the cycle:
# (day, topic, hours, notes); the notes name the speaker by his post (see _Story.speakers).
STUDY = (
    (
        (
            date(2024, 3, 28),
            "师德专题：学习《中小学教师职业道德规范》和《新时代中小学教师职业行为十项准则》",
            "3",
            "党委书记{secretary}作师德专题辅导，逐条解读“十项准则”，结合近年师德失范典型案例"
            "提出要求：后备干部要在师德师风上作表率。",
        ),
        (
            date(2024, 4, 25),
            "党纪学习教育：学习《中国共产党纪律处分条例》",
            "3",
            "参加学校党纪学习教育读书班，围绕政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、"
            "生活纪律分组研讨，交流学习心得。",
        ),
        (
            date(2024, 5, 23),
            "法规学习：《中华人民共和国教师法》《中华人民共和国未成年人保护法》",
            "2.5",
            "邀请市教育局政策法规处同志作专题讲座，重点学习教师的权利和义务、学校保护和教育惩戒"
            "的有关规定。",
        ),
        (
            date(2024, 6, 20),
            "学校管理制度：学校议事规则和中层干部岗位职责",
            "2",
            "党政办公室主任{office}介绍学校“三重一大”事项集体决策制度、校长办公会议事规则和各"
            "处室岗位职责，并解答大家的提问。",
        ),
        (
            date(2024, 9, 12),
            "时事政治理论：学习党的二十届三中全会精神",
            "3",
            "校长{principal}领学《中共中央关于进一步全面深化改革、推进中国式现代化的决定》，"
            "围绕深化教育综合改革谈体会。",
        ),
        (
            date(2024, 10, 24),
            "教育政策法规：新高考改革与普通高中课程方案",
            "2.5",
            "教务处主任{teaching}解读江苏新高考“3+1+2”选科政策和《普通高中课程方案》，分析学校"
            "选课走班管理中的问题。",
        ),
        (
            date(2024, 11, 28),
            "学校管理制度：学校财务、资产管理和内部控制制度",
            "2",
            "总务处主任{logistics}讲解学校预算执行、政府采购和固定资产管理的规定，强调廉洁自律"
            "和程序意识。",
        ),
        (
            date(2025, 1, 9),
            "时事政治理论：学习全国教育大会精神",
            "3",
            "党委书记{secretary}传达全国教育大会精神，围绕“办好人民满意的教育”和教育强国建设"
            "的要求，结合学校发展交流讨论。",
        ),
    ),
    (
        (
            date(2025, 4, 17),
            "教育政策法规：学习《教育强国建设规划纲要（2024—2035年）》",
            "3",
            "副校长{deputy}领学纲要，重点研讨立德树人根本任务与学校育人方式改革。",
        ),
        (
            date(2025, 9, 25),
            "法规学习：《未成年人学校保护规定》和学校安全管理制度",
            "2",
            "学生发展处主任{students}结合典型案例讲解学生欺凌防治、安全事故处理的程序和责任。",
        ),
        (
            date(2025, 12, 11),
            "时事政治理论：学习党的二十届四中全会精神",
            "3",
            "党委书记{secretary}作专题党课，解读全会精神和“十五五”规划建议中关于教育的部署。",
        ),
    ),
    (
        (
            date(2026, 9, 24),
            "师德专题：重温《新时代中小学教师职业行为十项准则》",
            "2",
            "新学年师德师风建设动员后集中学习，后备干部逐一作师德承诺，并交流育人中的做法。",
        ),
        (
            date(2026, 10, 29),
            "学校管理制度：学校安全工作责任制与突发事件应急预案",
            "2.5",
            "总务处主任{logistics}和学生发展处主任{students}讲解安全工作“一岗双责”和应急预案，"
            "组织分组推演。",
        ),
    ),
)

# 岗位锻炼: a term a year in a department, as 干事 and in the third year as the head's aide.
TERMS = (
    (date(2024, 3, 25), date(2024, 7, 5), "干事", 3),
    (date(2025, 9, 1), date(2026, 1, 23), "干事", 2),
    (date(2026, 9, 1), date(2027, 1, 22), "主任助理（挂职）", 2),
)  # (from, to, role, notes recorded)
# What a department gives a cadre on rotation to do, what he records of it, and what its
# evaluation praises.
DEPARTMENT_WORK = {
    "党政办公室": (
        "协助起草学校工作计划、总结和会议纪要，参与校务会议的组织和文件收发、督办工作。",
        (
            (
                "起草学校期中工作推进会会议纪要",
                "根据会议录音和各处室汇报材料整理纪要初稿，经主任修改后印发。",
            ),
            (
                "参与校园开放日接待和宣传材料编写",
                "负责家长接待组的分工安排，撰写开放日新闻稿一篇。",
            ),
            ("协助整理学校年度目标考核材料", "按考核细则逐项核对佐证材料，建立了材料目录和台账。"),
        ),
        "文字功底扎实，办文办会细致规范，对学校整体运转有了较全面的了解",
    ),
    "教务处": (
        "协助安排课表和调课代课，参与考试的考务组织和成绩分析，开展教学常规检查。",
        (
            ("参与组织学业水平合格性考试考务", "负责考场编排和监考人员培训，考试组织平稳有序。"),
            ("协助开展教学常规检查", "汇总各学科教案、作业检查情况，形成检查通报初稿。"),
            ("撰写期中考试成绩分析报告", "对比各班均分和优秀率，提出分层辅导的建议。"),
        ),
        "熟悉教学管理的各个环节，考务组织严谨，成绩分析有数据、有建议",
    ),
    "学生发展处": (
        "协助开展学生日常行为规范检查和主题教育活动，参与班主任例会和学生评优工作。",
        (
            ("协助组织新生入学教育", "负责行为规范讲座和校规校纪测试的组织，参与军训期间的巡查。"),
            ("参与“文明班级”评比检查", "按周汇总卫生、纪律、两操检查结果并在班主任例会上通报。"),
            ("组织心理健康主题班会观摩", "联系心理教师设计观摩流程，组织各年级班主任参加评议。"),
        ),
        "德育工作思路清楚，处理学生问题耐心细致，与班主任沟通顺畅",
    ),
    "教科研中心": (
        "协助组织校本教研和青年教师培训，参与课题的过程管理和论文评比。",
        (
            ("协助组织青年教师汇报课", "安排听课分组和评课记录，汇总评课意见反馈给授课教师。"),
            ("参与市级课题中期检查", "整理课题研究过程性材料，协助撰写中期检查报告。"),
            ("汇编学校教科研论文集", "收集、初审教师论文六十余篇，按学科编排成册。"),
        ),
        "有较强的研究意识，组织教研活动有条理，能带动青年教师参与课题研究",
    ),
    "总务处": (
        "协助做好校产管理、校园安全巡查和大型活动的后勤保障。",
        (
            (
                "参与校园安全隐患排查",
                "对教学楼、实验室和宿舍逐一检查，形成隐患整改清单并跟踪落实。",
            ),
            ("协助做好学校运动会后勤保障", "负责场地布置、物资领用和医疗点设置，活动保障到位。"),
            ("参与食堂食品安全检查", "对照检查表查看原料验收、留样和从业人员健康证情况。"),
        ),
        "工作踏实肯干，责任心强，对学校后勤保障和安全管理的流程把握较好",
    ),
    "校团委": (
        "协助指导学生会和学生社团工作，参与团员发展和志愿服务活动的组织。",
        (
            (
                "协助组织“五四”团员教育活动",
                "策划入团仪式和青年大学习主题团日，组织各团支部开展活动。",
            ),
            ("参与学生社团招新和展示", "审核社团活动计划，协调场地，组织社团成果展示。"),
            (
                "组织学生志愿者参加社区服务",
                "带领志愿者到社区开展敬老助学服务，做好安全教育和记录。",
            ),
        ),
        "贴近学生，组织学生活动有创意、有实效，团学工作得到师生好评",
    ),
}
GENERIC_WORK = (
    "参与部门日常工作和学校各项活动的组织管理。",
    (
        ("参与部门周工作例会", "了解部门工作分工和流程，承担会议记录和任务跟踪。"),
        ("协助组织学校大型活动", "负责一个工作组的分工协调，活动组织有序。"),
        ("整理部门工作台账", "按学期整理部门工作台账和归档材料。"),
    ),
    "工作认真负责，能较快熟悉部门工作流程",
)

# 结对培养: the pairing's goals in each year, the meetings' topics, and how many are held.
MENTOR_GOALS = (
    "帮助其熟悉年级管理和学校中层工作的流程，提高班级管理和学生教育的能力；每学期互相听课"
    "不少于4节，指导其参与一项年级或处室工作的组织。",
    "在年级管理中独立承担一项工作，提高组织协调和沟通能力；指导其完成一份教育管理调查报告。",
    "参与学校部门管理实务，提高统筹谋划和处理复杂问题的能力，为进入更高梯队或岗位任用作准备。",
)
MEETINGS = (
    (
        "结对启动：制订年度培养计划",
        "共同商定本年度培养目标和听课、交流安排，明确每月至少交流一次。",
    ),
    ("听评课：主题班会课", "导师听主题班会课后指出环节设计紧凑，建议多给学生表达的机会。"),
    ("交流后进生转化的做法", "结合班上两名学困生的情况，导师介绍了“一生一案”的跟踪方法。"),
    ("指导策划年级主题教育活动", "讨论“十八岁成人礼”活动方案，导师提醒重视安全预案和家长沟通。"),
    (
        "研讨家校沟通中的矛盾处理",
        "就一起家长投诉的处理过程复盘，学习先倾听、再核实、后答复的做法。",
    ),
    ("学期小结与下阶段目标", "回顾本学期培养计划的落实情况，确定下学期重点提高年级管理能力。"),
    ("指导撰写教育管理调查报告", "帮助确定调查主题和问卷设计，建议访谈不同层次的学生和家长。"),
    ("交流年级考务组织和质量分析", "导师介绍年级质量分析会的组织方法，布置其牵头一次学科分析。"),
)
MEETINGS_PER_YEAR = ((4, 6), (3, 3), (2, 2))  # (least, most)

# 自我提升: the five areas of the seed, what a long-term cadre does in each.
PRACTICE = {
    Area.CLUB: (
        ("指导学生文学社开展社团活动", "组织社员开展“经典诵读”活动，指导编印社刊一期。"),
        (
            "指导模拟联合国社参加市级交流活动",
            "带队参加市中学生模拟联合国大会，指导学生撰写立场文件。",
        ),
    ),
    Area.CLASS: (
        ("协助班主任组织主题班会", "设计“青春与责任”主题班会，会后与班主任交流班会效果。"),
        ("担任副班主任，开展学生谈心", "与班上五名学生逐一谈心，记录学生的困惑并与班主任沟通。"),
    ),
    Area.ROUTINE: (
        ("参与年级学生早读和课间操常规检查", "按年级部安排轮值检查，记录问题并当日反馈各班。"),
        ("参与学生宿舍内务检查", "随同年级部检查宿舍内务和就寝纪律，协助处理一起违纪事件。"),
    ),
    Area.LESSON_GROUP: (
        (
            "参加备课组集体备课并主备一个课时",
            "在备课组内说课，根据组内意见修改教学设计后上研究课。",
        ),
        ("在备课组内上研究课并参加评课", "围绕“问题链设计”开展研讨，形成改进意见。"),
    ),
    Area.PARTY: (
        ("参加党支部主题党日活动", "参观南通市革命纪念馆，重温入党誓词，交流学习体会。"),
        ("参加党支部“三会一课”组织的学习", "学习党的教育方针，围绕立德树人谈教师的责任。"),
    ),
}
PRACTICE_PER_YEAR = (5, 3, 2)
AREA_NAMES = {
    Area.CLUB: "学生社团指导",
    Area.CLASS: "班级管理",
    Area.ROUTINE: "学生常规管理",
    Area.LESSON_GROUP: "备课组活动",
    Area.PARTY: "党支部活动",
}

# What the yearly assessment of a 合格 cadre asks of him next, by tier.
TO_IMPROVE = {
    Horizon.NEAR: "今后需在统筹全局和创新工作方法上进一步提高",
    Horizon.MID: "参与学校管理的深度还需加强，要主动争取承担年级和处室的工作",
    Horizon.LONG: "需在班级管理和学生活动组织中进一步积累经验",
}
DOCX_MARKS = ("〔标题〕", "〔第一段〕", "〔第二段〕")
# School holidays, when nothing is recorded: (from, to) as (month, day); the winter one
# takes in the Spring Festival of 2025 and of 2026.
HOLIDAYS = (
    ((1, 1), (1, 1)),
    ((1, 20), (2, 24)),
    ((5, 1), (5, 5)),
    ((7, 11), (8, 31)),
    ((10, 1), (10, 7)),
)


@dataclass
class _Pairing:
    year: int
    mentor: Person


def cultivate(programme: Programme, today: date | None = None) -> None:
    """The batch's cultivation from the committee's decision to `today` (the day the demo is
    built), at most up to LAST_RECORD."""
    _Story(programme, today).tell()


def _school_days(starts: date, ends: date) -> list[date]:
    """The working days of the school year between the two days, holidays left out."""
    out = []
    day = starts
    while day <= ends:
        md = (day.month, day.day)
        if day.weekday() < 5 and not any(lo <= md <= hi for lo, hi in HOLIDAYS):
            out.append(day)
        day += timedelta(days=1)
    return out


def _spread(rng: random.Random, starts: date, ends: date, n: int) -> list[date]:
    """`n` school days spread from `starts` to `ends`, each a few days either side of an
    even spacing, so that two cadres' records are not all on the same days; fewer when the
    time is short (a back-fill's first months, a demo built early in a year), at most one
    in a fortnight."""
    days = _school_days(starts, ends)
    n = min(n, max(1, len(days) // 10)) if days else 0
    step = len(days) / n if n else 0
    jitter = int(step / 4)
    picked = [
        days[min(len(days) - 1, max(0, int((i + 0.5) * step) + rng.randint(-jitter, jitter)))]
        for i in range(n)
    ]
    return sorted(set(picked))


@functools.cache
def _blank_docx() -> tuple[bytes, dict[str, str]]:
    """A document in the house style, made once by python-docx with a title and two
    paragraphs marked to be filled: its other parts zipped, and the parts to fill."""
    doc = a4_document(DOCX_MARKS[0])
    add_title(doc, DOCX_MARKS[0])
    for mark in DOCX_MARKS[1:]:
        add_paragraph(doc, mark)
    made, rest = io.BytesIO(), io.BytesIO()
    doc.save(made)
    to_fill = {}
    with zipfile.ZipFile(made) as blank, zipfile.ZipFile(rest, "w", zipfile.ZIP_DEFLATED) as out:
        for item in blank.infolist():
            if item.filename in ("word/document.xml", "docProps/core.xml"):
                to_fill[item.filename] = blank.read(item).decode()
            else:
                out.writestr(item, blank.read(item))
    return rest.getvalue(), to_fill


def _docx(title: str, paragraphs: list[str]) -> bytes:
    """A Word document of a title and two paragraphs: the blank one with its text filled in.
    Making each with python-docx would cost some 70 ms, compressing its styles anew most of
    the rest; appended to the zipped parts, a document costs a millisecond."""
    rest, to_fill = _blank_docx()
    values = dict(zip(DOCX_MARKS, (title, *paragraphs), strict=True))
    out = io.BytesIO(rest)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as document:
        for name, text in to_fill.items():
            for mark, value in values.items():
                text = text.replace(mark, escape(value))
            document.writestr(name, text)
    return out.getvalue()


def _month(day: date) -> str:
    return f"{day.year}年{day.month}月"


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class _Story:
    """The batch's cultivation told year by year, with what it needs to know of the school:
    its bodies, the departments' heads, the speakers at the study sessions, the mentors."""

    def __init__(self, programme: Programme, today: date | None):
        self.programme = programme
        self.org = programme.organisation
        # Nothing can be dated in the future; the third year stops at LAST_RECORD.
        self.limit = min(today or timezone.localdate(), timezone.localdate(), LAST_RECORD)
        self.rng = random.Random(20240314)
        self.admin = User.objects.get(username="nt-admin")
        self.committee = list(programme.committee.members.select_related("person"))
        self.group = list(programme.leading_group.members.select_related("person"))
        decided = programme.decision.date
        self.years = years(decided, cycle_end(decided, programme.cycle_years))
        self.heads = {
            p.unit: p.person
            for p in PostHistory.objects.filter(
                person__organisation=self.org,
                person__status="在职",
                role_kind="中层正职",
                end_date=None,
            ).select_related("person")
        }
        self.departments = {d.name: d for d in self.org.departments.all() if d.name in self.heads}
        staff = Person.objects.filter(organisation=self.org, status="在职")
        self.speakers = {
            "secretary": self.committee[0].person.name,
            "principal": staff.get(current_post="校长").name,
            "deputy": staff.filter(current_post="副校长").order_by("staff_no").first().name,
            "office": self.admin.person.name,
            **{
                key: getattr(self.heads.get(name), "name", "")
                for key, name in (
                    ("teaching", "教务处"),
                    ("logistics", "总务处"),
                    ("students", "学生发展处"),
                )
            },
        }
        # The demo account nt-mentor is linked to a 教研组长 (builders._school_accounts).
        self.mentor_account = (
            Person.objects.filter(user__username="nt-mentor").select_related("user").first()
        )
        self.cadres = list(
            programme.reserve_cadres.select_related("person__user", "person__department", "tier")
        )
        self.pairings: dict[int, list[_Pairing]] = {}
        self.rotated: dict[int, list[str]] = {}

    # -- the story, in the order it happened ----------------------------------------------

    def tell(self) -> None:
        first, second, third = self.years
        # The cadre to be disqualified has his first year's records up to the meeting; the
        # services refuse any after it.
        leaving = self._choose_leaving()
        for cadre in self.cadres:
            until = DISQUALIFIED - timedelta(days=1) if cadre == leaving else first.ends
            self._year(cadre, 0, first.starts, until)
        if leaving is not None and self.limit >= DISQUALIFIED:
            self._disqualify(leaving)
            newcomer = self._backfill(leaving)
            if newcomer is not None:
                self.cadres.append(newcomer)
                self._year(newcomer, 0, newcomer.since, first.ends)
        self._assess(0)
        for number, year in ((1, second), (2, third)):
            for cadre in self._active():
                self._year(cadre, number, year.starts, year.ends)
            if number < len(ASSESSED):
                self._assess(number)

    def _active(self) -> list[ReserveCadre]:
        return [c for c in self.cadres if c.active]

    def _actor(self, person: Person):
        """Who records what `person` did: he himself where he has an account, else the office
        (党政办 keeps the cultivation records)."""
        return person.user if person.user_id else self.admin

    def _year(self, cadre: ReserveCadre, number: int, starts: date, ends: date) -> None:
        """One year of a cadre's cultivation, from `starts` to `ends` (as far as today)."""
        starts = max(starts, cadre.since)
        if starts > self.limit:
            return
        self._study(cadre, number, starts, ends)
        horizon = cadre.tier.horizon
        if horizon == Horizon.NEAR:
            self._rotation(cadre, number)
        elif horizon == Horizon.MID:
            self._mentoring(cadre, number, starts, ends)
        else:
            self._practice(cadre, number, starts, min(ends, self.limit))
        self._materials(cadre, number)

    # -- 组织学习 ------------------------------------------------------------------------

    def _study(self, cadre: ReserveCadre, number: int, starts: date, ends: date) -> None:
        sessions = [s for s in STUDY[number] if starts <= s[0] <= min(ends, self.limit)]
        # A cadre misses one or two of the first year's eight sessions now and then, and
        # rarely one later on.
        if len(sessions) > 6:
            missed = set(self.rng.sample(range(len(sessions)), self.rng.choice((0, 1, 1, 2))))
        elif len(sessions) > 2 and self.rng.random() < 0.25:
            missed = {self.rng.randrange(len(sessions))}
        else:
            missed = set()
        for i, (day, topic, hours, notes) in enumerate(sessions):
            if i in missed:
                continue
            spoke = "本人在研讨环节作交流发言。" if self.rng.random() < 0.3 else ""
            cultivation.activity_record(
                actor=self.admin,
                cadre=cadre,
                activity=Activity(
                    kind=Kind.STUDY,
                    date=day,
                    topic=topic,
                    hours=Decimal(hours),
                    notes=notes.format(**self.speakers) + spoke,
                ),
            )

    # -- 岗位锻炼 ------------------------------------------------------------------------

    def _rotation(self, cadre: ReserveCadre, number: int) -> None:
        starts, ends, role, notes = TERMS[number]
        if starts < cadre.since or starts > self.limit:
            return
        department = self._rotation_department(cadre)
        head = self.heads.get(department.name)
        duties, records, strength = DEPARTMENT_WORK.get(department.name, GENERIC_WORK)
        rotation = cultivation.rotation_save(
            actor=self.admin,
            cadre=cadre,
            rotation=Rotation(
                department=department,
                role=role,
                starts=starts,
                ends=ends,
                supervisor=head if head != cadre.person else None,
                duties=duties,
            ),
        )
        for day, (topic, text) in zip(
            _spread(self.rng, starts, min(ends, self.limit), notes), records, strict=False
        ):
            cultivation.activity_record(
                actor=self._actor(cadre.person),
                cadre=cadre,
                activity=Activity(kind=Kind.ROTATION, date=day, topic=topic, notes=text),
            )
        if ends <= self.limit:
            rotation.evaluation = (
                f"该同志{_month(starts)}至{_month(ends)}在{department.name}挂职{role}，"
                f"{strength}。工作态度认真，服从安排，与部门同事配合默契。"
                "建议今后在统筹协调和独立处理问题方面进一步加强锻炼。"
            )
            cultivation.rotation_save(actor=self.admin, cadre=cadre, rotation=rotation)

    def _rotation_department(self, cadre: ReserveCadre):
        """A department the cadre has not worked in, and no other cadre is placed in this
        term where one is left."""
        own = cadre.person.department.name if cadre.person.department else ""
        been = self.rotated.setdefault(cadre.pk, [])
        taken = {d for c, ds in self.rotated.items() if c != cadre.pk for d in ds[len(been) :]}
        names = [n for n in self.departments if n != own and n not in been]
        free = [n for n in names if n not in taken] or names
        name = self.rng.choice(free)
        been.append(name)
        return self.departments[name]

    # -- 结对培养 ------------------------------------------------------------------------

    def _mentor_pool(self, cadre: ReserveCadre, on: date, skip: set[int]) -> Person | None:
        """The best suited mentor for the cadre outside `skip`: his own 年级组长, else a
        department's deputy, a 学科主任 or a 教研组长 — never a reserve cadre."""
        own = cadre.person.department.name if cadre.person.department else ""
        rank = {"年级组长": 1, "中层副职": 2, "学科主任": 3, "教研组长": 4}
        reserve = {c.person_id for c in self.cadres}
        posts = PostHistory.objects.filter(
            person__organisation=self.org,
            person__status="在职",
            role_kind__in=rank,
            end_date=None,
        ).select_related("person__user")
        posts = sorted(
            (p for p in posts if p.person_id not in reserve | skip),
            key=lambda p: (
                0 if p.role_kind == "年级组长" and p.unit == own else rank[p.role_kind],
                p.person.staff_no,
            ),
        )
        return next(
            (p.person for p in posts if not cultivation.mentor_blockers(p.person, on)), None
        )

    def _mentor_for(self, cadre: ReserveCadre, number: int, on: date) -> Person:
        """The year's mentor: the demo account nt-mentor for his mentee, else last year's
        (the tier's second cadre is paired with another from the second year, to see another
        way of managing), else the best suited no other cadre has."""
        if cadre == self._mentee_of_account() and not cultivation.mentor_blockers(
            self.mentor_account, on
        ):
            return self.mentor_account
        previous = [p.mentor for p in self.pairings.get(cadre.pk, [])]
        change = number == 1 and self._mid().index(cadre) == 1
        if previous and not change and not cultivation.mentor_blockers(previous[-1], on):
            return previous[-1]
        # Another cadre's mentor, of this year or the last, is not taken; a disqualified
        # cadre's mentor is free again.
        active = {c.pk for c in self._active()}
        busy = {
            p.mentor.pk
            for c, pairings in self.pairings.items()
            if c != cadre.pk and c in active
            for p in pairings
        }
        account = {self.mentor_account.pk} if self.mentor_account else set()
        return self._mentor_pool(
            cadre, on, busy | {p.pk for p in previous} | account
        ) or self._mentor_pool(cadre, on, set())

    def _mid(self) -> list[ReserveCadre]:
        return [c for c in self.cadres if c.tier.horizon == Horizon.MID]

    def _mentee_of_account(self) -> ReserveCadre | None:
        """The mid-term cadre the demo account nt-mentor is paired with: one who teaches his
        subject, else the first."""
        mid = self._mid()
        if self.mentor_account is None or not mid:
            return None
        subject = self.mentor_account.subject
        return next((c for c in mid if subject and c.person.subject == subject), mid[0])

    def _mentoring(self, cadre: ReserveCadre, number: int, starts: date, until: date) -> None:
        """The year's pairing, its meetings until `until` and, the year over, the mentor's
        summary."""
        ends = min(self.years[number].ends, cadre.cycle_ends)
        mentor = self._mentor_for(cadre, number, starts)
        pairing = cultivation.mentorship_save(
            actor=self.admin,
            cadre=cadre,
            mentorship=Mentorship(
                mentor=mentor, starts=starts, ends=ends, goals=MENTOR_GOALS[number]
            ),
        )
        self.pairings.setdefault(cadre.pk, []).append(_Pairing(number, mentor))
        until = min(ends, until, self.limit)
        least, most = MEETINGS_PER_YEAR[number]
        n = self.rng.randint(least, most)
        topics = [MEETINGS[0], *self.rng.sample(MEETINGS[1:], len(MEETINGS) - 1)]
        actor = self._actor(mentor)
        held = 0
        for day, (topic, notes) in zip(_spread(self.rng, starts, until, n), topics, strict=False):
            cultivation.activity_record(
                actor=actor,
                cadre=cadre,
                activity=Activity(
                    kind=Kind.MENTORING, date=day, topic=topic, notes=f"导师{mentor.name}：{notes}"
                ),
            )
            held += 1
        if until == ends:
            cultivation.mentorship_summarise(
                actor=actor,
                mentorship=pairing,
                summary=(
                    f"结对以来共交流{held}次，互相听课、共同研讨班级和年级管理中的问题。"
                    f"{cadre.person.name}同志虚心好学，能把导师的建议落实到工作中，"
                    "班级管理更有章法，参与年级工作的主动性明显增强；"
                    "下一步需在统筹协调和独立处理复杂问题上多加历练。"
                ),
            )

    # -- 自我提升 ------------------------------------------------------------------------

    def _practice(self, cadre: ReserveCadre, number: int, starts: date, ends: date) -> None:
        if starts > ends:
            return
        areas = list(PRACTICE)
        # The first year takes him through all five areas, the later ones through some.
        chosen = self.rng.sample(areas, PRACTICE_PER_YEAR[number])
        for day, area in zip(_spread(self.rng, starts, ends, len(chosen)), chosen, strict=False):
            topic, notes = self.rng.choice(PRACTICE[area])
            cultivation.activity_record(
                actor=self._actor(cadre.person),
                cadre=cadre,
                activity=Activity(
                    kind=Kind.PRACTICE,
                    area=area,
                    date=day,
                    topic=topic,
                    notes=notes,
                    hours=Decimal(self.rng.choice(("1", "1.5", "2"))),
                ),
            )

    # -- 培养档案: the reflections, reports and notes they upload ---------------------

    def _materials(self, cadre: ReserveCadre, number: int) -> None:
        person = cadre.person
        horizon = cadre.tier.horizon
        if number == 0:
            sessions = list(cadre.activities.filter(kind=Kind.STUDY))
            if sessions:
                study = self.rng.choice(sessions)
                subject = study.topic.split("：")[-1]
                self._upload(
                    cadre,
                    Material.Kind.REFLECTION,
                    f"{'' if subject.startswith('学习') else '学习'}{subject}的体会",
                    [
                        f"{_cn(study.date)}，学校组织后备干部集中学习，主题是“{study.topic}”。"
                        f"{study.notes.split('。')[0]}。通过学习，我对教师的职责和后备干部"
                        "应有的担当有了更深的认识。",
                        "作为学校的后备干部培养对象，我要在师德师风上严格要求自己，在教育教学中"
                        "勤学善思，主动承担学校交办的工作，把学习的收获转化为做好本职工作的"
                        "实际行动，努力成为让学生喜爱、让同事信任的教师。",
                    ],
                    on=study.date + timedelta(days=3),
                    activity=study,
                )
            if horizon == Horizon.NEAR and cadre.rotations.exists():
                rotation = cadre.rotations.select_related("department").first()
                self._upload(
                    cadre,
                    Material.Kind.SURVEY,
                    f"关于{rotation.department.name}工作流程的调查报告",
                    [
                        f"{_month(rotation.starts)}至{_month(rotation.ends)}，我在"
                        f"{rotation.department.name}挂职{rotation.role}。其间我查阅了部门近三年的"
                        "工作台账，访谈了部门全体人员和十二名教师，梳理了部门主要工作的流程和"
                        "衔接环节。",
                        "调查发现，部门工作总体规范有序，但个别事项存在多头布置、材料重复报送"
                        "的问题。建议建立学期工作清单和统一的材料报送平台，减轻教师负担，"
                        "提高部门之间的协同效率。",
                    ],
                    on=rotation.ends or rotation.starts,
                )
            if horizon == Horizon.LONG:
                self._upload(
                    cadre,
                    Material.Kind.NOTES,
                    "第一年度学习笔记总结",
                    [
                        "本年度我参加了学校组织的师德专题、法规学习、学校管理制度和时事政治理论"
                        "等集中学习，认真做好学习笔记，并在学生社团指导、班级管理、学生常规管理、"
                        "备课组活动和党支部活动中把所学用于实践。",
                        f"通过一年的学习和实践，我在{person.subject or '本职'}教学和学生工作中"
                        "更有方法，也认识到自己在组织大型活动、处理突发问题方面的经验不足，"
                        "下一年度将主动争取更多锻炼机会。",
                    ],
                    on=date(2025, 3, 3),
                )
            if horizon == Horizon.MID and self.pairings.get(cadre.pk):
                mentor = self.pairings[cadre.pk][0].mentor
                self._upload(
                    cadre,
                    Material.Kind.OTHER,
                    f"结对培养第一年度指导记录（导师{mentor.name}）",
                    [
                        f"本年度我与{person.name}同志结对，按照年度培养计划开展听课、评课、"
                        "谈心和工作指导，重点帮助其提高班级管理和参与年级管理的能力。",
                        "从一年的表现看，该同志工作主动、作风踏实，能虚心接受意见并及时改进，"
                        "在主题教育活动策划和家校沟通方面进步明显；今后要在统筹全局、"
                        "组织协调方面继续加强。",
                    ],
                    on=date(2025, 3, 4),
                    actor=self._actor(mentor),
                )
        elif number == 1 and horizon == Horizon.MID:
            grade = person.department.name if person.department else "年级"
            self._upload(
                cadre,
                Material.Kind.SURVEY,
                f"关于{grade}学生课外阅读情况的调查报告",
                [
                    f"在导师指导下，我对{grade}学生的课外阅读情况作了问卷调查，收回有效问卷"
                    "二百余份，并访谈了部分班主任和语文教师。",
                    "调查显示，学生课外阅读时间普遍不足，阅读内容偏重教辅和网络文学。建议"
                    "年级部统筹安排每周固定阅读时间，开展班级读书会，发挥图书馆和家长的作用。",
                ],
                on=date(2025, 12, 19),
            )

    def _upload(self, cadre, kind, title, paragraphs, on, activity=None, actor=None) -> None:
        material = cultivation.material_upload(
            actor=actor or self._actor(cadre.person),
            cadre=cadre,
            kind=kind,
            title=title,
            name=f"{title}.docx",
            content=_docx(title, paragraphs),
            activity=activity,
        )
        # The demo replays uploads made over the years; the file keeps its day.
        Material.objects.filter(pk=material.pk).update(uploaded_at=at(min(on, self.limit), 17, 30))

    # -- 动态管理 ------------------------------------------------------------------------

    def _choose_leaving(self) -> ReserveCadre | None:
        """The mid-term cadre whose qualification is taken away: the last of the tier, not
        the mentee of the demo account nt-mentor."""
        mid = [c for c in self._mid() if c != self._mentee_of_account()]
        return mid[-1] if mid else None

    def _meeting(self, members, subject: str, on: date, note: str, absent: int = 0) -> Meeting:
        present = members[: len(members) - absent]
        return Meeting(subject=subject, on=on, present=present, vote=Vote(len(present)), note=note)

    def _disqualify(self, cadre: ReserveCadre) -> None:
        name = cadre.person.name
        dynamic.disqualify(
            actor=self.admin,
            cadre=cadre,
            reason=ReserveCadre.Reason.OPINION,
            facts=(
                "2024年9月至10月，学校先后收到多名教职工反映该同志工作作风简单、处理问题"
                "推诿敷衍、与同事沟通不畅的意见。学校党委责成党政办公室调查核实，并召开教职工"
                "代表座谈会听取意见，15名代表中有9人认为其不宜继续作为后备干部培养，"
                "群众意见反应较大。"
            ),
            meeting=self._meeting(
                self.committee,
                f"研究取消{name}同志后备干部培养资格",
                DISQUALIFIED,
                (
                    f"会议由党委书记{self.committee[0].person.name}主持，党政办公室汇报调查核实"
                    f"情况。经讨论，依据培养计划五、3.(2)，一致同意取消{name}同志{cadre.tier}"
                    "培养资格，由后备干部培养领导小组提出增补动议。"
                ),
                absent=1,
            ),
        )

    def _backfill(self, vacancy: ReserveCadre) -> ReserveCadre | None:
        """The leading group proposes the tier's next ranked nominee (or, if none is left, a
        new recommendation), and the committee agrees."""
        tier = vacancy.tier
        ranked = selectors.ranked_for_backfill(tier)
        if ranked:
            person, source = ranked[0].person, Backfill.Source.RANKED
            reason = (
                f"{vacancy.person.name}同志被取消培养资格后，{tier}出现一个名额空缺。"
                f"{person.name}同志在本批民主推荐和综合考评中排序居前，基本条件均已认定，"
                f"按照后备干部选拔标准和程序，提议增补为{tier}培养对象。"
            )
        else:
            person, source = self._new_nominee(tier), Backfill.Source.NEW
            reason = (
                f"{vacancy.person.name}同志被取消培养资格后，{tier}出现一个名额空缺，本批"
                f"推荐人选中已无符合条件的人选。经年级部推荐、领导小组考察，{person.name}"
                f"同志符合选拔标准各项基本条件，提议增补为{tier}培养对象。"
            )
        backfill = dynamic.backfill_propose(
            actor=self.admin,
            programme=self.programme,
            tier=tier,
            person=person,
            source=source,
            reason=reason,
            vacancy=vacancy,
            criteria_attested=source == Backfill.Source.NEW,
            meeting=self._meeting(
                self.group,
                f"研究{tier}增补人选",
                BACKFILL_PROPOSED,
                f"领导小组研究{tier}名额空缺的增补，一致同意提议增补{person.name}同志，报党委会研究。",
            ),
        )
        if self.limit < BACKFILL_APPROVED:
            return None
        backfill = dynamic.backfill_decide(
            actor=self.admin,
            backfill=backfill,
            meeting=self._meeting(
                self.committee,
                f"研究增补{person.name}同志为后备干部培养对象",
                BACKFILL_APPROVED,
                f"党委会听取领导小组关于增补人选的动议说明，经讨论，同意增补{person.name}同志"
                f"为{tier}培养对象，培养至本批培养周期结束。",
            ),
        )
        return ReserveCadre.objects.select_related(
            "person__user", "person__department", "tier"
        ).get(pk=backfill.cadre_id)

    def _new_nominee(self, tier: Tier) -> Person:
        """A 班主任 of the tier's age guide, neither a cadre nor a member of the bodies, who
        has not been a reserve cadre of the batch."""
        taken = set(self.programme.reserve_cadres.values_list("person_id", flat=True))
        members = {m.person_id for m in self.committee + self.group}
        staff = Person.objects.filter(organisation=self.org, status="在职").prefetch_related(
            "posts"
        )
        for person in staff.order_by("staff_no"):
            on = BACKFILL_PROPOSED
            kinds = {
                p.role_kind
                for p in person.posts.all()
                if p.start_date <= on and (p.end_date is None or p.end_date >= on)
            }
            age = age_on(person.birth_date, on)
            if (
                person.pk not in taken | members
                and "班主任" in kinds
                and not kinds & CADRE_POSTS
                and tier.age_guide.fit(age) == AgeFit.WITHIN
            ):
                return person
        raise AssertionError("no one to back-fill")

    # -- 严格考核 ------------------------------------------------------------------------

    def _assess(self, number: int) -> None:
        """The leading group's yearly assessment meeting: every active cadre whose year is
        assessable, mostly 合格, two 优秀, in the first year one 暂缓评定."""
        on = ASSESSED[number]
        if on > self.limit:
            return
        years = {c: assessment.due_year(c) for c in self._active()}
        due = [c for c, year in years.items() if year is not None and year.assessable(on)]
        if not due:
            return
        by_tier = {h: [c for c in due if c.tier.horizon == h] for h in Horizon}
        if number == 0:
            excellent = [*by_tier[Horizon.NEAR][:1], *by_tier[Horizon.LONG][1:2]]
            deferred = by_tier[Horizon.LONG][3:4]
        else:
            excellent = [*by_tier[Horizon.MID][:1], *by_tier[Horizon.NEAR][1:2]]
            deferred = []
        gradings = []
        for cadre in due:
            grade = (
                Grade.EXCELLENT
                if cadre in excellent
                else Grade.DEFERRED
                if cadre in deferred
                else Grade.QUALIFIED
            )
            gradings.append(
                assessment.Grading(
                    cadre=cadre,
                    grade=grade,
                    comments=self._comments(cadre, years[cadre], grade),
                )
            )
        assessment.assessments_decide(
            actor=self.admin,
            programme=self.programme,
            gradings=gradings,
            meeting=self._meeting(
                self.group,
                f"后备干部第{'一二三'[number]}年度考核",
                on,
                "领导小组听取党政办公室关于后备干部年度培养情况的汇报，结合培养档案、"
                "部门评价和导师意见逐人评议，确定考核等次。",
            ),
        )

    def _comments(self, cadre: ReserveCadre, year: Year, grade: str) -> str:
        acts = cadre.activities.filter(date__gte=year.starts, date__lte=year.ends)
        study = acts.filter(kind=Kind.STUDY)
        hours = study.aggregate(h=Sum("hours"))["h"] or 0
        learnt = f"参加集中理论学习{study.count()}次、{Decimal(hours).normalize():f}学时"
        horizon = cadre.tier.horizon
        if horizon == Horizon.NEAR:
            rotation = (
                cadre.rotations.filter(starts__lte=year.ends, starts__gte=year.starts)
                .select_related("department")
                .first()
            )
            measure = (
                f"在{rotation.department.name}挂职{rotation.role}，完成部门交办的各项工作"
                if rotation
                else "在本职岗位上承担学校交办的管理工作"
            )
        elif horizon == Horizon.MID:
            pairing = cadre.mentorships.filter(starts__lte=year.ends, ends__gte=year.starts).first()
            met = acts.filter(kind=Kind.MENTORING).count()
            measure = (
                f"与导师{pairing.mentor.name}结对交流{met}次，落实年度培养计划"
                if pairing
                else "落实年度培养计划"
            )
        else:
            areas = acts.filter(kind=Kind.PRACTICE).values_list("area", flat=True)
            names = "、".join(dict.fromkeys(AREA_NAMES[a] for a in areas))
            measure = f"参与{names}等岗位实践{len(areas)}次" if names else "参与岗位实践"
        backfilled = cadre.since != self.programme.decision.date
        since = "增补以来" if backfilled and year.number == 1 else "本年度"
        if grade == Grade.EXCELLENT:
            return (
                f"{since}{learnt}，{measure}。政治素质好，工作主动有为，组织协调能力提高明显，"
                "群众认可度高，培养成效突出。"
            )
        if grade == Grade.DEFERRED:
            return (
                f"{since}{learnt}，{measure}。各项实践多为参与性工作，独立承担的任务较少，"
                "培养实绩尚不充分，暂缓评定，下一年度结合其独立承担工作的情况再作评价。"
            )
        return (
            f"{since}{learnt}，{measure}。能按培养计划完成各项任务，师德表现良好；"
            f"{TO_IMPROVE[horizon]}。"
        )
