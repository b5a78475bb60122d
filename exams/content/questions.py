"""岗前培训题库 — the shipped question bank, as plain data.

Every question cites the measures (``lms/data/measures-zh.txt``) as ``(article, item)`` pairs,
``item`` being the numbered item （一）… (the paragraph for Art. 17, ``None`` for Art. 14 and
other articles cited as a whole). Between them the questions cover every item returned by
``lms.measures.coverage_items()`` at least twice; ``tests/exams/test_question_content.py``
enforces that and the rest of the format below.

Each dict:

``name``
    Unique, stable ASCII key ``<first citation key>-<letter>``, e.g. ``"19.3-a"``. Seeding is
    idempotent on it: never rename or reuse a name, add a new letter instead.
``category``
    "/"-separated category path, ``岗前培训/第十九条`` (article of the first citation).
``qtype``
    ``"single"`` (4 choices, one weight 1.0, others 0.0), ``"multiple"`` (4–5 choices, 2–4
    correct with positive weights summing to 1.0, wrong ones -0.5 so that ticking everything
    earns nothing) or ``"truefalse"`` (choices 正确, 错误 in that order, the true one 1.0).
``scenario``
    True when the stem is a concrete on-the-job situation.
``difficulty``
    1 easy … 3 hard.
``choices``
    ``{"text", "weight", "feedback"}``; feedback explains that choice ("" when none).
``explanation``
    Why; ends with （依据 + ``citation_label`` of the citations, first one first）.
``citations``
    ``[{"article": 19, "item": 3}, ...]``; the first is the item the question is about.
"""

from __future__ import annotations

QUESTIONS: list[dict] = [
    # -------------------- 第十三条 --------------------
    {
        "name": "13.1-a",
        "category": "岗前培训/第十三条",
        "qtype": "single",
        "text": (
            "市场监管所开展“食品安全宣传周”活动，安排辅助人员小王在农贸市场入口发放宣传册，"
            "并向摊主讲解新修订的食品安全规定。对小王的这项工作，下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 1,
        "choices": [
            {
                "text": "小王必须先取得行政执法证，才能开展宣传工作",
                "weight": 0.0,
                "feedback": (
                    "宣传不是行使执法权，不需要行政执法证；辅助人员经岗前培训合格、"
                    "持辅助人员工作证件上岗即可。"
                ),
            },
            {
                "text": "讲解规定涉及对法律的理解，只能由行政执法人员进行",
                "weight": 0.0,
                "feedback": (
                    "宣传法律、法规、规章和政策恰恰是办法列举的辅助人员可以承担的工作，"
                    "不需要执法资格。"
                ),
            },
            {
                "text": "小王在宣传中发现摊主有违规行为的，可以当场给予警告",
                "weight": 0.0,
                "feedback": (
                    "警告属于行政处罚，辅助人员不得独立作出；发现违法信息应当向执法机关报告。"
                ),
            },
            {
                "text": "属于辅助人员可以承担的宣传相关法律、法规、规章和政策的工作",
                "weight": 1.0,
                "feedback": "宣传不直接影响当事人的权利义务，是第十三条明确列举的辅助性工作。",
            },
        ],
        "explanation": (
            "宣传相关法律、法规、规章和政策不直接影响当事人的权利义务，"
            "是办法明确允许辅助人员承担的工作。但宣传与处罚是两回事：宣传中发现违规，"
            "只能提醒劝导或者向执法机关报告，不能自行给予警告等行政处罚。（依据第十三条第（一）项、"
            "第十九条第（二）项）"
        ),
        "citations": [{"article": 13, "item": 1}, {"article": 19, "item": 2}],
    },
    {
        "name": "13.2-a",
        "category": "岗前培训/第十三条",
        "qtype": "single",
        "text": (
            "政务服务大厅的行政许可窗口，辅助人员小李负责接待前来递交申请材料的群众。下列做法中，"
            "符合规定的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "执法人员外出时，代其在《受理通知书》上签字，以免群众久等",
                "weight": 0.0,
                "feedback": "代替执法人员在行政执法文书上签字是第十九条第（三）项明确禁止的行为。",
            },
            {
                "text": "审查材料齐全后，以窗口名义当场出具《受理通知书》",
                "weight": 0.0,
                "feedback": (
                    "受理是第十九条第（一）项禁止辅助人员从事的工作，"
                    "出具受理文书还属于制作行政执法文书。"
                ),
            },
            {
                "text": "发现材料不齐的，自行作出不予受理的决定并退回材料",
                "weight": 0.0,
                "feedback": "不予受理同样是受理环节的决定，应当由执法人员作出。",
            },
            {
                "text": "接收申请材料、录入申请人信息后转交执法人员，由执法人员决定是否受理",
                "weight": 1.0,
                "feedback": "窗口接送材料、信息采集和录入都是允许辅助人员承担的事务性工作。",
            },
        ],
        "explanation": (
            "窗口接送材料、信息采集和录入属于事务性工作，辅助人员可以承担；"
            "但是否受理是影响申请人权利的执法决定，辅助人员不得从事受理工作，"
            "更不能出具受理文书或者代替执法人员签字。（依据第十三条第（二）项、第十九条第（一）项、"
            "第十九条第（三）项）"
        ),
        "citations": [
            {"article": 13, "item": 2},
            {"article": 19, "item": 1},
            {"article": 19, "item": 3},
        ],
    },
    {
        "name": "13.2-b",
        "category": "岗前培训/第十三条",
        "qtype": "single",
        "text": "依据第十三条的分类，下列哪项工作属于辅助人员可以承担的“事务性工作”？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "执法装备保管和维护保养",
                "weight": 0.0,
                "feedback": "可以承担，但属于保障性工作（第十三条第（四）项）。",
            },
            {
                "text": "值守行政执法机关设定的检查站",
                "weight": 0.0,
                "feedback": "可以承担，但这是第十三条第（八）项单列的工作，不属于事务性工作。",
            },
            {
                "text": "实验室分析",
                "weight": 0.0,
                "feedback": (
                    "实验室分析也可以由辅助人员承担，但办法把它归入纯技术性工作（第十三条第（三）"
                    "项）。"
                ),
            },
            {
                "text": "执法接线查询",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十三条第（二）项列举的事务性工作是执法接线查询、窗口接送材料、信息采集和录入等。"
            "其余选项虽然也是辅助人员可以承担的工作，但分别属于第十三条的其他各项，要注意区分分类。"
            "（依据第十三条第（二）项）"
        ),
        "citations": [{"article": 13, "item": 2}],
    },
    {
        "name": "13.3-a",
        "category": "岗前培训/第十三条",
        "qtype": "single",
        "text": "依据第十三条的分类，辅助人员承担的“翻译”工作属于：",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "事务性工作",
                "weight": 0.0,
                "feedback": "事务性工作指执法接线查询、窗口接送材料、信息采集和录入等。",
            },
            {
                "text": "纯技术性工作",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "辅助人员不得承担的工作，只能由执法人员进行",
                "weight": 0.0,
                "feedback": "翻译不直接影响当事人的权利义务，办法明确允许辅助人员承担。",
            },
            {
                "text": "保障性工作",
                "weight": 0.0,
                "feedback": "保障性工作指交通保障、通信保障、执法装备保管和维护保养等。",
            },
        ],
        "explanation": (
            "第十三条第（三）项把计算机网络维护、数据分析统计、实验室分析、翻译等列为纯技术性工作，"
            "辅助人员可以承担。（依据第十三条第（三）项）"
        ),
        "citations": [{"article": 13, "item": 3}],
    },
    {
        "name": "13.3-b",
        "category": "岗前培训/第十三条",
        "qtype": "single",
        "text": (
            "生态环境执法人员检查一家外资企业，企业负责人只会讲英语，"
            "单位安排英语流利的辅助人员小周随行。下列做法中，正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "执法人员忙于查看现场，小周先独自询问负责人并制作询问笔录",
                "weight": 0.0,
                "feedback": (
                    "独自询问属于独立从事行政检查，制作笔录属于制作行政执法文书，均被第十九条禁止。"
                ),
            },
            {
                "text": "执法人员询问企业负责人时，小周在场担任翻译",
                "weight": 1.0,
                "feedback": "翻译是第十三条第（三）项列举的纯技术性工作。",
            },
            {
                "text": "翻译完成后，小周代执法人员在询问笔录上签名",
                "weight": 0.0,
                "feedback": "代替执法人员在行政执法文书上签字是第十九条第（三）项禁止的行为。",
            },
            {
                "text": "小周不具有执法资格，不能参与与检查有关的任何工作",
                "weight": 0.0,
                "feedback": (
                    "辅助人员虽然没有独立执法资格，但可以在执法人员指挥下承担翻译等纯技术性工作。"
                ),
            },
        ],
        "explanation": (
            "翻译属于纯技术性工作，辅助人员可以在执法人员的指挥下承担。翻译不等于询问当事人、"
            "制作笔录：这些工作影响当事人的权利义务，必须由执法人员完成。（依据第十三条第（三）项、"
            "第十九条第（二）项、第十九条第（三）项）"
        ),
        "citations": [
            {"article": 13, "item": 3},
            {"article": 19, "item": 2},
            {"article": 19, "item": 3},
        ],
    },
    {
        "name": "13.3-c",
        "category": "岗前培训/第十三条",
        "qtype": "multiple",
        "text": "依据第十三条第（三）项，下列哪些属于辅助人员可以承担的“纯技术性工作”？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "实验室分析",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "信息采集和录入",
                "weight": -0.5,
                "feedback": "可以承担，但属于第十三条第（二）项的事务性工作。",
            },
            {
                "text": "通信保障",
                "weight": -0.5,
                "feedback": "可以承担，但属于第十三条第（四）项的保障性工作。",
            },
            {
                "text": "数据分析统计",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "计算机网络维护",
                "weight": 0.33333,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十三条第（三）项列举的纯技术性工作是计算机网络维护、数据分析统计、实验室分析、"
            "翻译等；信息采集和录入属于事务性工作，通信保障属于保障性工作。（依据第十三条第（三）"
            "项）"
        ),
        "citations": [{"article": 13, "item": 3}],
    },
    {
        "name": "13.3-d",
        "category": "岗前培训/第十三条",
        "qtype": "truefalse",
        "text": "实验室分析、数据分析统计属于辅助人员可以承担的纯技术性工作。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十三条第（三）项明确列举了计算机网络维护、数据分析统计、实验室分析、"
            "翻译等纯技术性工作，辅助人员可以承担。（依据第十三条第（三）项）"
        ),
        "citations": [{"article": 13, "item": 3}],
    },
    {
        "name": "13.4-a",
        "category": "岗前培训/第十三条",
        "qtype": "truefalse",
        "text": "执法装备的保管和维护保养属于辅助人员可以承担的保障性工作。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十三条第（四）项把交通保障、通信保障、执法装备保管和维护保养等列为保障性工作，"
            "辅助人员可以承担。（依据第十三条第（四）项）"
        ),
        "citations": [{"article": 13, "item": 4}],
    },
    {
        "name": "13.4-b",
        "category": "岗前培训/第十三条",
        "qtype": "single",
        "text": (
            "城管执法中队安排辅助人员老张负责驾驶执法车辆，以及执法记录仪的充电、保管和维护。"
            "下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "保管期间，老张可以应当事人请求删除记录仪中涉及其本人的影像",
                "weight": 0.0,
                "feedback": "删改监控影像资料是第十九条第（六）项禁止的行为。",
            },
            {
                "text": "这属于交通保障和执法装备保管、维护保养等保障性工作，老张可以承担",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "执法记录仪属于执法设备，辅助人员不得接触",
                "weight": 0.0,
                "feedback": "执法装备保管和维护保养正是办法允许辅助人员承担的保障性工作。",
            },
            {
                "text": "记录仪闲置时，老张可以把它借给朋友拍摄婚礼",
                "weight": 0.0,
                "feedback": "出借执法设备是第十九条第（十一）项禁止的行为。",
            },
        ],
        "explanation": (
            "驾驶执法车辆属于交通保障，执法记录仪的保管和维护保养属于执法装备保管和维护保养，"
            "都是第十三条第（四）项规定的保障性工作。但“保管”不等于可以处置：删改影像资料、"
            "出借执法设备都被第十九条禁止。（依据第十三条第（四）项、第十九条第（六）项、"
            "第十九条第（十一）项）"
        ),
        "citations": [
            {"article": 13, "item": 4},
            {"article": 19, "item": 6},
            {"article": 19, "item": 11},
        ],
    },
    {
        "name": "13.5-a",
        "category": "岗前培训/第十三条",
        "qtype": "single",
        "text": (
            "辅助人员小杜夜间巡查时，发现某建筑工地在禁止施工的时段施工，噪声扰民。"
            "小杜正确的做法是："
        ),
        "scenario": True,
        "difficulty": 1,
        "choices": [
            {
                "text": "以执法机关的名义对该工地立案",
                "weight": 0.0,
                "feedback": "立案是第十九条第（一）项禁止辅助人员从事的工作。",
            },
            {
                "text": "当场责令工地停工并处以罚款",
                "weight": 0.0,
                "feedback": "责令停工、罚款影响当事人的权利义务，辅助人员不得独立从事行政处罚。",
            },
            {
                "text": "向行政执法机关报告发现的违法信息，由执法人员依法处理",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "先自行扣押施工设备，再报告执法人员",
                "weight": 0.0,
                "feedback": "扣押是行政强制措施，辅助人员不得自行下达。",
            },
        ],
        "explanation": (
            "向行政执法机关报告发现的违法信息，是辅助人员可以承担的工作。报告之后是否立案、"
            "是否处罚、是否采取强制措施，由执法机关和执法人员依法决定。（依据第十三条第（五）项、"
            "第十九条第（一）项、第十九条第（四）项）"
        ),
        "citations": [
            {"article": 13, "item": 5},
            {"article": 19, "item": 1},
            {"article": 19, "item": 4},
        ],
    },
    {
        "name": "13.5-b",
        "category": "岗前培训/第十三条",
        "qtype": "truefalse",
        "text": "辅助人员巡查时发现违法线索，可以先行办理立案登记，再报告执法人员。",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "辅助人员可以做的是“向行政执法机关报告发现的违法信息”；立案是执法程序的起点，"
            "属于第十九条第（一）项禁止辅助人员从事的工作。报告违法信息不等于立案。"
            "（依据第十三条第（五）项、第十九条第（一）项）"
        ),
        "citations": [{"article": 13, "item": 5}, {"article": 19, "item": 1}],
    },
    {
        "name": "13.5-c",
        "category": "岗前培训/第十三条",
        "qtype": "multiple",
        "text": (
            "辅助人员巡查农贸市场时，发现一名摊主销售的猪肉没有检疫合格证明。下列做法中，"
            "辅助人员可以做的有："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "对该摊主立案调查",
                "weight": -0.5,
                "feedback": "立案是第十九条第（一）项禁止的工作。",
            },
            {
                "text": "把发现的情况报告行政执法机关",
                "weight": 0.5,
                "feedback": "报告发现的违法信息是第十三条第（五）项允许的工作。",
            },
            {
                "text": "当场没收这批猪肉",
                "weight": -0.5,
                "feedback": "没收属于行政处罚，辅助人员不得独立作出。",
            },
            {
                "text": "向周边摊主宣传肉品检疫的相关规定",
                "weight": 0.5,
                "feedback": "宣传相关法律、法规、规章和政策是第十三条第（一）项允许的工作。",
            },
        ],
        "explanation": (
            "报告违法信息和宣传法规是第十三条允许的辅助性工作；没收、立案影响当事人的权利义务，"
            "只能由执法机关和执法人员依法进行。（依据第十三条第（五）项、第十三条第（一）项、"
            "第十九条第（一）项）"
        ),
        "citations": [
            {"article": 13, "item": 5},
            {"article": 13, "item": 1},
            {"article": 19, "item": 1},
        ],
    },
    {
        "name": "13.6-a",
        "category": "岗前培训/第十三条",
        "qtype": "single",
        "text": (
            "步行街巡查时，辅助人员看到一家服装店的店员正把货架往店外的人行道上搬，准备占道摆卖，"
            "但货物尚未摆出。辅助人员可以："
        ),
        "scenario": True,
        "difficulty": 1,
        "choices": [
            {
                "text": "当场作出罚款决定",
                "weight": 0.0,
                "feedback": "罚款是行政处罚，辅助人员不得独立作出，何况违法行为尚未发生。",
            },
            {
                "text": "对店员进行提醒、劝导，告知占道经营的相关规定",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "当场扣押货架",
                "weight": 0.0,
                "feedback": "扣押是行政强制措施，辅助人员不得自行下达。",
            },
            {
                "text": "违法行为尚未发生，不能采取任何行动，只能等货物摆出后再报告",
                "weight": 0.0,
                "feedback": (
                    "对“可能发生”违法行为的人进行提醒、劝导，正是办法允许辅助人员做的工作。"
                ),
            },
        ],
        "explanation": (
            "对可能发生行政违法行为的自然人、法人或者非法人组织进行提醒、劝导，"
            "是辅助人员可以承担的工作。劝导是预防性的，不同于扣押、罚款等执法措施。"
            "（依据第十三条第（六）项）"
        ),
        "citations": [{"article": 13, "item": 6}],
    },
    {
        "name": "13.6-b",
        "category": "岗前培训/第十三条",
        "qtype": "truefalse",
        "text": (
            "辅助人员的提醒、劝导只能针对自然人；对可能发生违法行为的企业等法人或者非法人组织，"
            "辅助人员只能报告，不能提醒、劝导。"
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十三条第（六）项规定的对象是“可能发生行政违法行为的自然人、法人或者非法人组织”，"
            "企业同样可以是提醒、劝导的对象。（依据第十三条第（六）项）"
        ),
        "citations": [{"article": 13, "item": 6}],
    },
    {
        "name": "13.7-a",
        "category": "岗前培训/第十三条",
        "qtype": "single",
        "text": (
            "执法人员依法扣押了一批涉嫌假冒的商品，存放在单位的扣押物品仓库，"
            "由辅助人员小赵负责看守。下列做法中，正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "对已被依法扣押的商品实施看护管理，并按要求搬运、储存",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "发现当事人店里另有一批同类商品，小赵自行贴上封条予以查封",
                "weight": 0.0,
                "feedback": "查封是行政强制措施，只能由执法机关依法决定，辅助人员不得自行下达。",
            },
            {
                "text": "当事人来仓库要求领回商品，小赵认为情节轻微，自行放行",
                "weight": 0.0,
                "feedback": "是否解除扣押由执法机关依法决定，辅助人员无权处置扣押物品。",
            },
            {
                "text": "当事人请求小赵修改入库登记中的商品数量，小赵照办",
                "weight": 0.0,
                "feedback": "删改相关执法记录是第十九条第（六）项禁止的行为。",
            },
        ],
        "explanation": (
            "对已经被行政执法机关依法扣押、查封的物品、场所实施看护管理、搬运或者储存，"
            "是辅助人员可以承担的工作。看护的前提是执法机关已经依法扣押、查封；"
            "辅助人员自己不能查封，也不能决定放行。（依据第十三条第（七）项、第十九条第（四）项）"
        ),
        "citations": [{"article": 13, "item": 7}, {"article": 19, "item": 4}],
    },
    {
        "name": "13.7-b",
        "category": "岗前培训/第十三条",
        "qtype": "single",
        "text": "依据第十三条第（七）项，辅助人员对物品、场所实施看护管理、搬运或者储存的前提是：",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "当事人同意由辅助人员看管",
                "weight": 0.0,
                "feedback": "看护的依据是执法机关的扣押、查封决定，而不是当事人的同意。",
            },
            {
                "text": "执法人员口头指示辅助人员先行查封",
                "weight": 0.0,
                "feedback": "查封只能由执法机关依法决定，辅助人员不得代替执法人员下达强制措施。",
            },
            {
                "text": "该物品、场所已经被行政执法机关依法扣押、查封",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "辅助人员认为该物品可能涉及违法",
                "weight": 0.0,
                "feedback": "辅助人员的判断不能替代执法机关依法作出的扣押、查封决定。",
            },
        ],
        "explanation": (
            "第十三条第（七）项的对象是“已经被行政执法机关依法扣押、查封的物品、场所”。看护是扣押、"
            "查封之后的辅助工作；查封本身属于行政强制措施，辅助人员不得自行或者代替下达。"
            "（依据第十三条第（七）项、第十九条第（四）项）"
        ),
        "citations": [{"article": 13, "item": 7}, {"article": 19, "item": 4}],
    },
    {
        "name": "13.7-c",
        "category": "岗前培训/第十三条",
        "qtype": "truefalse",
        "text": "辅助人员可以对已被行政执法机关依法扣押的物品实施看护管理、搬运或者储存。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十三条第（七）项明确规定，辅助人员可以对已经被行政执法机关依法扣押、查封的物品、"
            "场所实施看护管理、搬运或者储存。（依据第十三条第（七）项）"
        ),
        "citations": [{"article": 13, "item": 7}],
    },
    {
        "name": "13.8-a",
        "category": "岗前培训/第十三条",
        "qtype": "single",
        "text": (
            "森林防火期间，林业部门在进山路口设立检查站，安排辅助人员小梁值守。下列做法中，"
            "符合规定的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "小梁认为另一条小路也有风险，自行设卡限制通行",
                "weight": 0.0,
                "feedback": "辅助人员值守的是行政执法机关设定的检查站，不能自行设卡。",
            },
            {
                "text": "执法人员不在时，小梁独立检查进山车辆，并对携带火种者作出罚款决定",
                "weight": 0.0,
                "feedback": "独立从事行政检查、行政处罚是第十九条第（二）项禁止的行为。",
            },
            {
                "text": "对不听劝阻的人员，小梁自行决定扣留其车辆",
                "weight": 0.0,
                "feedback": "扣留车辆属于行政强制措施，辅助人员不得自行下达。",
            },
            {
                "text": "值守检查站，劝阻无关人员和车辆进入按规定限制进入的区域",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "值守行政执法机关设定的检查站（所）、按规定限制进入的区域或者道路，"
            "是辅助人员可以承担的工作。值守不等于独立检查或者处罚，而且检查站必须是执法机关设定的。"
            "（依据第十三条第（八）项、第十九条第（二）项）"
        ),
        "citations": [{"article": 13, "item": 8}, {"article": 19, "item": 2}],
    },
    {
        "name": "13.8-b",
        "category": "岗前培训/第十三条",
        "qtype": "truefalse",
        "text": (
            "辅助人员可以值守行政执法机关设定的检查站，因此在执法人员不在场时，"
            "辅助人员可以在检查站独立开展行政检查。"
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十三条第（八）项允许辅助人员“值守”检查站，但独立从事行政检查是第十九条第（二）"
            "项禁止的行为。值守检查站不等于独立检查。（依据第十三条第（八）项、第十九条第（二）项）"
        ),
        "citations": [{"article": 13, "item": 8}, {"article": 19, "item": 2}],
    },
    {
        "name": "13.8-c",
        "category": "岗前培训/第十三条",
        "qtype": "multiple",
        "text": (
            "交通运输执法站开展超限检测，执法人员在现场指挥。辅助人员在执法站可以承担下列哪些工作？"
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "向过往司机宣传治理超限超载的法规政策",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "认定某车超限后，决定把车辆扣留在执法站",
                "weight": -0.5,
                "feedback": "扣留车辆是行政强制措施，辅助人员不得自行下达。",
            },
            {
                "text": "把司机提供的车辆和驾驶员信息录入系统",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "在执法站值守，引导货车有序驶入检测区",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "向超限车辆的司机开具罚款决定书",
                "weight": -0.5,
                "feedback": (
                    "罚款是行政处罚，开具决定书还属于制作行政执法文书，辅助人员都不得从事。"
                ),
            },
        ],
        "explanation": (
            "值守检查站（所）、宣传法规政策、信息采集和录入都属于第十三条允许的辅助性工作；"
            "扣留车辆、开具罚款决定书影响当事人的权利义务，只能由执法人员依法作出。"
            "（依据第十三条第（八）项、第十三条第（一）项、第十三条第（二）项、第十九条第（四）项、"
            "第十九条第（三）项）"
        ),
        "citations": [
            {"article": 13, "item": 8},
            {"article": 13, "item": 1},
            {"article": 13, "item": 2},
            {"article": 19, "item": 4},
            {"article": 19, "item": 3},
        ],
    },
    {
        "name": "13.9-a",
        "category": "岗前培训/第十三条",
        "qtype": "single",
        "text": "关于第十三条第（九）项“依法承担的其他工作”，下列理解正确的是：",
        "scenario": False,
        "difficulty": 3,
        "choices": [
            {
                "text": "辅助人员可以自行决定承担其认为有必要的其他工作",
                "weight": 0.0,
                "feedback": (
                    "工作由执法机关依法安排；超出职责范围协助执法活动被第十九条第（二）项禁止。"
                ),
            },
            {
                "text": "只要劳动合同有约定，辅助人员就可以独立实施行政处罚",
                "weight": 0.0,
                "feedback": "劳动合同不能突破法律规定，行政处罚权只能由执法人员行使。",
            },
            {
                "text": "行政执法机关可以通过这一兜底条款安排辅助人员从事任何执法工作",
                "weight": 0.0,
                "feedback": "第十四条、第十八条第（一）项明确禁止让辅助人员行使执法人员的权力。",
            },
            {
                "text": (
                    "其他工作同样必须有法律依据，不能借此让辅助人员行使应当由执法人员履行的权力"
                ),
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "兜底条款强调“依法”：其他工作同样需要法律、法规、规章的依据，"
            "并且不能突破第十四条——辅助人员不得行使应当由行政执法人员履行的权力。"
            "（依据第十三条第（九）项、第十四条）"
        ),
        "citations": [{"article": 13, "item": 9}, {"article": 14, "item": None}],
    },
    {
        "name": "13.9-b",
        "category": "岗前培训/第十三条",
        "qtype": "truefalse",
        "text": (
            "只要单位领导同意，行政执法机关就可以依据“依法承担的其他工作”这一兜底规定，"
            "安排辅助人员单独作出行政许可决定。"
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "“其他工作”必须依法承担。作出行政许可决定是《行政许可法》规定应当由执法人员履行的权力，"
            "执法机关指派辅助人员单独从事这类活动，违反第十八条第（一）项，领导同意也不能改变。"
            "（依据第十三条第（九）项、第十八条第（一）项）"
        ),
        "citations": [{"article": 13, "item": 9}, {"article": 18, "item": 1}],
    },
    {
        "name": "13.1-b",
        "category": "岗前培训/第十三条",
        "qtype": "multiple",
        "text": "下列哪些属于辅助人员可以承担的工作？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "宣传相关法律、法规、规章和政策",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "制作现场检查笔录",
                "weight": -0.5,
                "feedback": "制作行政执法文书是第十九条第（三）项禁止的行为。",
            },
            {
                "text": "值守行政执法机关设定的检查站",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "受理行政许可申请",
                "weight": -0.5,
                "feedback": "受理是第十九条第（一）项禁止辅助人员从事的工作。",
            },
            {
                "text": "看护管理已被行政执法机关依法查封的场所",
                "weight": 0.33333,
                "feedback": "",
            },
        ],
        "explanation": (
            "宣传、值守检查站、看护已依法查封的场所都是第十三条列举的辅助性工作；"
            "受理申请和制作执法文书属于第十九条禁止辅助人员从事的行为。（依据第十三条第（一）项、"
            "第十三条第（八）项、第十三条第（七）项、第十九条第（一）项、第十九条第（三）项）"
        ),
        "citations": [
            {"article": 13, "item": 1},
            {"article": 13, "item": 8},
            {"article": 13, "item": 7},
            {"article": 19, "item": 1},
            {"article": 19, "item": 3},
        ],
    },
    # -------------------- 第十四条 --------------------
    {
        "name": "14-a",
        "category": "岗前培训/第十四条",
        "qtype": "single",
        "text": "依据第十四条，辅助人员不得行使的是：",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": (
                    "《行政许可法》《行政处罚法》《行政强制法》"
                    "等法律法规规定应当由行政执法人员履行的权力"
                ),
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "执法人员不在场时的执法权力；执法人员在场时可以行使",
                "weight": 0.0,
                "feedback": "第十四条没有“在场”例外，执法人员在场时辅助人员同样不得行使执法权力。",
            },
            {
                "text": "与行政许可、行政处罚、行政强制有关的任何工作，包括宣传和信息录入",
                "weight": 0.0,
                "feedback": (
                    "第十四条禁止的是行使执法人员的“权力”；宣传、"
                    "信息录入等辅助性工作第十三条明确允许。"
                ),
            },
            {
                "text": "仅限于作出行政处罚决定的权力，行政许可、行政强制的权力不受限制",
                "weight": 0.0,
                "feedback": "第十四条同时列举了《行政许可法》《行政处罚法》《行政强制法》。",
            },
        ],
        "explanation": (
            "辅助人员不具有独立的执法资格（第三条），"
            "第十四条据此规定辅助人员不得行使法律法规规定应当由行政执法人员履行的权力。"
            "但这并不排斥辅助人员在执法人员指挥下从事第十三条列举的辅助性工作。（依据第十四条、"
            "第三条）"
        ),
        "citations": [{"article": 14, "item": None}, {"article": 3, "item": None}],
    },
    {
        "name": "14-b",
        "category": "岗前培训/第十四条",
        "qtype": "single",
        "text": (
            "公路超限检测站的执法人员临时离开。一名超载货车司机对辅助人员小钟说："
            "“你直接罚我两百块，我好赶路。”小钟正确的做法是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "按罚款标准当场收取罚款并开具收据",
                "weight": 0.0,
                "feedback": "当场罚款是行政处罚，辅助人员不得行使。",
            },
            {
                "text": "先扣下司机的行驶证，等执法人员回来处理",
                "weight": 0.0,
                "feedback": "扣留证件属于行政强制措施，辅助人员不得自行下达。",
            },
            {
                "text": "按执法人员事先的交代，以执法人员名义开具处罚决定书",
                "weight": 0.0,
                "feedback": "辅助人员不得制作行政执法文书，也不得以执法人员名义执法。",
            },
            {
                "text": "告知司机罚款须由执法人员依法作出，并把情况报告执法人员",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "行政处罚是《行政处罚法》规定应当由行政执法人员行使的权力。即使当事人主动要求、"
            "即使金额很小，辅助人员也不得行使；正确的做法是说明情况并向执法人员报告。"
            "（依据第十四条、第十三条第（五）项、第十九条第（四）项）"
        ),
        "citations": [
            {"article": 14, "item": None},
            {"article": 13, "item": 5},
            {"article": 19, "item": 4},
        ],
    },
    {
        "name": "14-c",
        "category": "岗前培训/第十四条",
        "qtype": "truefalse",
        "text": (
            "辅助人员经岗前培训合格、取得工作证件后，可以行使《行政处罚法》"
            "规定应当由行政执法人员履行的权力。"
        ),
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "岗前培训合格后发给的是辅助人员工作证件（第二十条），不是行政执法证。"
            "持证上岗并不改变辅助人员不具有独立执法资格的地位，执法人员的权力仍然不得行使。"
            "（依据第十四条、第二十条）"
        ),
        "citations": [{"article": 14, "item": None}, {"article": 20, "item": None}],
    },
    {
        "name": "14-d",
        "category": "岗前培训/第十四条",
        "qtype": "truefalse",
        "text": (
            "即使执法人员就在现场指挥，辅助人员也不得行使《行政强制法》"
            "规定应当由行政执法人员履行的权力。"
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十四条的禁止不以执法人员是否在场为条件。执法人员在场时，"
            "辅助人员可以在其指挥下从事辅助性工作，但行政强制等权力仍然只能由执法人员行使。"
            "（依据第十四条）"
        ),
        "citations": [{"article": 14, "item": None}],
    },
    # -------------------- 第十五条 --------------------
    {
        "name": "15.1-a",
        "category": "岗前培训/第十五条",
        "qtype": "single",
        "text": (
            "盛夏时节，辅助人员小陈被安排在限制通行的道路上值守，单位没有配发防暑用品，"
            "也没有配发对讲机。小陈向单位提出配备申请。对此，下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 1,
        "choices": [
            {
                "text": "获得履行职责必要的工作条件是辅助人员的权利，小陈的申请合理",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "工作条件只能由劳动合同约定，办法对此没有规定",
                "weight": 0.0,
                "feedback": "第十五条第（一）项直接规定了获得履行职责必要的工作条件的权利。",
            },
            {
                "text": "辅助人员只承担义务，应当服从安排，不应提出要求",
                "weight": 0.0,
                "feedback": "第十五条专门规定了辅助人员享有的权利。",
            },
            {
                "text": "单位配齐装备之前，小陈可以拒绝值守任务",
                "weight": 0.0,
                "feedback": (
                    "应当通过正当途径反映；拒不履行工作职责、任务是第十九条第（五）项禁止的行为。"
                ),
            },
        ],
        "explanation": (
            "获得履行职责必要的工作条件是第十五条第（一）项规定的权利，"
            "小陈向单位提出配备申请是正当的。但行使权利要走正当途径，不能以拒不履行值守任务相要挟。"
            "（依据第十五条第（一）项、第十九条第（五）项）"
        ),
        "citations": [{"article": 15, "item": 1}, {"article": 19, "item": 5}],
    },
    {
        "name": "15.1-b",
        "category": "岗前培训/第十五条",
        "qtype": "truefalse",
        "text": "“获得履行职责必要的工作条件”是办法第十六条规定的辅助人员义务。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "获得履行职责必要的工作条件是第十五条第（一）项规定的辅助人员权利，不是义务。"
            "第十六条规定的义务是遵守法律和纪律、保守秘密、服从管理等。（依据第十五条第（一）项）"
        ),
        "citations": [{"article": 15, "item": 1}],
    },
    {
        "name": "15.2-a",
        "category": "岗前培训/第十五条",
        "qtype": "single",
        "text": (
            "某单位以“辅助人员是临时用工”为由，不为新聘的辅助人员缴纳社会保险，"
            "并要求其签字确认“自愿放弃”。对此，下列说法正确的是："
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "符合规定，只要工资不低于当地最低工资标准",
                "weight": 0.0,
                "feedback": "工资报酬和法定保险是两项不同的待遇，都应依法保障。",
            },
            {
                "text": "做法不符合规定，辅助人员依法享受法定福利、保险等待遇",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "符合规定，辅助人员已经签字自愿放弃",
                "weight": 0.0,
                "feedback": "法定保险待遇不能通过签字“自愿放弃”排除。",
            },
            {
                "text": "符合规定，辅助人员不在编制内，不享受法定保险待遇",
                "weight": 0.0,
                "feedback": "是否在编不影响辅助人员依法享受法定福利、保险等待遇。",
            },
        ],
        "explanation": (
            "第十五条第（二）项规定辅助人员依法获得工作报酬，享受法定福利、保险等待遇；"
            "聘用辅助人员应当依法签订劳动合同（第十一条）。“临时用工”“自愿放弃”都不能排除法定待遇。"
            "（依据第十五条第（二）项、第十一条）"
        ),
        "citations": [{"article": 15, "item": 2}, {"article": 11, "item": None}],
    },
    {
        "name": "15.2-b",
        "category": "岗前培训/第十五条",
        "qtype": "single",
        "text": "下列关于辅助人员工作报酬和待遇的说法，正确的是：",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "辅助人员不享受法定福利，只领取劳务费",
                "weight": 0.0,
                "feedback": "法定福利、保险等待遇是第十五条第（二）项明确规定的权利。",
            },
            {
                "text": "辅助人员的报酬可以按其协助收缴的罚款数额提成",
                "weight": 0.0,
                "feedback": "第十八条第（三）项禁止将辅助人员的工资、奖金等与罚没款数额挂钩。",
            },
            {
                "text": "辅助人员依法获得工作报酬，享受法定福利、保险等待遇",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "辅助人员的待遇由直接指挥他的执法人员个人决定",
                "weight": 0.0,
                "feedback": "待遇按照劳动合同和有关法律、法规、规章执行（第十一条）。",
            },
        ],
        "explanation": (
            "依法获得工作报酬、享受法定福利和保险等待遇是辅助人员的权利；同时，"
            "报酬不能与罚没款数额挂钩，以免辅助人员为了收入而趋利执法。（依据第十五条第（二）项、"
            "第十八条第（三）项）"
        ),
        "citations": [{"article": 15, "item": 2}, {"article": 18, "item": 3}],
    },
    {
        "name": "15.3-a",
        "category": "岗前培训/第十五条",
        "qtype": "single",
        "text": (
            "辅助人员小刘报名参加单位组织的执法业务培训，科长说：“业务培训是给执法人员安排的，"
            "辅助人员不用参加。”下列说法正确的是："
        ),
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "科长的说法不对，参加业务培训是辅助人员的权利",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "科长的说法对，辅助人员只需参加岗前培训",
                "weight": 0.0,
                "feedback": "岗前培训（第二十条）之外，辅助人员同样享有参加业务培训的权利。",
            },
            {
                "text": "小刘可以以此为由拒绝执行单位安排的工作任务",
                "weight": 0.0,
                "feedback": (
                    "权利受影响应当通过正当途径解决，拒不履行工作任务是第十九条第（五）"
                    "项禁止的行为。"
                ),
            },
            {
                "text": "科长的说法对，业务培训只面向具有执法资格的人员",
                "weight": 0.0,
                "feedback": "第十五条第（三）项规定辅助人员有权参加业务培训。",
            },
        ],
        "explanation": (
            "参加业务培训是第十五条第（三）项规定的辅助人员权利；"
            "执法机关也应当建立健全辅助人员的教育培训制度（第十七条第一款）。（依据第十五条第（三）"
            "项、第十七条第一款）"
        ),
        "citations": [{"article": 15, "item": 3}, {"article": 17, "item": 1}],
    },
    {
        "name": "15.3-b",
        "category": "岗前培训/第十五条",
        "qtype": "truefalse",
        "text": "除岗前培训外，辅助人员还享有参加业务培训的权利。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第二十条规定的是上岗前必须参加的岗前培训；第十五条第（三）"
            "项另外规定辅助人员享有参加业务培训的权利，二者并不相互替代。（依据第十五条第（三）项、"
            "第二十条）"
        ),
        "citations": [{"article": 15, "item": 3}, {"article": 20, "item": None}],
    },
    {
        "name": "15.4-a",
        "category": "岗前培训/第十五条",
        "qtype": "single",
        "text": (
            "辅助人员小吴准备结婚，向单位申请婚假。人事科回复：“辅助人员不是正式职工，不享受婚假。”"
            "下列说法正确的是："
        ),
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "人事科的说法错误，辅助人员享受国家和地方规定的婚丧假等假期",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "人事科的说法正确，婚假必须在劳动合同中特别约定才能享受",
                "weight": 0.0,
                "feedback": "婚丧假是办法直接规定的权利，不以劳动合同特别约定为前提。",
            },
            {
                "text": "既然是法定权利，小吴无需请假，可以直接离岗休假",
                "weight": 0.0,
                "feedback": "享受假期也应当遵守请休假等工作纪律（第十六条第（一）项）。",
            },
            {
                "text": "人事科的说法正确，辅助人员只享受法定节假日休息",
                "weight": 0.0,
                "feedback": (
                    "第十五条第（四）项还列举了带薪年休假、探亲假、婚丧假、女职工产假等假期。"
                ),
            },
        ],
        "explanation": (
            "第十五条第（四）项规定辅助人员享受国家和地方关于法定节假日休息、带薪年休假、探亲假、"
            "婚丧假、女职工产假等假期。享受假期的同时，也要按照工作纪律办理请假手续。"
            "（依据第十五条第（四）项、第十六条第（一）项）"
        ),
        "citations": [{"article": 15, "item": 4}, {"article": 16, "item": 1}],
    },
    {
        "name": "15.4-b",
        "category": "岗前培训/第十五条",
        "qtype": "multiple",
        "text": "关于辅助人员享受的假期，下列说法正确的有：",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "婚丧假须经同级人民政府批准方可享受",
                "weight": -0.5,
                "feedback": (
                    "办法没有设置这一审批条件；需要同级人民政府批准的是放宽学历条件等事项（第九条）"
                    "。"
                ),
            },
            {
                "text": "探亲假只适用于在编执法人员，辅助人员不享受",
                "weight": -0.5,
                "feedback": "探亲假在第十五条第（四）项中明确列举。",
            },
            {
                "text": "享受法定节假日休息",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "女职工享受产假",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "享受带薪年休假",
                "weight": 0.33333,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十五条第（四）项规定辅助人员享受国家和地方关于法定节假日休息、带薪年休假、探亲假、"
            "婚丧假、女职工产假等假期，不需要另经批准，也不区分是否在编。（依据第十五条第（四）项）"
        ),
        "citations": [{"article": 15, "item": 4}],
    },
    {
        "name": "15.5-a",
        "category": "岗前培训/第十五条",
        "qtype": "single",
        "text": (
            "辅助人员小段随执法人员到外市执行协助任务，出差三天。单位规定“辅助人员出差费用自理”；"
            "外市的一家被检查企业提出由企业负担小段的住宿费。下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "只要劳动合同没有约定出差补贴，单位就可以不发",
                "weight": 0.0,
                "feedback": "出差补贴是办法直接规定的权利，不以劳动合同约定为前提。",
            },
            {
                "text": "单位的规定符合办法，差旅补贴只发给执法人员",
                "weight": 0.0,
                "feedback": "第十五条第（五）项规定辅助人员享有因公出差的差旅、住宿等补贴。",
            },
            {
                "text": "单位的规定不符合办法，小段享有因公出差的差旅、住宿等补贴",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "单位不发补贴的，小段可以接受被检查企业负担的住宿费",
                "weight": 0.0,
                "feedback": (
                    "接受被检查对象提供的财物可能构成收受贿赂，为第十九条第（九）项所禁止。"
                ),
            },
        ],
        "explanation": (
            "因公出差的差旅、住宿等补贴是辅助人员的权利，应当由单位依规发放；单位不发，"
            "也不能由被检查对象负担，否则可能构成收受贿赂。（依据第十五条第（五）项、"
            "第十九条第（九）项）"
        ),
        "citations": [{"article": 15, "item": 5}, {"article": 19, "item": 9}],
    },
    {
        "name": "15.5-b",
        "category": "岗前培训/第十五条",
        "qtype": "truefalse",
        "text": (
            "辅助人员因公出差的差旅、住宿等补贴应当依规发放，单位不能以其“不是执法人员”为由拒绝。"
        ),
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十五条第（五）项规定辅助人员享有因公出差的差旅、住宿等补贴，"
            "这一权利不以具有执法资格为前提。（依据第十五条第（五）项）"
        ),
        "citations": [{"article": 15, "item": 5}],
    },
    {
        "name": "15.1-c",
        "category": "岗前培训/第十五条",
        "qtype": "multiple",
        "text": "辅助人员小白入职后了解自己的权利。下列哪些是他依法有权向单位提出的要求？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "依法缴纳社会保险",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "发放因公出差的住宿补贴",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "按其协助查处案件的罚款数额发放提成",
                "weight": -0.5,
                "feedback": "第十八条第（三）项禁止将辅助人员的工资、奖金等与罚没款数额挂钩。",
            },
            {
                "text": "为其办理行政执法证",
                "weight": -0.5,
                "feedback": (
                    "辅助人员不具有独立的执法资格，岗前培训合格后发给的是辅助人员工作证件。"
                ),
            },
            {
                "text": "配发履行值守职责必要的通讯设备",
                "weight": 0.33333,
                "feedback": "",
            },
        ],
        "explanation": (
            "获得履行职责必要的工作条件、依法享受法定福利和保险等待遇、"
            "享有因公出差的差旅和住宿等补贴，分别是第十五条第（一）（二）（五）项规定的权利。"
            "罚款提成和行政执法证都不在其列。（依据第十五条第（一）项、第十五条第（二）项、"
            "第十五条第（五）项、第十八条第（三）项）"
        ),
        "citations": [
            {"article": 15, "item": 1},
            {"article": 15, "item": 2},
            {"article": 15, "item": 5},
            {"article": 18, "item": 3},
        ],
    },
    {
        "name": "15.6-a",
        "category": "岗前培训/第十五条",
        "qtype": "truefalse",
        "text": "辅助人员不具有独立的执法资格，因此无权对行政执法机关及其工作提出意见和建议。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "不具有独立执法资格（第三条）只是说辅助人员不能独立执法；"
            "对行政执法机关及其工作提出意见和建议，是第十五条第（六）项明确规定的权利。"
            "（依据第十五条第（六）项、第三条）"
        ),
        "citations": [{"article": 15, "item": 6}, {"article": 3, "item": None}],
    },
    {
        "name": "15.6-b",
        "category": "岗前培训/第十五条",
        "qtype": "single",
        "text": (
            "窗口辅助人员小孙发现材料接收流程重复登记，群众排队时间很长，想向单位提出改进建议。"
            "同事劝他：“我们是辅助人员，只管听指挥，别多嘴。”下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "小孙不必等单位同意，可以自行调整窗口的受理流程",
                "weight": 0.0,
                "feedback": "受理工作本就不得由辅助人员从事，流程调整应当由单位决定。",
            },
            {
                "text": "对行政执法机关及其工作提出意见和建议是辅助人员的权利，小孙可以提出",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "同事说得对，服从管理、听从指挥的义务意味着辅助人员不能提建议",
                "weight": 0.0,
                "feedback": (
                    "服从管理（第十六条第（四）项）与提出意见和建议（第十五条第（六）项）并不矛盾。"
                ),
            },
            {
                "text": "小孙可以把窗口内部的登记资料发到网上，以引起重视",
                "weight": 0.0,
                "feedback": "扩散相关执法资料、泄露工作秘密都是第十九条禁止的行为。",
            },
        ],
        "explanation": (
            "对行政执法机关及其工作提出意见和建议是辅助人员的权利；服从管理、听从指挥是义务，"
            "二者可以并存。提建议要通过正当途径，不能自行改变工作流程，也不能扩散内部资料。"
            "（依据第十五条第（六）项、第十六条第（四）项）"
        ),
        "citations": [{"article": 15, "item": 6}, {"article": 16, "item": 4}],
    },
    {
        "name": "15.7-a",
        "category": "岗前培训/第十五条",
        "qtype": "single",
        "text": (
            "辅助人员老钱在会上对科室工作提了几条意见。会后科长口头通知他：“明天不用来上班了。”"
            "对此，下列说法正确的是："
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "执法人员对其直接管理的辅助人员有解聘权，可以口头解聘",
                "weight": 0.0,
                "feedback": (
                    "执法人员负有监督、指导之责（第十七条第二款），"
                    "但解除劳动关系必须有法定事由并经法定程序。"
                ),
            },
            {
                "text": "辅助人员属于临时用工，单位可以随时辞退",
                "weight": 0.0,
                "feedback": "第十五条第（七）项保护辅助人员不被随意解除劳动关系。",
            },
            {
                "text": "非经法定事由和程序，辅助人员不得被解除劳动关系，科长的做法不符合规定",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "老钱只能接受，不能申请劳动争议仲裁",
                "weight": 0.0,
                "feedback": (
                    "依法申请劳动争议仲裁或者提起劳动争议诉讼是第十五条第（八）项规定的权利。"
                ),
            },
        ],
        "explanation": (
            "辅助人员非经法定事由和程序，不得被解除劳动关系。提意见是辅助人员的权利，"
            "不是解除劳动关系的法定事由；口头通知也不符合法定程序。"
            "老钱可以依法申请劳动争议仲裁或者提起诉讼。（依据第十五条第（七）项、第十五条第（八）"
            "项、第十五条第（六）项）"
        ),
        "citations": [
            {"article": 15, "item": 7},
            {"article": 15, "item": 8},
            {"article": 15, "item": 6},
        ],
    },
    {
        "name": "15.7-b",
        "category": "岗前培训/第十五条",
        "qtype": "truefalse",
        "text": "辅助人员非经法定事由和程序，不得被解除劳动关系。",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "这是第十五条第（七）项规定的辅助人员权利。解除劳动关系既要有法定事由，"
            "也要经过法定程序，缺一不可。（依据第十五条第（七）项）"
        ),
        "citations": [{"article": 15, "item": 7}],
    },
    {
        "name": "15.8-a",
        "category": "岗前培训/第十五条",
        "qtype": "single",
        "text": "辅助人员小蔡与单位因加班工资发生争议，协商未果。小蔡依法可以：",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "向上一级行政机关申请行政复议",
                "weight": 0.0,
                "feedback": (
                    "这是劳动关系争议，办法规定的途径是劳动争议仲裁或者诉讼，而不是行政复议。"
                ),
            },
            {
                "text": "只能向单位内部申诉，不能申请仲裁或者起诉",
                "weight": 0.0,
                "feedback": "第十五条第（八）项明确规定了仲裁和诉讼的权利。",
            },
            {
                "text": "以不履行单位安排的工作任务的方式表达抗议",
                "weight": 0.0,
                "feedback": "拒不履行工作职责、任务是第十九条第（五）项禁止的行为。",
            },
            {
                "text": "申请劳动争议仲裁或者提起劳动争议诉讼",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "辅助人员与单位之间是劳动关系，发生争议可以依法申请劳动争议仲裁或者提起劳动争议诉讼；"
            "行政复议针对的是行政行为，不是劳动争议的解决途径。（依据第十五条第（八）项、"
            "第十九条第（五）项）"
        ),
        "citations": [{"article": 15, "item": 8}, {"article": 19, "item": 5}],
    },
    {
        "name": "15.8-b",
        "category": "岗前培训/第十五条",
        "qtype": "truefalse",
        "text": "辅助人员与行政执法机关之间发生劳动争议的，只能通过行政复议解决。",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "辅助人员与行政执法机关之间是劳动关系，第十五条第（八）"
            "项规定的途径是依法申请劳动争议仲裁或者提起劳动争议诉讼，而不是行政复议。"
            "（依据第十五条第（八）项）"
        ),
        "citations": [{"article": 15, "item": 8}],
    },
    {
        "name": "15.3-c",
        "category": "岗前培训/第十五条",
        "qtype": "multiple",
        "text": "下列哪些属于第十五条规定的辅助人员权利？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "参加业务培训",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "保守国家秘密和工作秘密",
                "weight": -0.5,
                "feedback": "这是第十六条第（二）项规定的义务。",
            },
            {
                "text": "依法申请劳动争议仲裁或者提起劳动争议诉讼",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "服从行政执法机关管理，听从行政执法人员指挥",
                "weight": -0.5,
                "feedback": "这是第十六条第（四）项规定的义务。",
            },
            {
                "text": "对行政执法机关及其工作提出意见和建议",
                "weight": 0.33333,
                "feedback": "",
            },
        ],
        "explanation": (
            "参加业务培训、申请劳动争议仲裁或者提起诉讼、提出意见和建议分别是第十五条第（三）（八）"
            "（六）项规定的权利；服从管理和保守秘密是第十六条规定的义务。（依据第十五条第（三）项、"
            "第十五条第（八）项、第十五条第（六）项）"
        ),
        "citations": [
            {"article": 15, "item": 3},
            {"article": 15, "item": 8},
            {"article": 15, "item": 6},
        ],
    },
    {
        "name": "15.9-a",
        "category": "岗前培训/第十五条",
        "qtype": "single",
        "text": (
            "某单位与辅助人员签订的劳动合同约定：单位每年为辅助人员安排一次免费健康体检。"
            "关于这一约定，下列说法正确的是："
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "第十五条没有列举体检，该约定无效",
                "weight": 0.0,
                "feedback": "第十五条第（九）项把劳动合同约定的其他权利也纳入辅助人员的权利。",
            },
            {
                "text": "属于劳动合同约定的其他权利，辅助人员依法享有",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "该约定须经同级人民政府批准才能生效",
                "weight": 0.0,
                "feedback": "办法没有规定这一审批要求。",
            },
            {
                "text": "该约定只对在编执法人员有效",
                "weight": 0.0,
                "feedback": "合同是单位与辅助人员签订的，约定的权利由辅助人员享有。",
            },
        ],
        "explanation": (
            "第十五条前八项之外，辅助人员还享有法律、法规、规章规定或者劳动合同约定的其他权利，"
            "列举并不是穷尽。（依据第十五条第（九）项）"
        ),
        "citations": [{"article": 15, "item": 9}],
    },
    {
        "name": "15.9-b",
        "category": "岗前培训/第十五条",
        "qtype": "truefalse",
        "text": "辅助人员享有的权利仅限于第十五条第（一）至（八）项明确列举的内容。",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十五条第（九）项是兜底规定：法律、法规、规章规定或者劳动合同约定的其他权利，"
            "辅助人员同样享有。（依据第十五条第（九）项）"
        ),
        "citations": [{"article": 15, "item": 9}],
    },
    # -------------------- 第十六条 --------------------
    {
        "name": "16.1-a",
        "category": "岗前培训/第十六条",
        "qtype": "single",
        "text": (
            "夜间，辅助人员小马与执法人员一同值守检查站。执法人员被临时调去处理突发事件，"
            "小马随即擅自离岗回家休息。对小马的行为，下列评价正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "只违反了劳动合同，不涉及办法的规定",
                "weight": 0.0,
                "feedback": "遵守法律、法规、规章和工作纪律是第十六条第（一）项规定的义务。",
            },
            {
                "text": "不违规，执法人员不在场时辅助人员本就不能独立检查，留守没有意义",
                "weight": 0.0,
                "feedback": "值守本身就是辅助人员的工作，不能独立检查不等于可以离岗。",
            },
            {
                "text": "不违规，值守检查站不属于辅助人员的工作范围",
                "weight": 0.0,
                "feedback": "值守检查站是第十三条第（八）项明确列举的辅助人员工作。",
            },
            {
                "text": "违反了遵守工作纪律的义务",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "遵守法律、法规、规章和工作纪律是辅助人员的义务。执法人员不在场时，"
            "辅助人员虽然不能独立检查，但仍应按安排值守，擅自离岗违反工作纪律。"
            "（依据第十六条第（一）项、第十三条第（八）项、第十九条第（五）项）"
        ),
        "citations": [
            {"article": 16, "item": 1},
            {"article": 13, "item": 8},
            {"article": 19, "item": 5},
        ],
    },
    {
        "name": "16.1-b",
        "category": "岗前培训/第十六条",
        "qtype": "truefalse",
        "text": "辅助人员只需遵守劳动合同的约定，遵守工作纪律是对在编执法人员的要求。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "遵守法律、法规、规章和工作纪律是第十六条第（一）项明确规定的辅助人员义务，"
            "不以是否在编区分。（依据第十六条第（一）项）"
        ),
        "citations": [{"article": 16, "item": 1}],
    },
    {
        "name": "16.2-a",
        "category": "岗前培训/第十六条",
        "qtype": "single",
        "text": (
            "辅助人员小何在录入信息时得知，单位下周将对几家餐馆开展突击检查，其中一家是朋友开的。"
            "朋友向小何打听检查安排，小何正确的做法是："
        ),
        "scenario": True,
        "difficulty": 3,
        "choices": [
            {
                "text": "只要不收取好处，透露检查安排就不算违规",
                "weight": 0.0,
                "feedback": "泄露工作秘密本身就违反规定，与是否收取好处无关。",
            },
            {
                "text": "可以透露检查时间，但不透露被检查的对象",
                "weight": 0.0,
                "feedback": "检查时间同样是工作秘密。",
            },
            {
                "text": "提醒朋友做好准备，这属于对可能发生违法行为的人进行提醒、劝导",
                "weight": 0.0,
                "feedback": (
                    "提醒、劝导针对的是可能发生的违法行为，不包括透露执法机关的工作安排；"
                    "后者是泄露工作秘密。"
                ),
            },
            {
                "text": "不透露任何检查安排，保守工作秘密",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "尚未实施的检查安排属于工作秘密，辅助人员应当保守。把检查计划透露给被检查对象，"
            "不是第十三条的“提醒、劝导”，而是第十九条第（七）项禁止的泄露工作秘密。"
            "（依据第十六条第（二）项、第十九条第（七）项、第十三条第（六）项）"
        ),
        "citations": [
            {"article": 16, "item": 2},
            {"article": 19, "item": 7},
            {"article": 13, "item": 6},
        ],
    },
    {
        "name": "16.2-b",
        "category": "岗前培训/第十六条",
        "qtype": "single",
        "text": "依据第十六条第（二）项，辅助人员应当“保守”的是：",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "商业秘密和个人隐私",
                "weight": 0.0,
                "feedback": (
                    "商业秘密和个人隐私也要保护，但规定在第十六条第（三）项，用语是“保护”。"
                ),
            },
            {
                "text": "国家秘密和工作秘密",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "仅国家秘密",
                "weight": 0.0,
                "feedback": "工作秘密同样应当保守。",
            },
            {
                "text": "仅本人经办事项涉及的秘密",
                "weight": 0.0,
                "feedback": "办法没有这样的限制。",
            },
        ],
        "explanation": (
            "第十六条第（二）项规定保守国家秘密和工作秘密，第（三）项规定保护商业秘密和个人隐私，"
            "二者并列，都是辅助人员的义务。（依据第十六条第（二）项、第十六条第（三）项）"
        ),
        "citations": [{"article": 16, "item": 2}, {"article": 16, "item": 3}],
    },
    {
        "name": "16.3-a",
        "category": "岗前培训/第十六条",
        "qtype": "single",
        "text": (
            "辅助人员在窗口采集录入了群众的身份证号码和家庭住址。一名男子打来电话，"
            "自称是某位群众的亲属，要求查询其住址。辅助人员正确的做法是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "截图发给对方，但提醒其不要外传",
                "weight": 0.0,
                "feedback": "截图外发就是泄露个人隐私，为第十九条第（七）项所禁止。",
            },
            {
                "text": "不予提供，保护个人隐私",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "只告知住址，不告知身份证号码",
                "weight": 0.0,
                "feedback": "住址同样属于个人隐私。",
            },
            {
                "text": "对方能准确说出该群众的姓名后即可告知",
                "weight": 0.0,
                "feedback": "能说出姓名不能证明对方有权获取他人的隐私信息。",
            },
        ],
        "explanation": (
            "信息采集和录入是辅助人员的事务性工作，由此接触到的个人信息应当依法保护，"
            "不得向无关人员泄露。（依据第十六条第（三）项、第十九条第（七）项、第十三条第（二）项）"
        ),
        "citations": [
            {"article": 16, "item": 3},
            {"article": 19, "item": 7},
            {"article": 13, "item": 2},
        ],
    },
    {
        "name": "16.3-b",
        "category": "岗前培训/第十六条",
        "qtype": "truefalse",
        "text": (
            "辅助人员应当保守国家秘密和工作秘密；至于执法中知悉的商业秘密和个人隐私，"
            "办法没有要求辅助人员保护。"
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十六条第（三）项明确规定辅助人员应当保护商业秘密和个人隐私，第十九条第（七）"
            "项也禁止泄露商业秘密、个人隐私。（依据第十六条第（三）项、第十九条第（七）项）"
        ),
        "citations": [{"article": 16, "item": 3}, {"article": 19, "item": 7}],
    },
    {
        "name": "16.3-c",
        "category": "岗前培训/第十六条",
        "qtype": "single",
        "text": (
            "辅助人员小金跟随执法人员检查一家食品厂时看到了该厂的产品配方。事后，"
            "一家同行企业的老板找到小金，提出给一笔“咨询费”，请他透露配方。小金正确的做法是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "配方不属于国家秘密，可以透露",
                "weight": 0.0,
                "feedback": "商业秘密同样受保护。",
            },
            {
                "text": "可以透露，只要不收取“咨询费”",
                "weight": 0.0,
                "feedback": "即使不收钱，泄露商业秘密也是违规行为。",
            },
            {
                "text": "拒绝：应当保护商业秘密，也不得收受贿赂",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "检查已经结束，可以透露",
                "weight": 0.0,
                "feedback": "保护义务不因检查结束而消失。",
            },
        ],
        "explanation": (
            "执法中知悉的商业秘密，辅助人员负有保护义务；以“咨询费”为名收取好处、出卖商业秘密，"
            "还构成第十九条禁止的收受贿赂。（依据第十六条第（三）项、第十九条第（九）项、"
            "第十九条第（七）项）"
        ),
        "citations": [
            {"article": 16, "item": 3},
            {"article": 19, "item": 9},
            {"article": 19, "item": 7},
        ],
    },
    {
        "name": "16.4-a",
        "category": "岗前培训/第十六条",
        "qtype": "truefalse",
        "text": "辅助人员应当服从行政执法机关的管理，但在执法现场不必听从行政执法人员的指挥。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十六条第（四）项同时规定服从行政执法机关管理、听从行政执法人员指挥；"
            "第三条也规定辅助人员应当在行政执法机关及其执法人员的指挥和监督下开展辅助性工作。"
            "（依据第十六条第（四）项、第三条）"
        ),
        "citations": [{"article": 16, "item": 4}, {"article": 3, "item": None}],
    },
    {
        "name": "16.4-b",
        "category": "岗前培训/第十六条",
        "qtype": "single",
        "text": (
            "联合检查中，执法人员安排辅助人员小冯在厂区外围维持秩序、看护已依法查封的仓库。"
            "小冯认为自己更熟悉厂区，要求进入车间检查并询问工人。小冯正确的做法是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "小冯可以先进车间检查，事后再向执法人员报告",
                "weight": 0.0,
                "feedback": "事后报告不能使独立检查变得合法。",
            },
            {
                "text": "熟悉情况的人更适合检查，小冯可以自行进入车间检查",
                "weight": 0.0,
                "feedback": "独立从事行政检查是第十九条第（二）项禁止的行为。",
            },
            {
                "text": "听从执法人员的指挥，做好外围维持秩序和看护工作",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "小冯对安排不满，可以拒绝看护任务",
                "weight": 0.0,
                "feedback": "拒不履行工作任务是第十九条第（五）项禁止的行为。",
            },
        ],
        "explanation": (
            "辅助人员应当听从行政执法人员指挥。熟悉情况可以向执法人员提供，但不能自行检查、询问；"
            "看护已依法查封的仓库正是辅助人员可以承担的工作。（依据第十六条第（四）项、"
            "第十九条第（二）项、第十三条第（七）项）"
        ),
        "citations": [
            {"article": 16, "item": 4},
            {"article": 19, "item": 2},
            {"article": 13, "item": 7},
        ],
    },
    {
        "name": "16.5-a",
        "category": "岗前培训/第十六条",
        "qtype": "single",
        "text": (
            "辅助人员小郑上街巡查时觉得标识太显眼，就把辅助人员标识摘下来放进口袋。对此，"
            "下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 1,
        "choices": [
            {
                "text": "没有问题，佩戴标识只是执法人员的义务",
                "weight": 0.0,
                "feedback": (
                    "第十六条第（五）项规定的是辅助人员的义务；"
                    "第二十二条还要求辅助人员佩戴明显区别于执法人员的标识。"
                ),
            },
            {
                "text": "没有问题，只要随身携带工作证件即可",
                "weight": 0.0,
                "feedback": "携带证件不能替代佩戴标识。",
            },
            {
                "text": "违反了遵守统一标识佩戴等行为规范的义务",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "没有问题，只要穿着统一服装即可",
                "weight": 0.0,
                "feedback": "着装和标识佩戴都是统一的行为规范，穿着服装不能替代佩戴标识。",
            },
        ],
        "explanation": (
            "辅助人员应当遵守统一的仪容仪表、着装和标识佩戴等行为规范；"
            "履行职责时应当佩戴明显区别于行政执法人员的标识，让群众能够分辨辅助人员和执法人员。"
            "（依据第十六条第（五）项、第二十二条）"
        ),
        "citations": [{"article": 16, "item": 5}, {"article": 22, "item": None}],
    },
    {
        "name": "16.5-b",
        "category": "岗前培训/第十六条",
        "qtype": "truefalse",
        "text": (
            "辅助人员履行职责时，应当遵守统一的着装和标识佩戴规范，"
            "佩戴明显区别于行政执法人员的标识。"
        ),
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十六条第（五）项规定辅助人员应当遵守统一的仪容仪表、着装和标识佩戴等行为规范；"
            "第二十二条要求辅助人员佩戴明显区别于行政执法人员的标识。（依据第十六条第（五）项、"
            "第二十二条）"
        ),
        "citations": [{"article": 16, "item": 5}, {"article": 22, "item": None}],
    },
    {
        "name": "16.6-a",
        "category": "岗前培训/第十六条",
        "qtype": "truefalse",
        "text": (
            "除第十六条列举的义务外，辅助人员还应当履行法律、法规、"
            "规章规定或者劳动合同约定的其他义务。"
        ),
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十六条第（六）项是兜底规定，法律、法规、规章规定或者劳动合同约定的其他义务，"
            "辅助人员同样应当履行。（依据第十六条第（六）项）"
        ),
        "citations": [{"article": 16, "item": 6}],
    },
    {
        "name": "16.6-b",
        "category": "岗前培训/第十六条",
        "qtype": "single",
        "text": (
            "某单位与辅助人员签订的劳动合同约定：辅助人员应当按时参加单位组织的应急演练。"
            "关于这一约定，下列说法正确的是："
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "参加演练是辅助人员的权利，可以自行放弃",
                "weight": 0.0,
                "feedback": "合同约定的是应当参加的义务，而不是可以放弃的权利。",
            },
            {
                "text": "属于劳动合同约定的其他义务，辅助人员应当履行",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "该约定只约束在编执法人员",
                "weight": 0.0,
                "feedback": "合同约束的是签订合同的辅助人员。",
            },
            {
                "text": "第十六条没有列举应急演练，辅助人员可以不参加",
                "weight": 0.0,
                "feedback": "第十六条第（六）项把劳动合同约定的其他义务也纳入辅助人员的义务。",
            },
        ],
        "explanation": (
            "辅助人员的义务不限于第十六条第（一）至（五）项，劳动合同约定的其他义务同样应当履行。"
            "（依据第十六条第（六）项）"
        ),
        "citations": [{"article": 16, "item": 6}],
    },
    {
        "name": "16.2-c",
        "category": "岗前培训/第十六条",
        "qtype": "multiple",
        "text": "下列哪些属于第十六条规定的辅助人员义务？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "对行政执法机关及其工作提出意见和建议",
                "weight": -0.5,
                "feedback": "这是第十五条第（六）项规定的权利。",
            },
            {
                "text": "保守国家秘密和工作秘密",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "遵守统一的仪容仪表、着装和标识佩戴等行为规范",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "获得履行职责必要的工作条件",
                "weight": -0.5,
                "feedback": "这是第十五条第（一）项规定的权利。",
            },
            {
                "text": "保护商业秘密和个人隐私",
                "weight": 0.33333,
                "feedback": "",
            },
        ],
        "explanation": (
            "保守秘密、保护商业秘密和个人隐私、遵守统一的行为规范分别是第十六条第（二）（三）（五）"
            "项规定的义务；获得工作条件、提出意见和建议是第十五条规定的权利。（依据第十六条第（二）"
            "项、第十六条第（三）项、第十六条第（五）项）"
        ),
        "citations": [
            {"article": 16, "item": 2},
            {"article": 16, "item": 3},
            {"article": 16, "item": 5},
        ],
    },
    # -------------------- 第十七条 --------------------
    {
        "name": "17.1-a",
        "category": "岗前培训/第十七条",
        "qtype": "multiple",
        "text": "依据第十七条第一款，行政执法机关应当建立健全哪些辅助人员管理制度？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "保密管理制度",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "按罚没款数额计发辅助人员奖金的激励制度",
                "weight": -0.5,
                "feedback": "第十八条第（三）项禁止将辅助人员的奖金与罚没款数额挂钩。",
            },
            {
                "text": "考核考勤制度",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "岗位责任制度",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "辅助人员单独办案的办案责任制度",
                "weight": -0.5,
                "feedback": "辅助人员不具有独立的执法资格，不能单独办案。",
            },
        ],
        "explanation": (
            "第十七条第一款要求行政执法机关建立健全辅助人员的岗位责任、教育培训、考核考勤、"
            "档案管理和保密管理等制度，加强日常管理和监督。（依据第十七条第一款）"
        ),
        "citations": [{"article": 17, "item": 1}],
    },
    {
        "name": "17.1-b",
        "category": "岗前培训/第十七条",
        "qtype": "truefalse",
        "text": (
            "建立健全辅助人员的岗位责任、教育培训、考核考勤、档案管理和保密管理等制度，"
            "是劳务派遣公司的职责，行政执法机关不负责。"
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十七条第一款规定这些制度由行政执法机关建立健全；第四条也规定辅助人员管理遵循谁使用、"
            "谁管理、谁负责的原则。（依据第十七条第一款、第四条）"
        ),
        "citations": [{"article": 17, "item": 1}, {"article": 4, "item": None}],
    },
    {
        "name": "17.1-c",
        "category": "岗前培训/第十七条",
        "qtype": "single",
        "text": (
            "某执法大队招聘了一批辅助人员，上岗后既没有岗位职责说明，也没有考勤记录和人事档案。"
            "大队认为“辅助人员由执法人员带着干就行”。下列说法正确的是："
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": (
                    "大队应当建立健全辅助人员的岗位责任、考核考勤、档案管理等制度，"
                    "加强日常管理和监督"
                ),
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "辅助人员的管理制度应当由辅助人员自行制定",
                "weight": 0.0,
                "feedback": "建立健全管理制度是行政执法机关的职责。",
            },
            {
                "text": "只要签订了劳动合同，就无需另建管理制度",
                "weight": 0.0,
                "feedback": "签订劳动合同（第十一条）与建立健全管理制度是两项不同的要求。",
            },
            {
                "text": "大队的做法可以，辅助人员由执法人员个人管理即可",
                "weight": 0.0,
                "feedback": (
                    "执法人员的监督指导（第十七条第二款）"
                    "不能替代机关建立制度的责任（第十七条第一款）。"
                ),
            },
        ],
        "explanation": (
            "第十七条第一款规定的是行政执法机关的制度建设责任，"
            "第二款规定的是执法人员对直接指挥的辅助人员的监督指导责任。两者并存，不能相互替代。"
            "（依据第十七条第一款、第十七条第二款）"
        ),
        "citations": [{"article": 17, "item": 1}, {"article": 17, "item": 2}],
    },
    {
        "name": "17.2-a",
        "category": "岗前培训/第十七条",
        "qtype": "single",
        "text": (
            "执法人员老周带领辅助人员劝导占道摊贩。摊贩出言不逊，一名辅助人员随即辱骂摊贩。"
            "老周应当："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "不必过问，辅助人员对自己的行为独立负责",
                "weight": 0.0,
                "feedback": "执法人员对自己直接管理、指挥的辅助人员负有监督和制止的义务。",
            },
            {
                "text": "只要摊贩不投诉，就不必处理",
                "weight": 0.0,
                "feedback": "制止义务不以当事人投诉为前提。",
            },
            {
                "text": "当场制止该辅助人员的违法违纪行为",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "事后让辅助人员自行向摊贩道歉即可，现场无需干预",
                "weight": 0.0,
                "feedback": "第十七条第二款要求的是“制止”，不是事后补救。",
            },
        ],
        "explanation": (
            "行政执法人员应当加强对由自己直接管理、指挥的辅助人员的监督和指导，制止其违法违纪行为。"
            "辱骂当事人是第十九条第（十二）项禁止的行为；执法人员明知而不制止的，"
            "还要依照第三十条承担法律责任。（依据第十七条第二款、第十九条第（十二）项、第三十条）"
        ),
        "citations": [
            {"article": 17, "item": 2},
            {"article": 19, "item": 12},
            {"article": 30, "item": None},
        ],
    },
    {
        "name": "17.2-b",
        "category": "岗前培训/第十七条",
        "qtype": "single",
        "text": "依据第十七条第二款，行政执法人员应当加强监督和指导的对象是：",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "本单位全部辅助人员",
                "weight": 0.0,
                "feedback": "对全体辅助人员的日常管理和监督是机关的职责（第十七条第一款）。",
            },
            {
                "text": "由其他执法人员指挥的辅助人员",
                "weight": 0.0,
                "feedback": "执法人员对自己直接管理、指挥的辅助人员负责。",
            },
            {
                "text": "由自己直接管理、指挥的辅助人员",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "仅通过劳务派遣方式招聘的辅助人员",
                "weight": 0.0,
                "feedback": "办法没有按招聘方式区分。",
            },
        ],
        "explanation": (
            "第十七条第二款针对的是执法人员个人：对由自己直接管理、指挥的辅助人员加强监督和指导，"
            "制止其违法违纪行为。对全体辅助人员的制度化管理是机关的职责。（依据第十七条第二款、"
            "第十七条第一款）"
        ),
        "citations": [{"article": 17, "item": 2}, {"article": 17, "item": 1}],
    },
    {
        "name": "17.2-c",
        "category": "岗前培训/第十七条",
        "qtype": "truefalse",
        "text": (
            "行政执法人员应当制止由自己直接管理、指挥的辅助人员的违法违纪行为；明知而不制止的，"
            "依法承担法律责任。"
        ),
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十七条第二款规定了执法人员的监督、指导和制止义务；"
            "第三十条规定执法人员明知辅助人员有违法违纪行为而不制止的，依法承担法律责任。"
            "（依据第十七条第二款、第三十条）"
        ),
        "citations": [{"article": 17, "item": 2}, {"article": 30, "item": None}],
    },
    {
        "name": "17.2-d",
        "category": "岗前培训/第十七条",
        "qtype": "multiple",
        "text": "对于由自己直接管理、指挥的辅助人员，行政执法人员应当：",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "给其分配每月的罚款任务，以提高工作效率",
                "weight": -0.5,
                "feedback": "下达罚款指标是第十八条第（四）项禁止的行为。",
            },
            {
                "text": "制止其违法违纪行为",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "在自己外出时授权其代为签发执法文书",
                "weight": -0.5,
                "feedback": "代替执法人员签署执法文书是第十九条第（三）项禁止的行为。",
            },
            {
                "text": "加强监督",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "加强指导",
                "weight": 0.33333,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十七条第二款要求执法人员对直接管理、指挥的辅助人员加强监督和指导，"
            "制止其违法违纪行为；授权代签文书、分配罚款任务都是办法禁止的做法。"
            "（依据第十七条第二款、第十九条第（三）项、第十八条第（四）项）"
        ),
        "citations": [
            {"article": 17, "item": 2},
            {"article": 19, "item": 3},
            {"article": 18, "item": 4},
        ],
    },
    # -------------------- 第十八条 --------------------
    {
        "name": "18.1-a",
        "category": "岗前培训/第十八条",
        "qtype": "single",
        "text": (
            "周末值班人手紧张，中队长指派辅助人员小林单独前往处理一起占道经营投诉，并交代："
            "“情节轻的直接按简易程序罚款。”对此，下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "符合规定，简易程序罚款数额小，辅助人员可以作出",
                "weight": 0.0,
                "feedback": "简易程序罚款同样是行政处罚权，辅助人员不得行使。",
            },
            {
                "text": "符合规定，人手不足时执法机关可以临时授权辅助人员",
                "weight": 0.0,
                "feedback": "办法没有规定“人手不足”的例外。",
            },
            {
                "text": "符合规定，只要事后由执法人员在处罚决定书上签名",
                "weight": 0.0,
                "feedback": "辅助人员单独执法后由执法人员签名，是第十八条第（二）项禁止的行为。",
            },
            {
                "text": "违反规定，行政执法机关不得指派辅助人员单独从事第十四条规定的活动",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "行政处罚权是第十四条规定辅助人员不得行使的权力，"
            "行政执法机关也不得指派辅助人员单独从事。人手不足、数额较小、"
            "事后补签都不能使这种安排合法。（依据第十八条第（一）项、第十四条、第十八条第（二）项）"
        ),
        "citations": [
            {"article": 18, "item": 1},
            {"article": 14, "item": None},
            {"article": 18, "item": 2},
        ],
    },
    {
        "name": "18.1-b",
        "category": "岗前培训/第十八条",
        "qtype": "truefalse",
        "text": "执法人员不足时，行政执法机关可以指派辅助人员单独实施行政强制措施。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "行政强制措施属于《行政强制法》规定应当由行政执法人员履行的权力，"
            "行政执法机关不得指派辅助人员单独从事第十四条规定的活动，人手不足也不例外。"
            "（依据第十八条第（一）项、第十四条）"
        ),
        "citations": [{"article": 18, "item": 1}, {"article": 14, "item": None}],
    },
    {
        "name": "18.2-a",
        "category": "岗前培训/第十八条",
        "qtype": "single",
        "text": (
            "某执法所要求辅助人员穿着与执法人员相同的制服、以执法人员的名义开展检查，"
            "检查笔录由执法人员事后补签。对此，下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 3,
        "choices": [
            {
                "text": "只有冒充执法人员违法，事后补签可以使笔录合法",
                "weight": 0.0,
                "feedback": "事后补签不能补正辅助人员单独执法的违法性。",
            },
            {
                "text": "符合规定，只要执法人员最终在笔录上签了名",
                "weight": 0.0,
                "feedback": "事后签名正是第十八条第（二）项禁止的情形。",
            },
            {
                "text": (
                    "违反规定：既是指令辅助人员冒充执法人员，也是辅助人员单独执法后由执法人员签名"
                ),
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "符合规定，只要辅助人员与执法人员在笔录上联合签名",
                "weight": 0.0,
                "feedback": "联合签名同样被第十八条第（二）项禁止。",
            },
        ],
        "explanation": (
            "第十八条第（二）项禁止行政执法机关指令辅助人员冒充执法人员从事执法活动，"
            "也禁止辅助人员单独从事执法活动后由执法人员签名或者与执法人员联合签名。"
            "辅助人员还应当佩戴明显区别于执法人员的标识（第二十二条）。（依据第十八条第（二）项、"
            "第二十二条）"
        ),
        "citations": [{"article": 18, "item": 2}, {"article": 22, "item": None}],
    },
    {
        "name": "18.2-b",
        "category": "岗前培训/第十八条",
        "qtype": "multiple",
        "text": "下列哪些属于第十八条第（二）项禁止的行为？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "辅助人员单独从事执法活动后，由执法人员签名",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "指令辅助人员冒充执法人员从事执法活动",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "安排辅助人员在执法人员指挥下看护已依法查封的场所",
                "weight": -0.5,
                "feedback": "这是第十三条第（七）项允许的工作。",
            },
            {
                "text": "辅助人员单独从事执法活动后，与执法人员联合签名",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "安排辅助人员从事窗口接送材料工作",
                "weight": -0.5,
                "feedback": "这是第十三条第（二）项允许的事务性工作。",
            },
        ],
        "explanation": (
            "第十八条第（二）项禁止的是用签名把辅助人员的单独执法“包装”成执法人员的执法，"
            "以及指令辅助人员冒充执法人员；看护查封场所、窗口接送材料都是第十三条允许的辅助性工作。"
            "（依据第十八条第（二）项）"
        ),
        "citations": [{"article": 18, "item": 2}],
    },
    {
        "name": "18.2-c",
        "category": "岗前培训/第十八条",
        "qtype": "truefalse",
        "text": (
            "辅助人员单独完成现场检查后，只要与执法人员在检查笔录上联合签名，该检查即符合规定。"
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "辅助人员单独从事执法活动后与执法人员联合签名，是第十八条第（二）项明确禁止的情形；"
            "辅助人员独立从事行政检查本身也违反第十九条第（二）项。（依据第十八条第（二）项、"
            "第十九条第（二）项）"
        ),
        "citations": [{"article": 18, "item": 2}, {"article": 19, "item": 2}],
    },
    {
        "name": "18.3-a",
        "category": "岗前培训/第十八条",
        "qtype": "truefalse",
        "text": "为提高工作积极性，行政执法机关可以将辅助人员的奖金与其协助收缴的罚没款数额挂钩。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十八条第（三）项禁止将辅助人员的工资、福利、奖金、经费支出与罚没款数额、"
            "收费数额挂钩，以防止趋利执法。（依据第十八条第（三）项）"
        ),
        "citations": [{"article": 18, "item": 3}],
    },
    {
        "name": "18.3-b",
        "category": "岗前培训/第十八条",
        "qtype": "single",
        "text": (
            "某县执法局出台内部规定：辅助人员协助查处案件的，按案件罚没款数额的2%发放奖金。对此，"
            "下列说法正确的是："
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "符合规定，该规定已经局务会研究通过",
                "weight": 0.0,
                "feedback": "内部决策程序不能使违反办法的规定合法化。",
            },
            {
                "text": "符合规定，办法只禁止工资与罚没款挂钩，奖金不受限制",
                "weight": 0.0,
                "feedback": "第十八条第（三）项同时列举了工资、福利、奖金、经费支出。",
            },
            {
                "text": "符合规定，只要没有给辅助人员下达罚款指标",
                "weight": 0.0,
                "feedback": (
                    "下达指标（第十八条第（四）项）和收入挂钩（第十八条第（三）项）"
                    "是两项独立的禁止行为。"
                ),
            },
            {
                "text": "违反规定，不得将辅助人员的奖金与罚没款数额挂钩",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "按罚没款比例发放奖金，就是把辅助人员的奖金与罚没款数额挂钩，违反第十八条第（三）项；"
            "是否同时下达了罚款指标，不影响这一判断。（依据第十八条第（三）项、第十八条第（四）项）"
        ),
        "citations": [{"article": 18, "item": 3}, {"article": 18, "item": 4}],
    },
    {
        "name": "18.3-c",
        "category": "岗前培训/第十八条",
        "qtype": "single",
        "text": (
            "依据第十八条第（三）项，行政执法机关不得将辅助人员的哪些项目与罚没款数额、"
            "收费数额挂钩？"
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "工资、福利、奖金、经费支出",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "仅奖金，工资和福利不受限制",
                "weight": 0.0,
                "feedback": "工资和福利同样不得挂钩。",
            },
            {
                "text": "工资和福利，奖金可以挂钩以体现激励",
                "weight": 0.0,
                "feedback": "奖金同样不得挂钩。",
            },
            {
                "text": "仅工资，福利和奖金可以挂钩",
                "weight": 0.0,
                "feedback": "第十八条第（三）项列举了工资、福利、奖金、经费支出四项。",
            },
        ],
        "explanation": (
            "第十八条第（三）项列举的是工资、福利、奖金、经费支出四项，任何一项都不得与罚没款数额、"
            "收费数额挂钩。（依据第十八条第（三）项）"
        ),
        "citations": [{"article": 18, "item": 3}],
    },
    {
        "name": "18.4-a",
        "category": "岗前培训/第十八条",
        "qtype": "single",
        "text": (
            "中队长在会上说：“我不给你们定罚款任务，"
            "但每月协助查处案件的罚款额达不到五千元的辅助人员，年底不能评优。”对此，"
            "下列说法正确的是："
        ),
        "scenario": False,
        "difficulty": 3,
        "choices": [
            {
                "text": "评优属于单位自主管理事项，不受办法约束",
                "weight": 0.0,
                "feedback": "单位的自主管理同样不能违反办法的禁止性规定。",
            },
            {
                "text": "没有直接下达指标，不违反规定",
                "weight": 0.0,
                "feedback": "第十八条第（四）项同时禁止“变相下达”。",
            },
            {
                "text": "属于变相下达罚款指标，违反规定",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "只要不与工资挂钩，就不违反规定",
                "weight": 0.0,
                "feedback": (
                    "是否与工资挂钩是第十八条第（三）项的问题，不影响对变相下达指标的判断。"
                ),
            },
        ],
        "explanation": (
            "把罚款额作为评优门槛，实质上就是给辅助人员设定罚款任务，属于第十八条第（四）"
            "项禁止的“变相下达”罚款指标。（依据第十八条第（四）项）"
        ),
        "citations": [{"article": 18, "item": 4}],
    },
    {
        "name": "18.4-b",
        "category": "岗前培训/第十八条",
        "qtype": "truefalse",
        "text": "办法只禁止行政执法机关向辅助人员下达罚款指标，没有禁止下达收费指标。",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十八条第（四）项禁止的是向辅助人员下达或者变相下达罚款、收费指标，"
            "收费指标同样在禁止之列。（依据第十八条第（四）项）"
        ),
        "citations": [{"article": 18, "item": 4}],
    },
    {
        "name": "18.5-a",
        "category": "岗前培训/第十八条",
        "qtype": "single",
        "text": (
            "某单位安排没有相应资格证书的辅助人员独自对电梯开展安全检验并出具检验结论，而按规定，"
            "这项检验必须由取得相应资质的检验人员从事。对此，下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 3,
        "choices": [
            {
                "text": "违反规定，不得安排辅助人员从事必须由具备专门资质的人员才能从事的工作",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "符合规定，检验属于第十三条第（三）项的实验室分析等纯技术性工作",
                "weight": 0.0,
                "feedback": (
                    "纯技术性工作可以承担，但法律、法规、"
                    "规章规定必须由具备专门资质的人员从事的工作除外。"
                ),
            },
            {
                "text": "符合规定，只要该辅助人员有多年相关工作经验",
                "weight": 0.0,
                "feedback": "经验不能替代法定资质。",
            },
            {
                "text": "符合规定，只要执法人员在场",
                "weight": 0.0,
                "feedback": "资质要求针对从事该工作的人本身，执法人员在场不能替代。",
            },
        ],
        "explanation": (
            "第十八条第（五）项禁止安排辅助人员从事法律、法规、"
            "规章规定必须由具备专门资质的人员才能从事的工作。即使工作本身是技术性的，"
            "只要法律要求专门资质，就不能安排不具备资质的辅助人员从事。（依据第十八条第（五）项、"
            "第十三条第（三）项）"
        ),
        "citations": [{"article": 18, "item": 5}, {"article": 13, "item": 3}],
    },
    {
        "name": "18.5-b",
        "category": "岗前培训/第十八条",
        "qtype": "truefalse",
        "text": (
            "只要属于技术性工作，行政执法机关就可以安排辅助人员从事，"
            "即使法律规定该工作必须由具备专门资质的人员从事。"
        ),
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十三条第（三）项允许辅助人员从事纯技术性工作，但第十八条第（五）"
            "项禁止安排辅助人员从事必须由具备专门资质的人员才能从事的工作，后者是对前者的限制。"
            "（依据第十八条第（五）项、第十三条第（三）项）"
        ),
        "citations": [{"article": 18, "item": 5}, {"article": 13, "item": 3}],
    },
    {
        "name": "18.4-c",
        "category": "岗前培训/第十八条",
        "qtype": "single",
        "text": (
            "下列哪项是第十八条针对行政执法机关的禁止性规定，"
            "而不是第十九条针对辅助人员本人的禁止性规定？"
        ),
        "scenario": False,
        "difficulty": 3,
        "choices": [
            {
                "text": "制作行政执法文书",
                "weight": 0.0,
                "feedback": "这是第十九条第（三）项，约束的是辅助人员本人。",
            },
            {
                "text": "向辅助人员下达或者变相下达罚款、收费指标",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "从事行政执法的立案、受理工作",
                "weight": 0.0,
                "feedback": "这是第十九条第（一）项，约束的是辅助人员本人。",
            },
            {
                "text": "索取或者收受贿赂",
                "weight": 0.0,
                "feedback": "这是第十九条第（九）项，约束的是辅助人员本人。",
            },
        ],
        "explanation": (
            "第十八条规定的是行政执法机关在使用辅助人员时不得有的行为，"
            "第十九条规定的是辅助人员本人不得有的行为。下达罚款、收费指标的主体只能是行政执法机关。"
            "（依据第十八条第（四）项、第十九条第（九）项、第十九条第（一）项、第十九条第（三）项）"
        ),
        "citations": [
            {"article": 18, "item": 4},
            {"article": 19, "item": 9},
            {"article": 19, "item": 1},
            {"article": 19, "item": 3},
        ],
    },
    {
        "name": "18.4-d",
        "category": "岗前培训/第十八条",
        "qtype": "multiple",
        "text": "下列哪些属于第十八条规定的、行政执法机关在使用辅助人员时不得有的行为？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "辅助人员从事与履行职责相冲突的营利性活动",
                "weight": -0.5,
                "feedback": "这是第十九条第（十）项，主体是辅助人员。",
            },
            {
                "text": "安排辅助人员从事必须由具备专门资质的人员才能从事的工作",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "辅助人员制作行政执法文书",
                "weight": -0.5,
                "feedback": "这是第十九条第（三）项规定的辅助人员禁止行为，主体是辅助人员。",
            },
            {
                "text": "向辅助人员变相下达收费指标",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "将辅助人员的经费支出与收费数额挂钩",
                "weight": 0.33333,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十八条约束行政执法机关：不得下达或者变相下达指标、不得将收入与罚没款和收费挂钩、"
            "不得安排从事须专门资质的工作等；第十九条约束辅助人员本人。（依据第十八条第（四）项、"
            "第十八条第（三）项、第十八条第（五）项）"
        ),
        "citations": [
            {"article": 18, "item": 4},
            {"article": 18, "item": 3},
            {"article": 18, "item": 5},
        ],
    },
    {
        "name": "18.2-d",
        "category": "岗前培训/第十八条",
        "qtype": "multiple",
        "text": "某中队的下列做法中，哪些违反第十八条的规定？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "辅助人员单独作出罚款决定后，由执法人员在决定书上签名",
                "weight": 0.5,
                "feedback": "",
            },
            {
                "text": "组织辅助人员参加业务培训",
                "weight": -0.5,
                "feedback": "参加业务培训是第十五条第（三）项规定的辅助人员权利。",
            },
            {
                "text": "给每名辅助人员下达每月的罚款任务",
                "weight": 0.5,
                "feedback": "",
            },
            {
                "text": "安排辅助人员负责执法装备的保管和维护保养",
                "weight": -0.5,
                "feedback": "这是第十三条第（四）项允许的保障性工作。",
            },
        ],
        "explanation": (
            "辅助人员单独执法后由执法人员签名违反第十八条第（二）项，"
            "下达罚款任务违反第十八条第（四）项；安排装备保管、组织业务培训都是正当的管理和使用。"
            "（依据第十八条第（二）项、第十八条第（四）项、第十三条第（四）项、第十五条第（三）项）"
        ),
        "citations": [
            {"article": 18, "item": 2},
            {"article": 18, "item": 4},
            {"article": 13, "item": 4},
            {"article": 15, "item": 3},
        ],
    },
    # -------------------- 第十九条 --------------------
    {
        "name": "19.1-a",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "生态环境局的来访接待窗口，群众举报某企业夜间偷排废水。"
            "负责接待的辅助人员小宋正确的做法是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "认为举报不实，自行决定不予受理并退回材料",
                "weight": 0.0,
                "feedback": "不予受理也是受理环节的决定，应当由执法人员作出。",
            },
            {
                "text": "当场出具受理回执，并承诺七日内作出处理",
                "weight": 0.0,
                "feedback": "受理同样被第十九条第（一）项禁止，出具回执还涉及制作执法文书。",
            },
            {
                "text": "认为证据充分，直接在系统中为该举报办理立案",
                "weight": 0.0,
                "feedback": "立案是第十九条第（一）项禁止辅助人员从事的工作。",
            },
            {
                "text": "接收举报材料、登记相关信息后，转交执法人员决定是否立案",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "辅助人员不得从事行政执法的立案、受理工作。接收材料、登记信息属于第十三条第（二）"
            "项的事务性工作，是否受理、是否立案应当由执法人员决定。（依据第十九条第（一）项、"
            "第十三条第（二）项）"
        ),
        "citations": [{"article": 19, "item": 1}, {"article": 13, "item": 2}],
    },
    {
        "name": "19.1-b",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": "辅助人员不得从事行政执法的立案工作，但可以从事受理工作。",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十九条第（一）项把立案、受理并列为辅助人员不得从事的工作。"
            "辅助人员可以在窗口接送材料，但不能作出是否受理的决定。（依据第十九条第（一）项）"
        ),
        "citations": [{"article": 19, "item": 1}],
    },
    {
        "name": "19.1-c",
        "category": "岗前培训/第十九条",
        "qtype": "multiple",
        "text": "行政许可窗口业务繁忙。下列哪些工作不得交由窗口辅助人员完成？",
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "决定是否受理申请",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "出具《受理通知书》",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "将申请人信息录入系统",
                "weight": -0.5,
                "feedback": "信息采集和录入是第十三条第（二）项允许的事务性工作。",
            },
            {
                "text": "代替执法人员在受理决定上签字",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "接收申请材料并转交执法人员",
                "weight": -0.5,
                "feedback": "窗口接送材料是第十三条第（二）项允许的事务性工作。",
            },
        ],
        "explanation": (
            "受理是第十九条第（一）项禁止的工作，出具受理文书、代签属于第十九条第（三）"
            "项禁止的行为；接送材料和信息录入是允许的事务性工作。业务繁忙不能成为突破规定的理由。"
            "（依据第十九条第（一）项、第十九条第（三）项、第十三条第（二）项）"
        ),
        "citations": [
            {"article": 19, "item": 1},
            {"article": 19, "item": 3},
            {"article": 13, "item": 2},
        ],
    },
    {
        "name": "19.2-a",
        "category": "岗前培训/第十九条",
        "qtype": "multiple",
        "text": "依据第十九条第（二）项，下列哪些工作辅助人员不得“独立从事”？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "行政确认",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "宣传相关法律、法规、规章和政策",
                "weight": -0.5,
                "feedback": "这是第十三条第（一）项允许的工作。",
            },
            {
                "text": "行政许可",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "行政征收",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "向行政执法机关报告发现的违法信息",
                "weight": -0.5,
                "feedback": "这是第十三条第（五）项允许的工作。",
            },
        ],
        "explanation": (
            "第十九条第（二）项列举了行政许可、行政处罚、行政强制、行政征收、行政检查、"
            "行政确认等影响当事人权利义务的工作，辅助人员不得独立从事。（依据第十九条第（二）项）"
        ),
        "citations": [{"article": 19, "item": 2}],
    },
    {
        "name": "19.2-b",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "市场巡查中，执法人员在另一家商户处忙碌，辅助人员小唐独自进入一家药店检查其进货台账，"
            "并要求店主在“检查情况记录”上签字确认。对小唐的行为，下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "符合规定，因为小唐佩戴了辅助人员标识",
                "weight": 0.0,
                "feedback": "佩戴标识是辅助人员的义务，不是执法授权。",
            },
            {
                "text": "符合规定，查看台账属于信息采集和录入",
                "weight": 0.0,
                "feedback": (
                    "信息采集是事务性工作；进入经营场所检查台账并要求当事人确认，"
                    "是独立从事行政检查。"
                ),
            },
            {
                "text": "符合规定，只要事后向执法人员报告",
                "weight": 0.0,
                "feedback": "事后报告不能改变独立检查的性质。",
            },
            {
                "text": "违反规定，辅助人员不得独立从事行政检查等影响当事人权利义务的工作",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "行政检查影响当事人的权利义务，辅助人员不得独立从事。信息采集和录入是事务性工作，"
            "但不能以此为名独自对经营者开展检查。（依据第十九条第（二）项、第十三条第（二）项）"
        ),
        "citations": [{"article": 19, "item": 2}, {"article": 13, "item": 2}],
    },
    {
        "name": "19.2-c",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": "辅助人员在执法人员指挥下协助执法时，为完成执法任务可以超出自己的职责范围。",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十九条第（二）项明确禁止辅助人员“超出职责范围协助行政执法活动”。"
            "听从指挥（第十六条第（四）项）是在职责范围之内。（依据第十九条第（二）项、"
            "第十六条第（四）项）"
        ),
        "citations": [{"article": 19, "item": 2}, {"article": 16, "item": 4}],
    },
    {
        "name": "19.3-a",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "执法人员老郑外出前，把一份已写好内容的《责令改正通知书》交给辅助人员小齐，说："
            "“当事人来了你替我签个字交给他，服从指挥是你的义务。”小齐正确的做法是："
        ),
        "scenario": True,
        "difficulty": 3,
        "choices": [
            {
                "text": "拒绝代签，说明代替执法人员在执法文书上签字是禁止的行为",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "服从指挥是辅助人员的义务，应当代签",
                "weight": 0.0,
                "feedback": "听从指挥不包括执行违法的指令。",
            },
            {
                "text": "可以代签，但要在签名后注明“代签”二字",
                "weight": 0.0,
                "feedback": "注明“代签”仍然是代替执法人员签字。",
            },
            {
                "text": "可以先代签，事后由老郑补签确认",
                "weight": 0.0,
                "feedback": "事后补签不能补正代签的违法性。",
            },
        ],
        "explanation": (
            "代替执法人员在行政执法文书上签字是第十九条第（三）项明确禁止的行为。第十六条第（四）"
            "项的“听从指挥”以合法为前提；执法人员唆使辅助人员从事违法行为的，"
            "还要依照第三十条承担法律责任。（依据第十九条第（三）项、第十六条第（四）项、第三十条）"
        ),
        "citations": [
            {"article": 19, "item": 3},
            {"article": 16, "item": 4},
            {"article": 30, "item": None},
        ],
    },
    {
        "name": "19.3-b",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": "辅助人员不得制作行政执法文书，也不得代替行政执法人员在行政执法文书上签字。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "这是第十九条第（三）项的规定。执法文书记载执法决定和过程，必须由执法人员制作和签署。"
            "（依据第十九条第（三）项）"
        ),
        "citations": [{"article": 19, "item": 3}],
    },
    {
        "name": "19.3-c",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": "下列行为中，违反第十九条第（三）项的是：",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "辅助人员保管和维护执法记录仪",
                "weight": 0.0,
                "feedback": "执法装备保管和维护保养是第十三条第（四）项允许的保障性工作。",
            },
            {
                "text": "辅助人员维护执法办案系统的计算机网络",
                "weight": 0.0,
                "feedback": "计算机网络维护是第十三条第（三）项允许的纯技术性工作。",
            },
            {
                "text": "辅助人员将已办结案件的信息录入系统",
                "weight": 0.0,
                "feedback": "信息录入是第十三条第（二）项允许的事务性工作。",
            },
            {
                "text": "辅助人员自行填写并出具《责令改正通知书》",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "《责令改正通知书》是行政执法文书，辅助人员不得制作；录入信息、维护网络、"
            "保管装备分别是第十三条允许的事务性、纯技术性和保障性工作。（依据第十九条第（三）项、"
            "第十三条第（二）项）"
        ),
        "citations": [{"article": 19, "item": 3}, {"article": 13, "item": 2}],
    },
    {
        "name": "19.4-a",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "辅助人员小曹看护一处已被依法查封的仓库时，"
            "发现当事人正从隔壁未查封的房间往外搬运同类货物。小曹正确的做法是："
        ),
        "scenario": True,
        "difficulty": 3,
        "choices": [
            {
                "text": "自行扣留运货车辆，等执法人员到场",
                "weight": 0.0,
                "feedback": "扣留车辆同样是行政强制措施。",
            },
            {
                "text": "立即向执法人员报告，由执法机关依法决定是否采取强制措施",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "以执法人员的名义口头宣布扣押这批货物",
                "weight": 0.0,
                "feedback": "代替执法人员下达强制措施决定同样被禁止。",
            },
            {
                "text": "自行对隔壁房间贴封条予以查封",
                "weight": 0.0,
                "feedback": "自行下达行政强制措施是第十九条第（四）项禁止的行为。",
            },
        ],
        "explanation": (
            "看护已依法查封的场所是辅助人员的工作，但对新的物品、场所是否查封、扣押，"
            "只能由执法机关依法决定。辅助人员发现情况应当及时报告，"
            "不得自行或者代替执法人员下达强制措施。（依据第十九条第（四）项、第十三条第（七）项、"
            "第十三条第（五）项）"
        ),
        "citations": [
            {"article": 19, "item": 4},
            {"article": 13, "item": 7},
            {"article": 13, "item": 5},
        ],
    },
    {
        "name": "19.4-b",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": "执法人员电话授权后，辅助人员可以代替执法人员向当事人下达扣押决定。",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十九条第（四）项禁止辅助人员自行下达或者代替行政执法人员下达行政强制措施决定、命令，"
            "电话授权也不例外。（依据第十九条第（四）项）"
        ),
        "citations": [{"article": 19, "item": 4}],
    },
    {
        "name": "19.5-a",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "暴雨过后，单位安排辅助人员小韩值守一段按规定限制通行的积水路段。小韩以“不想淋雨”"
            "为由拒绝前往。对此，下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "不违规，只要事后补写一份情况说明",
                "weight": 0.0,
                "feedback": "事后说明不能改变拒不履行任务的性质。",
            },
            {
                "text": "属于拒不履行行政执法机关确定的工作职责、任务",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "不违规，辅助人员只听从执法人员指挥，不受执法机关的安排约束",
                "weight": 0.0,
                "feedback": "辅助人员应当服从行政执法机关管理（第十六条第（四）项）。",
            },
            {
                "text": "不违规，值守道路不属于辅助人员的工作",
                "weight": 0.0,
                "feedback": "值守按规定限制进入的道路是第十三条第（八）项允许的工作。",
            },
        ],
        "explanation": (
            "值守按规定限制进入的道路是第十三条第（八）项规定的辅助人员工作。无正当理由拒绝前往，"
            "属于第十九条第（五）项禁止的拒不履行工作职责、任务。（依据第十九条第（五）项、"
            "第十三条第（八）项）"
        ),
        "citations": [{"article": 19, "item": 5}, {"article": 13, "item": 8}],
    },
    {
        "name": "19.5-b",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": "辅助人员对单位确定的工作任务有不同意见的，可以拒不履行，直至单位采纳其意见为止。",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "提出意见和建议是第十五条第（六）项规定的权利，但拒不履行行政执法机关确定的工作职责、"
            "任务是第十九条第（五）项禁止的行为。有意见可以提，工作任务仍然要履行。"
            "（依据第十九条第（五）项、第十五条第（六）项）"
        ),
        "citations": [{"article": 19, "item": 5}, {"article": 15, "item": 6}],
    },
    {
        "name": "19.6-a",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "辅助人员小邓负责执法记录仪的数据导出归档。同事在一次劝导中与当事人发生争执，"
            "请小邓把这段视频删掉。小邓正确的做法是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "拒绝删除，按规定完整导出归档",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "不删除，但另存到个人电脑，不入库",
                "weight": 0.0,
                "feedback": "这是隐匿监控影像资料，同样被禁止。",
            },
            {
                "text": "经同事本人同意后可以删除",
                "weight": 0.0,
                "feedback": "执法影像资料不是个人物品，谁同意都不能删改。",
            },
            {
                "text": "把视频发到网上澄清事实，以免同事受冤枉",
                "weight": 0.0,
                "feedback": "扩散执法影像资料同样被禁止。",
            },
        ],
        "explanation": (
            "第十九条第（六）项禁止隐匿、删改或者扩散相关执法文书、监控影像资料、报案记录等。"
            "执法记录仪的保管和数据导出是保障性工作，但必须完整、如实。（依据第十九条第（六）项、"
            "第十三条第（四）项）"
        ),
        "citations": [{"article": 19, "item": 6}, {"article": 13, "item": 4}],
    },
    {
        "name": "19.6-b",
        "category": "岗前培训/第十九条",
        "qtype": "multiple",
        "text": "下列哪些属于第十九条第（六）项禁止的行为？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "将报案登记信息录入系统",
                "weight": -0.5,
                "feedback": "信息录入是第十三条第（二）项允许的事务性工作。",
            },
            {
                "text": "按规定导出执法记录仪视频并上传存储系统",
                "weight": -0.5,
                "feedback": "这是执法装备维护和资料管理的正常工作。",
            },
            {
                "text": "隐匿报案记录",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "删改监控影像资料",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "扩散相关执法文书",
                "weight": 0.33333,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十九条第（六）项禁止隐匿、删改或者扩散相关执法文书、监控影像资料、报案记录等；"
            "按规定导出、上传、录入是正常的辅助工作。（依据第十九条第（六）项）"
        ),
        "citations": [{"article": 19, "item": 6}],
    },
    {
        "name": "19.6-c",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": "辅助人员擅自把执法监控影像资料发到网上，即使内容真实，也违反规定。",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十九条第（六）项禁止“扩散”相关监控影像资料，并不以内容失实为条件。"
            "（依据第十九条第（六）项）"
        ),
        "citations": [{"article": 19, "item": 6}],
    },
    {
        "name": "19.7-a",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": "辅助人员把执法中获悉的当事人个人隐私告诉亲友，只要没有造成后果，就不违反规定。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "泄露个人隐私本身就是第十九条第（七）项禁止的行为，不以造成后果为条件；第十六条第（三）"
            "项也规定辅助人员应当保护个人隐私。（依据第十九条第（七）项、第十六条第（三）项）"
        ),
        "citations": [{"article": 19, "item": 7}, {"article": 16, "item": 3}],
    },
    {
        "name": "19.7-b",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "辅助人员小叶在朋友微信群里发了一张在办案件当事人的身份证照片，只把姓名打了码。对此，"
            "下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "不违规，只有泄露国家秘密才违反规定",
                "weight": 0.0,
                "feedback": "第十九条第（七）项还包括工作秘密、商业秘密、个人隐私等。",
            },
            {
                "text": "违反规定，泄露了当事人的个人隐私",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "不违规，姓名已经打码",
                "weight": 0.0,
                "feedback": "身份证号码、照片、住址等同样属于个人隐私。",
            },
            {
                "text": "不违规，案件信息本来就要向社会公示",
                "weight": 0.0,
                "feedback": (
                    "第二十一条要求公示的是辅助人员的名单、职责、工作区域等信息，"
                    "不是当事人的个人信息。"
                ),
            },
        ],
        "explanation": (
            "第十九条第（七）项禁止泄露相关国家秘密、工作秘密、商业秘密、"
            "个人隐私以及其他需要保密的信息。打码姓名并不能消除身份证号码、照片等信息的隐私属性。"
            "（依据第十九条第（七）项、第二十一条）"
        ),
        "citations": [{"article": 19, "item": 7}, {"article": 21, "item": None}],
    },
    {
        "name": "19.7-c",
        "category": "岗前培训/第十九条",
        "qtype": "multiple",
        "text": "依据第十九条第（七）项，辅助人员不得泄露下列哪些信息？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "已在单位门户网站公开的行政许可办事指南",
                "weight": -0.5,
                "feedback": "主动公开的政务信息不属于需要保密的信息。",
            },
            {
                "text": "已依法公示的辅助人员名单和工作区域",
                "weight": -0.5,
                "feedback": "第二十一条要求执法机关公示这些信息，它们不属于需要保密的信息。",
            },
            {
                "text": "商业秘密",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "国家秘密",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "个人隐私",
                "weight": 0.33333,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十九条第（七）项禁止泄露相关国家秘密、工作秘密、商业秘密、"
            "个人隐私以及其他需要保密的信息；依法公示的信息本来就是公开的。（依据第十九条第（七）"
            "项、第二十一条）"
        ),
        "citations": [{"article": 19, "item": 7}, {"article": 21, "item": None}],
    },
    {
        "name": "19.8-a",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "一名流动摊贩在路口占道经营，辅助人员小武多次劝导无果，"
            "便趁摊贩不注意把他的货物搬走藏起来，“让他摆不成”。对小武的做法，下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "违反规定，属于采用违法或者不适当手段开展辅助执法工作",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "只要事后把货物还给摊贩，就不违规",
                "weight": 0.0,
                "feedback": "事后归还不能改变手段违法、不适当的性质。",
            },
            {
                "text": "符合规定，属于对违法行为人进行劝导",
                "weight": 0.0,
                "feedback": "劝导是说服，不包括私自搬走当事人的财物。",
            },
            {
                "text": "符合规定，属于对物品实施看护管理",
                "weight": 0.0,
                "feedback": (
                    "看护管理的对象是已经被执法机关依法扣押、查封的物品，这批货物并没有被依法扣押。"
                ),
            },
        ],
        "explanation": (
            "劝导无效时，辅助人员应当向执法人员报告，而不是自己想办法“治”当事人。私自搬走、"
            "藏匿当事人财物，属于第十九条第（八）项禁止的采用违法或者不适当手段开展辅助执法工作。"
            "（依据第十九条第（八）项、第十三条第（七）项、第十三条第（六）项）"
        ),
        "citations": [
            {"article": 19, "item": 8},
            {"article": 13, "item": 7},
            {"article": 13, "item": 6},
        ],
    },
    {
        "name": "19.8-b",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": (
            "辅助人员假扮顾客，诱导商户销售违禁商品以取得违法线索，"
            "属于办法允许的“向行政执法机关报告发现的违法信息”。"
        ),
        "scenario": False,
        "difficulty": 3,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十三条第（五）项允许报告“发现的”违法信息；诱导他人违法以制造线索，"
            "属于第十九条第（八）项禁止的采用违法或者不适当手段开展辅助执法工作。"
            "（依据第十九条第（八）项、第十三条第（五）项）"
        ),
        "citations": [{"article": 19, "item": 8}, {"article": 13, "item": 5}],
    },
    {
        "name": "19.8-c",
        "category": "岗前培训/第十九条",
        "qtype": "multiple",
        "text": "辅助人员在夜市劝导流动摊贩时，下列哪些做法违反规定？",
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "未经执法机关决定，自行收走摊贩的货物",
                "weight": 0.5,
                "feedback": "这是采用违法、不适当的手段，也等于自行采取强制措施。",
            },
            {
                "text": "劝导无效时，将情况报告现场执法人员",
                "weight": -0.5,
                "feedback": "报告违法信息是第十三条第（五）项允许的工作。",
            },
            {
                "text": "文明礼貌地提醒摊贩占道经营可能违反的规定",
                "weight": -0.5,
                "feedback": "提醒、劝导是第十三条第（六）项允许的工作。",
            },
            {
                "text": "嘲讽外地摊贩“乡下人不懂规矩”",
                "weight": 0.5,
                "feedback": "这是歧视、侮辱性语言，为第十九条第（十二）项所禁止。",
            },
        ],
        "explanation": (
            "劝导要文明：使用歧视、侮辱性语言违反第十九条第（十二）项，"
            "自行收走货物违反第十九条第（八）项。文明提醒和及时报告是正确的做法。"
            "（依据第十九条第（八）项、第十九条第（十二）项、第十三条第（六）项）"
        ),
        "citations": [
            {"article": 19, "item": 8},
            {"article": 19, "item": 12},
            {"article": 13, "item": 6},
        ],
    },
    {
        "name": "19.9-a",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "辅助人员在检查站值守时，一名货车司机塞来两条香烟，说“请通融一下”。"
            "辅助人员正确的做法是："
        ),
        "scenario": True,
        "difficulty": 1,
        "choices": [
            {
                "text": "拒绝收受，并按规定向执法人员报告",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "价值不大，属于正常人情往来，可以收下",
                "weight": 0.0,
                "feedback": "数额大小不改变收受财物的性质。",
            },
            {
                "text": "可以收下，只要不因此给予通融",
                "weight": 0.0,
                "feedback": "收受财物本身即违反规定。",
            },
            {
                "text": "可以收下，辅助人员没有执法权，收了也影响不了执法",
                "weight": 0.0,
                "feedback": "第十九条第（九）项约束的正是辅助人员本人，与是否有执法权无关。",
            },
        ],
        "explanation": (
            "辅助人员不得索取或者收受贿赂。辅助人员虽然没有独立的执法资格，但其值守、看护、"
            "信息采集等工作同样可能被用来“通融”，因此同样不得收受。（依据第十九条第（九）项、"
            "第十三条第（八）项）"
        ),
        "citations": [{"article": 19, "item": 9}, {"article": 13, "item": 8}],
    },
    {
        "name": "19.9-b",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": "辅助人员不具有独立的执法资格，因此禁止索取或者收受贿赂的规定不适用于辅助人员。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十九条第（九）项直接规定辅助人员不得索取或者收受贿赂。不具有独立执法资格（第三条）"
            "并不免除这一禁止。（依据第十九条第（九）项、第三条）"
        ),
        "citations": [{"article": 19, "item": 9}, {"article": 3, "item": None}],
    },
    {
        "name": "19.10-a",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "市场监管辅助人员小罗利用业余时间，为自己平时巡查片区内的商户提供“如何应对检查”"
            "的有偿咨询。对此，下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "只要如实申报收入，就不违规",
                "weight": 0.0,
                "feedback": "申报收入不能消除利益冲突。",
            },
            {
                "text": "只要不泄露检查计划，就不违规",
                "weight": 0.0,
                "feedback": "即使不泄密，为自己巡查的对象提供有偿服务也与职责相冲突。",
            },
            {
                "text": "属于从事与履行职责相冲突的营利性活动，不得从事",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "利用业余时间，属于个人自由，不受限制",
                "weight": 0.0,
                "feedback": "判断标准是是否与履行职责相冲突，而不是是否在工作时间。",
            },
        ],
        "explanation": (
            "第十九条第（十）项禁止从事与履行职责相冲突的营利性活动。"
            "为自己巡查片区的商户提供有偿咨询，收入直接来自监督对象，与巡查职责明显冲突。"
            "（依据第十九条第（十）项）"
        ),
        "citations": [{"article": 19, "item": 10}],
    },
    {
        "name": "19.10-b",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": "办法第十九条禁止辅助人员从事一切营利性活动。",
        "scenario": False,
        "difficulty": 3,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十九条第（十）项禁止的是“与履行职责相冲突的”营利性活动，而不是一切营利性活动。"
            "判断的关键是是否与履行职责相冲突。（依据第十九条第（十）项）"
        ),
        "citations": [{"article": 19, "item": 10}],
    },
    {
        "name": "19.5-c",
        "category": "岗前培训/第十九条",
        "qtype": "multiple",
        "text": "下列哪些属于第十九条禁止辅助人员从事的行为？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "拒不履行行政执法机关确定的工作职责、任务",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "对行政执法机关及其工作提出意见和建议",
                "weight": -0.5,
                "feedback": "这是第十五条第（六）项规定的权利。",
            },
            {
                "text": "依法申请劳动争议仲裁",
                "weight": -0.5,
                "feedback": "这是第十五条第（八）项规定的权利。",
            },
            {
                "text": "从事与履行职责相冲突的营利性活动",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "索取或者收受贿赂",
                "weight": 0.33333,
                "feedback": "",
            },
        ],
        "explanation": (
            "拒不履行工作任务、收受贿赂、从事与职责相冲突的营利性活动分别是第十九条第（五）（九）"
            "（十）项禁止的行为；提出意见建议、申请劳动争议仲裁是第十五条规定的权利。"
            "（依据第十九条第（五）项、第十九条第（九）项、第十九条第（十）项）"
        ),
        "citations": [
            {"article": 19, "item": 5},
            {"article": 19, "item": 9},
            {"article": 19, "item": 10},
        ],
    },
    {
        "name": "19.11-a",
        "category": "岗前培训/第十九条",
        "qtype": "multiple",
        "text": "下列哪些行为违反第十九条第（十一）项？",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "涂改自己辅助人员工作证件上的有效期",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "离职时交回工作证件、服装和标识",
                "weight": -0.5,
                "feedback": "这是第二十三条规定的要求，不是禁止行为。",
            },
            {
                "text": "按规定保管和维护保养执法装备",
                "weight": -0.5,
                "feedback": "这是第十三条第（四）项允许的保障性工作。",
            },
            {
                "text": "借用执法人员的行政执法证开展检查",
                "weight": 0.33333,
                "feedback": "",
            },
            {
                "text": "把辅助执法服装借给朋友拍短视频",
                "weight": 0.33333,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十九条第（十一）项禁止出租、出借、买卖辅助执法服装、标识、执法设备，以及伪造、变造、"
            "借用行政执法证或者辅助人员工作证件。涂改证件有效期属于变造。（依据第十九条第（十一）"
            "项）"
        ),
        "citations": [{"article": 19, "item": 11}],
    },
    {
        "name": "19.11-b",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "网上有人高价收购“执法服装和标识”。辅助人员小蒋打算把自己多领的一套辅助执法服装和标识卖"
            "掉。对此，下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "不得买卖辅助执法服装、标识",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "只要摘掉标识，服装就可以出售",
                "weight": 0.0,
                "feedback": "辅助执法服装本身同样不得买卖。",
            },
            {
                "text": "多领的服装属于个人财产，可以出售",
                "weight": 0.0,
                "feedback": "辅助执法服装、标识不得买卖，离职时还应当由机关收回（第二十三条）。",
            },
            {
                "text": "只要不出售工作证件，就不违规",
                "weight": 0.0,
                "feedback": "第十九条第（十一）项同时禁止买卖服装、标识、执法设备。",
            },
        ],
        "explanation": (
            "辅助执法服装、标识关系到群众对执法身份的识别，流入社会可能被用来冒充执法。"
            "办法禁止出租、出借、买卖，辅助人员离职时机关还要收回。（依据第十九条第（十一）项、"
            "第二十三条）"
        ),
        "citations": [{"article": 19, "item": 11}, {"article": 23, "item": None}],
    },
    {
        "name": "19.11-c",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": "经执法人员本人同意，辅助人员可以借用其行政执法证开展工作。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "借用行政执法证是第十九条第（十一）项禁止的行为；"
            "辅助人员也不得行使应当由执法人员履行的权力（第十四条），执法人员同意也不例外。"
            "（依据第十九条第（十一）项、第十四条）"
        ),
        "citations": [{"article": 19, "item": 11}, {"article": 14, "item": None}],
    },
    {
        "name": "19.12-a",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "辅助人员劝导商户撤回占道摆放的货架时，商户出言不逊。辅助人员回骂了几句，还说："
            "“你再不搬，明天就让你关门！”对此，下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 1,
        "choices": [
            {
                "text": "只有殴打当事人才违规，言语冲突不算",
                "weight": 0.0,
                "feedback": "第十九条第（十二）项同时禁止粗俗、歧视、侮辱以及威胁性语言。",
            },
            {
                "text": "不违规，是商户先骂人",
                "weight": 0.0,
                "feedback": "当事人态度恶劣，也不能成为辅助人员辱骂、威胁的理由。",
            },
            {
                "text": "违反规定，属于使用侮辱性和威胁性语言",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "不违规，“让你关门”只是一种提醒、劝导",
                "weight": 0.0,
                "feedback": (
                    "以关门相威胁不是提醒、劝导，而是威胁性语言；辅助人员也无权决定让商户关门。"
                ),
            },
        ],
        "explanation": (
            "第十九条第（十二）项禁止履职过程中行为粗暴、辱骂殴打当事人，或者使用粗俗、歧视、"
            "侮辱以及威胁性语言。提醒、劝导应当文明进行。（依据第十九条第（十二）项、"
            "第十三条第（六）项）"
        ),
        "citations": [{"article": 19, "item": 12}, {"article": 13, "item": 6}],
    },
    {
        "name": "19.12-b",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": "辅助人员在履职过程中使用歧视性语言，即使没有动手，也违反办法的规定。",
        "scenario": False,
        "difficulty": 1,
        "choices": [
            {
                "text": "正确",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 0.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十九条第（十二）项既禁止行为粗暴、辱骂殴打当事人，也禁止使用粗俗、歧视、"
            "侮辱以及威胁性语言。（依据第十九条第（十二）项）"
        ),
        "citations": [{"article": 19, "item": 12}],
    },
    {
        "name": "19.13-a",
        "category": "岗前培训/第十九条",
        "qtype": "truefalse",
        "text": "辅助人员的禁止性行为仅限于第十九条第（一）至（十二）项列举的情形。",
        "scenario": False,
        "difficulty": 2,
        "choices": [
            {
                "text": "正确",
                "weight": 0.0,
                "feedback": "",
            },
            {
                "text": "错误",
                "weight": 1.0,
                "feedback": "",
            },
        ],
        "explanation": (
            "第十九条第（十三）项是兜底规定：法律、法规、规章规定的其他禁止性行为，"
            "辅助人员同样不得从事。（依据第十九条第（十三）项）"
        ),
        "citations": [{"article": 19, "item": 13}],
    },
    {
        "name": "19.13-b",
        "category": "岗前培训/第十九条",
        "qtype": "single",
        "text": (
            "某部门规章规定，从事该项执勤的人员（包括辅助人员）执勤期间不得饮酒。"
            "辅助人员小姚认为办法第十九条没有列举“饮酒”，自己执勤时饮酒不受约束。对此，"
            "下列说法正确的是："
        ),
        "scenario": True,
        "difficulty": 2,
        "choices": [
            {
                "text": "小姚的理解错误，法律、法规、规章规定的其他禁止性行为同样约束辅助人员",
                "weight": 1.0,
                "feedback": "",
            },
            {
                "text": "小姚的理解正确，办法没有列举的行为就不禁止",
                "weight": 0.0,
                "feedback": "第十九条第（十三）项是兜底条款。",
            },
            {
                "text": "只要劳动合同没有约定，小姚就不受约束",
                "weight": 0.0,
                "feedback": "禁止性行为的依据不限于劳动合同。",
            },
            {
                "text": "小姚的理解正确，只有法律规定的禁止行为才约束辅助人员",
                "weight": 0.0,
                "feedback": "第十九条第（十三）项包括法律、法规、规章的规定。",
            },
        ],
        "explanation": (
            "第十九条列举的十二项之外，法律、法规、规章规定的其他禁止性行为，辅助人员同样不得从事。"
            "（依据第十九条第（十三）项）"
        ),
        "citations": [{"article": 19, "item": 13}],
    },
]
