"""`cadre demo`: the district and the two schools of the seeds, with accounts for every role.

Everything is written through the same services as the product's own screens, so the demo
leaves a complete audit trail.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cadre.orgs import services as org_services
from cadre.orgs.models import Department, Membership, Organisation, Position
from cadre.orgs.views import DEMO_PASSWORD
from cadre.people.models import Person
from cadre.people.roster import roster_apply

from . import seeds
from .appointment import complete_changzhou, midyear_campaign_on_notice
from .campaign import build_changzhou_campaign
from .cultivation import cultivate
from .evaluation import complete_review, hold_evaluation, next_years_plan
from .panel import hold_defence
from .reserve import select_second_batch
from .roster import CHANGZHOU_CASES, NANTONG_CASES, SchoolShape, synthetic_roster

ACTOR = "cadre demo"
Role = Membership.Role
User = get_user_model()

DISTRICT = {"code": "demo-bureau", "name": "演示区教育局", "short_name": "教育局"}
CHANGZHOU = {"code": "czfz", "name": "常州市教科院附属初级中学", "short_name": "常州附中"}
NANTONG = {"code": "ntyz", "name": "江苏省南通第一中学", "short_name": "南通一中"}


def demo_exists() -> bool:
    return Organisation.objects.filter(is_demo=True).exists()


@transaction.atomic
def build_demo(today: date | None = None) -> list[dict]:
    """Build the demo; returns its accounts."""
    today = today or timezone.localdate()
    district = Organisation.objects.create(
        kind=Organisation.Kind.DISTRICT, is_demo=True, **DISTRICT
    )
    accounts = [_account(district, "district", "区教育局管理员", [Role.DISTRICT_ADMIN])]

    cz = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, parent=district, is_demo=True, **CHANGZHOU
    )
    _departments(
        cz, ("校长室", *[d for d, _ in seeds.CHANGZHOU_POSITIONS], *seeds.CHANGZHOU_TEACHING_GROUPS)
    )
    _positions(cz, seeds.CHANGZHOU_POSITIONS, seeds.CHANGZHOU_DUTIES)
    cz_shape = SchoolShape(
        prefix="CZ",
        size=150,
        today=today,
        leaders=(
            ("校长", "校长室"),
            ("党总支书记", "校长室"),
            ("副校长", "校长室"),
            ("副校长", "校长室"),
        ),
        admin_departments=tuple(d for d, _ in seeds.CHANGZHOU_POSITIONS),
        teaching_groups=seeds.CHANGZHOU_TEACHING_GROUPS,
        subjects=seeds.CHANGZHOU_SUBJECTS,
        classes_per_grade=8,
    )
    roster_apply(
        actor=ACTOR, organisation=cz, data=synthetic_roster(cz_shape, CHANGZHOU_CASES, 2025)
    )
    accounts += _school_accounts(cz, "cz", party_post="党总支书记")
    campaign = build_changzhou_campaign(cz, User.objects.get(username="cz-admin"))
    complete_review(campaign)
    hold_evaluation(campaign, cz)
    hold_defence(campaign)
    campaign.refresh_from_db()
    complete_changzhou(campaign, cz)
    next_years_plan(campaign, cz)
    midyear_campaign_on_notice(cz, today)

    nt = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, parent=district, is_demo=True, **NANTONG
    )
    _departments(
        nt, ("校长室", *[d for d, _ in seeds.NANTONG_POSITIONS], *seeds.NANTONG_TEACHING_GROUPS)
    )
    _positions(nt, seeds.NANTONG_POSITIONS, seeds.NANTONG_DUTIES)
    nt_shape = SchoolShape(
        prefix="NT",
        size=150,
        today=today,
        leaders=(
            ("校长", "校长室"),
            ("党委书记", "校长室"),
            ("副校长", "校长室"),
            ("副校长", "校长室"),
        ),
        admin_departments=tuple(d for d, _ in seeds.NANTONG_POSITIONS),
        teaching_groups=seeds.NANTONG_TEACHING_GROUPS,
        subjects=seeds.NANTONG_SUBJECTS,
        classes_per_grade=6,
        extra_roles=("学科主任", "中层主任助理", "校团委委员", "社团指导老师"),
    )
    roster_apply(actor=ACTOR, organisation=nt, data=synthetic_roster(nt_shape, NANTONG_CASES, 2024))
    accounts += _school_accounts(nt, "nt", party_post="党委书记", mentor=True)
    cultivate(select_second_batch(nt), today)
    return accounts


def _departments(org, names):
    for order, name in enumerate(names, start=1):
        org_services.department_save(
            actor=ACTOR, organisation=org, department=Department(name=name, order=order)
        )


def _positions(org, table, duties):
    departments = {d.name: d for d in org.departments.all()}
    for dept_name, posts in table:
        dept = departments[dept_name]
        for order, (title, level) in enumerate(posts, start=1):
            org_services.position_save(
                actor=ACTOR,
                position=Position(
                    department=dept,
                    title=title,
                    level=level,
                    duties=duties.get(dept_name, ""),
                    order=order,
                ),
            )
        org_services.position_save(
            actor=ACTOR,
            position=Position(
                department=dept,
                title=f"{dept_name}干事",
                level=Position.Level.OFFICER,
                duties=f"在{dept_name}主任领导下完成部门日常工作。",
                order=len(posts) + 1,
            ),
        )


def _school_accounts(org, prefix, party_post, mentor=False):
    people = Person.objects.filter(organisation=org)
    admin = people.filter(current_post="党政办公室主任").first()
    party = people.filter(current_post=party_post).first()
    principal = people.filter(current_post="校长").first()
    teacher = (
        people.filter(current_post="教师", birth_date__gte=date(1985, 1, 1))
        .order_by("staff_no")
        .first()
    )
    accounts = [
        _account(org, f"{prefix}-admin", admin.name, [Role.ADMIN], admin),
        _account(org, f"{prefix}-leader", principal.name, [Role.LEADING_GROUP], principal),
        _account(
            org, f"{prefix}-party", party.name, [Role.PARTY_COMMITTEE, Role.LEADING_GROUP], party
        ),
        _account(org, f"{prefix}-teacher", teacher.name, [Role.STAFF], teacher),
    ]
    if mentor:
        senior = people.filter(current_post__endswith="教研组长").order_by("staff_no").first()
        accounts.append(
            _account(org, f"{prefix}-mentor", senior.name, [Role.MENTOR, Role.STAFF], senior)
        )
    return accounts


def _account(org, username, name, roles, person=None):
    org_services.account_create(
        actor=ACTOR,
        organisation=org,
        username=username,
        full_name=name,
        password=DEMO_PASSWORD,
        roles=roles,
        person=person,
    )
    return {
        "username": username,
        "name": name,
        "organisation": org.short_name,
        "roles": [Role(r).label for r in roles],
    }
