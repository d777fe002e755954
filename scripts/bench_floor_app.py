"""The load benchmark's floor: a plain Streamlit page with one plotly chart over a 1-million-row in-memory DuckDB table.

    streamlit run scripts/bench_floor_app.py     # what scripts/bench_load.py starts beside the app

Nothing is cached but the table: each page view queries it and builds its figure, as a plain page does. What a page
view of the dashboard costs beyond this is what the dashboard itself adds (scripts/bench_load.py reports both).
"""

import sys
from pathlib import Path

import duckdb
import plotly.graph_objects as go
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from disclosure.sql import sql  # noqa: E402

ROWS = 1_000_000


@st.cache_resource
def table() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute(sql("bench_floor_table"), {"rows": ROWS})
    return con


totals = table().cursor().execute(sql("bench_floor_chart")).fetchall()
st.title("Floor")
st.plotly_chart(go.Figure(go.Bar(x=[c for c, _ in totals], y=[v for _, v in totals])), width="stretch")
