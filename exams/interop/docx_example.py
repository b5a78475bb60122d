"""The example Word file offered for download beside the import form
(site/static/exams/question-import-example.docx). It is written by this module — ``python
manage.py question_docx_example`` writes it again — and shows each variant of the layout that
exams.interop.docx reads: numbered headings with a note, ``1.`` ``1、`` ``（1）`` numbers, options
one per line and several on a line, a stem over two paragraphs, blanks as underscores and as
（  ）, pairs, an essay's reference answer, and the three ways of writing a citation."""

from __future__ import annotations

import io

import docx

EXAMPLE_PATH = "exams/question-import-example.docx"

PARAGRAPHS = [
    "题库导入示例（题与题之间可以空行；除简答题、案例分析题外，每题都要有“答案：”一行）",
    "一、单选题（每题2分）",
    "1. 辅助人员可以承担下列哪项工作？（  ）",
    "A. 宣传相关法律、法规、规章和政策  B. 独立作出行政处罚决定",
    "C. 制作行政执法文书  D. 从事行政执法的立案、受理工作",
    "答案：A",
    "解析：宣传法律法规属于辅助人员可以承担的工作；独立作出处罚决定、制作执法文书、立案受理都是辅助人员不得有的行为。",
    "依据：第十三条第（一）项、第十九条第二项",
    "难度：易",
    "分类：岗前培训/第十三条",
    "二、多选题",
    "2、下列哪些是辅助人员不得有的行为？",
    "A．制作行政执法文书",
    "B．代替执法人员下达行政强制措施决定",
    "C．向行政执法机关报告发现的违法信息",
    "D．从事行政执法的立案、受理工作",
    "答案：A,B,D",
    "解析：报告发现的违法信息是辅助人员可以承担的工作，其余三项均为不得有的行为。",
    "依据：第十九条第（一）项、第十九条第（三）项、第十九条第（四）项",
    "难度：中",
    "三、判断题",
    "（3）辅助人员可以独立作出行政处罚决定。（  ）",
    "答案：×",
    "依据：第19条",
    "四、填空题",
    "4. 辅助人员不具有独立的执法资格，应当在行政执法机关及其执法人员的____和____下开展辅助性工作。",
    "答案：指挥；监督",
    "依据：第三条",
    "5. 招聘辅助人员可以采取公开招聘、（  ）或者人事代理管理等方式。",
    "答案：劳务派遣/劳务派遣方式",
    "依据：第八条",
    "五、配对题",
    "6. 将下列事项与规定它的条款配对。",
    "A. 宣传相关法律、法规、规章和政策",
    "B. 制作行政执法文书",
    "C. 岗前培训和工作证件",
    "1. 第十九条",
    "2. 第十三条",
    "3. 第二十条",
    "4. 第二十五条",
    "答案：A-2；B-1；C-3",
    "依据：第十三条、第十九条、第二十条",
    "六、案例分析题",
    "7. 执法人员临时离开现场，要求辅助人员小王独自对占道经营的摊主作出罚款决定，并制作处罚决定书。",
    "请分析小王应当如何处理，并说明理由。",
    "答案：小王不应照办：独立从事行政处罚、制作行政执法文书都是辅助人员不得有的行为。"
    "他可以对摊主进行提醒、劝导，把情况报告执法人员，等执法人员到场处理。",
    "解析：评分看是否指出不得独立处罚、不得制作文书，是否说明可以做的提醒劝导和报告。",
    "依据：第十九条第（二）项、第十九条第（三）项、第十三条第（六）项",
]


def build_example() -> bytes:
    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
