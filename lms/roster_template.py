"""The roster import template: the header row, one example row, dropdowns for the columns
with fixed choices, and a 填写说明 sheet saying what each column accepts.

The accepted words come from :mod:`lms.roster_import` itself, so the template cannot promise
what the import refuses.
"""

from __future__ import annotations

import io

import xlsxwriter

from lms import roster_import as ri
from lms.eligibility import DISQUALIFICATION_ITEMS
from lms.measures import clause_text
from lms.models import DUTY_LABELS
from lms.spreadsheets import write_text, write_text_row

GENDERS = ["男", "女"]
EDUCATIONS = [word for word in ri.EDUCATION_WORDS]
WAIVERS = ["无", "边远地区", "特殊岗位"]
HIRE_METHODS = ["公开招聘", "劳务派遣", "人事代理"]

EXAMPLE = {
    "姓名": f"{ri.EXAMPLE_MARK}：张三",
    "性别": "男",
    "出生日期": "1995-05-20",
    "身份证号": ri.EXAMPLE_ID_NUMBER,
    "手机号": "13800000000",
    "学历": "高中",
    "学历放宽": "无",
    "放宽批准文号": "",
    "聘用方式": "劳务派遣",
    "合同开始日期": "2026-01-01",
    "合同结束日期": "2028-12-31",
    "岗位": "巡查劝导辅助岗",
    "职责": "报告违法信息、提醒劝导",
    "工作区域": "东湖片区",
    "不得聘用情形": "无",
    "主管执法人员": "",
}


def _duties_text() -> str:
    return "；".join(f"{n} {label}" for n, label in DUTY_LABELS.items())


def _disqualifications_text() -> str:
    return "；".join(f"{n} {clause_text(10, n).rstrip('；;。')}" for n in DISQUALIFICATION_ITEMS)


def column_notes() -> list[tuple[str, str, str]]:
    """(column, required or not, what it accepts) for every template column."""
    dates = f"日期，可写作 {ri.DATE_EXAMPLES}，或 Excel 日期格式"
    notes = {
        "姓名": ("必填", "本人姓名，最多 60 字。"),
        "性别": ("选填", "男 或 女；留空时按身份证号判断。"),
        "出生日期": ("选填", f"{dates}；须与身份证号一致，留空时按身份证号填写。"),
        "身份证号": ("必填", "18 位居民身份证号码，最后一位为数字或 X，校验位须正确。"),
        "手机号": (
            "按单位设置",
            "11 位手机号，以 13–19 开头；单位以手机号作登录名时必填，且不得与他人重复。",
        ),
        "学历": ("必填", f"可填：{ri.accepted(ri.EDUCATION_WORDS)}（第九条第（四）项）。"),
        "学历放宽": (
            "选填",
            "无、边远地区 或 特殊岗位；初中学历须经批准放宽，并填写放宽批准文号。",
        ),
        "放宽批准文号": ("放宽时必填", "批准放宽学历条件的文件文号。"),
        "聘用方式": ("必填", "公开招聘、劳务派遣 或 人事代理（第八条）。"),
        "合同开始日期": ("必填", dates + "。"),
        "合同结束日期": ("必填", dates + "；须晚于合同开始日期。"),
        "岗位": ("必填", "岗位名称，最多 60 字。"),
        "职责": (
            "选填",
            "第十三条所列职责，填项号或职责名称均可，多项用“、”或逗号分隔，如“5、6”或"
            f"“报告违法信息、提醒劝导”。各项：{_duties_text()}。",
        ),
        "工作区域": ("选填", "负责的片区或地点，最多 120 字。"),
        "不得聘用情形": (
            "选填",
            "第十条所列情形的项号 1–6，多项用“、”分隔；没有时留空或填“无”。有任何一项的"
            f"人员不得聘用。各项：{_disqualifications_text()}。",
        ),
        "主管执法人员": ("选填", "本单位主管执法人员的登录名；留空时以后在人员页面指定。"),
    }
    return [(header, *notes[header]) for header in ri.TEMPLATE_HEADERS]


def roster_template_xlsx() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#E0F2F1", "border": 1})
    example = book.add_format({"italic": True, "font_color": "#6B7280", "num_format": "@"})
    text = book.add_format({"num_format": "@"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    title = book.add_format({"bold": True, "font_size": 14})

    sheet = book.add_worksheet("花名册")
    last_row = ri.MAX_ROWS  # zero-based: rows 2 .. MAX_ROWS + 1 as the user counts them
    for column, header in enumerate(ri.TEMPLATE_HEADERS):
        write_text(sheet, 0, column, header, bold)
        # "@" (text) keeps ID and mobile numbers from turning into 4.4E+17 as people type.
        sheet.set_column(column, column, max(12, len(header) * 2 + 4), text)
        write_text(sheet, 1, column, EXAMPLE[header], example)
    sheet.set_column(3, 3, 22, text)
    sheet.set_column(12, 12, 30, text)
    sheet.write_comment(
        1, 0, "第 2 行是示例，导入时自动跳过，可以保留或删除。各列说明见“填写说明”工作表。"
    )
    choices = {"性别": GENDERS, "学历": EDUCATIONS, "学历放宽": WAIVERS, "聘用方式": HIRE_METHODS}
    for header, values in choices.items():
        column = ri.TEMPLATE_HEADERS.index(header)
        sheet.data_validation(
            1,
            column,
            last_row,
            column,
            {
                "validate": "list",
                "source": values,
                "ignore_blank": True,
                "error_title": f"{header}无效",
                "error_message": f"{header}可填：{'、'.join(values)}",
                "input_title": header,
                "input_message": "、".join(values),
            },
        )
    sheet.freeze_panes(1, 1)
    sheet.activate()

    notes = book.add_worksheet("填写说明")
    notes.set_column(0, 0, 16)
    notes.set_column(1, 1, 12)
    notes.set_column(2, 2, 90)
    notes.set_column(3, 3, 24)
    write_text(notes, 0, 0, "花名册导入模板：填写说明", title)
    general = [
        f"每个文件最多 {ri.MAX_ROWS} 行；保存为 .xlsx，或 UTF-8 / GB18030 编码的 .csv。",
        "第 1 行为列名，请勿修改；第 2 行是示例（姓名以“示例”开头），导入时自动跳过。",
        "导入前逐行检查：任何一行有误时列出全部错误行及原因，整个文件都不导入。",
        "有下拉箭头的列只能从列表中选择。",
    ]
    for offset, line in enumerate(general, start=2):
        write_text(notes, offset, 0, line)
    start = len(general) + 3
    write_text_row(notes, start, 0, ["列名", "是否必填", "可填写的内容", "示例"], bold)
    for row, (header, required, accepted) in enumerate(column_notes(), start=start + 1):
        write_text_row(notes, row, 0, [header, required, accepted, EXAMPLE[header]], wrap)
    book.close()
    return buffer.getvalue()
