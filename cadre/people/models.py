from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.orgs.models import Department, Organisation

from . import vocab
from .dates import age_on, format_cn


def _choices(values):
    return [(v, v) for v in values]


phone_validator = RegexValidator(r"^1[3-9]\d{9}$", _("Enter an 11-digit mobile number."))


class Person(models.Model):
    """A member of staff (教职工) of one school."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="staff")
    staff_no = models.CharField(_("staff number"), max_length=30)
    name = models.CharField(_("name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=_choices(vocab.GENDERS))
    birth_date = models.DateField(_("date of birth"))
    birth_date_month_only = models.BooleanField(default=False)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=10, choices=_choices(vocab.ETHNICITIES), default="汉族"
    )
    native_place = models.CharField(_("native place"), max_length=30, blank=True)
    political_status = models.CharField(
        _("political status"),
        max_length=10,
        choices=_choices(vocab.POLITICAL_STATUSES),
        default="群众",
    )
    party_date = models.DateField(_("joined the party"), null=True, blank=True)
    party_date_month_only = models.BooleanField(default=False)
    work_start_date = models.DateField(_("started work"), null=True, blank=True)
    work_start_date_month_only = models.BooleanField(default=False)
    education = models.CharField(
        _("highest education"), max_length=10, choices=_choices(vocab.EDUCATION_LEVELS)
    )
    degree = models.CharField(
        _("degree"), max_length=4, choices=_choices(vocab.DEGREES), blank=True
    )
    graduated_from = models.CharField(_("graduated from"), max_length=60, blank=True)
    major = models.CharField(_("major"), max_length=60, blank=True)
    title = models.CharField(_("professional title"), max_length=30, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    current_post = models.CharField(_("current post"), max_length=60, blank=True)
    subject = models.CharField(_("subject taught"), max_length=30, blank=True)
    phone = models.CharField(
        _("mobile phone"), max_length=11, blank=True, validators=[phone_validator]
    )
    status = models.CharField(
        _("employment status"),
        max_length=4,
        choices=_choices(vocab.EMPLOYMENT_STATUSES),
        default="在职",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["staff_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "staff_no"], name="person_unique_staff_no"
            )
        ]
        indexes = [models.Index(fields=["organisation", "name"])]

    def __str__(self):
        return f"{self.name}（{self.staff_no}）"

    @property
    def age(self) -> int:
        return age_on(self.birth_date, timezone.localdate())

    @property
    def birth_display(self) -> str:
        return format_cn(self.birth_date, self.birth_date_month_only)


class PostHistory(models.Model):
    """A period in a role (任职经历); an empty end date means the role is held now."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts")
    role_kind = models.CharField(_("role kind"), max_length=10, choices=_choices(vocab.ROLE_KINDS))
    unit = models.CharField(_("department or unit"), max_length=60, blank=True)
    start_date = models.DateField(_("start date"))
    start_date_month_only = models.BooleanField(default=False)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_date_month_only = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("post held")
        verbose_name_plural = _("post history")
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="posthistory_end_after_start",
            )
        ]

    def __str__(self):
        return f"{self.role_kind} {self.unit}"


class Appraisal(models.Model):
    """Annual appraisal (年度考核)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="appraisals")
    year = models.PositiveSmallIntegerField(_("year"))
    result = models.CharField(_("result"), max_length=4, choices=_choices(vocab.APPRAISAL_RESULTS))

    class Meta:
        verbose_name = _("annual appraisal")
        verbose_name_plural = _("annual appraisals")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="appraisal_one_per_year")
        ]

    def __str__(self):
        return f"{self.year} {self.result}"


class Honour(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="honours")
    date = models.DateField(_("date"))
    date_month_only = models.BooleanField(default=False)
    name = models.CharField(_("honour"), max_length=100)
    level = models.CharField(_("level"), max_length=4, choices=_choices(vocab.HONOUR_LEVELS))

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-date", "id"]

    def __str__(self):
        return self.name


class Discipline(models.Model):
    """A disciplinary record (处分); it bars appointment while in force."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disciplines")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=_choices(vocab.DISCIPLINE_KINDS))
    reason = models.CharField(_("reason"), max_length=200)
    expires = models.DateField(_("in force until"), null=True, blank=True)

    class Meta:
        verbose_name = _("disciplinary record")
        verbose_name_plural = _("disciplinary records")
        ordering = ["-date", "id"]

    def __str__(self):
        return f"{self.kind} {self.date}"


class RosterUpload(models.Model):
    """An uploaded roster workbook: checked, previewed, then applied, each as a job.

    Kept in the database, not on a local disk, so the confirming request may reach another
    app server than the uploading one.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking the workbook")
        FAILED = "failed", _("The workbook has errors")
        CHECKED = "checked", _("Checked, awaiting confirmation")
        APPLYING = "applying", _("Importing")
        APPLIED = "applied", _("Imported")
        STALE = "stale", _("The roster changed since the preview")
        ERROR = "error", _("The import stopped")

    RUNNING = (Status.CHECKING, Status.APPLYING)

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.filename

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def is_stalled(self) -> bool:
        """A running job that has not reported for two minutes: its process is gone."""
        silent = timezone.now() - self.updated_at
        return self.is_running and silent.total_seconds() > 120

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)
