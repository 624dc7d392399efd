"""The oral defence (现场答辩): the external panel, its experts, their score sheets, and the
shortlist for inspection (考察对象) confirmed by the leading group."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cadre.campaigns.models import Campaign, CampaignPosition
from cadre.decisions.models import Decision
from cadre.people.models import Person

from .scoring import Weights

DEFAULT_DIMENSIONS = [
    {"code": "political", "label": "政治素养", "max": 25},
    {"code": "organising", "label": "组织能力", "max": 25},
    {"code": "managing", "label": "管理能力", "max": 25},
    {"code": "coordinating", "label": "协调能力", "max": 25},
]
OPTIONAL_DIMENSIONS = [
    {"code": "understanding", "label": "岗位认知", "max": 10},
    {"code": "ideas", "label": "工作思路", "max": 10},
    {"code": "expression", "label": "语言表达", "max": 10},
]


def _defaults():
    return [dict(d) for d in DEFAULT_DIMENSIONS]


class Panel(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Defence in session")
        CLOSED = "closed", _("Scoring closed")

    class Measure(models.TextChoices):
        RATE = "rate", _("Satisfaction rate")
        SCORE = "score", _("Weighted option score")

    campaign = models.OneToOneField(Campaign, on_delete=models.PROTECT, related_name="panel")
    dimensions = models.JSONField(_("dimensions"), default=_defaults)
    step = models.DecimalField(
        _("points step"), max_digits=3, decimal_places=1, default=Decimal("0.5")
    )
    questions = models.JSONField(_("questions per position"), default=dict, blank=True)
    trim_from = models.PositiveSmallIntegerField(
        _("drop the highest and lowest from this many sheets"), default=5
    )
    evaluation_weight = models.DecimalField(
        _("weight of the democratic evaluation"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.40"),
    )
    defence_weight = models.DecimalField(
        _("weight of the oral defence"), max_digits=3, decimal_places=2, default=Decimal("0.60")
    )
    evaluation_measure = models.CharField(
        _("evaluation counted as"), max_length=6, choices=Measure.choices, default=Measure.RATE
    )
    shortlist_places = models.JSONField(
        _("places on the shortlist per position"),
        default=dict,
        blank=True,
        help_text=_("By position id; a position not named gets its quota."),
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shortlist_decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("expert panel")
        verbose_name_plural = _("expert panels")

    def __str__(self):
        return str(self.campaign)

    @property
    def weights(self) -> Weights:
        return Weights(self.evaluation_weight, self.defence_weight)

    @property
    def maximum(self) -> Decimal:
        return sum((Decimal(d["max"]) for d in self.dimensions), Decimal(0))

    def places(self, position: CampaignPosition) -> int:
        return int(self.shortlist_places.get(str(position.pk), position.quota))


class Expert(models.Model):
    """An external expert (外聘评委): no account, a personal link valid while in session."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="experts")
    name = models.CharField(_("name"), max_length=50)
    affiliation = models.CharField(_("affiliation"), max_length=100)
    title = models.CharField(_("title"), max_length=50, blank=True)
    # The personal link's token, as a keyed hash: the link itself is printed once.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    conflicts = models.ManyToManyField(
        Person, blank=True, related_name="+", verbose_name=_("declared conflicts (回避)")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class ScoreSheet(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="sheets")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="sheets")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    points = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    signature = models.CharField(_("signature"), max_length=50, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    on_paper = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["expert", "person"], name="one_sheet_per_candidate")
        ]

    def __str__(self):
        return f"{self.expert} · {self.person}"

    @property
    def total(self) -> Decimal:
        return sum((Decimal(v) for v in self.points.values()), Decimal(0))


class PaperScore(models.Model):
    """One person's entry of a filled paper score sheet; two matching entries by two people
    submit the sheet."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="paper_scores")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    points = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "person", "entered_by"], name="paper_score_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.expert} · {self.person} · {self.entered_by}"
