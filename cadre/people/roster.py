"""Roster import and export: the diff against the database, and applying it in one go."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction

from cadre.audit.services import Change, audit_record_many
from cadre.orgs.models import Department, Organisation

from .dates import PartialDate
from .models import Appraisal, Honour, Person, PostHistory
from .roster_xlsx import (
    AppraisalRow,
    HonourRow,
    PersonRow,
    PostRow,
    RosterData,
    row_fields,
)

PERSON_ATTRS = row_fields(PersonRow)
_DATE_ATTRS = ("birth_date", "party_date", "work_start_date")
_PLAIN_ATTRS = [a for a in PERSON_ATTRS if a not in _DATE_ATTRS and a != "department"]


def _pd(value, month_only) -> PartialDate | None:
    return PartialDate(value, bool(month_only)) if value else None


def roster_data(organisation: Organisation) -> RosterData:
    """The organisation's roster in the workbook's shape, in four queries."""
    people = []
    person_values = [*(_PLAIN_ATTRS), *_DATE_ATTRS, *(f"{a}_month_only" for a in _DATE_ATTRS)]
    for v in (
        Person.objects.filter(organisation=organisation)
        .order_by("staff_no")
        .values(*person_values, "department__name")
    ):
        people.append(
            PersonRow(
                **{a: v[a] for a in _PLAIN_ATTRS},
                **{a: _pd(v[a], v[f"{a}_month_only"]) for a in _DATE_ATTRS},
                department=v["department__name"] or "",
            )
        )
    posts = [
        PostRow(
            staff_no=v["person__staff_no"],
            role_kind=v["role_kind"],
            unit=v["unit"],
            start=_pd(v["start_date"], v["start_date_month_only"]),
            end=_pd(v["end_date"], v["end_date_month_only"]),
        )
        for v in PostHistory.objects.filter(person__organisation=organisation)
        .order_by("person__staff_no", "start_date", "id")
        .values(
            "person__staff_no",
            "role_kind",
            "unit",
            "start_date",
            "start_date_month_only",
            "end_date",
            "end_date_month_only",
        )
    ]
    appraisals = [
        AppraisalRow(staff_no=s, year=y, result=r)
        for s, y, r in Appraisal.objects.filter(person__organisation=organisation)
        .order_by("person__staff_no", "year")
        .values_list("person__staff_no", "year", "result")
    ]
    honours = [
        HonourRow(
            staff_no=v["person__staff_no"],
            date=_pd(v["date"], v["date_month_only"]),
            name=v["name"],
            level=v["level"],
        )
        for v in Honour.objects.filter(person__organisation=organisation)
        .order_by("person__staff_no", "date", "id")
        .values("person__staff_no", "date", "date_month_only", "name", "level")
    ]
    return RosterData(people, posts, appraisals, honours)


def _by_person(rows) -> dict[str, list]:
    grouped = defaultdict(list)
    for r in rows:
        grouped[r.staff_no].append(r)
    return {k: sorted(v, key=_sort_key) for k, v in grouped.items()}


def _sort_key(row):
    return tuple(str(getattr(row, f)) for f in row_fields(type(row)))


@dataclass
class PersonChange:
    staff_no: str
    name: str
    created: bool
    fields: dict[str, tuple] = field(default_factory=dict)  # attr -> (old, new)
    records: list[str] = field(default_factory=list)  # which sub-sheets change


@dataclass
class ImportPlan:
    changes: list[PersonChange]
    unchanged: int
    new_departments: list[str]
    kept: list[str] = field(default_factory=list)  # sheets left out: their records stay

    @property
    def created(self) -> list[PersonChange]:
        return [c for c in self.changes if c.created]

    @property
    def updated(self) -> list[PersonChange]:
        return [c for c in self.changes if not c.created]

    @property
    def fingerprint(self) -> str:
        """Identifies the plan, so a confirmation applies exactly what was previewed."""
        h = hashlib.sha256()
        for c in self.changes:
            h.update(
                repr((c.staff_no, c.created, sorted(c.fields.items(), key=str), c.records)).encode()
            )
        h.update(repr(self.new_departments).encode())
        return h.hexdigest()[:16]


SUB_SHEETS = (("posts", "任职经历"), ("appraisals", "年度考核"), ("honours", "荣誉"))


def roster_plan(organisation: Organisation, data: RosterData) -> ImportPlan:
    current = roster_data(organisation)
    old_people = {p.staff_no: p for p in current.people}
    old_subs = {target: _by_person(getattr(current, target)) for target, _ in SUB_SHEETS}
    new_subs = {target: _by_person(getattr(data, target)) for target, _ in SUB_SHEETS}
    known_departments = set(
        Department.objects.filter(organisation=organisation).values_list("name", flat=True)
    )
    new_departments = sorted(
        {
            p.department
            for p in data.people
            if p.department and p.department not in known_departments
        }
    )
    changes, unchanged = [], 0
    for p in data.people:
        old = old_people.get(p.staff_no)
        change = PersonChange(p.staff_no, p.name, created=old is None)
        if old is not None:
            for attr in PERSON_ATTRS:
                a, b = getattr(old, attr), getattr(p, attr)
                if a != b:
                    change.fields[attr] = (_show(a), _show(b))
        for target, sheet in SUB_SHEETS:
            if sheet in data.left_out:
                continue
            if old_subs[target].get(p.staff_no, []) != new_subs[target].get(p.staff_no, []):
                change.records.append(sheet)
        if change.created or change.fields or change.records:
            changes.append(change)
        else:
            unchanged += 1
    kept = [sheet for _t, sheet in SUB_SHEETS if sheet in data.left_out]
    return ImportPlan(changes, unchanged, new_departments, kept)


def _show(value) -> str:
    return "" if value is None else str(value)


def _person_kwargs(p: PersonRow, departments: dict[str, int]) -> dict:
    kwargs = {a: getattr(p, a) for a in _PLAIN_ATTRS}
    for a in _DATE_ATTRS:
        pd = getattr(p, a)
        kwargs[a] = pd.value if pd else None
        kwargs[f"{a}_month_only"] = bool(pd and pd.month_only)
    kwargs["department_id"] = departments.get(p.department) if p.department else None
    return kwargs


def _record_view(rows) -> list[str]:
    return [
        " | ".join(_show(getattr(r, f)) for f in row_fields(type(r)) if f != "staff_no")
        for r in rows
    ]


@transaction.atomic
def roster_apply(
    *, actor, organisation: Organisation, data: RosterData, expected_fingerprint: str | None = None
) -> ImportPlan:
    """Apply a validated roster: all of it, or (on any exception) none of it."""
    plan = roster_plan(organisation, data)
    if expected_fingerprint is not None and plan.fingerprint != expected_fingerprint:
        raise StaleImport
    if not plan.changes:
        return plan
    audit_changes: list[Change] = []
    for name in plan.new_departments:
        dept = Department.objects.create(organisation=organisation, name=name, order=1000)
        audit_changes.append(Change("department.create", dept, after={"name": name}))
    departments = dict(
        Department.objects.filter(organisation=organisation).values_list("name", "id")
    )
    rows = {p.staff_no: p for p in data.people}
    existing = {
        p.staff_no: p
        for p in Person.objects.filter(
            organisation=organisation, staff_no__in=[c.staff_no for c in plan.updated]
        )
    }
    to_create = [
        Person(organisation=organisation, **_person_kwargs(rows[c.staff_no], departments))
        for c in plan.created
    ]
    Person.objects.bulk_create(to_create, batch_size=1000)
    update_fields = set()
    for c in plan.updated:
        person = existing[c.staff_no]
        for attr, value in _person_kwargs(rows[c.staff_no], departments).items():
            if getattr(person, attr) != value:
                setattr(person, attr, value)
                update_fields.add(attr)
    if update_fields:
        Person.objects.bulk_update(
            [existing[c.staff_no] for c in plan.updated if c.fields],
            sorted(update_fields),
            batch_size=1000,
        )
    ids = {p.staff_no: p.pk for p in to_create} | {k: p.pk for k, p in existing.items()}
    _replace_records(plan, data, ids)

    new_subs = {target: _by_person(getattr(data, target)) for target, _ in SUB_SHEETS}
    for c in plan.changes:
        after = (
            {k: v[1] for k, v in c.fields.items()}
            if not c.created
            else {a: _show(getattr(rows[c.staff_no], a)) for a in PERSON_ATTRS}
        )
        before = {k: v[0] for k, v in c.fields.items()} if not c.created else None
        for target, sheet in SUB_SHEETS:
            if sheet in c.records:
                after[sheet] = _record_view(new_subs[target].get(c.staff_no, []))
        audit_changes.append(
            Change(
                "person.import_create" if c.created else "person.import_update",
                object_type="people.person",
                object_id=str(ids[c.staff_no]),
                object_repr=f"{c.name}（{c.staff_no}）",
                before=before,
                after=after,
            )
        )
    audit_changes.append(
        Change(
            "roster.import",
            object_type="orgs.organisation",
            object_id=str(organisation.pk),
            object_repr=organisation.name,
            after={
                "created": len(plan.created),
                "updated": len(plan.updated),
                "unchanged": plan.unchanged,
                "new_departments": plan.new_departments,
            },
        )
    )
    audit_record_many(actor=actor, organisation=organisation, changes=audit_changes)
    if connection.vendor == "postgresql" and len(plan.changes) > 1000:
        # The planner still holds the statistics of a near-empty roster; without fresh ones
        # the first list page after a large import sorts the whole table.
        transaction.on_commit(_analyze)
    return plan


def _analyze() -> None:
    tables = [m._meta.db_table for m in (Person, PostHistory, Appraisal, Honour)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def _replace_records(plan: ImportPlan, data: RosterData, ids: dict[str, int]) -> None:
    """Replace the records of the sheets that changed, for the people whose records changed."""
    touched = {
        sheet: {c.staff_no for c in plan.changes if sheet in c.records} for _t, sheet in SUB_SHEETS
    }
    existing = {c.staff_no for c in plan.updated}
    for model, sheet in ((PostHistory, "任职经历"), (Appraisal, "年度考核"), (Honour, "荣誉")):
        stale = [ids[s] for s in touched[sheet] & existing]
        if stale:
            model.objects.filter(person_id__in=stale).delete()
    posts, appraised, honoured = (touched[s] for s in ("任职经历", "年度考核", "荣誉"))
    _insert(
        PostHistory,
        (
            "person_id",
            "role_kind",
            "unit",
            "start_date",
            "start_date_month_only",
            "end_date",
            "end_date_month_only",
        ),
        (
            (
                ids[r.staff_no],
                r.role_kind,
                r.unit,
                r.start.value,
                r.start.month_only,
                r.end.value if r.end else None,
                bool(r.end and r.end.month_only),
            )
            for r in data.posts
            if r.staff_no in posts
        ),
    )
    _insert(
        Appraisal,
        ("person_id", "year", "result"),
        ((ids[r.staff_no], r.year, r.result) for r in data.appraisals if r.staff_no in appraised),
    )
    _insert(
        Honour,
        ("person_id", "date", "date_month_only", "name", "level"),
        (
            (ids[r.staff_no], r.date.value, r.date.month_only, r.name, r.level)
            for r in data.honours
            if r.staff_no in honoured
        ),
    )


def _insert(model, columns: tuple[str, ...], rows) -> None:
    """Insert plain rows with one prepared statement.

    The rows are already validated and of the columns' types; bulk_create would spend most of
    a 10,000-person import turning 40,000 records into model instances and back into values.
    """
    rows = list(rows)
    if not rows:
        return
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(model._meta.get_field(c).column) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is ten times faster than row-by-row inserts on PostgreSQL.
            names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
            with cursor.cursor.copy(
                f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(sql, rows)


class StaleImport(Exception):
    """The roster changed between the preview and the confirmation."""
