"""The tables the pages offer: their names in Chinese, what each tells, and which periods
and rights each needs."""

from __future__ import annotations

from dataclasses import dataclass

from application.authorization import Action
from domain.workflow import QUARTER, period_problem


@dataclass(frozen=True)
class TablePage:
    """One table as the pages present it."""

    name: str
    title: str
    description: str
    period_hint: str
    action: Action = Action.READ_TABLES
    quarter_only: bool = False
    period_required: bool = False
    periodic: bool = True

    def period_error(self, period: str) -> str | None:
        """Why a period cannot be asked for (None: it can, or none was given)."""
        if not period:
            return "请填写季度，如 2023Q2。" if self.period_required else None
        if problem := period_problem(period):
            return problem.chinese
        if self.quarter_only and not QUARTER.match(period):
            return f"{self.title}按季度统计：请写季度，如 {period[:4]}Q2。"
        return None


PAGES: tuple[TablePage, ...] = (
    TablePage(
        "quarterly",
        "季度验收情况统计表",
        "镇街按季度上报的服务站验收情况：得分、联系人、是否合格，附签字栏。",
        "季度，如 2023Q2",
    ),
    TablePage(
        "county-summary",
        "年度量化考核情况统计表",
        "各县（市、区）服务中心的年度分项得分、总分与考核结果。",
        "年度，如 2023",
    ),
    TablePage(
        "compliance",
        "达标率统计表",
        "各单位服务站达标数与达标率，对照本季度目标（25.0%、50.0%、75.0%、100.0%），附图表。",
        "季度，如 2023Q2",
        quarter_only=True,
    ),
    TablePage(
        "tasks",
        "任务分解表",
        "每项评分标准的牵头领导、责任股室、完成时限与完成状态，逾期未完成的高亮显示。",
        "年度，如 2024",
    ),
    TablePage(
        "progress",
        "完成进度情况表",
        "年度目标任务要点与完成进度情况。",
        "年度，如 2022",
    ),
    TablePage(
        "scores",
        "评分表汇总",
        "各单位评分表的状态与自评、验收、复核得分。",
        "季度或年度，如 2023Q2",
    ),
    TablePage(
        "audit",
        "操作记录表",
        "谁在何时对哪张评分表做了什么，以及被拒绝的操作。",
        "",
        action=Action.READ_AUDIT,
        periodic=False,
    ),
    TablePage(
        "risk",
        "抽查风险提示表",
        "按风险因素排列的服务站，供抽查复核时参考。",
        "季度，如 2023Q2",
        action=Action.READ_RISK,
        quarter_only=True,
        period_required=True,
    ),
)
BY_NAME = {page.name: page for page in PAGES}
