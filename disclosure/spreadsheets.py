"""A table as a file: CSV (utf-8-sig, for Excel on Windows) or Excel, whole numbers as integers, blanks as empty
cells, text a spreadsheet would evaluate kept as text; a header block (the export's `rows()`: app, page, agency …)
on top when given. No Streamlit: the pages' downloads (ui/exports.py) and the command line's review table share it."""

from __future__ import annotations

import io

import pandas as pd

from .ui.escape import export_cell


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns holding only whole numbers (and blanks) as nullable integers, so 50 is written 50, not 50.0."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_float_dtype(values.dtype):
            present = values.dropna()
            if len(present) and (present == present.round()).all() and present.abs().max() < 2**53:
                out[column] = values.astype("Int64")
    return out


def _safe_text(frame: pd.DataFrame) -> pd.DataFrame:
    # Text cells a spreadsheet would evaluate (=, +, -, @ …, from agency or file names) are kept as text.
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column].dtype):
            safe[column] = safe[column].map(export_cell)
    return safe


def to_csv(frame: pd.DataFrame, header=None) -> bytes:
    """The header block (one `name,value` row each), a blank row, then the table; utf-8-sig so Excel on Windows
    reads the Chinese as UTF-8."""
    head = ""
    if header is not None:
        block = pd.DataFrame([(export_cell(k), export_cell(v)) for k, v in header.rows()])
        head = block.to_csv(index=False, header=False) + "\n"
    return (head + _safe_text(whole_numbers(frame)).to_csv(index=False)).encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data", header=None) -> bytes:
    """One sheet named after the view: the header block on top, a blank row, then the table."""
    buffer = io.BytesIO()
    # every string is written as a string: never as a formula or a live hyperlink
    options = {"options": {"strings_to_formulas": False, "strings_to_urls": False}}
    rows = header.rows() if header is not None else []
    name = "".join(ch for ch in sheet if ch not in "[]:*?/\\")[:31] or "data"
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs=options) as writer:
        whole_numbers(frame).to_excel(writer, index=False, sheet_name=name, startrow=len(rows) + 1 if rows else 0)
        book_sheet = writer.sheets[name]
        bold = writer.book.add_format({"bold": True})
        for i, (key, value) in enumerate(rows):
            book_sheet.write_string(i, 0, key, bold)
            book_sheet.write_string(i, 1, value)
    return buffer.getvalue()
