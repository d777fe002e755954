"""`python -m disclosure review`: one draft (JSON contract, the Word file, last year from a file or from the store
through the named query) and a folder of drafts (one table, CSV or Excel); a bad file is one line naming it."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import openpyxl
import pytest

from disclosure import catalog
from disclosure.review import drafts

ROOT = drafts.ROOT


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "disclosure", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """ptsjj 2023 as published and its 2024 draft with a carry-over break; ptstjj 2025 with a changed total; a junk file."""
    out = tmp_path_factory.mktemp("drafts")
    last, this = drafts.published("putian-ptsjj-2023"), drafts.published("putian-ptsjj-2024")
    (out / "ptsjj-2023.docx").write_bytes(last.docx())
    (out / "ptsjj-2024.docx").write_bytes(drafts.plant_carryover(this, "natural").docx())
    (out / "ptstjj-2025.docx").write_bytes(drafts.plant_total(drafts.published("putian-ptstjj-2025")).docx())
    (out / "empty.txt").write_bytes(b"  \n")
    return out


def test_one_draft_as_json_against_last_years_file_with_its_word_file(folder, tmp_path):
    out = cli("review", folder / "ptsjj-2024.docx", "--previous", folder / "ptsjj-2023.docx", "--json", "--docx", tmp_path / "back.docx")
    assert out.returncode == 0, out.stderr
    review = json.loads(out.stdout)
    assert {"agency", "year", "template", "findings"} <= set(review)
    assert (review["agency"], review["year"], review["template"]) == ("莆田市审计局", 2024, "2021")
    [f] = [f for f in review["findings"] if f["rule"] == "carryover_break" and f["where"]["applicant"] == "natural"]
    assert {"rule", "severity", "message", "indicators", "where", "code", "params"} <= set(f)
    assert f["message_en"] == catalog.say(f["code"], "en", f["params"])  # its words, said again from strings.csv
    assert f["where"]["indicator"] == "requests.carried_over" and f["where"]["docx"]["table"] == 1 and f["fix"].startswith("应为 0")
    assert (f["where"]["table"], f["where"]["row"], f["where"]["column"]) == ("表三（申请）", "二、上年结转政府信息公开申请数量", "自然人")
    import docx

    assert len(list(docx.Document(tmp_path / "back.docx").comments)) == len(review["findings"])


def test_one_draft_against_the_store_finds_last_year_by_the_named_query(folder, tmp_path):
    db = tmp_path / "store.duckdb"
    assert cli("ingest", folder / "ptsjj-2023.docx", "--db", db).returncode == 0
    out = cli("review", folder / "ptsjj-2024.docx", "--db", db)
    assert out.returncode == 0, out.stderr
    head, *lines = out.stdout.splitlines()
    assert head.startswith("莆田市审计局 · 2024 · template 2021 · compared with 2023")
    assert any("carryover_break" in line and "自然人列" in line and "→ 应为 0" in line for line in lines)
    alone = cli("review", folder / "ptsjj-2024.docx")
    assert "no report for the year before" in alone.stdout.splitlines()[0] and "carryover_break" not in alone.stdout


def test_a_folder_is_one_table_with_the_worst_finding_per_draft(folder, tmp_path):
    out = cli("review", folder)
    assert out.returncode == 0, out.stderr
    text = out.stdout.lstrip("\ufeff")
    assert text.splitlines()[0] == "文件,机关,年度,格式,错误,提醒,最严重的问题"
    rows = {line.split(",")[0]: line for line in text.splitlines()[1:]}
    assert set(rows) == {"empty.txt", "ptsjj-2023.docx", "ptsjj-2024.docx", "ptstjj-2025.docx"}
    assert "无法读取" in rows["empty.txt"]
    # last year found in the folder itself: the 自然人 and 总计 columns break the carry-over chain
    assert ",0,2," in rows["ptsjj-2024.docx"] and "上年结转" in rows["ptsjj-2024.docx"]
    # the changed （七）总计: against its outcome rows, its applicant columns and the balance of table 三
    assert ",3,0," in rows["ptstjj-2025.docx"] and "办理结果总计为 25" in rows["ptstjj-2025.docx"]
    xlsx = tmp_path / "review.xlsx"
    assert cli("review", folder, "--out", xlsx, "--lang", "en").returncode == 0
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes())).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["File", "Agency", "Year", "Format", "Errors", "Warnings", "Worst finding"]
    assert [r[0] for r in values[1:]] == ["empty.txt", "ptsjj-2023.docx", "ptsjj-2024.docx", "ptstjj-2025.docx"]


def test_a_file_that_is_not_a_report_is_one_line_naming_it(tmp_path):
    (tmp_path / "note.txt").write_text("随便写的几句话。", encoding="utf-8")
    out = cli("review", tmp_path / "note.txt")
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("error: note.txt: ") and len(out.stderr.strip().splitlines()) == 1
