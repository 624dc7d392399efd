"""From the shortlist to the appointment (竞聘程序 7–9): inspection, the leading group's
proposal, the public notice and its objections, the joint meeting's approval and the
appointment itself."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cadre.campaigns.models import Campaign, CampaignPosition
from cadre.core.models import StoredFile
from cadre.decisions.models import Decision
from cadre.orgs.models import Organisation
from cadre.people.models import Person


class Inspection(models.Model):
    """The party branch's inspection (组织考察) of one shortlisted candidate."""

    class Status(models.TextChoices):
        OPEN = "open", _("Being inspected")
        CONCLUDED = "concluded", _("Concluded")

    class Conclusion(models.TextChoices):
        SUITABLE = "suitable", _("Suitable for the post")
        UNSUITABLE = "unsuitable", _("Not suitable for the post")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="inspections")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="inspections")
    position = models.ForeignKey(CampaignPosition, on_delete=models.PROTECT, related_name="+")
    # The ranking as it stood when the shortlist was confirmed, kept for the record.
    composite = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    group_leader = models.CharField(_("head of the inspection group"), max_length=50, blank=True)
    group_members = models.CharField(
        _("members of the inspection group"), max_length=200, blank=True
    )
    talks = models.PositiveSmallIntegerField(_("individual talks held"), default=0)
    opinion_forms = models.PositiveSmallIntegerField(_("opinion forms returned"), default=0)
    documents_reviewed = models.BooleanField(
        _("personnel file and documents reviewed"), default=False
    )
    candidate_talk = models.BooleanField(_("talk with the candidate held"), default=False)
    findings = models.TextField(
        _("findings"),
        blank=True,
        help_text=_("Political quality, ability, diligence, achievements, integrity (德能勤绩廉)."),
    )
    conclusion = models.CharField(
        _("conclusion"), max_length=10, choices=Conclusion.choices, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    concluded_at = models.DateTimeField(null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["position__order", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="inspection_once")
        ]

    def __str__(self):
        return f"{self.person.name} · {self.position.title}"

    @property
    def methods(self) -> list[str]:
        """The methods used, as the record states them."""
        used = []
        if self.talks:
            used.append(f"个别谈话{self.talks}人")
        if self.opinion_forms:
            used.append(f"发放并收回征求意见表{self.opinion_forms}份")
        if self.documents_reviewed:
            used.append("查阅档案资料")
        if self.candidate_talk:
            used.append("与考察对象面谈")
        return used


class InspectionAttachment(StoredFile):
    """A file of the inspection (谈话记录, 征求意见汇总)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="attachments")

    class Meta(StoredFile.Meta):
        pass


class Proposal(models.Model):
    """The leading group's decision on one inspected candidate (拟聘 / 不拟聘) and, for a
    proposed appointee (拟聘人选), what follows: approval, division of work, appointment."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed for appointment")
        NOT_PROPOSED = "not_proposed", _("Not proposed")
        WITHDRAWN = "withdrawn", _("Withdrawn after the notice")
        APPROVED = "approved", _("Approved by the joint meeting")
        APPOINTED = "appointed", _("Appointed")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="proposals")
    inspection = models.OneToOneField(Inspection, on_delete=models.PROTECT, related_name="proposal")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="proposals")
    position = models.ForeignKey(CampaignPosition, on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=14, choices=Status.choices)
    withdrawn_reason = models.TextField(_("why the proposal was withdrawn"), blank=True)
    division_of_work = models.TextField(
        _("division of work (岗位分工)"),
        blank=True,
        help_text=_(
            "What the appointee is in charge of, as the party branch and the principal's "
            "office divide it."
        ),
    )
    appointed_on = models.DateField(_("appointed from"), null=True, blank=True)
    term_years = models.PositiveSmallIntegerField(_("term (years)"), default=3)

    class Meta:
        verbose_name = _("proposed appointee")
        verbose_name_plural = _("proposed appointees")
        ordering = ["position__order", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "person"], name="proposal_once")]

    def __str__(self):
        return f"{self.person.name} · {self.position.title}"

    @property
    def standing(self) -> bool:
        """Still on course for appointment."""
        return self.status in (self.Status.PROPOSED, self.Status.APPROVED, self.Status.APPOINTED)


class Notice(models.Model):
    """The public notice (公示) of the proposed appointees."""

    class Counting(models.TextChoices):
        CALENDAR = "calendar", _("calendar days")
        WORKING = "working", _("working days")

    campaign = models.OneToOneField(Campaign, on_delete=models.PROTECT, related_name="notice")
    starts_on = models.DateField(_("published on"))
    days = models.PositiveSmallIntegerField(_("length of the period"), default=5)
    counting = models.CharField(
        _("counted in"), max_length=8, choices=Counting.choices, default=Counting.CALENDAR
    )
    first_day_counts = models.BooleanField(_("the day of publication counts"), default=False)
    ends_on = models.DateField(_("period ends on"))
    contact = models.TextField(
        _("how to report a concern"),
        help_text=_("Telephone, e-mail, address and office that receive concerns."),
    )
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")

    def __str__(self):
        return f"{self.campaign} · {self.starts_on}—{self.ends_on}"


def _reference() -> str:
    return secrets.token_hex(4).upper()


class Objection(models.Model):
    """A concern reported during the notice period (反映问题), named or anonymous."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online form")
        LETTER = "letter", _("Letter")
        PHONE = "phone", _("Telephone")
        VISIT = "visit", _("In person")
        EMAIL = "email", _("E-mail")

    class Status(models.TextChoices):
        OPEN = "open", _("Being handled")
        CONCLUDED = "concluded", _("Concluded")

    class Finding(models.TextChoices):
        UNFOUNDED = "unfounded", _("Not substantiated")
        PARTLY = "partly", _("Partly substantiated")
        SUBSTANTIATED = "substantiated", _("Substantiated")

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="objections")
    proposal = models.ForeignKey(
        Proposal,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="objections",
        verbose_name=_("about"),
    )
    # What the reporter quotes to ask how his report was concluded.
    reference = models.CharField(max_length=8, unique=True, default=_reference, editable=False)
    channel = models.CharField(
        _("received by"), max_length=8, choices=Channel.choices, default=Channel.ONLINE
    )
    anonymous = models.BooleanField(_("anonymous"), default=True)
    reporter_name = models.CharField(_("your name"), max_length=50, blank=True)
    reporter_contact = models.CharField(_("contact"), max_length=100, blank=True)
    content = models.TextField(_("the concern"))
    received_at = models.DateTimeField(_("received at"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    handling = models.TextField(_("how it was looked into"), blank=True)
    finding = models.CharField(_("finding"), max_length=14, choices=Finding.choices, blank=True)
    conclusion = models.TextField(pgettext_lazy("concern", "conclusion"), blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["received_at", "id"]

    def __str__(self):
        return f"{self.reference} · {self.proposal or '—'}"


class Approval(models.Model):
    """The joint meeting's approval (党政联席会议) and the report to the education bureau."""

    campaign = models.OneToOneField(Campaign, on_delete=models.PROTECT, related_name="approval")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")
    reported_on = models.DateField(_("reported to the education bureau on"), null=True, blank=True)
    report_reference = models.CharField(_("report reference"), max_length=80, blank=True)
    bureau_reply_on = models.DateField(_("bureau's reply on"), null=True, blank=True)
    bureau_reply = models.CharField(_("bureau's reply"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")

    def __str__(self):
        return str(self.campaign)


class HolidayYear(models.Model):
    """A year's public holidays and make-up workdays (调休) entered by the office, for a year
    the chinese-calendar package does not cover yet."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="holiday_years"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    holidays = models.JSONField(_("public holidays"), default=list)
    workdays = models.JSONField(_("make-up workdays"), default=list, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("holiday arrangement")
        verbose_name_plural = _("holiday arrangements")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="holidayyear_once")
        ]

    def __str__(self):
        return f"{self.organisation} · {self.year}"
