from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cadre.orgs.models import Organisation


class AuditEntry(models.Model):
    """One entry of the whole-process record (全程纪实).

    Rows are only ever appended (see services.audit_record); `hash` chains them.
    """

    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor"), max_length=150)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["organisation", "-id"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def hashed_fields(self) -> dict:
        return {
            "at": self.at.isoformat(),
            "actor": self.actor_label,
            "organisation": self.organisation_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "before": self.before,
            "after": self.after,
        }


class AuditHead(models.Model):
    """The single row that holds the chain's latest hash.

    Writers lock it (SELECT … FOR UPDATE) so that concurrent app servers append one at a time
    and never chain two entries to the same predecessor.
    """

    hash = models.CharField(max_length=64)

    def __str__(self):
        return self.hash
