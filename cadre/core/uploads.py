"""Files people attach (PDF, JPG, PNG): checked by content, not by the name the browser
sends, and stored through one function so every one is on the record."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cadre.audit.services import audit_record
from cadre.core.downloads import DOCX

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENTS = 10
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def _is_docx(content: bytes) -> bool:
    if not content.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def attachment_type(name: str, content: bytes, word: bool = False) -> str:
    """The content type of an acceptable attachment; ValidationError otherwise. With `word`,
    a Word document (.docx, checked to be one inside) is acceptable too."""
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than %(mb)s MB.")
            % {"name": name, "mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)}
        )
    content_type = next((t for sig, t in SIGNATURES.items() if content.startswith(sig)), None)
    if content_type is None and word and _is_docx(content):
        content_type = DOCX
    if content_type is None:
        if word:
            raise ValidationError(
                _("“%(name)s” is not a PDF, Word (.docx), JPG or PNG file.") % {"name": name}
            )
        raise ValidationError(_("“%(name)s” is not a PDF, JPG or PNG file.") % {"name": name})
    return content_type


def attachment_store(
    *,
    actor,
    organisation,
    attachments,
    owner,
    name: str,
    content: bytes,
    action,
    word: bool = False,
    limit: int | None = MAX_ATTACHMENTS,
    extra: dict | None = None,
):
    """Check a file and add it to `attachments`, the owner's related manager of a
    core.models.StoredFile (with `extra` fields of the subclass); the audit entry names the
    owner and the file. `limit` caps the files per owner (None: a dossier grows for years)."""
    content_type = attachment_type(name, content, word=word)
    if limit is not None and attachments.count() >= limit:
        raise ValidationError(_("At most %(n)s attachments.") % {"n": limit})
    attachment = attachments.create(
        name=name[:200],
        content_type=content_type,
        size=len(content),
        content=content,
        **(extra or {}),
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
