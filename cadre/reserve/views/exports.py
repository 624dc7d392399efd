"""The programme's tables as files: 后备干部推荐汇总表, 综合考评表, 后备干部名单."""

from django.http import Http404

from cadre.core.downloads import DOCX, XLSX, written
from cadre.orgs.access import Can

from .. import exports
from ._helpers import programme_view


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
