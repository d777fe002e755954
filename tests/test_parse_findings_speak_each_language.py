"""A finding the readers make while placing rows is worded in strings.csv, in both languages: the Chinese page never
shows an English sentence for a 2019/2021 upload whose table has a row the format does not know, a row with the wrong
number of cells, or a table 四 that is not there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from disclosure.parse import parse_file

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "data" / "sample" / "shili-bingqu-2021.md"  # a 2021-format report in Markdown
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
CJK = re.compile(r"[\u3400-\u9fff]")
ROW = "| 四、结转下年度继续办理 | 四、结转下年度继续办理 | 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"


def edited(tmp_path: Path, old: str, new: str) -> Path:
    text = DRAFT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "草稿.md"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


CASES = {
    # a row no 2021 label matches, with seven figures, inside table 三
    "unknown row": (
        ROW,
        "| 五、本年度新增的统计项目 | 五、本年度新增的统计项目 | 五、本年度新增的统计项目 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n" + ROW,
    ),
    # table 三's last row with five figures where seven columns are printed
    "row one cell short": (ROW, "| 四、结转下年度继续办理 | 四、结转下年度继续办理 | 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 1 |"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_2021_upload_with_a_row_the_format_lacks_gets_its_finding_in_chinese_and_in_english(tmp_path, case):
    report = parse_file(edited(tmp_path, *CASES[case]))
    placing = [c for c in report.checks if c.rule in ("unmapped_row", "missing_row", "unreadable_cell")]
    assert placing, f"{case}: no finding for the row"
    for c in placing:
        # the row's own printed words may be anything; what the product says around them is Chinese
        own = re.sub(r"“[^”]*”|［[^］]*］", "", c.message)
        assert not ENGLISH_WORD.search(own), f"English in the Chinese finding: {c.message}"
        assert c.message_en and not CJK.search(re.sub(r"'[^']*'|\[[^\]]*\]", "", c.message_en)), c.message_en


def test_the_unknown_row_is_named_with_the_format_and_its_figures(tmp_path):
    report = parse_file(edited(tmp_path, *CASES["unknown row"]))
    [c] = [c for c in report.checks if c.rule == "unmapped_row"]
    assert "五、本年度新增的统计项目" in c.message and "2021版" in c.message
    assert "2021 format" in c.message_en
