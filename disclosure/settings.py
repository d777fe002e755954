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

MAX_FILE_BYTES = 20 * 1024 * 1024  # a report over 20 MB is not a report; refuse before reading it
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx", ".doc", ".md", ".tsv")  # .doc only to say why it is refused
QUERY_CACHE_ENTRIES = 256  # st.cache_data max_entries for named queries
MIN_FACTS = 10  # a table yielding fewer mapped facts than this is not a statistics table


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
SESSION_REPORTS_MAX = 20  # public mode: reports one browser session may hold in memory
QUERY_TIMEOUT_MS = int(os.environ.get("DISCLOSURE_QUERY_TIMEOUT_MS", "10000"))  # DuckDB max_execution_time for the app's handle

# --- reading mangled archive tables (disclosure.templates.cell_search) ---
CELL_SEARCH_MAX_READINGS = 2000  # readings of one row beyond this: the row is unreadable
CELL_SEARCH_MAX_COMBINATIONS = 20000  # joint readings (or partial sums) one identity may try
CELL_SEARCH_ENUMERATE_MAX = 64  # beyond this many joint readings a sum identity is checked by partial sums
LABEL_MATCH_SCORE = 86  # rapidfuzz ratio at which a printed label is a label-table variant (local forms)
LABEL_SECTION_SCORE = 80  # 2014 table: the ratio at which a label is a row of its section
LABEL_TABLE3_SCORE = 72  # 2019/2021 table 三: a label this close to a row of the format is that row
LABEL_ORDER_SCORE = 45  # … and the row the order expects next may match more loosely (misprints, cut labels)
LABEL_SUFFIX_MIN_CHARS = 4  # a variant this long found at the end of a longer label is that row
NARRATIVE_SUBJECT_WINDOW = 12  # characters before a narrative figure in which the row's subject must stand
