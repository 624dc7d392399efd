"""培养措施: what the office arranges for each tier (job rotation for the near term, a mentor
each year for the mid term) and what the cadre, his mentor and the office record of it —
study, mentoring meetings, self-improvement practice — with the reports and notes they upload
for the dossier."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadre.audit.services import audit_record, snapshot
from cadre.core.uploads import attachment_store
from cadre.people.models import Person, PostHistory
from cadre.people.vocab import ACTIVE_STATUSES
from cadre.rules.periods import Period, length

from ..models import (
    MENTOR_POSTS,
    SENIOR_CLASS_TEACHER_YEARS,
    Activity,
    Material,
    Mentorship,
    ReserveCadre,
    Rotation,
    Tier,
)

Horizon = Tier.Horizon
Kind = Activity.Kind
# 五、2: which tier each measure is for; study (组织学习) is for everyone.
MEASURE_HORIZON = {
    Kind.ROTATION: Horizon.NEAR,
    Kind.MENTORING: Horizon.MID,
    Kind.PRACTICE: Horizon.LONG,
}


def _require_active(cadre: ReserveCadre, doing) -> None:
    if not cadre.active:
        raise ValidationError(
            _("%(doing)s is not possible: %(name)s is no longer in cultivation (%(status)s).")
            % {"doing": doing, "name": cadre.person.name, "status": cadre.get_status_display()}
        )


def _require_horizon(cadre: ReserveCadre, kind: str) -> None:
    horizon = MEASURE_HORIZON.get(kind)
    if horizon and cadre.tier.horizon != horizon:
        raise ValidationError(
            _(
                "%(measure)s is the measure for the tier to be used “%(horizon)s”; "
                "%(name)s is in %(tier)s."
            )
            % {
                "measure": Kind(kind).label,
                "horizon": Horizon(horizon).label,
                "name": cadre.person.name,
                "tier": cadre.tier,
            }
        )


def _require_within(cadre: ReserveCadre, day: date, what) -> None:
    if day < cadre.since:
        raise ValidationError(
            _("%(what)s is dated before %(name)s entered the reserve (%(since)s).")
            % {"what": what, "name": cadre.person.name, "since": cadre.since.isoformat()}
        )
    if day > timezone.localdate():
        raise ValidationError(_("%(what)s cannot be dated in the future.") % {"what": what})


def _same_school(cadre: ReserveCadre, person: Person | None, role) -> None:
    if person is None:
        return
    if (
        person.organisation_id != cadre.programme.organisation_id
        or person.status not in ACTIVE_STATUSES
    ):
        raise ValidationError(
            _("The %(role)s must be serving staff of this school.") % {"role": role}
        )
    if person.pk == cadre.person_id:
        raise ValidationError(_("The %(role)s cannot be the cadre himself.") % {"role": role})


def _arranged(actor, cadre: ReserveCadre, arrangement, action: str):
    """Save a rotation or pairing of the cadre, with its before and after on the record."""
    model = type(arrangement)
    before = snapshot(model.objects.get(pk=arrangement.pk)) if arrangement.pk else None
    arrangement.cadre = cadre
    arrangement.save()
    audit_record(
        actor=actor,
        organisation=cadre.programme.organisation,
        action=f"{action}.{'update' if before else 'create'}",
        obj=arrangement,
        object_repr=f"{cadre} · {arrangement}",
        before=before,
        after=snapshot(arrangement),
    )
    return arrangement


@transaction.atomic
def rotation_save(*, actor, cadre: ReserveCadre, rotation: Rotation) -> Rotation:
    """Place a near-term cadre in a department (岗位锻炼), or record the department's
    evaluation of the placement."""
    doing = gettext_lazy("Arranging a job rotation")
    _require_active(cadre, doing)
    _require_horizon(cadre, Kind.ROTATION)
    if rotation.department.organisation_id != cadre.programme.organisation_id:
        raise ValidationError(_("The department is not one of this school's."))
    _same_school(cadre, rotation.supervisor, _("supervisor"))
    if rotation.starts < cadre.since:
        raise ValidationError(
            _("%(what)s is dated before %(name)s entered the reserve (%(since)s).")
            % {
                "what": _("The rotation"),
                "name": cadre.person.name,
                "since": cadre.since.isoformat(),
            }
        )
    if rotation.ends and rotation.ends < rotation.starts:
        raise ValidationError(_("The rotation ends before it starts."))
    return _arranged(actor, cadre, rotation, "reserve.rotation")


def mentor_blockers(person: Person, on: date) -> list[str]:
    """Why `person` cannot be a mentor on `on` (结对: 中层干部、年级主任、学科主任、资深班主任
    等优秀管理人员); empty when he can."""
    posts = list(PostHistory.objects.filter(person=person))
    held = {
        p.role_kind
        for p in posts
        if p.start_date <= on and (p.end_date is None or p.end_date >= on)
    }
    if held & set(MENTOR_POSTS):
        return []
    class_teacher = length(
        [Period(p.start_date, p.end_date) for p in posts if p.role_kind == "班主任"], on
    )
    if class_teacher.at_least(SENIOR_CLASS_TEACHER_YEARS):
        return []
    return [
        _(
            "%(name)s holds none of the posts a mentor is chosen from (%(posts)s) and has "
            "%(length)s as a class teacher, less than the %(years)s years of a senior class "
            "teacher."
        )
        % {
            "name": person.name,
            "posts": "、".join(MENTOR_POSTS),
            "length": str(class_teacher),
            "years": SENIOR_CLASS_TEACHER_YEARS,
        }
    ]


@transaction.atomic
def mentorship_save(*, actor, cadre: ReserveCadre, mentorship: Mentorship) -> Mentorship:
    """Pair a mid-term cadre with a mentor for one year of his cycle (renewed each year),
    or change the pair's goals or the mentor's summary."""
    doing = gettext_lazy("Pairing a mentor")
    _require_active(cadre, doing)
    _require_horizon(cadre, Kind.MENTORING)
    _same_school(cadre, mentorship.mentor, _("mentor"))
    blockers = mentor_blockers(mentorship.mentor, mentorship.starts)
    if blockers:
        raise ValidationError(blockers)
    if not mentorship.goals.strip():
        raise ValidationError(_("Set the goals of the pairing."))
    if mentorship.ends < mentorship.starts:
        raise ValidationError(_("The pairing ends before it starts."))
    if mentorship.starts < cadre.cycle_starts or mentorship.ends > cadre.cycle_ends:
        raise ValidationError(_("The pairing must fall within the cadre's cultivation cycle."))
    overlapping = cadre.mentorships.filter(
        starts__lte=mentorship.ends, ends__gte=mentorship.starts
    ).exclude(pk=mentorship.pk)
    if overlapping.exists():
        raise ValidationError(
            _("%(name)s already has a mentor for part of that year: one pair a year.")
            % {"name": cadre.person.name}
        )
    mentorship.goals = mentorship.goals.strip()
    return _arranged(actor, cadre, mentorship, "reserve.mentorship")


@transaction.atomic
def mentorship_summarise(*, actor, mentorship: Mentorship, summary: str) -> Mentorship:
    """The mentor's summary of the year of pairing."""
    if not summary.strip():
        raise ValidationError(_("Write the summary."))
    before = snapshot(mentorship)
    mentorship.summary = summary.strip()
    mentorship.save(update_fields=["summary"])
    audit_record(
        actor=actor,
        organisation=mentorship.cadre.programme.organisation,
        action="reserve.mentorship.summary",
        obj=mentorship,
        object_repr=f"{mentorship.cadre} · {mentorship}",
        before=before,
        after=snapshot(mentorship),
    )
    return mentorship


@transaction.atomic
def activity_record(*, actor, cadre: ReserveCadre, activity: Activity) -> Activity:
    """Record one cultivation activity of the cadre."""
    _require_active(cadre, gettext_lazy("Recording an activity"))
    kind = activity.kind
    _require_horizon(cadre, kind)
    _require_within(cadre, activity.date, _("The activity"))
    if not activity.topic.strip():
        raise ValidationError(_("Name the topic."))
    if activity.hours is not None:
        activity.hours = Decimal(str(activity.hours))
    if activity.hours is not None and activity.hours <= 0:
        raise ValidationError(_("The hours must be more than zero."))
    if kind == Kind.STUDY and activity.hours is None:
        raise ValidationError(_("Enter the hours of study."))
    if kind == Kind.PRACTICE and not activity.area:
        raise ValidationError(_("Choose the area of practice."))
    if kind != Kind.PRACTICE:
        activity.area = ""
    if kind == Kind.MENTORING:
        activity.mentorship = cadre.mentorships.filter(
            starts__lte=activity.date, ends__gte=activity.date
        ).first()
        if activity.mentorship is None:
            raise ValidationError(
                _("%(name)s has no mentor on %(date)s: pair a mentor for that year first.")
                % {"name": cadre.person.name, "date": activity.date.isoformat()}
            )
    else:
        activity.mentorship = None
    if kind == Kind.ROTATION:
        activity.rotation = (
            cadre.rotations.filter(starts__lte=activity.date)
            .filter(Q(ends__isnull=True) | Q(ends__gte=activity.date))
            .first()
        )
        if activity.rotation is None:
            raise ValidationError(
                _("%(name)s is on no job rotation on %(date)s.")
                % {"name": cadre.person.name, "date": activity.date.isoformat()}
            )
    else:
        activity.rotation = None
    activity.cadre = cadre
    activity.topic = activity.topic.strip()
    activity.recorded_by = actor if not isinstance(actor, str) else None
    activity.save()
    audit_record(
        actor=actor,
        organisation=cadre.programme.organisation,
        action="reserve.activity.create",
        obj=activity,
        object_repr=f"{cadre} · {activity}",
        after=snapshot(activity, exclude=("recorded_at",)),
    )
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    cadre = activity.cadre
    _require_active(cadre, gettext_lazy("Deleting an activity"))
    audit_record(
        actor=actor,
        organisation=cadre.programme.organisation,
        action="reserve.activity.delete",
        obj=activity,
        object_repr=f"{cadre} · {activity}",
        before=snapshot(activity, exclude=("recorded_at",)),
    )
    activity.delete()


@transaction.atomic
def material_delete(*, actor, material: Material) -> None:
    """Take back an upload (the wrong file, say) while the cadre is in cultivation; the
    record keeps what it was."""
    cadre = material.cadre
    _require_active(cadre, gettext_lazy("Deleting material"))
    audit_record(
        actor=actor,
        organisation=cadre.programme.organisation,
        action="reserve.material.delete",
        obj=material,
        object_repr=f"{cadre} · {material.name}",
        before={
            "kind": material.kind,
            "title": material.title,
            "name": material.name,
            "size": material.size,
            "type": material.content_type,
        },
    )
    material.delete()


@transaction.atomic
def material_upload(
    *,
    actor,
    cadre: ReserveCadre,
    kind: str,
    title: str,
    name: str,
    content: bytes,
    activity: Activity | None = None,
) -> Material:
    """Add a report, reflection or notes to the cadre's dossier: PDF, Word, JPG or PNG."""
    _require_active(cadre, gettext_lazy("Uploading material"))
    if kind not in Material.Kind.values:
        raise ValidationError(_("Choose the kind of material."))
    if not title.strip():
        raise ValidationError(_("Give the material a title."))
    if activity is not None and activity.cadre_id != cadre.pk:
        raise ValidationError(_("The activity is not one of this cadre's."))
    material = attachment_store(
        actor=actor,
        organisation=cadre.programme.organisation,
        attachments=cadre.materials,
        owner=cadre,
        name=name,
        content=content,
        action="reserve.material.upload",
        word=True,
        limit=None,
        extra={
            "kind": kind,
            "title": title.strip(),
            "activity": activity,
            "uploaded_by": actor if not isinstance(actor, str) else None,
        },
    )
    return material
