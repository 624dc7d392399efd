"""The programme's tables as files (后备干部推荐汇总表, 综合考评表, 后备干部名单), and a reserve
cadre's 培养档案."""

from django.http import Http404

from cadre.core.downloads import DOCX, XLSX, ZIP, written
from cadre.orgs.access import Can

from .. import exports
from ..dossier import dossier as dossier_of
from ..dossier_docx import dossier_docx, dossier_zip, filename
from ._helpers import cadre_view, programme_view

DOSSIER_FORMATS = {"docx": (dossier_docx, DOCX), "zip": (dossier_zip, ZIP)}


@programme_view(Can.VIEW_ROSTER)
def export(request, org, programme, kind, fmt):
    if kind not in exports.KINDS or fmt not in ("xlsx", "docx"):
        raise Http404
    title, writer = exports.KINDS[kind]
    return written(
        lambda stream: writer(programme, stream, fmt),
        f"{programme.title}{title}.{fmt}",
        XLSX if fmt == "xlsx" else DOCX,
    )


@cadre_view(Can.VIEW)
def dossier(request, org, programme, cadre, allowed, fmt):
    """The dossier as a Word document, or as a zip of it and the materials uploaded: for
    whoever may open the dossier's page (the office, the leaders, the cadre, his mentor)."""
    if fmt not in DOSSIER_FORMATS:
        raise Http404
    writer, content_type = DOSSIER_FORMATS[fmt]
    d = dossier_of(cadre)
    return written(lambda stream: writer(d, stream), filename(d, fmt), content_type)
