"""The header row of a ledger file: which column each header names, and the unit it states.

:data:`COLUMNS` is the single source of truth for the ledger's columns: their keys, the
canonical English and Chinese headers export writes (:func:`header_for`), whether an import
needs them, and every alias an import accepts. Headers match case-insensitively, without
regard to spaces, hyphens, underscores, full-width forms or a ``*`` marking a required column;
a trailing unit — ``合同投资额（亿元）``, ``Contract value (CNY 100 million)``,
``合同投资额/万元``, ``合同投资额万元`` — is ignored for matching and returned.

Aliases are added only where they cannot mean another column: 投资金额, 总投资 and 签约额 are
not aliases of the contract value (they may be a project's total or actual investment), nor is
投资主体 (which ledgers use for the investor's type as often as for the investor).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from taizhang.ledger.importing.cells import cell_text, fold, quote, word_key
from taizhang.ledger.importing.problems import CellError, Problem, Severity, column_letter
from taizhang.ledger.importing.units import EXPORT_UNITS, Unit, parse_unit


@dataclass(frozen=True)
class Column:
    """One column of the ledger: its key, canonical headers, and the other headers accepted."""

    key: str
    en: str
    zh: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    #: Amount columns read a unit from their header (合同投资额（亿元）).
    takes_unit: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("name", "Project name", "项目名称", True, (
        "Project", "Project title", "项目", "项目名", "签约项目", "签约项目名称",
    )),
    Column("investor", "Investor", "投资方", True, (
        "Investors", "Investor(s)", "Investing company", "Signing company", "Signing enterprise",
        "签约企业", "投资企业", "投资商", "签约方", "签约单位", "投资方名称", "签约企业名称",
        "投资企业名称",
    )),
    Column("investor_type", "Investor type", "投资主体类型", True, (
        "Type of investor", "Investor category", "Ownership", "Ownership type",
        "企业性质", "投资方类型", "投资方性质", "投资主体性质",
    )),
    Column("value", "Contract value", "合同投资额", True, (
        "Contract amount", "Contracted investment", "Contract investment", "Agreed investment",
        "协议投资额", "签约金额", "合同金额", "协议金额", "合同投资金额", "协议投资金额",
        "签约投资额",
    ), takes_unit=True),
    Column("mode", "Signing mode", "签约方式", True, (
        "Signing method", "Mode of signing", "Signing type", "签约形式", "签约类型",
    )),
    Column("signing_date", "Signing date", "签约日期", True, (
        "Date signed", "Date of signing", "Signed on", "签约时间",
    )),
    Column("region", "Region", "落地区县", True, (
        "District", "District/county", "Project location", "Landing region",
        "所在区县", "项目落地", "落地区域", "落户区县", "项目所在地", "区县",
    )),
    Column("sector", "Sector", "行业领域", True, (
        "Industry", "Industry sector", "产业类别", "所属行业", "行业类别", "产业领域", "行业",
        "产业分类",
    )),
    Column("event", "Event", "签约活动", True, (
        "Signing event", "Signing ceremony", "Event code", "签约仪式", "活动", "活动代码",
        "签约活动代码",
    )),
    Column("investor_origin", "Investor origin", "投资方来源地", False, (
        "Origin", "Investor's origin", "Investor from", "来源地", "投资来源地", "投资方所在地",
        "企业来源地", "投资方来源",
    )),
    Column("strategic_emerging", "Strategic emerging industry", "战略性新兴产业", False, (
        "Strategic emerging", "Strategic emerging industries", "SEI", "战略新兴产业",
        "战新产业", "是否战略性新兴产业", "是否战略新兴产业", "战略性新兴产业类别",
    )),
    Column("industry_chain", "Industry chain", "产业链", False, (
        "Chain", "所属产业链", "重点产业链",
    )),
    Column("park", "Park", "所在园区", False, (
        "Industrial park", "园区", "落地园区", "产业园区",
    )),
    Column("project_type", "Project type", "项目类型", False, (
        "Type of project", "项目类别", "项目性质", "建设性质",
    )),
    Column("project_code", "Project code", "项目代码", False, (
        "National project code", "Project number", "项目编号", "项目编码", "全国投资项目代码",
    )),
    Column("responsible_unit", "Responsible unit", "责任单位", False, (
        "Responsible department", "Responsible organisation", "Responsible organization",
        "Unit responsible", "责任部门", "主责单位", "牵头责任单位",
    )),
    Column("responsible_person", "Responsible person", "责任人", False, (
        "Person responsible",
    )),
    Column("planned_start", "Planned start", "计划开工时间", False, (
        "Planned start date", "Planned construction start", "计划开工日期", "预计开工时间",
        "预计开工日期", "计划开工",
    )),
    Column("planned_production", "Planned production", "计划投产时间", False, (
        "Planned production date", "Planned start of production", "计划投产日期",
        "预计投产时间", "预计投产日期", "计划投产",
    )),
    Column("description", "Description", "建设内容", False, (
        "Project description", "Construction content", "Project summary", "项目简介",
        "项目概况", "主要建设内容", "项目内容", "建设内容及规模",
    )),
    Column("original_value", "Original amount", "原币金额", False, (
        "Original value", "Amount in original currency", "Original currency amount",
        "原币投资额", "外币金额",
    ), takes_unit=True),
    Column("currency", "Currency", "币种", False, (
        "Currency code", "货币", "币别", "货币种类",
    )),
)  # fmt: skip

COLUMNS_BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}
REQUIRED_KEYS: tuple[str, ...] = tuple(column.key for column in COLUMNS if column.required)

#: How the canonical headers name each export unit (``--unit``): English, Chinese.
UNIT_LABELS: dict[str, tuple[str, str]] = {
    "yuan": ("CNY", "元"),
    "wan": ("CNY 10 thousand", "万元"),
    "yi": ("CNY 100 million", "亿元"),
}


def _aliases() -> tuple[dict[str, str], frozenset[str]]:
    aliases: dict[str, str] = {}
    for column in COLUMNS:
        for header in (column.key, column.en, column.zh, *column.aliases):
            key = word_key(header)
            if aliases.setdefault(key, column.key) != column.key:
                raise ValueError(f"{header!r} would name both {aliases[key]} and {column.key}")
    amount_aliases = frozenset(k for k, v in aliases.items() if COLUMNS_BY_KEY[v].takes_unit)
    return aliases, amount_aliases


_ALIASES, _AMOUNT_ALIASES = _aliases()

# "合同投资额（亿元）", "Contract value [CNY]", "合同投资额【万元】" (NFKC has folded （）).
_BRACKETED = re.compile(r"(?P<base>.+?)\s*[(\[【]\s*(?P<unit>[^()\[\]【】]*?)\s*[)\]】]")
# "合同投资额/亿元", "Contract value, CNY 100 million", "签约日期|时间".
_SEPARATED = re.compile(r"(?P<base>.+?)\s*[/,:|]\s*(?P<unit>.+)")
# "*项目名称", "项目名称：" — required markers and a trailing colon are not part of a header.
_MARKERS = " *:"


class HeaderMatch(NamedTuple):
    """What a header names: a column key (None when unknown) and the unit it states."""

    key: str | None
    unit: Unit | None = None


def match_header(header: object) -> HeaderMatch:
    """The column a header cell names, and the unit it states for an amount column.

    An unknown header gives ``HeaderMatch(None)``. An amount column's header with something
    after it that is not a unit (``合同投资额（约数）``) raises :class:`CellError`: amounts
    read under a unit that was not understood would be wrong by a factor.
    """
    text = fold(cell_text(header)).strip(_MARKERS)
    key = _ALIASES.get(word_key(text))
    if key is not None or not text:
        return HeaderMatch(key)
    for pattern in (_BRACKETED, _SEPARATED):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        key = _ALIASES.get(word_key(match["base"].strip(_MARKERS)))
        if key is None:
            continue
        if not COLUMNS_BY_KEY[key].takes_unit:
            return HeaderMatch(key)  # 签约日期（年月日）: a note, not a unit
        unit = parse_unit(match["unit"])
        if unit is None:
            raise CellError(
                format_lazy(
                    _(
                        "“{unit}” in the header “{header}” is not a unit of amounts: write "
                        "元, 万元, 亿元, CNY, CNY 100 million, million yuan, USD million or the "
                        "like."
                    ),
                    unit=quote(match["unit"]),
                    header=quote(header),
                ),
                header,
                field=key,
            )
        return HeaderMatch(key, unit)
    # A unit written straight after the name: 合同投资额万元, Contract value CNY.
    for end in range(len(text) - 1, 0, -1):
        if word_key(text[:end]) in _AMOUNT_ALIASES:
            unit = parse_unit(text[end:])
            if unit is not None:
                return HeaderMatch(_ALIASES[word_key(text[:end])], unit)
    return HeaderMatch(None)


def header_for(key: str, language: str, unit: str | None = None) -> str:
    """The canonical header of column ``key`` in ``language`` (``en`` or ``zh``/``zh-hans``).

    ``unit`` (``yuan``, ``wan`` or ``yi``) adds the unit to the contract value's header:
    ``合同投资额（亿元）``, ``Contract value (CNY 100 million)``. Original amounts are written
    in whole units of their currency, so their header takes none.
    """
    column = COLUMNS_BY_KEY[key]
    english = not language.lower().startswith("zh")
    header = column.en if english else column.zh
    if unit is None:
        return header
    if key != "value":
        raise ValueError(f"only the contract value's header states a unit, not {key}'s")
    if unit not in EXPORT_UNITS:
        raise ValueError(f"unknown unit {unit!r}: use one of {', '.join(EXPORT_UNITS)}")
    en_label, zh_label = UNIT_LABELS[unit]
    return f"{header} ({en_label})" if english else f"{header}（{zh_label}）"


@dataclass
class HeaderMap:
    """What a header row says: where each column is, the units stated, and what is wrong.

    ``columns`` maps each key found to the index of its cell in the row; ``units`` the amount
    columns whose header states a unit to that unit; ``headers`` holds every header as
    written; ``unknown`` the indexes of headers that name no column (ignored, with a
    warning). ``problems`` holds errors (a missing required column, a column twice, an empty
    header before others) and warnings, each placed at its column.
    """

    columns: dict[str, int] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    headers: tuple[str, ...] = ()
    unknown: tuple[int, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    first_column: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]

    def letter(self, index: int) -> str:
        """The spreadsheet's letter of the column at ``index`` in the row."""
        return column_letter(self.first_column + index)

    def place(self, problem: Problem, key: str, row: int) -> Problem:
        """``problem`` found in column ``key`` of spreadsheet row ``row``, placed there."""
        index = self.columns[key]
        return problem.at(row=row, column=self.letter(index), header=self.headers[index], field=key)


def map_header_row(
    cells: Sequence[object], *, event_given: bool = False, first_column: int = 0
) -> HeaderMap:
    """Map a header row to the ledger's columns, reporting everything wrong with it.

    ``event_given`` is true when the import names its event (``--event``), which makes the
    event column optional. ``first_column`` is the index of the row's first cell in the sheet
    (0 for column A), so that problems name the spreadsheet's own column letters.
    """
    result = HeaderMap(headers=tuple(cell_text(cell) for cell in cells), first_column=first_column)
    last = max((i for i, text in enumerate(result.headers) if fold(text)), default=-1)
    unknown = []
    claimed: set[str] = set()
    for index, header in enumerate(result.headers[: last + 1]):
        letter = result.letter(index)
        if not fold(header):
            result.problems.append(
                _problem(
                    _(
                        "Column {column} has no header, but columns after it do: give it a "
                        "header, or delete the column. A merged header cell leaves the cells "
                        "after its first one empty."
                    ),
                    header,
                    letter,
                )
            )
            continue
        try:
            key, unit = match_header(header)
        except CellError as error:
            result.problems.append(error.problem.at(column=letter, header=header))
            claimed.add(error.problem.field)  # reported once, not again as missing
            continue
        if key is None:
            unknown.append(index)
            result.problems.append(
                _problem(
                    _("Column {column} “{header}” is not a ledger column and is ignored."),
                    header,
                    letter,
                    Severity.WARNING,
                )
            )
            continue
        if key in result.columns:
            first = result.columns[key]
            result.problems.append(
                _problem(
                    _(
                        "Column {column} “{header}” and column {first} “{first_header}” are "
                        "both {en} ({zh}): keep one of them."
                    ),
                    header,
                    letter,
                    first=result.letter(first),
                    first_header=quote(result.headers[first]),
                    en=COLUMNS_BY_KEY[key].en,
                    zh=COLUMNS_BY_KEY[key].zh,
                ).at(field=key)
            )
            continue
        result.columns[key] = index
        if unit is not None:
            result.units[key] = unit
    result.unknown = tuple(unknown)
    for key in REQUIRED_KEYS:
        if key in result.columns or key in claimed or (key == "event" and event_given):
            continue
        column = COLUMNS_BY_KEY[key]
        if key == "event":
            message = _(
                "The required column {en} ({zh}) is missing: add a column headed "
                "“{en}” or “{zh}”, or name the event with --event."
            )
        else:
            message = _(
                "The required column {en} ({zh}) is missing: add a column headed “{en}” or “{zh}”."
            )
        result.problems.append(
            Problem(Severity.ERROR, format_lazy(message, en=column.en, zh=column.zh), field=key)
        )
    return result


def _problem(
    message: Promise, text: str, letter: str, severity: Severity = Severity.ERROR, **params: object
) -> Problem:
    """A problem with the header ``text`` in column ``letter``.

    ``message`` may use ``{column}`` and ``{header}`` besides ``params``.
    """
    return Problem(
        severity,
        format_lazy(message, column=letter, header=quote(text), **params),
        value=text,
        column=letter,
        header=text,
    )
