"""Files people attach (PDF, JPG, PNG): checked by content, not by the name the browser
sends, and stored through one function so every one is on the record."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cadre.audit.services import audit_record

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENTS = 10
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def attachment_type(name: str, content: bytes) -> str:
    """The content type of an acceptable attachment; ValidationError otherwise."""
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than %(mb)s MB.")
            % {"name": name, "mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)}
        )
    content_type = next((t for sig, t in SIGNATURES.items() if content.startswith(sig)), None)
    if content_type is None:
        raise ValidationError(_("“%(name)s” is not a PDF, JPG or PNG file.") % {"name": name})
    return content_type


def attachment_store(*, actor, organisation, attachments, owner, name: str, content: bytes, action):
    """Check a file and add it to `attachments`, the owner's related manager of a
    core.models.StoredFile; the audit entry names the owner and the file."""
    content_type = attachment_type(name, content)
    if attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(_("At most %(n)s attachments.") % {"n": MAX_ATTACHMENTS})
    attachment = attachments.create(
        name=name[:200], content_type=content_type, size=len(content), content=content
    )
    audit_record(
        actor=actor,
        organisation=organisation,
        action=action,
        obj=attachment,
        object_repr=f"{owner} · {name}",
        after={"name": name, "size": len(content), "type": content_type},
    )
    return attachment
