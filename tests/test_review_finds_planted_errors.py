"""Drafts made from real published reports (text from data/reports/fujian, tables from the hand-written answer
keys) with errors planted on purpose: every planted error is found, at the cell, paragraph or part it is in,
with what would make it right; the clean drafts get no error and no warning."""

from __future__ import annotations

import pytest

from disclosure import pipeline
from disclosure.audit.narrative import paragraphs
from disclosure.review import drafts, review_bytes
from disclosure.review.docx_map import DocxMap

# (last year, this year): consecutive published reports of one agency on the 2021 format whose answer keys read
# every cell (putian-ptkjj-2025 leaves one 第二十条 cell undetermined: a draft made from it has a real blank)
PAIRS = [
    ("putian-ptsjj-2023", "putian-ptsjj-2024"),
    ("putian-ptsjj-2024", "putian-ptsjj-2025"),
    ("putian-ptstjj-2024", "putian-ptstjj-2025"),
]


@pytest.fixture(scope="module", params=PAIRS, ids=[p[1] for p in PAIRS])
def pair(request):
    last, this = drafts.published(request.param[0]), drafts.published(request.param[1])
    return last, this, pipeline.read_bytes(last.docx(), last.file_name())


def reviewed(draft: drafts.Draft, previous):
    data = draft.docx()
    report, review = review_bytes(data, draft.file_name(), previous=previous)
    return data, report, review


def cell_text(data: bytes, report, place: dict) -> str:
    dmap = DocxMap(data, report)
    return dmap.tables[place["table"]].rows[place["row"]].cells[place["cell"]].text.strip()


def row_label(data: bytes, report, place: dict) -> str:
    dmap = DocxMap(data, report)
    return "".join(c.text for c in dmap.tables[place["table"]].rows[place["row"]].cells[:3])


def test_a_clean_draft_gets_no_error_and_no_warning(pair):
    last, this, previous = pair
    _, _, review = reviewed(this, previous)
    assert review.previous_year == last.facts.year
    assert [(f.rule, f.message) for f in review.findings if f.severity in ("error", "warning")] == []


def test_a_changed_total_is_found_at_its_cell_with_the_sum_it_should_read(pair):
    last, this, previous = pair
    bad = drafts.plant_total(this, "requests.outcome.total", "total", by=3)
    data, report, review = reviewed(bad, previous)
    planted = bad.facts.facts["requests.outcome.total|total"]
    expected = planted - 3
    hits = [f for f in review.findings if f.rule == "sum_mismatch" and f.where.indicator == "requests.outcome.total"]
    assert hits and all(f.severity == "error" and f.where.applicant == "total" and f.where.section == "requests" for f in hits)
    for f in hits:
        assert f"应为 {expected}" in f.fix and f"should read {expected}" in f.fix_en
        assert f.where.text == "表三（申请） · （七）总计 · 总计列"
        # the comment goes on the very cell that holds the wrong figure, in the （七）总计 row
        assert cell_text(data, report, f.where.docx) == str(planted)
        assert "总计" in row_label(data, report, f.where.docx)


def test_a_changed_table_four_total_is_found_in_table_four(pair):
    last, this, previous = pair
    bad = drafts.plant_total(this, "review.total", "total", by=2)
    data, report, review = reviewed(bad, previous)
    [f] = [f for f in review.findings if f.rule == "sum_mismatch" and f.where.indicator == "review.total"]
    assert f.where.section == "appeals" and f.where.text.startswith("表四")
    assert f"应为 {bad.facts.facts['review.total|total'] - 2}" in f.fix
    assert cell_text(data, report, f.where.docx) == str(bad.facts.facts["review.total|total"])


def test_a_removed_part_is_missing_and_its_comment_follows_the_part_before(pair):
    last, this, previous = pair
    bad = drafts.plant_missing_part(this, "五、")
    data, report, review = reviewed(bad, previous)
    [f] = [f for f in review.findings if f.rule == "missing_part"]
    assert f.severity == "error" and f.where.section == "problems" and f.where.kind == "part"
    assert "存在的主要问题及改进情况" in f.message and "第五部分" in f.where.text
    assert "政府信息公开行政复议、行政诉讼情况" in f.fix  # add it after part 四
    dmap = DocxMap(data, report)
    assert dmap.paragraphs[f.where.docx["paragraph"]].text.startswith("四、")
    assert [g.rule for g in review.findings if g.rule == "part_order"] == []


def test_last_years_text_reused_is_copied_with_its_longest_passages(pair):
    last, this, previous = pair
    bad = drafts.plant_copied_text(this, last)
    data, report, review = reviewed(bad, previous)
    [f] = [f for f in review.findings if f.rule == "narrative_copied"]
    assert f.where.section == "document" and f.values["carried_sentences"] == f.values["sentences"] > 5
    assert f.passages and len(f.passages[0]) > 100
    # the longest passage is last year's text (with the years moved on), and the comment sits on its first paragraph
    moved = "".join(last.facts.narrative + last.facts.closing).replace(str(last.facts.year), str(this.facts.year))
    assert f.passages[0][:30] in moved.replace(" ", "")
    dmap = DocxMap(data, report)
    assert f.passages[0][:12] in dmap.paragraphs[f.where.docx["paragraph"]].text.replace(" ", "")


def test_carried_over_unlike_last_years_carried_forward_is_found_per_column(pair):
    last, this, previous = pair
    bad = drafts.plant_carryover(this, "natural", by=2)
    data, report, review = reviewed(bad, previous)
    hits = {f.where.applicant: f for f in review.findings if f.rule == "carryover_break"}
    assert set(hits) == {"natural", "total"}
    before = last.facts.facts["requests.carried_forward|natural"]
    f = hits["natural"]
    assert f.where.text == "表三（申请） · 二、上年结转政府信息公开申请数量 · 自然人列"
    assert f.fix == f"应为 {before}（{last.facts.year} 年度报告“结转下年度继续办理”）"
    assert cell_text(data, report, f.where.docx) == str(bad.facts.facts["requests.carried_over|natural"])
    assert "上年结转" in row_label(data, report, f.where.docx)
    # the table itself still balances: the carry-over break is the only finding
    assert {g.rule for g in review.findings if g.severity in ("error", "warning")} == {"carryover_break"}


def test_a_statistics_period_left_at_last_year_is_found_in_its_paragraph(pair):
    last, this, previous = pair
    y = this.facts.year
    text = [p.replace(f"{y}年1月1日", f"{y - 1}年1月1日").replace(f"{y}年12月31日", f"{y - 1}年12月31日") for p in this.facts.narrative]
    if text == this.facts.narrative:  # this report states its period without the year: write it as most do
        text = [f"本报告中所列数据的统计期限自{y - 1}年1月1日起至{y - 1}年12月31日止。", *text]
    bad = drafts.Draft(this.stem, drafts.replace(this.facts, narrative=text))
    data, report, review = reviewed(bad, previous)
    assert report.year == y  # the title's year, not the period's
    [f] = [f for f in review.findings if f.rule == "statistics_period"]
    assert f.severity == "error" and f"{y}年1月1日至{y}年12月31日" in f.fix
    paragraph = paragraphs(report.narrative)[f.where.paragraph - 1]
    assert f"{y - 1}年1月1日" in paragraph
    dmap = DocxMap(data, report)
    assert f"{y - 1}年1月1日" in dmap.paragraphs[f.where.docx["paragraph"]].text.replace(" ", "")


def test_a_blank_cell_where_the_form_wants_0_is_named_by_row_and_column(pair):
    last, this, previous = pair
    facts = dict(this.facts.facts)
    facts["requests.outcome.denied.state_secret|legal"] = None
    bad = drafts.Draft(this.stem, drafts.replace(this.facts, facts=facts))
    data, report, review = reviewed(bad, previous)
    [f] = [f for f in review.findings if f.rule == "blank_cell"]
    assert f.where.indicator == "requests.outcome.denied.state_secret" and f.values == {"columns": ["legal"]}
    assert "法律服务机构" in f.fix and "0" in f.fix
    assert cell_text(data, report, f.where.docx) == ""


def test_documents_in_force_not_following_from_last_year_are_found_in_table_two(pair):
    last, this, previous = pair
    facts = dict(this.facts.facts)
    facts["art20.normative.in_force|total"] = (facts.get("art20.normative.in_force|total") or 0) + 2
    bad = drafts.Draft(this.stem, drafts.replace(this.facts, facts=facts))
    data, report, review = reviewed(bad, previous)
    [f] = [f for f in review.findings if f.rule == "in_force_break"]
    assert f.where.section == "active" and f.where.text.startswith("表二") and f.where.indicator == "art20.normative.in_force"
    expected = last.facts.facts["art20.normative.in_force|total"] + this.facts.facts["art20.normative.issued|total"]
    expected -= this.facts.facts["art20.normative.repealed|total"]
    assert f.fix.startswith(f"现行有效件数应为 {expected}（上年 ")
    assert cell_text(data, report, f.where.docx) == str(facts["art20.normative.in_force|total"])


def test_a_figure_the_text_states_against_the_table_is_found_in_its_paragraph(pair):
    last, this, previous = pair
    received = this.facts.facts["requests.received|total"]
    stated = received + 4
    sentence = f"本年度共收到政府信息公开申请{stated}件。"
    narrative = list(this.facts.narrative)
    at = next(i for i, p in enumerate(narrative) if p.startswith(("（二）", "(二)"))) + 1
    narrative.insert(at, sentence)
    bad = drafts.Draft(this.stem, drafts.replace(this.facts, narrative=narrative))
    data, report, review = reviewed(bad, previous)
    [f] = [f for f in review.findings if f.rule == "narrative_mismatch" and f.where.quote.startswith("本年度共收到")]
    assert f.indicators == ["requests.received"] and f.values["narrative_value"] == stated
    assert f"为 {received}" in f.fix and f.where.kind == "paragraph"
    dmap = DocxMap(data, report)
    assert dmap.paragraphs[f.where.docx["paragraph"]].text == sentence
