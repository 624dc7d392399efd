from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cadre.core.models import StoredFile, TimetableStage
from cadre.decisions.models import Body, Decision
from cadre.orgs.models import Department, Organisation, Position
from cadre.people.models import Person


class Campaign(models.Model):
    """An appointment campaign (竞聘工作方案) and where it stands."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FILED = "filed", _("Approved and filed")
        PUBLISHED = "published", _("Published, registration open")
        REGISTRATION_CLOSED = "registration_closed", _("Registration closed")
        REVIEW_DONE = "review_done", _("Qualification review done")
        INSPECTION = "inspection", _("Shortlisted, under inspection")
        PROPOSED = "proposed", _("Proposed appointees decided")
        NOTICE = "notice", _("Public notice")
        APPROVED = "approved", _("Approved by the joint meeting")
        CLOSED = "closed", _("Appointed, campaign closed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="campaigns"
    )
    title = models.CharField(_("title"), max_length=120)
    preamble = models.TextField(_("preamble and basis"), blank=True)
    guiding_idea = models.TextField(_("guiding idea"), blank=True)
    principles = models.TextField(_("principles"), blank=True)
    conditions_text = models.TextField(_("conditions as published"), blank=True)
    procedure = models.TextField(_("procedure"), blank=True)
    other_provisions = models.TextField(_("other provisions"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    evaluators = models.CharField(_("who evaluates"), max_length=100, default="全体教师")
    speech_minutes = models.PositiveSmallIntegerField(_("speech length (minutes)"), default=6)
    max_choices = models.PositiveSmallIntegerField(
        _("positions one may apply for"),
        default=2,
        help_text=_("A first choice and, up to this number, further choices."),
    )
    reference_date = models.DateField(
        _("reference date of the conditions"),
        help_text=_("Ages and lengths of service are counted up to this day."),
    )
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_deadline = models.DateTimeField(_("registration deadline"))
    leading_group = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("leading group"),
    )
    leading_group_formed_on = models.DateField(_("leading group formed on"), null=True, blank=True)
    joint_meeting = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("joint meeting of the party and administration"),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField(_("approved by the school leadership on"), null=True, blank=True)
    approval_note = models.CharField(_("approving meeting"), max_length=200, blank=True)
    filed_on = models.DateField(_("filed with the education bureau on"), null=True, blank=True)
    filing_reference = models.CharField(_("filing reference"), max_length=80, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    candidate_decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The plan's published text, and the settings a copy carries over to next year.
    TEXT_SECTIONS = (
        "preamble",
        "guiding_idea",
        "principles",
        "conditions_text",
        "procedure",
        "other_provisions",
        "how_to_apply",
    )
    CARRIED_OVER = (*TEXT_SECTIONS, "evaluators", "speech_minutes", "max_choices")

    class Meta:
        verbose_name = _("appointment campaign")
        verbose_name_plural = _("appointment campaigns")
        ordering = ["-registration_opens", "-id"]

    def __str__(self):
        return self.title


class CampaignPosition(models.Model):
    """A position offered with its quota (拟聘职数)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="positions")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    position = models.ForeignKey(
        Position,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("post in the organisation"),
    )
    title = models.CharField(_("position"), max_length=100)
    level = models.CharField(_("level"), max_length=12, choices=Position.Level.choices)
    quota = models.PositiveSmallIntegerField(_("quota"), default=1)
    quota_min = models.PositiveSmallIntegerField(
        _("at least"),
        null=True,
        blank=True,
        help_text=_("For a range such as officers 1–2; empty when the quota is exact."),
    )
    duties = models.TextField(_("duties"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("position offered")
        verbose_name_plural = _("positions offered")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "title"], name="campaignposition_title")
        ]

    def __str__(self):
        return self.title

    @property
    def quota_text(self) -> str:
        return f"{self.quota_min}–{self.quota}" if self.quota_min else str(self.quota)


class Stage(TimetableStage):
    """One line of the timetable (六、竞聘工作具体时间安排)."""

    class Milestone(models.TextChoices):
        """The step of the procedure whose completion marks the stage done, so the timeline
        can show its actual date next to the planned one."""

        NONE = "", _("(not tracked)")
        LEADING_GROUP = "leading_group", _("Leading group formed")
        PLAN = "plan", _("Plan approved")
        REGISTRATION = "registration", _("Positions published, registration closed")
        REVIEW = "review", _("Qualification review decided")
        EVALUATION = "evaluation", _("Speeches and democratic evaluation held")
        DEFENCE = "defence", _("Oral defence scored, shortlist decided")
        INSPECTION = "inspection", _("Inspected, proposed appointees decided")
        NOTICE = "notice", _("Public notice ended")
        FILING = "filing", _("Reported to the education bureau")
        APPOINTMENT = "appointment", _("Appointed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="stages")
    milestone = models.CharField(
        _("done when"), max_length=16, choices=Milestone.choices, blank=True, default=""
    )


class Rule(models.Model):
    """An eligibility condition (竞聘条件) of the campaign, checked by cadre.rules.engine."""

    class Kind(models.TextChoices):
        BIRTH_CUTOFF = "birth_cutoff", _("Born on or after a date")
        MIN_EDUCATION = "min_education", _("Minimum education")
        MIN_EXPERIENCE = "min_experience", _("Minimum length of experience in roles")
        POLITICAL_STATUS = "political_status", _("Political status")
        MIN_TITLE = "min_title", _("Minimum professional title")
        MANUAL = "manual", _("Attested by the reviewer")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="rules")
    label = models.CharField(_("condition"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    levels = models.JSONField(
        _("position levels"),
        default=list,
        help_text=_("The position levels the condition applies to; empty means all."),
    )
    exemptable = models.BooleanField(_("may be relaxed for an outstanding candidate"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("eligibility condition")
        verbose_name_plural = _("eligibility conditions")
        ordering = ["order", "id"]

    def __str__(self):
        return self.label

    def applies_to(self, level: str) -> bool:
        return not self.levels or level in self.levels

    @property
    def levels_display(self) -> str:
        return "、".join(str(Position.Level(level).label) for level in self.levels)


class Application(models.Model):
    """A person's application form (自荐表) in one campaign."""

    class Source(models.TextChoices):
        SELF = "self", _("Self-nomination")
        PEER = "peer", _("Peer recommendation")
        ORGANISATION = "organisation", _("Organisational recommendation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="applications")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="applications")
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.SELF
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    accepts_reassignment = models.BooleanField(_("accepts reassignment (服从调剂)"), default=False)
    achievements = models.TextField(_("achievements and honours"), blank=True)
    strengths = models.TextField(_("strengths for the post"), blank=True)
    work_plan = models.TextField(_("work plan"), blank=True)
    pledge = models.BooleanField(_("I pledge that this form is true"), default=False)
    profile = models.JSONField(
        default=dict,
        blank=True,
        help_text="The roster's data as it stood when the form was submitted.",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person"], name="application_one_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person.name} · {self.campaign}"


class Candidacy(models.Model):
    """One position named on an application, in order of preference: the unit of review."""

    class Result(models.TextChoices):
        PENDING = "", _("Not reviewed")
        QUALIFIED = "qualified", _("Qualified")
        NOT_QUALIFIED = "not_qualified", _("Not qualified")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="candidacies"
    )
    position = models.ForeignKey(
        CampaignPosition, on_delete=models.PROTECT, related_name="candidacies"
    )
    rank = models.PositiveSmallIntegerField(_("choice"))
    verdicts = models.JSONField(default=list, blank=True)
    attestations = models.JSONField(default=dict, blank=True)
    result = models.CharField(
        _("review result"), max_length=14, choices=Result.choices, blank=True, default=""
    )
    reason = models.TextField(_("reason"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application_id", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"], name="candidacy_one_per_position"
            ),
            models.UniqueConstraint(fields=["application", "rank"], name="candidacy_rank"),
        ]

    def __str__(self):
        return f"{self.application.person.name} → {self.position.title}"


class Exemption(models.Model):
    """A condition relaxed for an outstanding candidate (特别优秀的可放宽)."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="exemptions")
    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["candidacy", "rule"], name="exemption_once")]

    def __str__(self):
        return f"{self.candidacy} · {self.rule}"


class Nomination(models.Model):
    """A recommendation of a colleague (群众举荐) or by the organisation (组织推荐)."""

    class Channel(models.TextChoices):
        PEER = "peer", _("Peer recommendation")
        ORGANISATION = "organisation", _("Organisational recommendation")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the nominee")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="nominations")
    nominee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="nominations")
    position = models.ForeignKey(CampaignPosition, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "nominee", "position", "nominated_by"],
                name="nomination_once_per_nominator",
            )
        ]

    def __str__(self):
        return f"{self.nominee.name} → {self.position.title}"


class Attachment(StoredFile):
    """A file attached to an application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(StoredFile.Meta):
        pass
