from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cadre.orgs.models import Organisation
from cadre.people.models import Person

from .arithmetic import has_quorum


class Body(models.Model):
    """A body that decides collectively: a leading group, a party committee."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("decision-making body")
        verbose_name_plural = _("decision-making bodies")

    def __str__(self):
        return self.name


class BodyMember(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Group head")
        DEPUTY = "deputy", _("Group deputy head")
        MEMBER = "member", _("Group member")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "person"], name="bodymember_unique_person")
        ]

    def __str__(self):
        return f"{self.person.name}（{self.get_role_display()}）"


class Decision(models.Model):
    """The record of one collective decision: who was there, who stood aside, the vote."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions")
    subject = models.CharField(_("subject"), max_length=200)
    kind = models.CharField(max_length=40)
    date = models.DateField(_("date of the meeting"))
    present = models.ManyToManyField(BodyMember, related_name="+", verbose_name=_("present"))
    recused = models.ManyToManyField(
        BodyMember, related_name="+", blank=True, verbose_name=_("recused")
    )
    votes_for = models.PositiveSmallIntegerField(_("for"))
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.subject}"

    @property
    def quorate(self) -> bool:
        return has_quorum(self.present.count(), self.body.members.count())
