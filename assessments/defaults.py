"""The shipped provincial template: 德、能、勤、绩、廉 with criteria that fit auxiliaries.

Criteria measure the auxiliary's own conduct and work — never fines or fees (Art. 18(3)(4)).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from assessments import rules
from assessments.models import AssessmentTemplate, Criterion, GradeBandRow, TemplateSection

DEFAULT_TEMPLATE_NAME = "行政执法辅助人员年度考核（省级通用）"

SECTIONS = [
    ("de", "德", "政治素质、职业道德和遵守纪律情况"),
    ("neng", "能", "岗位所需业务知识、技能和与群众沟通的能力"),
    ("qin", "勤", "出勤、工作态度和责任心"),
    ("ji", "绩", "完成执法人员交办的辅助性事务的数量、质量和效率"),
    ("lian", "廉", "廉洁自律情况"),
]


def _anchors(top: str, good: str, fair: str, poor: str) -> list[dict]:
    return [
        {"min": 9, "max": 10, "text": top},
        {"min": 7, "max": 8.99, "text": good},
        {"min": 6, "max": 6.99, "text": fair},
        {"min": 0, "max": 5.99, "text": poor},
    ]


# A criterion an agency adds gets these levels, scaled to its maximum, so that supervisors
# can tap a level on the scoring form as they can for the shipped criteria.
GENERIC_LEVELS = (
    "全面达到要求，表现突出",
    "达到要求，偶有不足",
    "基本达到要求，需要改进",
    "未达到要求",
)


def generic_anchors(max_score) -> list[dict]:
    """The four levels of _anchors (90 %, 70 %, 60 % of the maximum and below), for any
    maximum: for 10 they are the shipped criteria's 9–10, 7–8.99, 6–6.99 and 0–5.99."""
    top = float(max_score)
    bounds = [(0.9 * top, top), (0.7 * top, 0.9 * top - 0.01), (0.6 * top, 0.7 * top - 0.01),
              (0.0, 0.6 * top - 0.01)]  # fmt: skip
    return [
        {"min": _plain(low), "max": _plain(high), "text": text}
        for (low, high), text in zip(bounds, GENERIC_LEVELS, strict=True)
    ]


def _plain(number: float) -> int | float:
    """9 rather than 9.0, as the shipped levels are written and shown."""
    number = round(number, 2)
    return int(number) if number == int(number) else number


# section, name, description, measure, weight
CRITERIA = [
    (
        "de",
        "遵规守纪与职业操守",
        "遵守法律法规和本机关管理制度，服从执法人员指挥，不以执法人员名义行事",
        "conduct",
        10,
        _anchors(
            "严守纪律，服从指挥，从未越权行事，可作表率",
            "遵守纪律，服从指挥，偶有需提醒之处",
            "基本遵守纪律，有过被批评教育的情形",
            "多次违反纪律或不服从指挥",
        ),
    ),
    (
        "de",
        "着装与执法辅助形象",
        "按规定着装、佩戴标志，工作证件随身携带，仪容举止端庄",
        "conduct",
        10,
        _anchors(
            "始终规范着装、佩证上岗，仪容整洁",
            "着装规范，偶有疏漏并及时改正",
            "着装佩证时有不规范",
            "经常不按规定着装或不佩戴工作证件",
        ),
    ),
    (
        "neng",
        "业务知识与岗位技能",
        "掌握岗位所需法律知识和操作技能，能准确完成信息录入、检查记录、设备操作等辅助工作",
        "skill",
        15,
        _anchors(
            "业务熟练，能独立高质量完成各项辅助工作并指导新人",
            "业务较熟练，能按要求完成辅助工作",
            "业务基本掌握，需要较多指导",
            "业务生疏，差错较多",
        ),
    ),
    (
        "neng",
        "文明服务与群众沟通",
        "对群众文明礼貌、耐心解释，劝导方式得当，无粗暴言行",
        "manner",
        10,
        _anchors(
            "服务热情耐心，劝导得当，受到群众好评",
            "态度文明，沟通顺畅",
            "态度一般，偶有群众不满",
            "态度生硬或有粗暴言行，被群众投诉属实",
        ),
    ),
    (
        "qin",
        "出勤与工作纪律",
        "按时到岗，不迟到早退，不擅离岗位；请假手续完备",
        "attendance",
        15,
        _anchors(
            "全勤或仅有正常请假，无迟到早退",
            "偶有迟到，能及时改正",
            "迟到早退较多或有一次擅离岗位",
            "多次擅离岗位或无故缺勤",
        ),
    ),
    (
        "ji",
        "交办任务完成情况",
        "按时完成执法人员交办的巡查、劝导、宣传、值守、送达等辅助任务",
        "task",
        20,
        _anchors(
            "任务完成及时、数量足、质量高",
            "能按时完成交办任务",
            "任务完成有拖延，需督促",
            "经常不能完成交办任务",
        ),
    ),
    (
        "ji",
        "工作质量与记录规范",
        "辅助记录、台账、照片等资料真实、完整、规范，如实报告发现的情况",
        "task",
        10,
        _anchors(
            "资料真实完整，记录规范，无差错",
            "资料基本完整，偶有小差错",
            "资料时有缺漏，需返工",
            "资料缺失较多或记录不实",
        ),
    ),
    (
        "lian",
        "廉洁自律",
        "不收受当事人财物，不接受宴请，不经手现金，不利用工作便利谋取私利",
        "integrity",
        10,
        _anchors(
            "廉洁自律，主动拒绝并报告当事人馈赠",
            "廉洁自律，无不良反映",
            "有不当接触当事人的情形，经提醒改正",
            "有违反廉洁纪律的行为",
        ),
    ),
]


@transaction.atomic
def default_template() -> AssessmentTemplate:
    """The provincial default template, created once (idempotent)."""
    existing = (
        AssessmentTemplate.objects.filter(name=DEFAULT_TEMPLATE_NAME, agency__isnull=True)
        .order_by("version")
        .first()
    )
    if existing:
        return existing
    template = AssessmentTemplate.objects.create(
        name=DEFAULT_TEMPLATE_NAME,
        description="依据《行政执法辅助人员管理办法》第十七条、第二十四条制定，"
        "按德、能、勤、绩、廉五个方面考核；不得与罚没款、收费数额或指标挂钩（第十八条）。",
    )
    for order, (code, title, description) in enumerate(SECTIONS):
        TemplateSection.objects.create(
            template=template, code=code, title=title, description=description, sort_order=order
        )
    for order, (section, name, description, measure, weight, anchors) in enumerate(CRITERIA):
        Criterion.objects.create(
            template=template,
            section=section,
            name=name,
            description=description,
            measure=measure,
            weight=Decimal(weight),
            max_score=Decimal(10),
            anchors=anchors,
            sort_order=order,
        )
    for order, (code, label, minimum) in enumerate(rules.DEFAULT_GRADE_BANDS):
        GradeBandRow.objects.create(
            template=template, code=code, label=label, minimum=Decimal(minimum), sort_order=order
        )
    return template
