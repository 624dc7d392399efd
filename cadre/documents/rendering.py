"""Word templates: which one a school uses, and filling one in."""

import io
import re
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from .models import DocumentTemplate

DEFAULTS_DIR = Path(__file__).parent / "default_templates"
DEFAULT_FILES = {
    DocumentTemplate.Kind.APPLICATION_FORM: "application_form.docx",
    DocumentTemplate.Kind.APPOINTMENT_FORM: "appointment_form.docx",
    DocumentTemplate.Kind.RESPONSIBILITY_LETTER: "responsibility_letter.docx",
    DocumentTemplate.Kind.POST_CERTIFICATE: "post_certificate.docx",
}
_UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\s]+')


def default_template(kind: str) -> tuple[str, bytes]:
    name = DEFAULT_FILES[kind]
    return name, (DEFAULTS_DIR / name).read_bytes()


def template_file(organisation, kind: str) -> tuple[str, bytes]:
    """(file name, content) of the school's own template, or of the default one."""
    custom = (
        DocumentTemplate.objects.filter(organisation=organisation, kind=kind)
        .values_list("filename", "content")
        .first()
    )
    if custom is None:
        return default_template(kind)
    filename, content = custom
    return filename, bytes(content)  # PostgreSQL hands back a memoryview


def render_docx(template: bytes, context: dict) -> bytes:
    """The template filled in with the context.

    A school's template is code that runs on our server, so it runs sandboxed: it sees the
    context and nothing behind it. Autoescaping keeps a "<" or "&" typed into a form from
    breaking the document's XML.
    """
    document = DocxTemplate(io.BytesIO(template))
    document.render(context, jinja_env=SandboxedEnvironment(autoescape=True), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def safe_filename(*parts: str, suffix: str = ".docx") -> str:
    """CZ0012-张三-自荐表.docx, with nothing in it that a file system would read as a path."""
    return "-".join(_UNSAFE_IN_FILENAME.sub("_", p.strip()) for p in parts) + suffix
