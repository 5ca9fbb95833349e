"""What the blank template tells the clerk who fills it in, in English and in Chinese.

The template is written in the language chosen with ``--lang``, whatever language the
command's own messages are in, so its texts are kept here in both languages, beside each
other, as :data:`~taizhang.ledger.importing.headers.COLUMNS` keeps the headers; they follow
docs/ledger-files.md and the ledger format's accepted values.
"""

from __future__ import annotations

from typing import NamedTuple


class Text(NamedTuple):
    """One text of the template in English and in Chinese."""

    en: str
    zh: str

    def in_language(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


#: What each column accepts, by column key.
ACCEPTED: dict[str, Text] = {
    "name": Text("Text: the project's name as signed.", "文本：签约的项目名称。"),
    "investor": Text(
        "One or more investors' names separated by ; or 、 — the first named is the lead investor.",
        "一个或多个投资方名称，以“；”或“、”分隔；第一个为主要投资方。",
    ),
    "investor_type": Text(
        "The lead investor's type: state, private, foreign or other (investors from Hong Kong, "
        "Macao and Taiwan are foreign).",
        "主要投资方的类型：国有、民营、外资或其他（港澳台投资方计入外资）。",
    ),
    "value": Text(
        "The contract value, more than zero, in the unit of the header, or with its unit in the "
        "cell: 1.2亿元, 300万元, 46.3 billion, US$6.95 billion. Another currency is converted to "
        "yuan at the event's rate.",
        "合同投资额，须大于零，单位见表头；也可在单元格中写明单位：1.2亿元、300万元、46.3 billion、"
        "US$6.95 billion。外币按签约活动的汇率折算为人民币。",
    ),
    "mode": Text(
        "offline (signed in the hall), online (over a live video link) or offsite (contracted "
        "away from the ceremony).",
        "线下签约（在会场签约）、线上签约（视频连线签约）或场外签约；只写“现场”视为线下签约。",
    ),
    "signing_date": Text(
        "A date: an Excel date, 2021-08-23, 2021/8/23 or 2021年8月23日.",
        "日期：Excel日期、2021-08-23、2021/8/23或2021年8月23日。",
    ),
    "region": Text(
        "Where the project lands: a district, county, development zone or new area, or a "
        "province — by name (Chinese or English) or code. Choose from the list.",
        "项目落地的区县、开发区、新区或省份，填写名称（中文或英文）或代码，可从下拉列表中选择。",
    ),
    "sector": Text(
        "A sector of the event's reporting classification, e.g. intelligent manufacturing; a "
        "new name creates a new sector, and the import says so.",
        "签约活动统计口径的行业领域，如智能制造；新的名称会新建行业领域，导入时会提示。",
    ),
    "event": Text(
        "The event's code, e.g. SCE2021 (taizhang events list shows them). Not needed when the "
        "file is imported with --event.",
        "签约活动代码，如SCE2021（taizhang events list 可查看）；导入时指定 --event 则可不填。",
    ),
    "investor_origin": Text(
        "Where the lead investor comes from: a country, or a province-level division of China "
        "(Hong Kong, Macao and Taiwan are provinces of China here).",
        "主要投资方来源地：国家，或中国的省级行政区（香港、澳门、台湾按中国的省级行政区填写）。",
    ),
    "strategic_emerging": Text(
        "yes or no, or one of the nine strategic emerging industries of the NBS classification "
        "(2018). Choose from the list.",
        "是或否，或国家统计局《战略性新兴产业分类（2018）》九大产业之一，可从下拉列表中选择。",
    ),
    "industry_chain": Text("The industry chain's name.", "产业链名称。"),
    "park": Text(
        "The industrial park the project lands in, within its region.",
        "项目所在园区的名称（须在落地区县内）。",
    ),
    "project_type": Text(
        "new, expansion, headquarters, r&d, fund or other. Choose from the list.",
        "新建、扩建、总部、研发、基金或其他，可从下拉列表中选择。",
    ),
    "project_code": Text(
        "The code issued by the national investment project approval platform, where there is "
        "one. It identifies the project across the whole ledger.",
        "全国投资项目在线审批监管平台赋予的项目代码（如有），在整个台账中唯一标识一个项目。",
    ),
    "responsible_unit": Text("Text: the unit responsible.", "文本：责任单位名称。"),
    "responsible_person": Text("Text: the person responsible.", "文本：责任人姓名。"),
    "planned_start": Text("A date, as for the signing date.", "日期，写法同签约日期。"),
    "planned_production": Text("A date, as for the signing date.", "日期，写法同签约日期。"),
    "description": Text("Text: what the project builds.", "文本：主要建设内容。"),
    "original_value": Text(
        "Only for a contract signed in another currency: the amount in that currency, with "
        "the Currency column.",
        "仅用于以外币签约的项目：外币金额，须同时填写币种。",
    ),
    "currency": Text(
        "The ISO code of the original amount's currency, e.g. USD; empty means yuan (CNY).",
        "原币金额的币种代码，如USD；不填即为人民币（CNY）。",
    ),
}

REQUIRED = Text("Required.", "必填。")
REQUIRED_UNLESS_EVENT = Text(
    "Required, unless the file is imported with --event.", "必填，导入时指定 --event 的除外。"
)
OPTIONAL = Text("Optional.", "选填。")
EXAMPLE_NOTE = Text(
    "Row 2 is an example: overwrite or delete it before importing.",
    "第2行为示例，导入前请覆盖或删除。",
)

SHEET_LEDGER = Text("Ledger", "台账")
SHEET_INSTRUCTIONS = Text("Instructions", "填写说明")
SHEET_LISTS = Text("Lists", "选项")

TITLE = Text("How to fill in the ledger", "台账填写说明")
STEPS: tuple[Text, ...] = (
    Text(
        "One row per signed project, on the sheet “Ledger”; keep the header row as it is.",
        "在“台账”工作表中每行填写一个签约项目，请勿修改表头。",
    ),
    Text(
        "Headers in red are required; the others may be left empty. Hover over a header to "
        "see what it accepts.",
        "红色表头为必填项，其余可不填。将鼠标停在表头上可查看填写要求。",
    ),
    Text(
        "Amounts are in the unit the contract value's header states; a unit written in a cell "
        "(1.2亿元, 300万元) overrides it. Write numbers, not formulas.",
        "金额的单位见“合同投资额”表头；单元格中写明的单位（如1.2亿元、300万元）优先。请填写数值，"
        "不要使用公式。",
    ),
    Text(
        "Several investors go in one cell, separated by ; or 、 with the lead investor first.",
        "多个投资方填在同一单元格中，以“；”或“、”分隔，主要投资方排在第一位。",
    ),
    Text(
        "Drop-down lists offer the accepted values; the region list holds the host city's "
        "districts, counties and zones and China's provinces.",
        "下拉列表提供可选值；落地区县列表包括主办城市的区县、开发区和新区，以及全国各省级行政区。",
    ),
    EXAMPLE_NOTE,
    Text(
        "Import the file with: taizhang import-ledger FILE --event CODE (add --dry-run to "
        "check it first). The import lists every problem with its row and column, and writes "
        "nothing until the whole file is right.",
        "使用命令导入：taizhang import-ledger 文件名 --event 活动代码（可先加 --dry-run 检查）。"
        "导入会列出每个问题所在的行和列；整个文件无误后才会写入。",
    ),
)
COLUMN_TABLE = (
    Text("Header", "表头"),
    Text("Header in Chinese", "英文表头"),
    Text("Required", "是否必填"),
    Text("What to write", "填写要求"),
)
YES_NO = Text("yes", "是"), Text("no", "否")
