"""Files people attach (PDF, JPG, PNG): checked by content, not by the name the browser
sends."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
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
