"""A page sends what a person can read, whatever the store's size: numbers tables show their first rows (the files
hold all), an agency picker with many names searches first, 总览's coverage grid pages (gaps and errors first) and its
spread chart draws the agencies furthest from the median. The limits are settings; here they are made small."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest
from conftest import ROOT, open_numbers
from streamlit.testing.v1 import AppTest

from disclosure import settings
from disclosure.views import scope as view


@pytest.fixture()
def small_limits(monkeypatch, app_env):
    monkeypatch.setattr(settings, "TABLE_MAX_ROWS", 3)
    monkeypatch.setattr(settings, "PICKER_MAX_OPTIONS", 4)
    monkeypatch.setattr(settings, "GRID_MAX_ROWS", 4)
    monkeypatch.setattr(settings, "SPREAD_MAX_POINTS", 2)
    return app_env


def _open(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception[0].value
    return open_numbers(at)  # the 查看数据 tables are made only while open


def test_an_agency_picker_with_many_names_searches_first(small_limits):
    at = _open("report", agency="putian-tjj", year="2021")
    picker = at.selectbox(key="w.agency")
    assert len(picker.options) <= 4 + 1 and picker.value == "莆田市统计局"  # the current choice is kept
    at.text_input(key="w.agency_q").input("三明").run()
    assert not at.exception
    assert set(at.selectbox(key="w.agency").options) == {"莆田市统计局", "三明市人民政府"}


def test_the_coverage_grid_pages_with_gaps_and_errors_first(small_limits):
    at = _open(year="2025")
    grid = next(d.value for d in at.dataframe if "2025" in d.value.columns and "单位" in d.value.columns)
    assert len(grid) == 4
    assert grid["2025"].tolist()[0] in ("✗", "!", "▢")  # a gap first
    with duckdb.connect(str(small_limits), read_only=True) as con:
        n = con.execute("SELECT count(DISTINCT agency) FROM reports WHERE NOT is_sample").fetchone()[0]
    pages = -(-n // 4)
    assert at.number_input(key="w.coverage_page").max == pages  # every real agency, 4 a page
    at.number_input(key="w.coverage_page").set_value(pages).run()
    last = next(d.value for d in at.dataframe if "单位" in d.value.columns and "2025" in d.value.columns)
    assert len(last) == n - 4 * (pages - 1)


def test_numbers_tables_show_their_first_rows_and_say_so(small_limits):
    at = _open(year="2025")
    assert all(len(d.value) <= 4 for d in at.dataframe)  # grid page (4) and tables of at most 3 rows
    assert any("下载的文件含全部行" in c.value for c in at.caption)


def test_the_spread_chart_draws_the_furthest_agencies_on_each_rate(small_limits):
    at = _open(year="2025")
    fig = json.loads(next(el for el in at.get("plotly_chart") if el.key == "overview-spread").proto.spec)
    dots = [y for trace in fig["data"] if trace["name"] != "中位数" for y in trace["y"]]
    assert max(dots.count(row) for row in set(dots)) <= 2


def test_furthest_and_problems_first_keep_the_right_agencies():
    spread = pd.DataFrame({"rate": ["r"] * 5, "agency": list("abcde"), "value": [0, 40, 50, 60, 100.0], "median": 50.0})
    assert set(view.furthest(spread, 2)["agency"]) == {"a", "e"}
    grid = pd.DataFrame({2025: ["reported", "missing", "errors", ""]}, index=list("wxyz"))
    assert view.problems_first(grid, 2025) == ["x", "y", "w", "z"]
