"""Files sent to the browser as downloads, all one way."""

import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    # Django writes the header, with the UTF-8 form that Chinese file names need.
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def written(write, filename: str, content_type: str = XLSX) -> HttpResponse:
    """A download that `write(stream)` produces (an openpyxl or python-docx document)."""
    buf = io.BytesIO()
    write(buf)
    return download(buf.getvalue(), filename, content_type)
