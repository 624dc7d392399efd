"""The reserve-cadre pipeline (后备干部培养): a programme and its tiers, the democratic
recommendation, the comprehensive evaluation, and the reserve cadres the committee decides."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cadre.ballots.models import Evaluation
from cadre.core.models import TimetableStage
from cadre.decisions.models import Body, Decision
from cadre.orgs.models import Organisation
from cadre.people.models import Person

from .arithmetic import AgeGuide

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
    """A person the party committee decided to cultivate in a tier."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In cultivation")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="reserve_cadres"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="reserve_records")
    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="cadres")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    since = models.DateField(_("in the reserve since"))
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("reserve cadre")
        verbose_name_plural = _("reserve cadres")
        ordering = ["tier__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="reserve_cadre_once")
        ]

    def __str__(self):
        return f"{self.person.name}（{self.tier}）"
