"""A sheet workbook between the caller and the sheets, for the API and the pages alike: the
file to download, and an uploaded file read and compared with each sheet it holds (the
changes and every problem), then saved one command per sheet once nothing is wrong."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from application.authorization import LAYER_OF, Action, Caller
from application.bus import Outcome
from application.commands.assessments import SaveSheetFile
from application.errors import ConflictError, NotFoundError, PermissionDeniedError
from application.preconditions import check_items
from domain.assessment import Assessment
from domain.ids import unit_id
from domain.input_text import REFUSED
from domain.workflow import LAYER_OPEN_IN, Layer
from infra.sheet_book.plan import SheetPlan, plan_sheet
from infra.sheet_book.reader import Problem, read_sheet_book
from infra.sheet_book.writer import SheetSource, write_sheet_book
from web.context import bus, queries, unit_of_work

ONE_SHEET = "这个文件包含多张评分表，请在批量上传处上传。"
OTHER_SHEET = "文件中的评分表不是这一张（属于另一单位、期间或评分表）；请下载本表填写。"


def writing_layer(caller: Caller, a: Assessment) -> Layer | None:
    """The layer the caller writes on this sheet now (None: none is open to it)."""
    access = queries().access
    grant = access.acting_grant(access.me(caller), Action.SCORE, a.unit_id)
    layer = LAYER_OF.get(grant.role) if grant else None
    return layer if layer is not None and a.status in LAYER_OPEN_IN[layer] else None


def unit_name(a: Assessment) -> str:
    row = queries().units.row(a.unit_id)
    return row.name if row else "未知单位"


def sheets_of(caller: Caller, unit: str, period: str) -> list[Assessment]:
    """The sheets of a unit's subtree for a period, as the caller may read them, in the
    order of their units' codes (a read refused on the unit is recorded)."""
    root = unit_id(unit)
    queries().access.check(caller, Action.READ_ASSESSMENTS, f"unit:{unit}", root)
    rows = queries().sheets.under([root], False, period)
    codes = queries().units.rows(r.head.unit_id for r in rows)
    rows.sort(key=lambda r: codes[r.head.unit_id].code if r.head.unit_id in codes else "")
    return [queries().assessments.sheet(caller, r.assessment_id) for r in rows]


def sheet_book(caller: Caller, sheets: list[Assessment]) -> bytes:
    """The sheets (each read through a guarded query) as one workbook for the caller."""
    sources = [
        SheetSource(a, queries().assessments.rubric_of(a), unit_name(a), writing_layer(caller, a))
        for a in sheets
    ]
    data = io.BytesIO()
    write_sheet_book(sources, data)
    return data.getvalue()


@dataclass
class SheetUpload:
    """An uploaded workbook read against the sheets it names."""

    file_name: str
    sha256: str
    plans: list[SheetPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(p for plan in self.plans for p in plan.problems)]

    def to_data(self, dry_run: bool) -> dict[str, Any]:
        return {
            "dry_run": dry_run,
            "file": {"name": self.file_name, "sha256": self.sha256},
            "sheets": [
                {
                    "assessment_id": str(plan.assessment.id),
                    "unit": unit_name(plan.assessment),
                    "version": plan.assessment.version,
                    "changes": [c.to_data() for c in plan.changes],
                    "problems": [p.to_data() for p in plan.problems],
                }
                for plan in self.plans
            ],
            "changes": [c.to_data() for plan in self.plans for c in plan.changes],
            "problems": [p.to_data() for p in self.all_problems],
        }


def read_upload(
    caller: Caller, content: bytes, file_name: str, only: UUID | None, expected: int | None
) -> SheetUpload:
    """Read a workbook; `only`: it must hold that one sheet. Each sheet is compared based on
    `expected` (If-Match) or, when None, the version its worksheet was downloaded at."""
    upload = SheetUpload(_plain_name(file_name), hashlib.sha256(content).hexdigest())
    book = read_sheet_book(content)
    upload.problems += book.problems
    if only is not None and book.sheets:
        if len(book.sheets) > 1:
            upload.problems.append(Problem(ONE_SHEET))
            return upload
        if book.sheets[0].identity.assessment_id != only:
            upload.problems.append(Problem(OTHER_SHEET))
            return upload
    for sheet in book.sheets:
        worksheet = sheet.identity.worksheet
        try:
            a = queries().assessments.sheet(caller, sheet.identity.assessment_id)
        except (NotFoundError, PermissionDeniedError):
            upload.problems.append(Problem("找不到这张评分表，或您无权查看。", worksheet))
            continue
        layer = writing_layer(caller, a)
        plan = plan_sheet(a, queries().assessments.rubric_of(a), layer, sheet)
        upload.plans.append(plan)
        based = sheet.identity.version if expected is None else expected
        if only is None or expected is None:
            _check_since(plan, layer, based, worksheet)
        else:
            check_items(based, a, layer, plan.entries)  # 412, as any other change
    return upload


def _plain_name(file_name: str) -> str:
    """The file's own name as recorded: no folders, no control characters, 200 at most."""
    base = file_name.replace("\\", "/").rpartition("/")[2]
    return REFUSED.sub("", base).strip()[:200] or "sheet.xlsx"


def _check_since(plan: SheetPlan, layer: Layer | None, based: int, worksheet: str) -> None:
    if not plan.entries:
        return  # nothing it would change: nobody's newer change is overwritten
    try:
        check_items(based, plan.assessment, layer, plan.entries)
    except ConflictError:
        changed = plan.assessment.items_changed_after(based, layer or Layer.SELF, plan.entries)
        numbers = "、".join(c.number for c in changed) or "部分项目"
        words = f"下载后第 {numbers} 项已被他人修改；请重新下载评分表后再填写。"
        plan.problems.append(Problem(words, worksheet))


def save_upload(
    upload: SheetUpload, caller: Caller, expected: int | None, reason: str
) -> list[Outcome]:
    """Save each sheet with changes in one command naming the file; call only when no
    problem is listed. Based on `expected` or each worksheet's downloaded version."""
    assert not upload.all_problems
    outcomes = []
    for plan in upload.plans:
        if not plan.entries:
            continue
        command = SaveSheetFile(
            assessment_id=plan.assessment.id,
            entries=plan.entries,
            reason=reason,
            file_name=upload.file_name,
            sha256=upload.sha256,
        )
        based = expected if expected is not None else plan.downloaded
        key = caller.idempotency_key if len(upload.plans) == 1 else None
        acting = Caller(caller.account_id, caller.correlation_id, key, based)
        outcomes.append(bus().handle(command, acting, unit_of_work()))
    return outcomes
