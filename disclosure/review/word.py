"""The Word file an office sends back: the draft itself with a comment (批注) on each paragraph or table cell a
finding concerns (a .docx draft), or a review document listing the findings by section (any other form).

Comments are python-docx's (`Document.add_comment`, python-docx ≥ 1.2), written into the draft's own
package, so everything else in the draft — styles, tables, its text — stays as the agency wrote it.
"""

from __future__ import annotations

import io

from .. import catalog
from ..audit import RULES_BY_ID, parts_for
from ..catalog import t_in
from ..model import Report
from .docx_map import CellPlace, DocxMap
from .findings import BLANK_CELL, NUMERALS
from .model import DOCUMENT, TABLE_OTHER, Finding, Review

PASSAGE_CHARS = 160
COLUMN_CM = (
    1.2,
    6.8,
    4.2,
    4.8,
)  # 序号 · 问题 · 位置 · 修改建议, on an A4 page's 17 cm  # a copied passage quoted in a comment or the review document


def rule_title(rule: str, lang: str) -> str:
    if rule == BLANK_CELL:
        return t_in("review_rule_blank_cell", lang)
    r = RULES_BY_ID.get(rule)
    if r is None:
        return rule
    return r.title_en if lang == "en" else r.title_zh


def section_title(section: str, template: str, lang: str) -> str:
    """A section's heading: the part as the format numbers and names it, the whole report, or the table's other rows."""
    if section == DOCUMENT:
        return t_in("review_section_document", lang)
    if section == TABLE_OTHER:
        return t_in("review_section_table", lang)
    part = next((p for p in parts_for(template) if p.id == section), None)
    if part is None:
        return section
    return t_in("review_section_part", lang, n=part.order, numeral=NUMERALS[part.order - 1], part=part.name(lang))


def sections(review: Review) -> list[tuple[str, list[Finding]]]:
    """The findings grouped by section, in the report's order (the whole report first)."""
    out: dict[str, list[Finding]] = {}
    for f in review.findings:
        out.setdefault(f.where.section, []).append(f)
    return list(out.items())


def comment_text(f: Finding, lang: str) -> str:
    severity = t_in(f"severity_{f.severity}", lang)
    lines = [f"【{severity}】{rule_title(f.rule, lang)}" if lang == "zh" else f"[{severity}] {rule_title(f.rule, lang)}", f.text(lang)]
    if f.fix_text(lang):
        lines.append(t_in("review_fix_label", lang) + f.fix_text(lang))
    for passage in f.passages[:3]:
        lines.append(t_in("review_passage_label", lang) + _cut(passage))
    return "\n".join(lines)


def _cut(text: str) -> str:
    return text if len(text) <= PASSAGE_CHARS else text[:PASSAGE_CHARS] + "…"


# ---- the draft with comments -------------------------------------------------------------------------


def place_in_docx(review: Review, data: bytes, draft: Report) -> DocxMap:
    """Fill each finding's `where.docx` with its place in the Word draft's body."""
    dmap = DocxMap(data, draft)
    for f in review.findings:
        f.where.docx = _place(f, dmap)
    return dmap


def _place(f: Finding, dmap: DocxMap) -> dict:
    w = f.where
    if w.kind in ("cell", "row") and w.indicator:
        place = dmap.cells.get((w.indicator, w.applicant or "total")) if w.kind == "cell" else None
        place = place or dmap.row_place(w.indicator)
        if place is not None:
            return {"table": place.table, "row": place.row, "cell": place.cell}
    if w.quote:
        index = dmap.paragraph_index(w.quote)
        if index is not None:
            return {"paragraph": index}
    return {"paragraph": dmap.title_index()}


def annotated_docx(data: bytes, draft: Report, review: Review, lang: str = "zh") -> bytes:
    """The draft with one comment per finding, on the paragraph or cell it concerns."""
    dmap = DocxMap(data, draft, locate=any(f.where.docx is None for f in review.findings))
    author, initials = t_in("review_comment_author", lang), t_in("review_comment_initials", lang)
    for f in review.findings:
        place = f.where.docx or _place(f, dmap)
        if "table" in place:
            cell = dmap.cell(CellPlace(place["table"], place["row"], place["cell"])) or dmap.label_cell(
                CellPlace(place["table"], place["row"], 0)
            )
            paragraph = cell.paragraphs[0]
        else:
            paragraph = dmap.paragraphs[place["paragraph"]]
        runs = paragraph.runs or [paragraph.add_run("")]
        dmap.document.add_comment(runs, text=comment_text(f, lang), author=author, initials=initials)
    out = io.BytesIO()
    dmap.document.save(out)
    return out.getvalue()


# ---- a review document -------------------------------------------------------------------------------


def review_document(review: Review, lang: str = "zh") -> bytes:
    """The findings by section: a heading per part of the report, a table of problem, place and fix."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    for style in ("Normal", "Title", "Heading 1", "Heading 2", "Table Grid"):
        fonts = document.styles[style].element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), t_in("review_docx_font", lang))
    document.styles["Normal"].font.size = Pt(10.5)
    document.core_properties.title = t_in("review_docx_title", lang, agency=review.agency, year=review.year)
    document.core_properties.author = t_in("review_comment_author", lang)
    document.add_heading(t_in("review_docx_title", lang, agency=review.agency, year=review.year), level=1)
    document.add_paragraph(t_in("review_docx_source", lang, name=review.source_name, template=catalog.template(review.template).name(lang)))
    if review.previous_year:
        document.add_paragraph(t_in("review_compared_with", lang, year=review.previous_year, name=review.previous_source))
    else:
        document.add_paragraph(t_in("review_no_previous", lang, year=review.year - 1))
    document.add_paragraph(
        t_in("review_counts", lang, errors=review.count("error"), warnings=review.count("warning"), infos=review.count("info"))
    )
    if not review.findings:
        document.add_paragraph(t_in("review_no_findings", lang))
    n = 0
    for section, findings in sections(review):
        document.add_heading(section_title(section, review.template, lang), level=2)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        table.autofit = False
        for cell, key in zip(table.rows[0].cells, ("review_col_no", "review_col_problem", "review_col_where", "review_col_fix")):
            cell.text = t_in(key, lang)
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for f in findings:
            n += 1
            cells = table.add_row().cells
            cells[0].text = str(n)
            severity = t_in(f"severity_{f.severity}", lang)
            problem = f"{severity} · {rule_title(f.rule, lang)}\n{f.text(lang)}"
            if f.passages:
                problem += "\n" + "\n".join(t_in("review_passage_label", lang) + _cut(p) for p in f.passages[:3])
            cells[1].text = problem
            cells[2].text = f.where.full(lang)
            cells[3].text = f.fix_text(lang)
        # number narrow, the problem widest: the grid (LibreOffice) and every cell (Word) say so
        for column, width in zip(table.columns, COLUMN_CM):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, COLUMN_CM):
                cell.width = Cm(width)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def review_word(data: bytes, draft: Report, review: Review, lang: str = "zh") -> bytes:
    """The Word file for a draft: the draft with comments when it is a .docx, else the review document."""
    if draft.source.format == "docx":
        return annotated_docx(data, draft, review, lang)
    return review_document(review, lang)
