"""cell_search: every reading of an archive's mangled row, and the table arithmetic that keeps one."""

from __future__ import annotations

from collections import Counter

from disclosure.templates import cell_search

APPLICANTS = ("natural", "commercial", "research", "social", "legal", "other", "total")


def test_tokens_that_fill_the_cells_are_the_only_reading():
    assert cell_search.readings(["3", "0", "5"], 3) == [("3", "0", "5")]
    assert not cell_search.is_guess(["3", "0", "5"], 3)


def test_glued_digits_are_cut_without_leading_zeros():
    options = cell_search.readings(["07"], 2, collapsed=False)
    assert options == [("0", "7")]
    assert ("2026", "3542") in cell_search.readings(["20263542"], 2)
    assert all(not (len(c) > 1 and c[0] == "0") for o in cell_search.readings(["100200"], 3) for c in o)


def test_collapsed_runs_expand_and_the_row_total_picks_one():
    options = cell_search.readings(["1", "0", "1"], 7)
    assert len(options) == 15
    cells = {"r": [("requests.received", a) for a in APPLICANTS]}
    left = cell_search.solve({"r": options}, cells, {}, "2019")
    assert left == {"r": [("1", "0", "0", "0", "0", "0", "1")]}


def test_a_number_broken_over_lines_is_joined():
    assert cell_search.readings(["1", "62", "354"], 2) == [("1", "62354"), ("162", "354")]


def test_a_guess_the_arithmetic_refuses_is_unreadable_not_kept():
    # one token for seven cells: the only expansion (1 seven times) breaks 总计 = Σ applicants
    options = cell_search.readings(["1"], 7)
    cells = {"r": [("requests.received", a) for a in APPLICANTS]}
    assert cell_search.solve({"r": options}, cells, {}, "2019") == {"r": []}
    assert cell_search.certain_cells([]) == []


def test_parent_sums_settle_glued_rows_across_the_table():
    cols = ("total", "cumulative")
    rows = {
        "requests.received": cell_search.readings(["2121"], 2, collapsed=False),
        "requests.received.in_person": [("18", "18")],
        "local.received.email": [("3", "3")],
    }
    cells = {k: [(k, c) for c in cols] for k in rows}
    left = cell_search.solve(
        {"requests.received": rows["requests.received"]},
        cells,
        {
            ("requests.received.in_person", "total"): 18,
            ("requests.received.in_person", "cumulative"): 18,
            ("local.received.email", "total"): 3,
            ("local.received.email", "cumulative"): 3,
        },
        "local",
    )
    assert left["requests.received"] == [("21", "21")]


def test_the_narrative_settles_only_with_figures_that_tell_readings_apart():
    options = [("6", "233", "440"), ("62", "33", "440"), ("623", "3", "440")]
    narrative = "本年度制发行政规范性文件62件，办结申请69件。"
    stated = cell_search.narrative_figures(narrative, [])
    assert cell_search.prefer_narrative(options, Counter(), narrative, "规范性文件") == options
    assert cell_search.prefer_narrative(options, stated, narrative, "规范性文件") == [("62", "33", "440")]
    # a '2' in the text tells nothing
    assert cell_search.prefer_narrative([("0", "0", "2"), ("0", "2", "2")], Counter({"2": 3}), "共2件", "规范性文件") == [
        ("0", "0", "2"),
        ("0", "2", "2"),
    ]


def test_a_table_that_prints_glued_zeros_never_collapsed():
    assert not cell_search.collapses_runs([(["00"], 2), (["425", "1516"], 2)])
    assert not cell_search.collapses_runs([(["0", "0", "3"], 3)])
    assert cell_search.collapses_runs([(["1", "0", "1"], 7), (["5"], 7)])


def test_one_statement_of_a_figure_backs_one_cell_not_the_copies_of_it():
    # 第二十条 规范性文件 printed '4' '16' for 制发 / 废止 / 现行有效 (putian-ptcg-2024): the text's one '现行有效…16件'
    # does not say that 废止 is 16 too, so no reading is picked on it (the row's cells stay open, then unread)
    options = [("4", "1", "6"), ("4", "16", "16"), ("4", "4", "16")]
    narrative = "公布现行有效行政规范性文件16件，新公布4件，废止、失效4件。"
    left = cell_search.prefer_narrative(options, Counter({"16": 1}), narrative, "规范性文件")
    assert ("4", "16", "16") in left and ("4", "4", "16") in left
