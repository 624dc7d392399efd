from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A district education bureau or a school under it."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("Education bureau")
        SCHOOL = "school", _("School")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="schools",
    )
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "code"]

    def __str__(self):
        return self.name


class Department(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="department_unique_name")
        ]

    def __str__(self):
        return self.name


class Position(models.Model):
    """A post in a department (岗位职务) with its duties (岗位职责)."""

    class Level(models.TextChoices):
        HEAD = "head", _("Head")
        DEPUTY = "deputy", _("Deputy")
        ACTING_HEAD = "acting_head", _("Deputy presiding (acting head)")
        OFFICER = "officer", _("Officer")

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(_("title"), max_length=80)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    duties = models.TextField(_("duties"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["department__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["department", "title"], name="position_unique_title")
        ]

    def __str__(self):
        return self.title


class Membership(models.Model):
    """An account's role in one organisation; one account may hold several."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Organisation admin")
        LEADING_GROUP = "leading_group", _("Leading group member")
        PARTY_COMMITTEE = "party_committee", _("Party committee member")
        STAFF = "staff", _("Staff member")
        MENTOR = "mentor", _("Mentor")
        DISTRICT_ADMIN = "district_admin", _("District admin")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"
