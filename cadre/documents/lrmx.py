"""The appointment approval form as a .lrmx file, the XML of the 任免审批表 editor that
organisation departments use, so that the bureau can take it into its own system unretyped.

The elements, their order and their formats follow the files the editor writes (version
3.2.1.16): months as YYYYMM, the day the age is counted on and the filling-in date as
YYYYMMDD, the 简历 one period a line with "--" between its dates.
"""

import xml.etree.ElementTree as ET
from datetime import date

from cadre.appointments.models import Proposal

from .appointment_form import FORM_NAME, AppointmentRecord, appointment_record
from .rendering import safe_filename

VERSION = "3.2.1.16"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def _month(value) -> str:
    return f"{value.value.year:04d}{value.value.month:02d}" if value else ""


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def lrmx_fields(r: AppointmentRecord) -> list[tuple[str, str | None]]:
    """(element, text) in the editor's order; None marks a container left empty."""
    return [
        ("XingMing", r.name),
        ("XingBie", r.gender),
        ("ChuShengNianYue", _month(r.birth)),
        ("MinZu", r.ethnicity),
        ("JiGuan", r.native_place),
        ("ChuShengDi", r.native_place),
        ("RuDangShiJian", _month(r.party_date)),
        ("CanJiaGongZuoShiJian", _month(r.work_start_date)),
        ("JianKangZhuangKuang", r.health),
        ("ZhuanYeJiShuZhiWu", r.title),
        ("ShuXiZhuanYeYouHeZhuanChang", r.speciality),
        ("QuanRiZhiJiaoYu_XueLi", r.education),
        ("QuanRiZhiJiaoYu_XueWei", r.degree),
        ("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", r.graduated),
        ("QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", r.graduated if r.degree else ""),
        ("ZaiZhiJiaoYu_XueLi", ""),
        ("ZaiZhiJiaoYu_XueWei", ""),
        ("ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", ""),
        ("ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", ""),
        ("XianRenZhiWu", r.current_post),
        ("NiRenZhiWu", r.proposed_post),
        ("NiMianZhiWu", r.leaving_post),
        ("JianLi", "\n".join(p.line(dash="--", gap="  ") for p in r.resume)),
        ("JiangChengQingKuang", r.rewards),
        ("NianDuKaoHeJieGuo", r.appraisals),
        ("RenMianLiYou", r.reason),
        # The roster holds no family members: the editor's table is left for the office.
        ("JiaTingChengYuan", None),
        ("ChengBaoDanWei", r.school_name),
        ("JiSuanNianLingShiJian", _day(r.age_on)),
        ("TianBiaoShiJian", _day(r.filled_on)),
        ("TianBiaoRen", ""),
        ("ShenFenZheng", ""),
        ("ZhaoPian", ""),
        ("Version", VERSION),
    ]


def lrmx_bytes(r: AppointmentRecord) -> bytes:
    root = ET.Element("Person")
    for tag, text in lrmx_fields(r):
        ET.SubElement(root, tag).text = text or None
    ET.indent(root)
    # The declaration written out, not ElementTree's: the editor's own files carry this one.
    return XML_DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8")


def appointment_form_lrmx(proposal: Proposal, *, today: date | None = None) -> tuple[str, bytes]:
    """(file name, content) of the .lrmx file of the proposal's appointee."""
    content = lrmx_bytes(appointment_record(proposal, today=today))
    filename = safe_filename(
        proposal.person.staff_no, proposal.person.name, FORM_NAME, suffix=".lrmx"
    )
    return filename, content
