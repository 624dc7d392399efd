"""The secret ballot's tables.

A Ballot row holds what was marked and nothing else: no code, voter, time or ordered id (its
key is random). Trackers live in their own table, unlinked to ballots. Codes are stored only as
keyed hashes. On closing, ballots and trackers are rewritten in random order (services.close).
"""

import secrets
import uuid
from fractions import Fraction

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cadre.campaigns.models import Campaign
from cadre.orgs.models import Organisation
from cadre.people.models import Person

from . import tally


def _public_id():
    return secrets.token_urlsafe(9)


def _salt():
    return secrets.token_hex(16)


def default_options():
    return [
        {
            "code": o.code,
            "label": o.label,
            "satisfied": o.satisfied,
            "weight": o.weight,
            "unknown": o.unknown,
        }
        for o in tally.DEFAULT_OPTIONS
    ]


class Evaluation(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", _("Rate every candidate (democratic evaluation)")
        CHOOSE = "choose", _("Choose at most k names (recommendation)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Voting open")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="evaluations"
    )
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RATING)
    options = models.JSONField(_("rating options"), default=default_options)
    unknown_in_base = models.BooleanField(_("“Don't know” counts in the base"), default=False)
    blank_in_base = models.BooleanField(_("Blank marks count in the base"), default=False)
    threshold_num = models.PositiveSmallIntegerField(_("threshold numerator"), default=2)
    threshold_den = models.PositiveSmallIntegerField(_("threshold denominator"), default=3)
    max_choices = models.PositiveSmallIntegerField(_("names one may choose"), null=True, blank=True)
    entitled = models.PositiveIntegerField(_("entitled to vote (应到)"), default=0)
    speech_minutes = models.PositiveSmallIntegerField(_("speech length (minutes)"), default=6)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    closes_at = models.DateTimeField(_("closes automatically at"), null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    public_id = models.CharField(max_length=20, unique=True, default=_public_id)
    salt = models.CharField(max_length=32, default=_salt, editable=False)
    current_speaker = models.PositiveSmallIntegerField(null=True, blank=True)
    speech_started_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    board = models.JSONField(null=True, blank=True)
    board_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-id"]

    def __str__(self):
        return self.title

    @property
    def threshold(self) -> Fraction:
        return Fraction(self.threshold_num, self.threshold_den)

    def rules(self) -> tally.Rules:
        return tally.Rules(
            options=tuple(tally.Option(**o) for o in self.options),
            unknown_in_base=self.unknown_in_base,
            blank_in_base=self.blank_in_base,
            threshold=self.threshold,
        )


class Candidate(models.Model):
    """A candidate on the ballot, in speech order."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("positions"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "person"], name="candidate_once")
        ]

    def __str__(self):
        return self.person.name

    @property
    def key(self) -> str:
        return str(self.pk)


class CodeBatch(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="batches")
    size = models.PositiveIntegerField()
    voided = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.evaluation} #{self.pk}"


class VotingCode(models.Model):
    """A one-time code, as its keyed hash only. Spending it is one conditional UPDATE."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="+")
    batch = models.ForeignKey(CodeBatch, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    spent = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "code_hash"], name="code_once")
        ]

    def __str__(self):
        return self.code_hash[:8]


class Ballot(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="+")
    marks = models.JSONField()

    def __str__(self):
        return str(self.id)


class Tracker(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="+")
    value = models.CharField(max_length=16)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "value"], name="tracker_once")]

    def __str__(self):
        return self.value


class CheckIn(models.Model):
    """Who is present (实到); nothing links it to any code."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="check_ins")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "person"], name="checkin_once")
        ]

    def __str__(self):
        return self.person.name


class PaperBatch(models.Model):
    """Paper ballots, entered twice by two people; counted once both entries match."""

    class Kind(models.TextChoices):
        BALLOTS = "ballots", _("Ballot by ballot")
        COUNTS = "counts", _("Totals per candidate")

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="paper_batches"
    )
    kind = models.CharField(_("entered as"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=60)
    confirmed = models.BooleanField(default=False)
    data = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.label


class PaperEntry(models.Model):
    batch = models.ForeignKey(PaperBatch, on_delete=models.CASCADE, related_name="entries")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    data = models.JSONField()
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["batch", "entered_by"], name="paper_entry_once")
        ]

    def __str__(self):
        return f"{self.batch} · {self.entered_by}"
