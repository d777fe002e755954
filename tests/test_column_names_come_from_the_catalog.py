"""The tables' value columns are named once, in catalog/columns.csv: every applicant column of the
2019/2021 table 三 and the local forms' 本年度 and 历年累计, in Chinese and English, and the audit's
messages, cell_search's incomplete_table and the sample writer's table 三 all use those names."""

from disclosure import catalog
from disclosure.audit import audit_report
from disclosure.model import APPLICANTS, Fact, Report, Source
from disclosure.templates.cell_search import incomplete_check


def report(template: str, facts: list[Fact]) -> Report:
    return Report("测试局", 2016, template, Source("t.txt", "txt", ""), facts)


def test_every_applicant_column_of_the_2019_and_2021_tables_is_named_in_both_languages():
    for template in catalog.template_ids(layout="applicants"):
        named = catalog.columns(template)
        assert [c.id for c in named] == list(APPLICANTS)
        assert all(c.label_zh and c.label_en for c in named)
    # 法人或其他组织 heads the five columns between 自然人 and 总计
    assert [c.id for c in catalog.columns("2019") if c.group_zh == "法人或其他组织"] == list(APPLICANTS[1:6])


def test_local_forms_name_their_total_column_this_year_beside_the_cumulative_one():
    assert [(c.id, c.label_zh) for c in catalog.columns("local")] == [("total", "本年度"), ("cumulative", "历年累计")]
    assert catalog.column_label("total") == "总计" and catalog.column_label("total", "en", "local") == "This year"


def test_a_local_cumulative_below_the_year_names_both_columns_as_the_form_does():
    local = report("local", [Fact("active.total", "total", 9, "9", "reported"), Fact("active.total", "cumulative", 5, "5", "reported")])
    [c] = [c for c in audit_report(local) if c.rule == "part_exceeds_whole"]
    assert "（本年度）" in c.message and "（历年累计）" in c.message
    assert "(This year)" in c.message_en and "(Cumulative, 5)" in c.message_en


def test_an_audit_message_names_an_applicant_column_by_the_catalog():
    values = {"requests.received": 3, "requests.carried_over": 0, "requests.outcome.total": 1, "requests.carried_forward": 0}
    facts = [Fact(i, "natural", v, str(v), "reported") for i, v in values.items()]
    [c] = [c for c in audit_report(report("2019", facts)) if c.rule == "request_balance"]
    assert "表三（自然人列）" in c.message and "(Natural persons column)" in c.message_en


def test_incomplete_table_names_columns_as_its_form_does():
    national = incomplete_check("t.txt", [("requests.received", "commercial"), ("requests.received", "total")])
    local = incomplete_check("t.txt", [("active.total", "total")], "local")
    assert "（商业企业、总计）" in national.message and "(Businesses, Total)" in national.message_en
    assert "（本年度）" in local.message and "(This year)" in local.message_en
