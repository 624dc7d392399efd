"""The reserve-cadre pipeline (后备干部培养): a programme and its tiers, the democratic
recommendation, the comprehensive evaluation, and the reserve cadres the committee decides."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cadre.ballots.models import Evaluation
from cadre.core.models import StoredFile, TimetableStage
from cadre.decisions.models import Body, Decision
from cadre.orgs.models import Department, Organisation
from cadre.people.models import Person

from .arithmetic import AgeGuide
from .cycle import Year, years

# The seed's 三、选拔标准 items 1–6: every nominee must meet them, attested on his sheet.
BASIC_CRITERIA = (
    "认真贯彻党的路线、方针、政策，具有较高的政治觉悟和政策理论水平，坚持四项基本原则",
    "热爱教育事业，有强烈的事业心、责任心和优秀的师德修养，具有良好的群众基础，服务意识强",
    "办事公道、作风正派，有较强的自律意识",
    "具有较高的业务水平和组织管理协调能力",
    "做事认真负责，善于学习进取，乐意承担并较好完成本职以外的工作",
    "在工作和学习中带头示范作用明显，教学和管理业绩突出，群众认可度高",
)
# Item 7: the roles that give priority, as the roster names them.
PRIORITY_ROLES = ("学科主任", "年级组长", "班主任", "校团委委员", "备课组长", "社团指导老师")
# 五、2.(2): a mid-term cadre's mentor is one of the 中层干部、年级主任、学科主任 or a 资深班主任.
MENTOR_POSTS = ("校级领导", "中层正职", "中层副职", "年级组长", "学科主任", "教研组长")
SENIOR_CLASS_TEACHER_YEARS = 5


class Programme(models.Model):
    """A batch of the reserve programme (第二批“三四五”后备干部培养计划) and where it stands."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published, recommendation open")
        EVALUATION = "evaluation", _("Recommendation closed, comprehensive evaluation")
        SUBMITTED = "submitted", _("Preliminary list before the party committee")
        DECIDED = "decided", _("Reserve cadres decided by the party committee")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="programmes"
    )
    title = models.CharField(_("title"), max_length=120)
    preamble = models.TextField(_("preamble"), blank=True)
    guiding_idea = models.TextField(_("guiding idea"), blank=True)
    criteria = models.JSONField(_("basic criteria"), default=list)
    priority_text = models.TextField(_("priority conditions as published"), blank=True)
    priority_roles = models.JSONField(_("roles that give priority"), default=list)
    procedure = models.TextField(_("procedure"), blank=True)
    cycle_years = models.PositiveSmallIntegerField(_("cycle (years)"), default=3)
    reference_date = models.DateField(
        _("reference date"), help_text=_("Ages and experience are counted up to this day.")
    )
    recommendation_opens = models.DateField(_("recommendation opens"))
    recommendation_closes = models.DateField(_("recommendation closes"))
    leading_group = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("leading group for reserve cadres"),
    )
    committee = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("party committee"),
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    recommendation_closed_on = models.DateField(null=True, blank=True)
    list_submitted_on = models.DateField(null=True, blank=True)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result_published_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.CharField(_("issued by"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reserve programme")
        verbose_name_plural = _("reserve programmes")
        ordering = ["-reference_date", "-id"]

    def __str__(self):
        return self.title

    def in_window(self, day) -> bool:
        return self.recommendation_opens <= day <= self.recommendation_closes


class Tier(models.Model):
    """One tier of the programme (the 三, 四 or 五 of “三四五”)."""

    class Horizon(models.TextChoices):
        NEAR = "near", _("Near term")
        MID = "mid", _("In 3–5 years")
        LONG = "long", _("Medium to long term")

    class AgeGuideKind(models.TextChoices):
        AT_MOST = "at_most", _("at most")
        ABOUT = "about", _("about")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tiers")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=40)
    target = models.PositiveSmallIntegerField(_("target count"))
    age_years = models.PositiveSmallIntegerField(_("age guide (years)"))
    age_kind = models.CharField(
        _("age guide"), max_length=8, choices=AgeGuideKind.choices, default=AgeGuideKind.AT_MOST
    )
    age_tolerance = models.PositiveSmallIntegerField(_("“about” means within (years)"), default=3)
    experience = models.TextField(_("experience sought"), blank=True)
    horizon = models.CharField(_("to be used"), max_length=6, choices=Horizon.choices)
    goal = models.TextField(_("cultivation goal"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    ballot = models.ForeignKey(
        Evaluation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tier")
        verbose_name_plural = _("tiers")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="tier_unique_code")
        ]

    def __str__(self):
        return f"“{self.code}”{self.name}"

    @property
    def age_guide(self) -> AgeGuide:
        return AgeGuide(
            self.age_years, self.age_kind == self.AgeGuideKind.ABOUT, self.age_tolerance
        )

    @property
    def age_text(self) -> str:
        if self.age_kind == self.AgeGuideKind.ABOUT:
            return f"{self.age_years}周岁左右"
        return f"{self.age_years}周岁以下"


class Stage(TimetableStage):
    """One line of the programme's timetable."""

    class Milestone(models.TextChoices):
        NONE = "", _("(not tracked)")
        PUBLISH = "publish", _("Plan published")
        RECOMMENDATION = "recommendation", _("Recommendation closed")
        EVALUATION = "evaluation", _("Preliminary list submitted")
        DECISION = "decision", _("Party committee decided")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="stages")
    milestone = models.CharField(
        _("done when"), max_length=16, choices=Milestone.choices, blank=True, default=""
    )


class Recommendation(models.Model):
    """One recommendation (民主推荐): a person for a tier, through a channel, with a reason."""

    class Channel(models.TextChoices):
        LEADERS = "leaders", _("School leaders")
        DEPARTMENT = "department", _("Department (处室)")
        SUBJECT_GROUP = "subject_group", _("Subject group (学科教研室)")
        GRADE = "grade", _("Grade department (年级部)")
        SELF = "self", _("Self-recommendation")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="recommendations"
    )
    channel = models.CharField(_("channel"), max_length=14, choices=Channel.choices)
    source = models.CharField(
        _("recommended by"),
        max_length=60,
        blank=True,
        help_text=_("The department, group or leader that recommends; empty for oneself."),
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("nominee")
    )
    tier = models.ForeignKey(
        Tier, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("tier")
    )
    reason = models.TextField(_("reason"))
    made_on = models.DateField(_("recommended on"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["channel", "source", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "channel", "source", "person"],
                name="recommendation_once_per_channel",
            )
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.source} → {self.person.name}"


class Sheet(models.Model):
    """A nominee's comprehensive evaluation (综合考评表): what the roster and the
    recommendation say is computed when shown; what people judge is kept here."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sheets")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    criteria_met = models.JSONField(_("basic criteria attested"), default=list)
    staff_opinion = models.TextField(_("staff representatives' opinion"), blank=True)
    conduct = models.TextField(_("consistent performance"), blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    proposed_tier = models.ForeignKey(
        Tier,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed tier"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("comprehensive evaluation")
        verbose_name_plural = _("comprehensive evaluations")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["programme", "person"], name="sheet_once")]

    def __str__(self):
        return f"{self.programme} · {self.person.name}"


class ReserveCadre(models.Model):
    """A person the party committee decided to cultivate in a tier, and where his
    cultivation stands."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In cultivation")
        PROMOTED = "promoted", _("Promoted at the end of the cycle")
        TERMINATED = "terminated", _("Cultivation terminated")
        DISQUALIFIED = "disqualified", _("Disqualified")

    class Reason(models.TextChoices):
        # 五、3.(2): the reasons the seed names for taking the qualification away.
        CONDUCT = "conduct", _("Moral character or teacher ethics (道德品质、师德师风)")
        INTEGRITY = "integrity", _("Integrity in teaching (廉洁从教)")
        MISTAKE = "mistake", _("A mistake at work with serious impact or loss")
        OPINION = "opinion", _("Strong objections among the staff (群众意见反应较大)")
        ASSESSMENT = "assessment", _("The annual assessment recommended termination")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="reserve_cadres"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="reserve_records")
    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="cadres")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    since = models.DateField(_("in the reserve since"))
    cycle_starts = models.DateField(_("cycle starts"))
    cycle_ends = models.DateField(_("cycle ends"))
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    left_on = models.DateField(_("left the reserve on"), null=True, blank=True)
    left_reason = models.CharField(
        _("reason"), max_length=12, choices=Reason.choices, blank=True, default=""
    )
    left_note = models.TextField(_("facts"), blank=True)
    left_decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("reserve cadre")
        verbose_name_plural = _("reserve cadres")
        ordering = ["tier__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="reserve_cadre_once")
        ]

    def __str__(self):
        return f"{self.person.name}（{self.tier}）"

    @property
    def years(self) -> list[Year]:
        return years(self.cycle_starts, self.cycle_ends)

    @property
    def active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def organisation(self):
        return self.programme.organisation


class Rotation(models.Model):
    """岗位锻炼: a near-term cadre placed in a department, e.g. as 干事, for a period."""

    cadre = models.ForeignKey(ReserveCadre, on_delete=models.CASCADE, related_name="rotations")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    role = models.CharField(_("role"), max_length=40, default="干事")
    starts = models.DateField(_("from"))
    ends = models.DateField(_("to"), null=True, blank=True)
    supervisor = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("supervisor"),
    )
    duties = models.TextField(_("work taken on"), blank=True)
    evaluation = models.TextField(_("the department's evaluation"), blank=True)

    class Meta:
        verbose_name = _("job rotation")
        verbose_name_plural = _("job rotations")
        ordering = ["starts", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__isnull=True) | models.Q(ends__gte=models.F("starts")),
                name="rotation_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.department.name} {self.role}"


class Mentorship(models.Model):
    """结对培养: a mentor paired with a mid-term cadre for one year of the cycle, renewed
    (with the same mentor or another) each year."""

    cadre = models.ForeignKey(ReserveCadre, on_delete=models.CASCADE, related_name="mentorships")
    mentor = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="mentees", verbose_name=_("mentor")
    )
    starts = models.DateField(_("from"))
    ends = models.DateField(_("to"))
    goals = models.TextField(_("goals"))
    summary = models.TextField(_("the mentor's summary of the year"), blank=True)

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        ordering = ["starts", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gte=models.F("starts")),
                name="mentorship_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.mentor.name} → {self.cadre.person.name}"

    def covers(self, day) -> bool:
        return self.starts <= day <= self.ends


class Activity(models.Model):
    """One thing done for the cadre's cultivation, recorded by him, his mentor or the
    office: a study session, a mentoring meeting, self-improvement practice, or a note from
    a job rotation."""

    class Kind(models.TextChoices):
        STUDY = "study", _("Study (理论学习)")
        ROTATION = "rotation", _("Job rotation (岗位锻炼)")
        MENTORING = "mentoring", _("Mentoring meeting (结对培养)")
        PRACTICE = "practice", _("Self-improvement (自我提升)")

    class Area(models.TextChoices):
        # 五、2.(3): where a long-term cadre practises.
        CLUB = "club", _("Guiding a student club (学生社团指导)")
        CLASS = "class", _("Class management (班级管理)")
        ROUTINE = "routine", _("Student routine management (学生常规管理)")
        LESSON_GROUP = "lesson_group", _("Lesson-preparation group (学科备课组活动)")
        PARTY = "party", _("Party branch activities (党支部活动)")

    cadre = models.ForeignKey(ReserveCadre, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    area = models.CharField(_("area"), max_length=12, choices=Area.choices, blank=True)
    mentorship = models.ForeignKey(
        Mentorship, null=True, blank=True, on_delete=models.CASCADE, related_name="meetings"
    )
    rotation = models.ForeignKey(
        Rotation, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=120)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cultivation activity")
        verbose_name_plural = _("cultivation activities")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.date} {self.topic}"


class Material(StoredFile):
    """A report, reflection or set of notes the cadre or his mentor uploads for the dossier
    (调查报告、学习体会、学习笔记总结)."""

    class Kind(models.TextChoices):
        SURVEY = "survey", _("Survey report (调查报告)")
        REFLECTION = "reflection", _("Reflection (学习体会)")
        NOTES = "notes", _("Study notes and summary (学习笔记总结)")
        OTHER = "other", _("Other material")

    cadre = models.ForeignKey(ReserveCadre, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=120)
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="materials"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("cultivation material")
        verbose_name_plural = _("cultivation materials")


class Assessment(models.Model):
    """The leading group's yearly assessment (年度考核) of one year of the cultivation."""

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("Excellent (优秀)")
        QUALIFIED = "qualified", _("Qualified (合格)")
        DEFERRED = "deferred", _("Deferred (暂缓评定)")
        TERMINATE = "terminate", _("Recommend termination (建议终止培养)")

    cadre = models.ForeignKey(ReserveCadre, on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("year of cultivation"))
    period_starts = models.DateField()
    period_ends = models.DateField()
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices)
    comments = models.TextField(_("comments"))
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("annual assessment")
        verbose_name_plural = _("annual assessments")
        ordering = ["period_ends", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cadre", "period_ends"], name="assessment_once")
        ]

    def __str__(self):
        return f"{self.cadre.person.name} {self.year}"


class Backfill(models.Model):
    """增补: a vacancy in a tier filled by the leading group's proposal and the party
    committee's approval, from the ranked nominees or by a new recommendation."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by the leading group")
        APPROVED = "approved", _("Approved by the party committee")
        REJECTED = "rejected", _("Not approved")

    class Source(models.TextChoices):
        RANKED = "ranked", _("From the ranked nominees")
        NEW = "new", _("A new recommendation")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="backfills")
    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="+")
    vacancy = models.ForeignKey(
        ReserveCadre,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vacancy left by"),
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("chosen"), max_length=6, choices=Source.choices)
    reason = models.TextField(_("reason"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposal = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")
    approval = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cadre = models.OneToOneField(
        ReserveCadre, null=True, blank=True, on_delete=models.PROTECT, related_name="backfill"
    )

    class Meta:
        verbose_name = _("back-fill")
        verbose_name_plural = _("back-fills")
        ordering = ["id"]

    def __str__(self):
        return f"{self.tier} · {self.person.name}"

    @property
    def organisation(self):
        return self.programme.organisation


class Outcome(models.Model):
    """The party committee's decision on a cadre at the end of his cycle (培养周期结束)."""

    class Kind(models.TextChoices):
        PROMOTE = "promote", _("Promote (提拔任用)")
        MOVE_UP = "move_up", _("Move up a tier (进入更高培养梯队)")
        EXTEND = "extend", _("Extend the cycle (延长培养期)")
        TERMINATE = "terminate", _("Terminate (终止培养)")

    cadre = models.ForeignKey(ReserveCadre, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=10, choices=Kind.choices)
    tier = models.ForeignKey(
        Tier,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("new tier"),
    )
    extended_to = models.DateField(_("extended to"), null=True, blank=True)
    comments = models.TextField(_("comments"), blank=True)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("end-of-cycle outcome")
        verbose_name_plural = _("end-of-cycle outcomes")
        ordering = ["decision__date", "id"]

    def __str__(self):
        return f"{self.cadre.person.name} {self.get_kind_display()}"
