"""A bad file in data/ costs only itself: the store build loads the rest, records the file and its reason,
and 数据质量 lists it; the same document under two agency names is refused as such, not a crash."""

from __future__ import annotations

import shutil

import duckdb
from conftest import ROOT
from seed_forms import seed_text

from disclosure.store import Store


def _with_400_digits() -> str:
    lines = seed_text().splitlines()
    i = lines.index("(一)主动公开政府信息数 |")
    lines[i + 2] = "9" * 400 + " |"
    return "\n".join(lines) + "\n"


def test_the_store_build_skips_bad_files_and_the_quality_page_lists_them(tmp_path, monkeypatch):
    reports, sample = tmp_path / "reports", tmp_path / "sample"
    reports.mkdir()
    sample.mkdir()
    shutil.copy(ROOT / "data" / "sample" / "shili-bingqu-2015.txt", sample)
    (reports / "huge-number-2018.txt").write_text(_with_400_digits(), encoding="utf-8")
    (reports / "bomb.html").write_text("<table>" + '<tr><td colspan="1000">1</td></tr>' * 500 + "</table>", encoding="utf-8")
    (reports / "news.txt").write_text("今日新闻。" * 200, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    summary = Store(db).refresh_from_data(reports_dir=reports, sample_dir=sample)
    assert len(summary.added) == 2 and {n for n, _ in summary.rejected} == {"bomb.html", "news.txt"}
    con = duckdb.connect(str(db), read_only=True)
    try:
        skipped = dict(con.execute("SELECT source_name, reason FROM skipped_files").fetchall())
        value = con.execute(
            "SELECT value, raw FROM facts JOIN reports USING (report_id) WHERE source_name = 'huge-number-2018.txt' "
            "AND indicator = 'active.total'"
        ).fetchone()
        finding = con.execute("SELECT severity FROM checks WHERE rule = 'implausible_value'").fetchall()
    finally:
        con.close()
    assert set(skipped) == {"bomb.html", "news.txt"} and "HTML_MAX_TABLE_CELLS" in skipped["bomb.html"]
    assert value[0] is None and value[1].startswith("9999")  # kept as written, never a float of 400 digits
    assert ("error",) in finding

    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DISCLOSURE_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/quality.py").run()
    assert not at.exception
    expander = next(e for e in at.expander if e.label.startswith("未能读取的文件"))
    assert expander.label == "未能读取的文件（2）"
    table = expander.dataframe[0].value
    assert set(table.iloc[:, 0]) == {"bomb.html", "news.txt"}

    # a fixed file leaves the list on the next build
    (reports / "bomb.html").unlink()
    (reports / "news.txt").unlink()
    Store(db).refresh_from_data(reports_dir=reports, sample_dir=sample)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM skipped_files").fetchone()[0] == 0
    finally:
        con.close()


def test_one_document_under_two_agency_names_is_refused_not_a_crash(tmp_path):
    text = seed_text()
    anonymous = "\n".join(ln for ln in text.splitlines() if "开封市质量技术监督局" not in ln) + "\n"
    for name in ("甲局-2018.txt", "乙局-2018.txt"):
        (tmp_path / name).write_text(anonymous, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    summary = Store(db).ingest_paths(sorted(tmp_path.glob("*.txt")))
    assert len(summary.added) == 1
    ((refused, reason),) = summary.rejected
    assert "the same file as the report already read for" in reason
    again = Store(db).ingest_paths([tmp_path / refused])  # and against the store, in a later run
    assert len(again.rejected) == 1 and not again.added
