"""A school's own Word templates: replacing the default one, and going back to it."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.opc.exceptions import OpcError
from jinja2 import TemplateError
from lxml.etree import XMLSyntaxError

from cadre.audit.services import audit_record

from . import application_form, appointment_form, letters
from .models import DocumentTemplate
from .rendering import render_docx

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
# A few megabytes of zip can unpack to gigabytes; a real form unpacks to well under this.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
SAMPLE_CONTEXTS = {
    DocumentTemplate.Kind.APPLICATION_FORM: application_form.sample_context,
    DocumentTemplate.Kind.APPOINTMENT_FORM: appointment_form.sample_context,
    DocumentTemplate.Kind.RESPONSIBILITY_LETTER: letters.sample_context,
    DocumentTemplate.Kind.POST_CERTIFICATE: letters.sample_context,
}


def _check_kind(kind: str) -> None:
    if kind not in DocumentTemplate.Kind.values:
        raise ValidationError(_("Unknown kind of document: %(kind)s.") % {"kind": kind})


def _check_docx(filename: str, content: bytes) -> None:
    not_docx = _(
        "“%(name)s” is not a Word .docx file. A .doc or .wps file must first be saved "
        "as .docx in Word or WPS."
    ) % {"name": filename}
    if not filename.lower().endswith(".docx"):
        raise ValidationError(not_docx)
    if len(content) > MAX_TEMPLATE_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than %(mb)s MB.")
            % {"name": filename, "mb": MAX_TEMPLATE_BYTES // (1024 * 1024)}
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise ValidationError(not_docx) from exc
    if "word/document.xml" not in {m.filename for m in members}:
        raise ValidationError(not_docx)
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("“%(name)s” unpacks to more than %(mb)s MB, far more than a form needs.")
            % {"name": filename, "mb": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _check_renders(kind: str, content: bytes) -> None:
    """Fill the template with sample data, so that a broken tag is found now, not when the
    forms are printed."""
    try:
        render_docx(content, SAMPLE_CONTEXTS[kind]())
    except TemplateError as exc:
        raise _template_error(exc) from exc
    except (OpcError, XMLSyntaxError, KeyError, ValueError) as exc:
        raise ValidationError(
            _("This template cannot be used: %(error)s")
            % {"error": str(exc) or exc.__class__.__name__}
        ) from exc


def _template_error(exc: TemplateError) -> ValidationError:
    # Jinja's line number counts the XML, which the school never sees; the text around the
    # broken tag, which docxtpl keeps, is what lets them find it in Word.
    near = next((t.strip() for t in getattr(exc, "docx_context", ()) if "{" in t), "")
    error = exc.message or exc.__class__.__name__
    if near:
        return ValidationError(
            _("This template cannot be used: %(error)s (near “%(text)s”)")
            % {"error": error, "text": near[:80]}
        )
    return ValidationError(_("This template cannot be used: %(error)s") % {"error": error})


@transaction.atomic
def template_upload(
    *, actor, organisation, kind: str, filename: str, content: bytes
) -> DocumentTemplate:
    """Replace the default template of this kind with the school's own."""
    _check_kind(kind)
    _check_docx(filename, content)
    _check_renders(kind, content)
    previous = (
        DocumentTemplate.objects.select_for_update()
        .filter(organisation=organisation, kind=kind)
        .first()
    )
    before = {"filename": previous.filename, "size": len(previous.content)} if previous else None
    template, _created = DocumentTemplate.objects.update_or_create(
        organisation=organisation,
        kind=kind,
        defaults={
            "filename": filename[:200],
            "content": content,
            "uploaded_at": timezone.now(),
            # The audit trail also takes a process name as actor; only a user is stored here.
            "uploaded_by": actor if getattr(actor, "pk", None) else None,
        },
    )
    audit_record(
        actor=actor,
        organisation=organisation,
        action="document_template.upload",
        obj=template,
        before=before,
        after={"kind": kind, "filename": filename, "size": len(content)},
    )
    return template


@transaction.atomic
def template_reset(*, actor, organisation, kind: str) -> bool:
    """Go back to the default template. False when the school had none of its own."""
    _check_kind(kind)
    template = (
        DocumentTemplate.objects.select_for_update()
        .filter(organisation=organisation, kind=kind)
        .first()
    )
    if template is None:
        return False
    audit_record(
        actor=actor,
        organisation=organisation,
        action="document_template.reset",
        obj=template,
        before={"kind": kind, "filename": template.filename, "size": len(template.content)},
    )
    template.delete()
    return True
