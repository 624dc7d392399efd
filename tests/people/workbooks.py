"""Roster workbooks built cell by cell, as a school office would fill the template."""

import io

from openpyxl import Workbook

HEADERS = {
    "教职工": [
        "工号",
        "姓名",
        "性别",
        "出生日期",
        "民族",
        "籍贯",
        "政治面貌",
        "入党时间",
        "参加工作时间",
        "最高学历",
        "学位",
        "毕业院校",
        "专业",
        "职称",
        "部门",
        "现任职务",
        "任教学科",
        "手机号",
        "在职状态",
    ],
    "任职经历": ["工号", "任职类别", "部门或单位", "开始日期", "结束日期"],
    "年度考核": ["工号", "年度", "结果"],
    "荣誉": ["工号", "日期", "名称", "级别"],
}


def person(staff_no, name, **cells):
    row = {
        "工号": staff_no,
        "姓名": name,
        "性别": "女",
        "出生日期": "1985-03-12",
        "民族": "汉族",
        "政治面貌": "群众",
        "最高学历": "大学本科",
        "在职状态": "在职",
    }
    row.update(cells)
    return row


def workbook(people=(), posts=(), appraisals=(), honours=(), headers=None) -> io.BytesIO:
    headers = headers or HEADERS
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, rows in (
        ("教职工", people),
        ("任职经历", posts),
        ("年度考核", appraisals),
        ("荣誉", honours),
    ):
        ws = wb.create_sheet(sheet)
        ws.append(headers[sheet])
        for row in rows:
            ws.append([row.get(h) for h in headers[sheet]])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf
