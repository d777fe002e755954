"""The store: idempotent re-ingest, replaced versions kept in history, atomic swap."""

import duckdb
from seed_forms import SEED, seed_html, seed_text

from disclosure import catalog
from disclosure.store import Store


def _rows(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_same_file_twice_is_one_report(tmp_path):
    db = tmp_path / "s.duckdb"
    first = Store(db).ingest_paths([SEED])
    before = db.read_bytes()
    second = Store(db).ingest_paths([SEED])
    assert len(first.added) == 1 and len(second.unchanged) == 1 and not second.added
    assert db.read_bytes() == before
    assert _rows(db, "SELECT count(*) FROM reports") == [(1,)]
    assert _rows(db, "SELECT count(*) FROM facts WHERE status <> 'from_text'") == [(61,)]  # the table's; narrative figures apart


def test_changed_file_replaces_and_keeps_the_old_version_in_history(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).ingest_paths([SEED])
    revised = tmp_path / "kaifeng-2018-revised.txt"
    revised.write_text(
        seed_text().replace("2.政府网站公开政府信息数 |\n条 |\n98 |", "2.政府网站公开政府信息数 |\n条 |\n236 |"), encoding="utf-8"
    )
    summary = Store(db).ingest_paths([revised])
    assert len(summary.replaced) == 1
    assert _rows(db, "SELECT count(*) FROM reports") == [(1,)]
    assert _rows(db, "SELECT f.value FROM facts f WHERE indicator = 'active.channel.website'") == [(236.0,)]
    assert _rows(db, "SELECT source_name FROM reports_history") == [("kaifeng-zhijian-2018.txt",)]
    assert _rows(db, "SELECT value FROM facts_history WHERE indicator = 'active.channel.website'") == [(98.0,)]


def test_html_and_text_of_the_same_report_replace_each_other_not_duplicate(tmp_path):
    db = tmp_path / "s.duckdb"
    page = tmp_path / "kaifeng.html"
    page.write_text(seed_html(), encoding="utf-8")
    Store(db).ingest_paths([SEED, page])
    assert _rows(db, "SELECT count(*) FROM reports") == [(1,)]
    assert _rows(db, "SELECT count(*) FROM reports_history") == [(1,)]


def test_store_records_source_and_catalog(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).ingest_paths([SEED])
    (agency, year, template, fmt, sha) = _rows(db, "SELECT agency, year, template, source_format, sha256 FROM reports")[0]
    assert (agency, year, template, fmt) == ("开封市质量技术监督局", 2018, "2014", "txt")
    assert len(sha) == 64
    assert _rows(db, "SELECT count(*) FROM indicators") == [(len(catalog.indicators()),)]
    assert _rows(db, "SELECT label_en <> '' FROM indicators WHERE id = 'requests.received'") == [(True,)]


def test_store_is_built_from_data_on_first_start_and_again_when_files_change(tmp_path):
    from disclosure.store import Store

    reports, sample = tmp_path / "reports", tmp_path / "sample"
    reports.mkdir()
    (reports / "kaifeng.txt").write_bytes(SEED.read_bytes())
    db = tmp_path / "s.duckdb"
    first = Store(db).refresh_from_data(reports_dir=reports, sample_dir=sample)
    assert len(first.added) == 1
    assert Store(db).refresh_from_data(reports_dir=reports, sample_dir=sample) is None  # nothing changed: no rebuild
    (reports / "kaifeng.txt").write_text(seed_text().replace("62 |", "63 |"), encoding="utf-8")
    again = Store(db).refresh_from_data(reports_dir=reports, sample_dir=sample)
    assert len(again.replaced) == 1
    assert _rows(db, "SELECT value FROM facts WHERE indicator = 'training.trainees'") == [(63.0,)]
    assert _rows(db, "SELECT is_sample FROM reports") == [(False,)]
