"""A large synthetic roster, built straight into RosterData. No database here.

cadre.demo.roster.synthetic_roster models one school of ~150 people post by post; at 10,000
staff its list bookkeeping is quadratic, so the benchmark builds its own. Every row passes
read_roster's validation, so the import path measured is the successful one.
"""

import random
from datetime import date, timedelta
from itertools import accumulate

from faker import Faker

from cadre.demo.roster import title_for
from cadre.demo.seeds import NANTONG_SUBJECTS, UNIVERSITIES
from cadre.people import vocab
from cadre.people.dates import PartialDate
from cadre.people.roster_xlsx import AppraisalRow, HonourRow, PersonRow, PostRow, RosterData

POSTS_PER_PERSON = 4
APPRAISAL_YEARS = 3
HONOUR_EVERY = 5  # one person in five has an honour

_OFFICES = ("党政办公室", "教务处", "学生发展处", "教科研中心", "总务处", "校团委")
_GRADES = ("高一年级部", "高二年级部", "高三年级部", "初一年级组", "初二年级组", "初三年级组")
_CAMPUSES = ("本部", "东校区", "西校区", "南校区", "北校区", "滨江校区", "新城校区", "城南校区")
# A roster of 10,000 is an education group's: several campuses, each with its grade groups.
DEPARTMENTS = _OFFICES + tuple(f"{c}{g}" for c in _CAMPUSES for g in _GRADES)

# Class teacher and group leads dominate a school's post history; leadership is rare.
_ROLE_WEIGHTS = {
    "班主任": 40,
    "备课组长": 14,
    "教研组长": 8,
    "年级组长": 5,
    "干事": 6,
    "社团指导老师": 6,
    "校团委委员": 3,
    "工会小组长": 3,
    "学科主任": 3,
    "中层主任助理": 3,
    "中层副职": 3,
    "中层正职": 2,
    "党支部书记": 1,
    "校级领导": 1,
    "其他管理工作": 2,
}
_ROLES = tuple(_ROLE_WEIGHTS)
_ROLE_CUM = tuple(accumulate(_ROLE_WEIGHTS.values()))
_HONOURS = (
    ("市优秀教育工作者", "市级"),
    ("市学科带头人", "市级"),
    ("区优秀班主任", "区级"),
    ("校优秀班主任", "校级"),
    ("省优秀教师", "省级"),
    ("市骨干教师", "市级"),
)


def big_roster(size: int, *, prefix: str = "B", seed: int = 2025, today: date) -> RosterData:
    """`size` people, POSTS_PER_PERSON posts each, APPRAISAL_YEARS appraisals each."""
    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    # Strictly before today: read_roster rejects future dates, and the file may be read
    # after midnight.
    last_day = today - timedelta(days=1)
    data = RosterData()
    for n in range(1, size + 1):
        staff_no = f"{prefix}{n:05d}"
        age_days = rng.randint(24 * 365, 59 * 365)
        birth = PartialDate(today - timedelta(days=age_days), month_only=rng.random() < 0.1)
        age = age_days // 365
        education = _education(rng, age)
        # At least a year of service, so four distinct post start days always fit.
        work_start = min(
            date(birth.value.year + 22 + rng.choice((0, 0, 1, 3)), 8, 1),
            last_day - timedelta(days=365),
        )
        party = rng.random() < (0.5 if age > 35 else 0.3)
        party_date = None
        if party:
            joined = birth.value + timedelta(days=rng.randint(19 * 365, (age - 1) * 365))
            party_date = PartialDate(min(joined, last_day), month_only=True)
        subject = rng.choice(NANTONG_SUBJECTS)
        department = rng.choice(DEPARTMENTS)
        gender = "男" if rng.random() < 0.35 else "女"
        data.people.append(
            PersonRow(
                staff_no=staff_no,
                name=fake.name_male() if gender == "男" else fake.name_female(),
                gender=gender,
                birth_date=birth,
                ethnicity="汉族" if rng.random() < 0.96 else rng.choice(vocab.ETHNICITIES[1:12]),
                political_status=vocab.PARTY_MEMBER
                if party
                else rng.choice(("群众", "群众", "群众", "共青团员", "民盟盟员", "九三学社社员")),
                party_date=party_date,
                work_start_date=PartialDate(work_start, month_only=True),
                education=education,
                degree={"博士研究生": "博士", "硕士研究生": "硕士", "大学本科": "学士"}.get(
                    education, "无"
                ),
                graduated_from=rng.choice(UNIVERSITIES),
                major=f"{subject}教育",
                title=title_for(rng, today.year - work_start.year),
                department=department,
                current_post="教师",
                subject=subject,
                phone=rng.choice(("138", "139", "150", "158", "186", "189"))
                + f"{rng.randrange(10**8):08d}",
                status="在职" if rng.random() < 0.95 else rng.choice(vocab.EMPLOYMENT_STATUSES[1:]),
            )
        )
        _posts(rng, data, staff_no, department, subject, work_start, last_day)
        for year in range(today.year - APPRAISAL_YEARS, today.year):
            r = rng.random()
            result = "优秀" if r < 0.18 else ("合格" if r < 0.985 else "基本合格")
            data.appraisals.append(AppraisalRow(staff_no, year, result))
        if n % HONOUR_EVERY == 0:
            name, level = rng.choice(_HONOURS)
            when = work_start + timedelta(days=rng.randint(0, (last_day - work_start).days))
            data.honours.append(HonourRow(staff_no, PartialDate(when, True), name, level))
    return data


def _posts(rng, data, staff_no, department, subject, work_start, last_day):
    # One precision per person: a month-only end after a full-date start in the same month
    # would fall before the start and fail validation.
    month_only = rng.random() < 0.3
    span = (last_day - work_start).days
    offsets = sorted(rng.sample(range(span), POSTS_PER_PERSON))
    starts = [work_start + timedelta(days=o) for o in offsets]
    for i, start in enumerate(starts):
        if i + 1 < len(starts):
            end = PartialDate(starts[i + 1] - timedelta(days=1), month_only)
        else:
            end = None if rng.random() < 0.5 else PartialDate(last_day, month_only)
        role = rng.choices(_ROLES, cum_weights=_ROLE_CUM)[0]
        unit = f"{subject}教研组" if role in ("教研组长", "备课组长") else department
        data.posts.append(PostRow(staff_no, PartialDate(start, month_only), role, unit, end))


def _education(rng: random.Random, age: int) -> str:
    r = rng.random()
    if age < 40:
        return "硕士研究生" if r < 0.35 else ("博士研究生" if r < 0.37 else "大学本科")
    if age < 50:
        return "硕士研究生" if r < 0.12 else ("大学本科" if r < 0.95 else "大学专科")
    return "大学本科" if r < 0.8 else "大学专科"
