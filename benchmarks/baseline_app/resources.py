"""The django-import-export Resource reading the benchmark's ledgers into :class:`LedgerRow`.

Written the way the library's documentation shows: a ``ModelResource`` whose fields name the
file's headers, widgets for the amount (亿元 to yuan), the dates and the region, and
``import_id_fields`` on the project name so that importing a file twice updates instead of
duplicating, as ``taizhang import-ledger`` does.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from import_export import fields, resources, widgets

from benchmarks.baseline_app.models import LedgerRow
from taizhang.ledger.models import Region

#: Yuan in one 亿元.
YI = Decimal(100_000_000)
CENT = Decimal("0.01")

INVESTOR_TYPES = {"国有": "state", "民营": "private", "外资": "foreign", "其他": "other"}
MODES = {"线下签约": "offline", "线上签约": "online", "场外签约": "offsite"}
PROJECT_TYPES = {
    "新建": "new",
    "扩建": "expansion",
    "总部": "headquarters",
    "研发": "r&d",
    "基金": "fund",
    "其他": "other",
}


class YiWidget(widgets.DecimalWidget):
    """An amount in 亿元, stored in yuan to the cent."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Decimal | None:
        amount = super().clean(value, row, **kwargs)
        return None if amount is None else (amount * YI).quantize(CENT)


class ChoiceWidget(widgets.CharWidget):
    """A Chinese word of a closed list, stored as its code; any other word fails the row."""

    def __init__(self, codes: dict[str, str]) -> None:
        super().__init__()
        self.codes = codes

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = super().clean(value, row, **kwargs)
        if not text:
            return ""
        try:
            return self.codes[text]
        except KeyError:
            raise ValueError(f"{text!r} is not one of {', '.join(self.codes)}") from None


def _field(attribute: str, header: str, widget: widgets.Widget | None = None) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=header, widget=widget)


class LedgerRowResource(resources.ModelResource):
    """The ledger's Chinese headers mapped to :class:`LedgerRow`."""

    name = _field("name", "项目名称")
    investor = _field("investor", "投资方")
    investor_type = _field("investor_type", "投资主体类型", ChoiceWidget(INVESTOR_TYPES))
    value = _field("value", "合同投资额（亿元）", YiWidget())
    mode = _field("mode", "签约方式", ChoiceWidget(MODES))
    signing_date = _field("signing_date", "签约日期", widgets.DateWidget("%Y-%m-%d"))
    region = _field("region", "落地区县", widgets.ForeignKeyWidget(Region, field="name_zh"))
    sector = _field("sector", "行业领域")
    investor_origin = _field("investor_origin", "投资方来源地")
    strategic_emerging = _field("strategic_emerging", "战略性新兴产业")
    project_type = _field("project_type", "项目类型", ChoiceWidget(PROJECT_TYPES))
    responsible_unit = _field("responsible_unit", "责任单位")
    responsible_person = _field("responsible_person", "责任人")
    planned_start = _field("planned_start", "计划开工时间", widgets.DateWidget("%Y-%m-%d"))
    planned_production = _field(
        "planned_production", "计划投产时间", widgets.DateWidget("%Y-%m-%d")
    )
    description = _field("description", "建设内容")

    class Meta:
        model = LedgerRow
        import_id_fields = ("name",)
        fields = (
            "name",
            "investor",
            "investor_type",
            "value",
            "mode",
            "signing_date",
            "region",
            "sector",
            "investor_origin",
            "strategic_emerging",
            "project_type",
            "responsible_unit",
            "responsible_person",
            "planned_start",
            "planned_production",
            "description",
        )
