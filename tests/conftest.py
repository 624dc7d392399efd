"""Personas shared by the suite: a district with two schools and one account per role."""

import os
from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from hypothesis import settings as hypothesis_settings

from cadre.orgs.models import Department, Membership, Organisation, Position
from cadre.people.models import Person, PostHistory


def pytest_configure(config):
    from django.conf import settings

    # Hashing passwords the production way costs a third of a second per account.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CADRE_JOBS_INLINE = True
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        # A file, not SQLite's shared in-memory database: that one answers concurrent
        # writers with "table is locked" at once instead of queueing them as WAL does.
        # One file per test process, so that two runs side by side do not share it.
        db.setdefault("TEST", {})["NAME"] = str(settings.DATA_DIR / f"test-{os.getpid()}.sqlite3")


hypothesis_settings.register_profile("cadre", deadline=None, max_examples=200)
hypothesis_settings.load_profile("cadre")

PASSWORD = "correct-horse-battery-staple"
Role = Membership.Role


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


@dataclass
class World:
    district: Organisation
    school: Organisation
    other_school: Organisation
    department: Department
    position: Position
    person: Person  # the teacher's own roster entry
    colleague: Person
    other_person: Person  # on the other school's roster
    users: dict

    def client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client


def make_person(org, staff_no, name, **kwargs):
    defaults = dict(gender="女", birth_date=date(1988, 5, 1), education="大学本科")
    defaults.update(kwargs)
    return Person.objects.create(organisation=org, staff_no=staff_no, name=name, **defaults)


@pytest.fixture
def world(db) -> World:
    User = get_user_model()
    district = Organisation.objects.create(code="bureau", name="测试区教育局", kind="district")
    school = Organisation.objects.create(
        code="school-a", name="甲中学", kind="school", parent=district
    )
    other = Organisation.objects.create(
        code="school-b", name="乙中学", kind="school", parent=district
    )
    dept = Department.objects.create(organisation=school, name="党政办公室")
    position = Position.objects.create(department=dept, title="党政办公室主任", level="head")
    Department.objects.create(organisation=other, name="教务处")

    def user(username, org, *roles):
        u = User.objects.create_user(username, password=PASSWORD, first_name=username)
        for role in roles:
            Membership.objects.create(user=u, organisation=org, role=role)
        return u

    users = {
        "school_admin": user("admin-a", school, Role.ADMIN),
        "leader": user("leader-a", school, Role.LEADING_GROUP),
        "teacher": user("teacher-a", school, Role.STAFF),
        "other_admin": user("admin-b", other, Role.ADMIN),
        "district_admin": user("district", district, Role.DISTRICT_ADMIN),
    }
    person = make_person(school, "A001", "张老师", department=dept, user=users["teacher"])
    PostHistory.objects.create(person=person, role_kind="班主任", start_date=date(2019, 9, 1))
    colleague = make_person(school, "A002", "李老师", department=dept)
    other_person = make_person(other, "B001", "王老师")
    return World(district, school, other, dept, position, person, colleague, other_person, users)


@pytest.fixture
def browser_env():
    # Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
    # inside one unless told that this is deliberate.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def today_is(monkeypatch):
    """`today_is(day)` moves the product's calendar to `day` for the rest of the test.

    Some records can only be made once their day has come (a decision is recorded on or after
    the day its body sat), and a reserve cadre's cycle ends in 2027: the tests of its end
    live there. Only today moves; a datetime given to localdate is converted as usual, and
    the live server's thread, in this process, sees the same day."""
    from django.utils import timezone

    real = timezone.localdate

    def move(day: date) -> None:
        monkeypatch.setattr(
            timezone,
            "localdate",
            lambda value=None, tz=None: day if value is None else real(value, tz),
        )

    return move


def every_row() -> dict[str, list]:
    """Every row of every table the product owns (many-to-many tables too), by model label,
    in key order: to show that a refused request or a restore left the database exactly as it was.
    Plain SQL, because the form fuzzer takes a few hundred of these."""
    from django.apps import apps
    from django.db import connection

    quote = connection.ops.quote_name
    out = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed:
                continue
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")
            out[model._meta.label] = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                for row in cursor.fetchall()
            ]
    return out
