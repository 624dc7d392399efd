from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.orgs.models import Organisation


class DocumentTemplate(models.Model):
    """A school's own Word template for a generated document, replacing the default.

    Kept in the database for the same reason as attachments: no shared disk between app
    servers, and it is small.
    """

    class Kind(models.TextChoices):
        APPLICATION_FORM = "application_form", _("Application form (自荐表)")
        APPOINTMENT_FORM = (
            "appointment_form",
            _("Cadre appointment approval form (干部任免审批表)"),
        )
        RESPONSIBILITY_LETTER = (
            "responsibility_letter",
            _("Target-responsibility letter (聘用目标责任书)"),
        )
        POST_CERTIFICATE = "post_certificate", _("Post certificate (岗位证书)")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="document_templates"
    )
    kind = models.CharField(_("document"), max_length=30, choices=Kind.choices)
    filename = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"], name="documenttemplate_one_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.get_kind_display()}"
