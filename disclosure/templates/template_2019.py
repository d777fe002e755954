"""Mapper for the 2019 and 2021 national report format (spec §1b): tables 二, 三 and 四.

Rows come from any reader as (label, cells). Labels are matched fuzzily (rapidfuzz) and by order:
the row sequence of table 三 is fixed by the national format, so a misprinted label
('2.其他法律行政止公开') still lands on its row, and repeated item numbers (1. under （三）（四）（五）)
are told apart by the group they follow. Table 二's 2019/2021 column variants are read from its
column headers, not assumed from the year.
"""

from __future__ import annotations

import re

from .. import catalog, settings
from ..catalog import indicators, words
from ..cell_text import normalize, parse_cell, squeeze
from ..model import APPLICANTS, Check, Fact, ReportError, Row
from . import cell_search
from .matcher import best_of, label_rows
from .table3_slots import LAST_ROWS, SLOT_INDEX, SPLIT_OTHER, TABLE3, TOP, Position, best_slot, parse_label

# Table 二: the row subjects and the column headers of both variants (label table, tables 二 and 二列);
# column headers longest first, so '本年处理决定数量' is found before '处理决定数量' inside it.
ART20_SUBJECTS = tuple((r["indicator"].removeprefix("art20."), r["label"]) for r in label_rows("2019", "二"))
ART20_COLUMNS = tuple((r["label"], r["indicator"]) for r in label_rows("2019", "二列"))
# When a report drops the column header line, the national layout's columns by subject (catalog/table2_layouts.csv).
ART20_DEFAULT = catalog.table2_layouts()
TABLE4 = catalog.group("table4")  # table 四's 15 cells in printed order (catalog/indicator_groups.csv)
# Label-only lines of the format that carry no figures (headers, titles, group labels).
_KNOWN_HEADERS = (
    "第二十条",
    "信息内容",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "总计",
    "本列数据的勾稽关系",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "未经复议直接起诉",
    "复议后起诉",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
    "本年度办理结果",
)

_HEADER_FRAGMENTS = re.compile(
    r"商业|企业|科研|机构|社会|公益|组织|法律|服务|其他|自然人|总计|结果|维持|纠正|尚未|审结|其他结果|未经复议|直接起诉|复议后起诉"
)
_ARCHIVE_ANCHORS = ("第二十条", "信息内容", "申请人情况", "本年新收", "本年度新收")


def map_rows(rows: list[Row], name: str, template: str | None = None, narrative: str = "") -> tuple[list[Fact], list[Check]]:
    """Rows of a 2019/2021-format report → facts and checks. `template` only picks the table 二
    column layout when a report omits its column headers; otherwise the headers decide."""
    variant = template or _variant_from_rows(rows)
    mapper = _Mapper(name, variant)
    mapper.narrative = narrative
    mapper.collapsed = cell_search.collapses_runs([(list(r.cells), len(APPLICANTS)) for r in _archive_table_rows(rows)])
    for row in rows:
        mapper.take(row)
    return mapper.finish()


def _variant_from_rows(rows: list[Row]) -> str:
    """The table 二 layout when the caller does not know the template: the older form whose markers the rows
    carry (templates.csv), else the newest."""
    labels = "".join(squeeze(r.label) for r in rows)
    forms = [t for t in catalog.templates() if t.by_applicant]
    return next((t.id for t in forms[:-1] if any(k in labels for k in t.markers)), forms[-1].id)


def _warning(key: str, rule: str, indicators=(), **params) -> Check:
    """A parse finding worded by strings.csv `key`, said in the language of the page that shows it."""
    return Check.said(rule, "warning", words(key, **params), indicators)


def _row(indicator: str) -> dict[str, dict[str, str]]:
    """A row's name for a finding's words: as the catalog labels it, in both languages."""
    return {"row": catalog.label_of(indicator)}


class _Mapper:
    def __init__(self, name: str, variant: str):
        self.name = name
        self.variant = variant
        self.catalog = indicators()
        self.facts: dict[tuple[str, str], Fact] = {}
        self.checks: list[Check] = []
        self.art20_columns: tuple[str, ...] = ()
        self.art20_units: dict[str, str] = {}
        self.t3_pos = -1  # index in TABLE3 of the last row placed
        self.t3_group = ""  # the group label most recently seen
        self.t3_started = False
        self.t3_seen: list[str] = []
        self.t4_pending: list[str] | None = None  # table 四 header seen, numbers awaited
        self.t4_done = False
        self.split_other = False
        self.row_label = ""
        self.exact = True  # the current row's cells are cells, not archive tokens
        self.archive_started = False
        self.unreadable: list[tuple[str, str | None]] = []  # (indicator, column) an archive table does not let us read
        self.collapsed = True  # whether this table's archive may have collapsed runs of equal cells
        self.narrative = ""
        self.table_cells: list[str] = []  # the archive tokens the tables used, to tell narrative figures apart
        # table 三 value rows whose label a converter printed apart (or lost): (the slot placed before them, cells)
        self.t3_loose: list[tuple[int, list[str]]] = []
        self.label_before = ""  # the label-only row just before, for a label wrapped over lines
        # rows whose archive tokens leave several readings: indicator → (columns, readings, units)
        self.deferred: dict[str, tuple[tuple[str, ...], list[tuple], tuple[str, ...]]] = {}

    # ---- dispatch -------------------------------------------------------------------------
    def take(self, row: Row) -> None:
        self.row_label = row.label  # as printed, for messages
        self.exact = row.cells_exact
        label = normalize(row.label)
        compact = squeeze(label)
        if not self.exact and not self.archive_started:
            # an archive's page text: narrative figures come before the first table's anchor
            if not any(k in compact for k in _ARCHIVE_ANCHORS):
                return
            self.archive_started = True
        cells = [normalize(c) for c in row.cells]
        if self.exact and cells and all(_is_number(c) or not c for c in cells[1:]) and any(cells[1:]):
            # a label a converter split over cells (（三）不 | 4.保护第三方合法权益 | 0 | …): its text cells are the label's
            while cells and cells[0] and not _is_number(cells[0]):
                label = f"{label} {cells.pop(0)}".strip()
            compact = squeeze(label)
        if not cells:
            self._take_label_only(label, compact)
            self.label_before = label
            return
        # a label wrapped over lines: its start printed as a row of its own ('…不再处理其政府信息公开申' / '请' 0)
        before, self.label_before = self.label_before, ""
        if self._take_loose(compact, cells):
            return
        if (
            self._take_table4(label, compact, cells)
            or self._take_art20(label, compact, cells)
            or self._take_table3(row, label, cells)
            or (before and not self.exact and self._take_table3(row, before + label, cells))
        ):
            self.table_cells.extend(cells)
            return
        if not any(cells):
            if self._is_header(compact) or not compact:
                return
        elif self._is_header(compact) and not any(_is_number(c) for c in cells):
            return
        self._unmapped(label, cells)

    def _take_loose(self, compact: str, cells: list[str]) -> bool:
        """A row of seven figures with no label inside table 三: a converter printed its label apart, as text
        (PDF → Markdown). It is placed later, by the table's sequence and arithmetic (_place_loose)."""
        if compact or not self.exact or not self.t3_started or self.t4_done or self.t4_pending is not None:
            return False
        values = _applicant_cells(cells)
        if values is None or not any(values) or not all(_is_number(c) or not c for c in values):
            return False
        self.t3_loose.append((self.t3_pos, values))
        self.table_cells.extend(cells)
        return True

    def _place_loose(self) -> None:
        """Table 三 is a known sequence: label-less rows fill the slots between the rows placed around them
        when their count fits the gap, and the placement is kept only when the table's arithmetic
        (identities.csv: each column's outcomes add up to （七）总计, 一 + 二 = （七）+ 四) checks it and holds;
        otherwise the gap's rows are left out and named (incomplete_table)."""
        if not self.t3_loose:
            return
        gaps: dict[int, list[list[str]]] = {}
        for pos, values in self.t3_loose:
            gaps.setdefault(pos, []).append(values)
        tentative: dict[tuple[str, str], str] = {}
        open_slots: list[str] = []
        for pos, rows in gaps.items():
            slots = self._gap(pos, len(rows))
            if slots is None:
                open_slots += [TABLE3[i].indicator for i in self._gap_slots(pos)]
                continue
            for i, values in zip(slots, rows):
                open_slots.append(TABLE3[i].indicator)
                tentative |= {(TABLE3[i].indicator, a): raw for a, raw in zip(APPLICANTS, values)}
        if tentative and self._arithmetic_confirms(tentative):
            for (indicator, applicant), raw in tentative.items():
                self._fact(indicator, applicant, raw)
            placed = {i for i, _ in tentative}
            self.split_other = self.split_other or bool(placed & SPLIT_OTHER)
        else:
            placed = set()
        for indicator in dict.fromkeys(open_slots):
            self.t3_seen.append(indicator)
            if indicator not in placed:
                self.unreadable.append((indicator, None))

    def _gap_slots(self, pos: int) -> list[int]:
        """The slots between the row placed at `pos` and the next row placed after it, not yet seen."""
        later = [SLOT_INDEX[i] for i in self.t3_seen]
        end = min((i for i in later if i > pos), default=len(TABLE3))
        return [i for i in range(pos + 1, end) if TABLE3[i].indicator not in self.t3_seen]

    def _gap(self, pos: int, count: int) -> list[int] | None:
        """The gap's slots when `count` rows fill them exactly, the single （六） row or its three rows as the
        table has it (or as the count says when it has neither); None when the count fits no reading."""
        slots = self._gap_slots(pos)
        single = [i for i in slots if TABLE3[i].indicator not in SPLIT_OTHER]
        split = [i for i in slots if TABLE3[i].indicator != "requests.outcome.other"]
        if "requests.outcome.other" in self.t3_seen:
            readings = [single]
        elif self.split_other:
            readings = [split]
        else:
            readings = [single, split]
        fits = [r for r in readings if len(r) == count]
        return fits[0] if len(fits) == 1 or (fits and fits[0] == fits[-1]) else None

    def _arithmetic_confirms(self, tentative: dict[tuple[str, str], str]) -> bool:
        """Every identity across rows that touches a tentative cell can be checked and holds."""
        values = {(f.indicator, f.applicant): f.value for f in self.facts.values()}
        values |= {cell: parse_cell(raw)[0] for cell, raw in tentative.items()}
        rows = sorted({i for i, _ in values})
        checked = False
        for rule in catalog.identities(self.variant, rows):
            cells = (*rule.left, *rule.right)
            if not any(c in tentative for c in cells) or len({i for i, _ in cells}) == 1:
                continue  # a row's own total against its columns says nothing about where the row sits
            left = [values.get(c) for c in rule.left]
            right = [values.get(c) for c in rule.right]
            if any(v is None for v in left) or any(v is None for c, v in zip(rule.right, right) if c in tentative):
                return False  # a total or a placed cell without a figure: the placement cannot be checked
            if not rule.holds(left, right):
                return False
            checked = True
        return checked

    def _take_label_only(self, label: str, compact: str) -> None:
        columns = self._art20_header(compact)
        if columns:
            self.art20_columns = columns
            return
        parsed = parse_label(label)
        if parsed.group and not parsed.item:
            self.t3_group = parsed.group
        if "行政复议" in compact or "行政诉讼" in compact:
            if self.t3_started and not self.t4_done:
                self.t4_pending = []
            elif not self.t3_started and "行政复议" in compact and "行政诉讼" in compact and (self.exact or len(compact) <= 40):
                self.t4_pending = []

    # ---- table 二 -------------------------------------------------------------------------
    def _art20_header(self, compact: str) -> tuple[str, ...]:
        if "信息内容" not in compact and not any(k in compact for k, _ in ART20_COLUMNS[:8]):
            return ()
        found: list[tuple[int, str, str]] = []
        taken = [False] * len(compact)
        for key, column in ART20_COLUMNS:
            k = squeeze(key)
            start = compact.find(k)
            while start >= 0:
                if not any(taken[start : start + len(k)]):
                    for p in range(start, start + len(k)):
                        taken[p] = True
                    found.append((start, column, k))
                start = compact.find(k, start + 1)
        if not found:
            return ()
        found.sort()
        columns = []
        self.art20_units = {}
        for n, (start, column, k) in enumerate(found):
            if columns and columns[-1] == column:
                continue  # a header cell repeated by colspan expansion
            columns.append(column)
            if column != "amount":
                continue
            # '（单位：万元）' / '（元）' written after the column name, before the next one
            end = found[n + 1][0] if n + 1 < len(found) else len(compact)
            after = compact[start + len(k) : end]
            if "万元" in after:
                self.art20_units[column] = "万元"
            elif "元" in after:
                self.art20_units[column] = "元"
        return tuple(columns)

    def _take_art20(self, label: str, compact: str, cells: list[str]) -> bool:
        if self.t3_started:
            return False
        best, _ = best_of(compact, ((subject, (key,)) for subject, key in ART20_SUBJECTS), settings.LABEL_ART20_SCORE)
        if best is None:
            if self.exact:
                return False
            # an archive glues the sub-table's title and headers to its first row: '…现行有效件数规章'
            ends = [
                (subject, key) for subject, key in ART20_SUBJECTS if compact.endswith(squeeze(key)) and len(compact) > len(squeeze(key))
            ]
            if not ends or "信息内容" not in compact and not self.art20_columns:
                return False
            best, key = max(ends, key=lambda e: len(e[1]))
            columns = self._art20_header(compact[: -len(squeeze(key))])
            if columns:
                self.art20_columns = columns
        columns = self.art20_columns
        default = ART20_DEFAULT.get((self.variant, best), ())
        if not columns or not self._columns_fit(best, columns):
            columns = default
        elif len(default) > len(columns) and len([c for c in cells if c]) > len(columns) and set(columns) < set(default):
            # a header cell worded off the national form ('上年项目数量') went unrecognised
            columns = default
        if not columns:
            return False
        if not self.exact and len(cells) != len(columns):
            units = tuple(self.art20_units.get(c, "万元" if c == "amount" else "") for c in columns)
            found = self._searched(f"art20.{best}", columns, cells, units)
            if found is None:
                return True
            cells = found
        cells = _fit_cells(cells, len(columns))
        if len(cells) < len(columns):
            # A text layer drops empty cells: which column lost its figure cannot be told.
            self._unmapped(label, cells, words("finding_why_cells_for_columns", n=len(cells), m=len(columns)))
            return True
        for column, raw in zip(columns, cells):
            indicator = f"art20.{best}.{column}"
            if indicator not in self.catalog:
                self._unmapped(label, cells, words("finding_why_no_column", column=column))
                continue
            unit = self.art20_units.get(column, "万元" if column == "amount" else "")
            self._fact(indicator, "total", raw, unit)
        return True

    def _columns_fit(self, subject: str, columns: tuple[str, ...]) -> bool:
        return all(f"art20.{subject}.{c}" in self.catalog for c in columns)

    # ---- table 三 -------------------------------------------------------------------------
    def position(self) -> Position:
        return Position(self.t3_pos, tuple(self.t3_seen), self.t3_group, self.t3_started, self.split_other)

    def _take_table3(self, row: Row, label: str, cells: list[str]) -> bool:
        parsed = parse_label(label)
        if parsed.group:
            self.t3_group = parsed.group
        slot_index, score = best_slot(parsed, self.position())
        if slot_index is None:
            return False
        slot = TABLE3[slot_index]
        values = _applicant_cells(cells) if self.exact else self._searched(slot.indicator, APPLICANTS, cells)
        if values is None and not self.exact:
            if slot.indicator in self.t3_seen:
                return False
            self.t3_started = True
            self.t3_pos = slot_index
            self.t3_seen.append(slot.indicator)
            self.split_other = self.split_other or slot.indicator in SPLIT_OTHER
            return True
        if values is None:
            self.checks.append(
                _warning("finding_row_cells_not_seven", "unmapped_row", name=self.name, label=label, n=len(cells), **_row(slot.indicator))
            )
            self.t3_pos = max(self.t3_pos, slot_index)
            self.t3_started = True
            return True
        if slot.indicator in self.t3_seen:
            self._unmapped(label, cells, words("finding_why_second_row", **_row(slot.indicator)))
            return True
        self.t3_started = True
        self.t3_pos = slot_index
        self.t3_seen.append(slot.indicator)
        if slot.indicator in SPLIT_OTHER:
            self.split_other = True
        for applicant, raw in zip(APPLICANTS, values):
            self._fact(slot.indicator, applicant, raw)
        return True

    # ---- table 四 -------------------------------------------------------------------------
    def _take_table4(self, label: str, compact: str, cells: list[str]) -> bool:
        if self.t4_done:
            return False
        numbers = [c for c in cells]
        if not self.exact and self.t3_started and "行政复议" in compact and "结果维持" in compact and self.t4_pending in (None, []):
            # an archive glues table 四's title and column headers to its figures
            return self._table4_from_tokens(numbers)
        if self.t4_pending is None:
            # A lone row of 15 cells after table 三 is table 四 even without its header rows.
            if len(cells) == 15 and (self.t3_started or "行政复议" in compact or not compact):
                self.t4_pending = []
            else:
                return False
        # Under table 四's header the label of the number line is header debris ('持 正 果 结').
        loose_label = self._is_header_or_empty(compact) or not parse_label(label).leaf or len(compact) <= 16 and not TOP.search(label)
        if not self.t4_pending and len(numbers) >= 15 and loose_label:
            numbers = numbers[-15:]
            self._emit_table4(numbers)
            return True
        if not self.exact and loose_label and (self.t4_pending is not None) and len(numbers) < 15 and not self.t4_pending:
            return self._table4_from_tokens(numbers)
        if loose_label and all(_is_number(c) or not c for c in numbers):
            # Table 四's numbers broken over lines (5 + 10, or one block per line).
            self.t4_pending.extend(numbers)
            if len(self.t4_pending) >= 15:
                self._emit_table4(self.t4_pending[:15])
            return True
        return False

    def _table4_from_tokens(self, tokens: list[str]) -> bool:
        """An archive's table 四 (glued or collapsed): read now when its tokens fill the 15 cells,
        else after table 三 with the block identities (finish)."""
        found = self._searched("table4", TABLE4, tokens)
        if found is not None:
            self._emit_table4(found)
        else:
            self.t4_done = True
            self.t4_pending = None
        return True

    def _emit_table4(self, numbers: list[str]) -> None:
        for indicator, raw in zip(TABLE4, numbers):
            self._fact(indicator, "total", raw)
        self.t4_done = True
        self.t4_pending = None

    def _is_header_or_empty(self, compact: str) -> bool:
        return not compact or any(k in compact for k in ("行政复议", "行政诉讼", "结果", "维持", "纠正", "审结", "总计", "起诉"))

    # ---- shared ---------------------------------------------------------------------------
    def _is_header(self, compact: str) -> bool:
        if any(k in compact for k in _KNOWN_HEADERS):
            return True
        # fragments of wrapped column headers ('商业 科研' over '企业 机构')
        return not _HEADER_FRAGMENTS.sub("", compact)

    def _fact(self, indicator: str, applicant: str, raw: str, unit: str = "") -> None:
        value, status = parse_cell(raw, unit)
        if status == "unreadable":
            self.checks.append(
                _warning(
                    "finding_cell_unreadable",
                    "unreadable_cell",
                    [indicator],
                    name=self.name,
                    raw=raw,
                    column=catalog.both(
                        catalog.column_label(applicant, "zh", self.variant), catalog.column_label(applicant, "en", self.variant)
                    ),
                    **_row(indicator),
                )
            )
            return
        self.facts[(indicator, applicant)] = Fact(indicator, applicant, value, raw, status)

    def _searched(self, key: str, columns: tuple[str, ...], cells: list[str], units: tuple[str, ...] = ()) -> list[str] | None:
        """Archive tokens → this row's cells when they fill them one to one; otherwise the row waits
        for the table's identities (finish): any other reading is a guess they must bear out."""
        if not cell_search.is_guess(cells, len(columns)):
            return list(cells)
        options = cell_search.readings(cells, len(columns), collapsed=self.collapsed)
        self.deferred[key] = (columns, options, units or ("",) * len(columns))
        return None

    def _resolve_deferred(self) -> None:
        """Rows with several readings: the table's identities pick, certain cells are kept."""
        if not self.deferred:
            return
        candidates = {key: options for key, (_cols, options, _units) in self.deferred.items()}
        cells_of = {key: [_cell_target(key, c) for c in cols] for key, (cols, _options, _units) in self.deferred.items()}
        known = {(f.indicator, f.applicant): f.value for f in self.facts.values() if f.value is not None}
        stated = cell_search.narrative_figures(self.narrative, self.table_cells)
        solved = cell_search.settle(candidates, cells_of, known, self.variant, stated, self.narrative, {k: _subject(k) for k in candidates})
        unreadable: list[tuple[str, str]] = []
        for key, (cols, options, units) in self.deferred.items():
            cells = cell_search.certain_cells(solved.get(key, options)) or [None] * len(cols)
            for col, raw, unit in zip(cols, cells, units):
                indicator, applicant = _cell_target(key, col)
                if raw is None:
                    unreadable.append((indicator, applicant))
                    continue
                self._fact(indicator, applicant, raw, unit)
        self.unreadable.extend(unreadable)

    def _incomplete_check(self) -> None:
        if self.unreadable:
            self.checks.append(cell_search.incomplete_check(self.name, self.unreadable))

    def _unmapped(self, label: str, cells: list[str], why: catalog.Words | None = None) -> None:
        if not self.exact and (self.t4_done or not (self.t3_started or self.art20_columns or self.t4_pending is not None)):
            return  # narrative figures before the first table or after table 四 are not table rows
        if label == normalize(self.row_label):
            label = self.row_label.strip()
        template = catalog.template(self.variant)
        self.checks.append(
            _warning(
                "finding_row_unplaced",
                "unmapped_row",
                name=self.name,
                label=label,
                cells=" | ".join(cells),
                template=catalog.both(template.name("zh", short=True), template.name("en", short=True)),
                why=why.both() if why else "",
            )
        )

    def finish(self) -> tuple[list[Fact], list[Check]]:
        self._resolve_deferred()
        self._place_loose()
        if not self.t3_seen:
            raise ReportError(self.name, "refusal_table3_missing")
        if not LAST_ROWS & set(self.t3_seen):
            last = self.t3_seen[-1]
            raise ReportError(self.name, "refusal_table3_cut_off", last=last)
        for slot in TABLE3:
            if slot.indicator in self.t3_seen:
                continue
            if slot.indicator == "requests.outcome.other" and self.split_other:
                continue
            if slot.indicator in SPLIT_OTHER and not self.split_other:
                continue
            if self.archive_started:  # an archive printed the row's label with no figures (collapsed away)
                self.unreadable.append((slot.indicator, None))
                continue
            self.checks.append(
                _warning("finding_table3_row_missing", "missing_row", [slot.indicator], name=self.name, **_row(slot.indicator))
            )
        self._incomplete_check()
        if self.t4_pending is not None and not self.t4_done and self.t4_pending:
            self._unmapped("行政复议、行政诉讼", self.t4_pending, words("finding_why_table4_count", n=len(self.t4_pending)))
        elif not self.t4_done:
            self.checks.append(_warning("finding_table4_missing", "missing_row", TABLE4, name=self.name))
        order = {ind: i for i, ind in enumerate(self.catalog)}
        facts = sorted(self.facts.values(), key=lambda f: (order.get(f.indicator, 10**6), APPLICANTS.index(f.applicant)))
        return facts, self.checks


def _applicant_cells(cells: list[str]) -> list[str] | None:
    """The 7 applicant cells of a table 三 row, or None when they cannot be told apart."""
    if len(cells) > 7:
        if all(not c for c in cells[: len(cells) - 7]):
            return cells[-7:]  # empty span padding of a merged label cell
        if all(not c for c in cells[7:]):
            return cells[:7]  # a converter's empty column after 总计 (its header row one column wider)
        return None
    if len(cells) == 7:
        return cells
    if len(cells) == 6:
        # A text layer drops empty cells; the one the format leaves blank is the 总计 column.
        return cells + [""]
    return None


def _fit_cells(cells: list[str], n: int) -> list[str]:
    """Table 二 value cells → one per column header. The last value cell of a sub-table often
    spans the columns the other sub-tables have: HTML expansion repeats it, a PDF grid pads it."""
    if len(cells) <= n:
        return cells
    head, tail = cells[:n], cells[n:]
    if all(c == head[-1] or not c for c in tail):
        return head
    if all(not c for c in cells[: len(cells) - n]):
        return cells[len(cells) - n :]
    return head


def _is_number(cell: str) -> bool:
    return parse_cell(cell)[1] == "reported"


def _cell_target(key: str, column: str) -> tuple[str, str]:
    """(indicator, applicant) of one cell of a deferred row."""
    if key == "table4":
        return column, "total"
    if key.startswith("art20."):
        return f"{key}.{column}", "total"
    return key, column


def _subject(key: str) -> str:
    """The words a narrative uses for a deferred row: table 二's subject, table 三's row."""
    if key.startswith("art20."):
        return next((label for subject, label in ART20_SUBJECTS if f"art20.{subject}" == key), "")[-5:]
    slot = next((slot for slot in TABLE3 if slot.indicator == key), None)
    return squeeze(slot.key)[:6] if slot else ""


def _archive_table_rows(rows: list[Row]) -> list[Row]:
    """An archive's rows from the first table anchor to the narrative after the tables."""
    out: list[Row] = []
    started = False
    for row in rows:
        compact = squeeze(row.label)
        if row.cells_exact:
            continue
        if not started:
            started = any(k in compact for k in _ARCHIVE_ANCHORS)
        elif "存在的主要问题" in compact or "其他需要报告的事项" in compact:
            break
        if started and row.cells:
            out.append(row)
    return out
