from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredFile(models.Model):
    """A file people attach, kept in the database: it is private, served only through a
    permission-checked view, and needs no shared disk between app servers."""

    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self):
        return self.name


class TimetableStage(models.Model):
    """One line of a plan's timetable: planned dates and, through its milestone (each plan
    names its own), the step whose completion marks it done."""

    name = models.CharField(_("stage"), max_length=100)
    planned_start = models.DateField(_("from"))
    planned_end = models.DateField(_("to"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        verbose_name = _("timetable stage")
        verbose_name_plural = _("timetable")
        ordering = ["order", "planned_start", "id"]

    def __str__(self):
        return self.name
