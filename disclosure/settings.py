"""Every limit is a named setting (Datasette style); the environment may override the deploy-time ones."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
REPORTS_DIR = DATA_DIR / "reports"
SAMPLE_DIR = DATA_DIR / "sample"
# The store the app builds from data/. DISCLOSURE_DB (read by the app) names another store, used as it is.
DEFAULT_DB = DATA_DIR / "disclosure.duckdb"
QUERIES_DIR = ROOT / "queries"

MAX_FILE_BYTES = (
    20 * 1000 * 1000
)  # a report over 20 MB is not a report; refuse it (the browser counts MB as 10^6 bytes, so this agrees with the uploader)
REPORT_SUFFIXES = (
    ".txt",
    ".html",
    ".htm",
    ".pdf",
    ".docx",
    ".doc",
    ".md",
    ".tsv",
    ".png",
    ".jpg",
    ".jpeg",
    ".tif",
    ".tiff",
)  # .doc only to say why it is refused
INGEST_DUCKDB_MEMORY = os.environ.get("DISCLOSURE_INGEST_DUCKDB_MEMORY", "256MB")  # the writer connection's memory_limit
INGEST_BATCH_REPORTS = int(os.environ.get("DISCLOSURE_INGEST_BATCH", "500"))  # reports parsed and written per batch: bounds ingest memory
# what one page sends, whatever the store's size (a province: thousands of agencies)
TABLE_MAX_ROWS = 500  # rows of a numbers table shown on the page; the downloads hold every row
PICKER_MAX_OPTIONS = 200  # agencies a picker lists at once; with more, the picker searches first
GRID_MAX_ROWS = 40  # agencies per page of 总览's coverage grid (those with gaps or errors first)
GRID_MAX_YEARS = 10  # years of 总览's coverage grid, the chosen year first (a phone shows this year; all years: 查看数据)
MISSING_NAMES_SHOWN = 8  # agencies named in "no report this year" before "and N more" (all of them: the grid)
RANK_MAX_BARS = 40  # bars of 单位对比's ranking: the first and the last 20, and the chosen agency
PANEL_MAX_BARS = 10  # … of each small multiple
SPREAD_MAX_POINTS = 60  # agencies drawn per rate on 总览's spread chart (the furthest from the median)
QUERY_CACHE_ENTRIES = 256  # st.cache_data max_entries for named queries
VIEW_CACHE_ENTRIES = 64  # … for a page's derived views (ui.data.per_version)
SECTION_CACHE_ENTRIES = 256  # … for drawn sections shared by every session (ui.data.shared: a chart's elements, ~10–60 KB each)
CACHE_TTL_S = 3600  # entries also expire: a store swap changes their key, so old ones would otherwise sit until evicted
MIN_FACTS = 10  # a table yielding fewer mapped facts than this is not a statistics table …
MIN_FACTS_IN_REPORT = 3  # … unless the text is an annual report by its own title: then a short table (a short_table finding)


def duckdb_config() -> dict:
    """Settings for the app's read-only handle: no file or network access beyond the store."""
    return {
        "enable_external_access": False,
        "memory_limit": os.environ.get("DISCLOSURE_DUCKDB_MEMORY", "1GB"),
        "threads": 2,
    }


# --- public demo / admin mode (disclosure.modes) ---
UPLOADS_DIR = Path(os.environ.get("DISCLOSURE_UPLOADS", REPORTS_DIR / "uploads"))  # admin uploads kept so a rebuild from data/ keeps them
UPLOAD_MAX_MB = 20  # must equal server.maxUploadSize in .streamlit/config.toml; parse_bytes refuses larger files anyway
UPLOAD_TYPES = (
    "txt",
    "html",
    "htm",
    "pdf",
    "docx",
    "md",
    "png",
    "jpg",
    "jpeg",
    "tif",
    "tiff",
)  # the file endings the import and review pages take
SESSION_REPORTS_MAX = 20  # public mode: reports one browser session may hold in memory
QUERY_TIMEOUT_MS = int(os.environ.get("DISCLOSURE_QUERY_TIMEOUT_MS", "10000"))  # DuckDB max_execution_time for the app's handle

# --- reading mangled archive tables (disclosure.templates.cell_search) ---
CELL_SEARCH_MAX_READINGS = 2000  # readings of one row beyond this: the row is unreadable
CELL_SEARCH_MAX_COMBINATIONS = 20000  # joint readings (or partial sums) one identity may try
CELL_SEARCH_ENUMERATE_MAX = 64  # beyond this many joint readings a sum identity is checked by partial sums
LABEL_MATCH_SCORE = 86  # rapidfuzz ratio at which a printed label is a label-table variant (local forms)
LABEL_SECTION_SCORE = 80  # 2014 table: the ratio at which a label is a row of its section
LABEL_ART20_SCORE = 80  # table 二: the ratio at which a label is one of its subjects (规章, 行政许可 …)
LABEL_TABLE3_SCORE = 72  # 2019/2021 table 三: a label this close to a row of the format is that row
LABEL_ORDER_SCORE = 45  # … and the row the order expects next may match more loosely (misprints, cut labels)
# Table 三's placement of a printed row (templates/table3_slots.py), each weight added to a label's likeness (0–100)
# to a slot; tests/test_table3_slot_weights.py shows the document each one is for.
TABLE3_SAME_ITEM_BONUS = 6  # the row's 1./2./3. is the slot's
TABLE3_OTHER_ITEM_PENALTY = 15  # … or another: '1.' under （四） is not （四）'s 2.
TABLE3_SAME_GROUP_BONUS = 6  # a numbered row under the slot's group （三）（四）（五）（六）
TABLE3_OTHER_GROUP_PENALTY = 20  # … or under another: （五）'s '1.' is not （三）'s '1.' of the same words
TABLE3_BACKWARDS_PENALTY = 25  # a slot above the last placed: the format never goes back up the table
TABLE3_EXPECTED_BONUS = 8  # the slot the order expects next
TABLE3_ORDER_SAME_ITEM_SCORE = 30  # the expected row, misprinted, with its own item number may be this unlike
LABEL_SUFFIX_MIN_CHARS = 4  # a variant this long found at the end of a longer label is that row
NARRATIVE_SUBJECT_WINDOW = 12  # characters before a narrative figure in which the row's subject must stand

# --- hostile input: every parse runs in a worker process with these budgets (disclosure.sandbox) ---
SANDBOX_MEMORY_MB = int(os.environ.get("DISCLOSURE_SANDBOX_MEMORY_MB", "1024"))  # RLIMIT_AS of a parse worker
SANDBOX_CPU_SECONDS = int(os.environ.get("DISCLOSURE_SANDBOX_CPU_SECONDS", "30"))  # RLIMIT_CPU per file
SANDBOX_WALL_SECONDS = int(os.environ.get("DISCLOSURE_SANDBOX_WALL_SECONDS", "60"))  # wall-clock time per file, then the worker is killed
SANDBOX_OUTPUT_BYTES = int(
    os.environ.get("DISCLOSURE_SANDBOX_OUTPUT_BYTES", str(32 * 1000 * 1000))
)  # the parse result a worker may hand back (JSON)
SANDBOX_WORKERS = int(
    os.environ.get("DISCLOSURE_SANDBOX_WORKERS", "2")
)  # parse workers per process: uploads of two sessions run side by side
PDF_MAX_PAGES = 1000  # a disclosure report has tens of pages
PDF_MAX_STREAM_BYTES = int(
    os.environ.get("DISCLOSURE_PDF_MAX_STREAM_BYTES", str(64 * 1000 * 1000))
)  # all decompressed streams of one PDF together
DOCX_MAX_ENTRIES = 2000  # ZIP entries of one .docx
DOCX_MAX_UNZIPPED_BYTES = 64 * 1000 * 1000  # all entries of one .docx, uncompressed
DOCX_MAX_RATIO = 200  # uncompressed / compressed for any entry over 1 MB: more is a zip bomb
HTML_MAX_TABLE_CELLS = int(
    os.environ.get("DISCLOSURE_HTML_MAX_TABLE_CELLS", "20000")
)  # grid slots of one HTML table after rowspan × colspan
HTML_MAX_TOTAL_CELLS = int(os.environ.get("DISCLOSURE_HTML_MAX_TOTAL_CELLS", "200000"))  # grid slots of all tables of one HTML file
MAX_VALUE_DIGITS = 12  # a cell with more digits than this is no real figure: an unreadable cell, with a check
PLAUSIBLE_MAX_COUNT = 10_000_000  # a count above this (or below 0) is a finding (implausible_value)
SESSION_UPLOAD_BYTES_MAX = 60 * 1000 * 1000  # public mode: bytes of uploads one session may have parsed
STORE_LOCK_TIMEOUT_S = int(os.environ.get("DISCLOSURE_STORE_LOCK_TIMEOUT_S", "600"))  # a second writer waits this long for the first
UPLOAD_TOTAL_BYTES_MAX = int(
    os.environ.get("DISCLOSURE_UPLOAD_TOTAL_BYTES_MAX", str(400 * 1000 * 1000))
)  # uploads all sessions may hold at once

# --- scanned reports: OCR of image-only PDF pages and photos (disclosure.readers.ocr) ---
OCR_PAGE_SECONDS = int(os.environ.get("DISCLOSURE_OCR_PAGE_SECONDS", "30"))  # wall-clock (and CPU × OCR_THREADS) budget per OCR'd page
OCR_MAX_PAGES = int(
    os.environ.get("DISCLOSURE_OCR_MAX_PAGES", "40")
)  # pages of one scan read by OCR; the rest are not read (named in ocr_read)
OCR_MEMORY_MB = int(
    os.environ.get("DISCLOSURE_OCR_MEMORY_MB", "2048")
)  # RLIMIT_AS of a worker while it reads a scan (the models and their address space)
OCR_THREADS = int(os.environ.get("DISCLOSURE_OCR_THREADS", "1"))  # ONNX Runtime threads of one worker's OCR (two workers share 2 cores)
OCR_BATCH_WIDTH = 16 * 320  # pixels of width (at the model's 48 px height) one recognition call reads: bounds its memory
OCR_DPI = 200  # pages are rendered (photos scaled) to this resolution before OCR: the grid's sizes assume it
OCR_PAGE_WIDTH_PX = 1654  # an image file is scaled to this width (A4 at OCR_DPI) when much smaller or larger
OCR_MAX_PIXELS = 40_000_000  # an image larger than this is refused before it is decoded (a decompression bomb)
OCR_CHAR_SURE = 0.9  # a digit read with at least this probability is certain; below it the table's arithmetic must confirm the figure
OCR_RETRY_CROP_RATIO = 10.0  # an unsure figure is read once more in a frame this wide for its height (the first read: 6)
