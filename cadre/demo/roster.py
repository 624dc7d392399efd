"""A synthetic staff roster that looks like a real Chinese school's. No Django here.

Deterministic for a seed. Besides ordinary staff it places people on both sides of every
eligibility boundary of the seeds (see BOUNDARY_CASES), so every verdict of the rule engine
shows up in the demo.
"""

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from faker import Faker

from cadre.people.dates import PartialDate
from cadre.people.roster_xlsx import AppraisalRow, HonourRow, PersonRow, PostRow, RosterData

from .seeds import UNIVERSITIES


@dataclass
class SchoolShape:
    prefix: str
    size: int
    leaders: tuple[tuple[str, str], ...]  # (current post, department)
    admin_departments: tuple[str, ...]
    teaching_groups: tuple[str, ...]
    subjects: tuple[str, ...]
    classes_per_grade: int
    extra_roles: tuple[str, ...] = ()  # role kinds that this school's seed names
    today: date = field(default_factory=date.today)


@dataclass
class Case:
    """One person placed on an eligibility boundary."""

    note: str
    birth: date
    education: str = "大学本科"
    posts: tuple[tuple[str, date, date | None], ...] = ()
    birth_month_only: bool = False


def _d(s: str) -> date:
    return date.fromisoformat(s)


# Changzhou: reference date 2025-06-22, the close of registration (六、3: 6月3日—22日).
CHANGZHOU_CASES = (
    Case(
        "生于1980年1月1日：恰在年龄界限上（含本日）",
        _d("1980-01-01"),
        posts=(("班主任", _d("2016-09-01"), None),),
    ),
    Case(
        "生于1979年12月31日：超过年龄界限一天",
        _d("1979-12-31"),
        posts=(("班主任", _d("2015-09-01"), None),),
    ),
    Case(
        "生于1980年1月2日：年龄界限内",
        _d("1980-01-02"),
        posts=(("教研组长", _d("2018-09-01"), None),),
    ),
    Case("班主任恰满3年", _d("1988-05-16"), posts=(("班主任", _d("2022-06-22"), None),)),
    Case(
        "班主任2年11个月，差1天满3年", _d("1989-03-08"), posts=(("班主任", _d("2022-06-23"), None),)
    ),
    Case(
        "班主任与年级组长任期重叠：合计2年10个月（简单相加为3年8个月）",
        _d("1987-11-20"),
        posts=(
            ("班主任", _d("2021-09-01"), _d("2023-07-01")),
            ("年级组长", _d("2022-09-01"), _d("2024-07-01")),
        ),
    ),
    Case(
        "教研组长任期内含备课组长：嵌套期间只计一次",
        _d("1985-07-30"),
        posts=(
            ("教研组长", _d("2019-09-01"), None),
            ("备课组长", _d("2020-09-01"), _d("2021-07-01")),
        ),
    ),
    Case(
        "中层副职恰满2年",
        _d("1982-04-11"),
        posts=(
            ("班主任", _d("2012-09-01"), _d("2018-07-01")),
            ("中层副职", _d("2023-06-22"), None),
        ),
    ),
    Case(
        "中层副职1年11个月",
        _d("1983-09-25"),
        posts=(
            ("班主任", _d("2013-09-01"), _d("2019-07-01")),
            ("中层副职", _d("2023-07-01"), None),
        ),
    ),
    Case(
        "学历为大学专科",
        _d("1986-02-14"),
        education="大学专科",
        posts=(("班主任", _d("2014-09-01"), None),),
    ),
    Case(
        "出生日期只知年月（1979年12月）",
        _d("1979-12-01"),
        birth_month_only=True,
        posts=(("年级组长", _d("2019-09-01"), None),),
    ),
)

# Nantong: reference date 2024-03-01 (公布方案). Tier age guides: ≤45, about 35, about 30.
NANTONG_CASES = (
    Case(
        "恰满45周岁（近期梯队年龄上限）",
        _d("1979-03-01"),
        posts=(
            ("年级组长", _d("2019-09-01"), None),
            ("班主任", _d("2008-09-01"), _d("2017-07-01")),
        ),
    ),
    Case("45周岁差一天满46周岁", _d("1978-03-02"), posts=(("学科主任", _d("2018-09-01"), None),)),
    Case(
        "46周岁：超出近期梯队年龄，表现突出可放宽",
        _d("1978-02-28"),
        posts=(
            ("中层主任助理", _d("2021-09-01"), None),
            ("班主任", _d("2006-09-01"), _d("2021-07-01")),
        ),
    ),
    Case("35周岁，班主任", _d("1989-02-10"), posts=(("班主任", _d("2015-09-01"), None),)),
    Case(
        "30周岁，社团指导老师",
        _d("1993-08-19"),
        posts=(("社团指导老师", _d("2020-09-01"), None), ("校团委委员", _d("2021-09-01"), None)),
    ),
)


# 籍贯 of the staff of a school in southern Jiangsu: mostly the province, some from nearby.
NATIVE_PLACES = (
    ("江苏常州", 6),
    ("江苏南通", 6),
    ("江苏无锡", 3),
    ("江苏扬州", 3),
    ("江苏泰州", 3),
    ("江苏盐城", 3),
    ("江苏苏州", 2),
    ("江苏镇江", 2),
    ("江苏徐州", 2),
    ("江苏南京", 1),
    ("安徽合肥", 1),
    ("安徽安庆", 1),
    ("浙江湖州", 1),
    ("山东临沂", 1),
)


def synthetic_roster(shape: SchoolShape, cases: tuple[Case, ...], seed: int) -> RosterData:
    rng = random.Random(seed)
    # A stream of its own, so that adding 籍贯 left every other field of the demo as it was.
    places = random.Random(f"{seed}-native-place")
    place_names, place_weights = zip(*NATIVE_PLACES, strict=True)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    data = RosterData()
    used_names: set[str] = set()
    counter = iter(range(1, 10_000))

    def new_person(birth: date, **over) -> PersonRow:
        gender = over.pop("gender", rng.choice("男女女"))  # schools employ more women
        name = _unique_name(fake, gender, used_names)
        staff_no = f"{shape.prefix}{next(counter):04d}"
        age = shape.today.year - birth.year
        education = over.pop("education", _education(rng, age))
        start_work = _work_start(rng, birth, education, shape.today)
        party = rng.random() < (0.55 if age > 35 else 0.3)
        status = (
            "中共党员"
            if party
            else rng.choice(
                (
                    "群众",
                    "群众",
                    "共青团员" if age < 28 else "群众",
                    "民盟盟员",
                    "九三学社社员",
                    "无党派人士",
                )
            )
        )
        party_date = None
        if party:
            joined = birth + timedelta(
                days=rng.randint(19 * 365, max(19 * 365 + 1, (age - 1) * 365))
            )
            party_date = PartialDate(min(joined, shape.today).replace(day=1), month_only=True)
        person = PersonRow(
            staff_no=staff_no,
            name=name,
            gender=gender,
            birth_date=PartialDate(birth, over.pop("birth_month_only", False)),
            ethnicity="汉族"
            if rng.random() < 0.96
            else rng.choice(("回族", "满族", "蒙古族", "壮族")),
            native_place=places.choices(place_names, place_weights)[0],
            political_status=status,
            party_date=party_date,
            work_start_date=PartialDate(start_work, month_only=True),
            education=education,
            degree=_degree(education),
            graduated_from=rng.choice(UNIVERSITIES),
            major=over.pop("major", ""),
            title=title_for(rng, shape.today.year - start_work.year),
            department=over.pop("department"),
            current_post=over.pop("current_post", ""),
            subject=over.pop("subject", ""),
            phone=_phone(rng),
            status="在职",
        )
        if not person.major:
            person = replace(
                person,
                major=f"{person.subject or '汉语言文学'}教育" if person.subject else "汉语言文学",
            )
        data.people.append(person)
        _history(rng, data, person, start_work, shape.today)
        return person

    def post(person: PersonRow, kind: str, unit: str, start: date, end: date | None = None):
        data.posts.append(
            PostRow(
                person.staff_no, PartialDate(start), kind, unit, PartialDate(end) if end else None
            )
        )

    def birth_for(lo: int, hi: int) -> date:
        return shape.today - timedelta(days=rng.randint(lo * 365 + 1, hi * 365))

    # School leaders.
    for current, dept in shape.leaders:
        p = new_person(
            birth_for(46, 57),
            department=dept,
            current_post=current,
            education=rng.choice(("硕士研究生", "大学本科")),
        )
        post(p, "校级领导", "校长室", _sept(rng, shape.today, 3, 9))
    # Middle-level cadres in post, their officers.
    for dept in shape.admin_departments:
        head = new_person(birth_for(40, 52), department=dept, current_post=f"{dept}主任")
        since = _sept(rng, shape.today, 2, 6)
        post(head, "中层副职", dept, since.replace(year=since.year - rng.randint(2, 4)), since)
        post(head, "中层正职", dept, since)
        deputy = new_person(birth_for(34, 45), department=dept, current_post=f"{dept}副主任")
        post(deputy, "中层副职", dept, _sept(rng, shape.today, 1, 5))
        for _ in range(rng.randint(1, 2)):
            officer = new_person(birth_for(25, 33), department=dept, current_post=f"{dept}干事")
            post(officer, "干事", dept, _sept(rng, shape.today, 0, 3))
        if "中层主任助理" in shape.extra_roles and rng.random() < 0.5:
            aide = new_person(birth_for(30, 38), department=dept, current_post=f"{dept}主任助理")
            post(aide, "中层主任助理", dept, _sept(rng, shape.today, 0, 2))
    # Boundary cases.
    for i, case in enumerate(cases):
        group = shape.teaching_groups[i % len(shape.teaching_groups)]
        p = new_person(
            case.birth,
            department=group,
            education=case.education,
            subject=shape.subjects[i % len(shape.subjects)],
            birth_month_only=case.birth_month_only,
            current_post=case.posts[0][0] if case.posts and case.posts[0][2] is None else "教师",
        )
        data.posts[:] = [r for r in data.posts if r.staff_no != p.staff_no]
        for kind, start, end in case.posts:
            post(p, kind, group, start, end)
    # Teachers, with the grade and subject posts a school of this size has.
    grade_heads = list(shape.teaching_groups)
    subject_heads = list(shape.subjects)
    class_slots = shape.classes_per_grade * len(shape.teaching_groups)
    while len(data.people) < shape.size:
        group = rng.choice(shape.teaching_groups)
        subject = (
            rng.choice(shape.subjects[:9]) if rng.random() < 0.85 else rng.choice(shape.subjects)
        )
        p = new_person(birth_for(23, 58), department=group, subject=subject, current_post="教师")
        age = (shape.today - p.birth_date.value).days // 365
        if group in grade_heads and 33 <= age <= 50:
            post(p, "年级组长", group, _sept(rng, shape.today, 0, 3))
            p = _set_post(data, p, f"{group[:-1]}组长")
            grade_heads.remove(group)
        elif subject in subject_heads and 35 <= age <= 55 and rng.random() < 0.6:
            post(p, "教研组长", f"{subject}教研组", _sept(rng, shape.today, 0, 6))
            p = _set_post(data, p, f"{subject}教研组长")
            subject_heads.remove(subject)
        elif "学科主任" in shape.extra_roles and 38 <= age <= 52 and rng.random() < 0.08:
            post(p, "学科主任", f"{subject}学科", _sept(rng, shape.today, 0, 4))
        if class_slots and age <= 45 and rng.random() < 0.55:
            post(p, "班主任", group, _sept(rng, shape.today, 0, 2))
            class_slots -= 1
        if age <= 40 and rng.random() < 0.25:
            post(p, "备课组长", f"{group}{subject}备课组", _sept(rng, shape.today, 0, 3))
        for kind in ("校团委委员", "社团指导老师"):
            if kind in shape.extra_roles and age <= 32 and rng.random() < 0.2:
                post(
                    p,
                    kind,
                    "校团委" if kind == "校团委委员" else "学生社团",
                    _sept(rng, shape.today, 0, 3),
                )
    _appraisals_and_honours(rng, data, shape.today)
    _leaders_in_the_party(random.Random(seed + 1), data, shape)
    return data


def _leaders_in_the_party(rng: random.Random, data: RosterData, shape: SchoolShape) -> None:
    """School leaders, the party secretary first, are party members, as the committees they
    sit on need. A separate random stream, so the rest of the roster stays as it was."""
    posts = {current for current, _dept in shape.leaders}
    for i, person in enumerate(data.people):
        if person.current_post in posts and person.political_status != "中共党员":
            birth = person.birth_date.value
            joined = birth.replace(year=birth.year + rng.randint(20, 30), day=1)
            data.people[i] = replace(
                person,
                political_status="中共党员",
                party_date=PartialDate(min(joined, shape.today).replace(day=1), month_only=True),
            )


def _set_post(data: RosterData, person: PersonRow, current: str) -> PersonRow:
    updated = replace(person, current_post=current)
    data.people[data.people.index(person)] = updated
    return updated


def _unique_name(fake: Faker, gender: str, used: set[str]) -> str:
    for _ in range(100):
        name = fake.name_male() if gender == "男" else fake.name_female()
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("no unused name")


def _education(rng: random.Random, age: int) -> str:
    r = rng.random()
    if age < 40:
        return "硕士研究生" if r < 0.35 else "大学本科"
    if age < 50:
        return "硕士研究生" if r < 0.12 else ("大学本科" if r < 0.95 else "大学专科")
    return "大学本科" if r < 0.8 else "大学专科"


def _degree(education: str) -> str:
    return {"博士研究生": "博士", "硕士研究生": "硕士", "大学本科": "学士"}.get(education, "无")


def _work_start(rng: random.Random, birth: date, education: str, today: date) -> date:
    years = {"硕士研究生": 25, "大学本科": 22, "大学专科": 21}.get(education, 22)
    start = date(birth.year + years + rng.choice((0, 0, 1)), 8, 1)
    return min(start, today)


def title_for(rng: random.Random, service: int) -> str:
    """A plausible 职称 after `service` years (bench/synthetic.py draws on it too)."""
    if service < 1:
        return "未定级"
    if service < 5:
        return "二级教师"
    if service < 12:
        return "一级教师" if rng.random() < 0.85 else "二级教师"
    if service < 25:
        return "高级教师" if rng.random() < 0.6 else "一级教师"
    return "正高级教师" if rng.random() < 0.08 else "高级教师"


def _phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "137", "150", "151", "158", "186", "187", "189")) + "".join(
        rng.choice("0123456789") for _ in range(8)
    )


def _sept(rng: random.Random, today: date, lo: int, hi: int) -> date:
    """The first of September, lo…hi school years before today (appointments follow the
    school year)."""
    year = today.year - rng.randint(lo, hi) - (0 if today.month >= 9 else 1)
    return date(year, 9, 1)


def _history(rng: random.Random, data: RosterData, person: PersonRow, start: date, today: date):
    """Earlier class-teacher cycles (three-year cohorts) of a teacher's career."""
    year = start.year
    while year + 3 <= today.year - 2:
        if rng.random() < 0.5:
            data.posts.append(
                PostRow(
                    person.staff_no,
                    PartialDate(date(year, 9, 1)),
                    "班主任",
                    person.department,
                    PartialDate(date(year + 3, 7, 1)),
                )
            )
        year += 3


def _appraisals_and_honours(rng: random.Random, data: RosterData, today: date) -> None:
    honours = (
        ("市优秀教育工作者", "市级"),
        ("市学科带头人", "市级"),
        ("区优秀班主任", "区级"),
        ("校优秀班主任", "校级"),
        ("省优秀教师", "省级"),
        ("市骨干教师", "市级"),
        ("区教学能手", "区级"),
        ("校师德标兵", "校级"),
    )
    last = today.year - 1
    for p in data.people:
        first = max(p.work_start_date.value.year + 1, last - 5)
        for year in range(first, last + 1):
            r = rng.random()
            result = "优秀" if r < 0.18 else ("合格" if r < 0.985 else "基本合格")
            data.appraisals.append(AppraisalRow(p.staff_no, year, result))
        earliest = max(p.work_start_date.value.year + 1, last - 8)
        if earliest <= last and rng.random() < 0.35:
            for name, level in rng.sample(honours, rng.randint(1, 2)):
                when = date(rng.randint(earliest, last), rng.choice((1, 6, 9, 12)), 1)
                data.honours.append(HonourRow(p.staff_no, PartialDate(when, True), name, level))
