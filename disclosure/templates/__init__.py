"""Template mappers: one module per national template, each with `map_rows(rows, name)`.

Detection looks at the tables, never at the year: a 2022 report on the 2019 layout is a 2019-layout
report (and the audit says so).
"""

from __future__ import annotations

import importlib

from ..cell_text import squeeze
from ..model import Extracted
from .matcher import label_rows

MAPPERS = {"2014": "template_2014", "2019": "template_2019", "2021": "template_2019", "local": "template_local"}


def detect_template(extracted: Extracted) -> str | None:
    labels = "".join(squeeze(r.label) for r in extracted.rows)
    # table 三's first rows, in any wording the label table knows
    opening = [squeeze(r["label"]) for r in label_rows("2019", "三") if r["indicator"] in ("requests.received", "requests.carried_over")]
    if any(k in labels for k in opening):
        if any(k in labels for k in ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")):
            return "2021"
        if any(k in labels for k in ("本年新制作数量", "对外公开总数量", "政府集中采购", "上一年项目数量")):
            return "2019"
        return "2021" if "申请人无正当理由逾期不补正" in labels else "2019"
    hits = sum(k in labels for k in ("主动公开政府信息数", "收到申请数", "申请办结数", "申请答复数", "行政复议数量", "举报投诉数量"))
    if hits >= 2:
        return "2014"
    from .template_local import is_local_table

    return "local" if is_local_table(extracted.rows) else None


def mapper_for(template: str):
    return importlib.import_module(f".{MAPPERS[template]}", __package__)
