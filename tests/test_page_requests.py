"""依申请公开 page: the flow picture, outcomes, rates and cases agree with the founding report and the sample set."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import ROOT
from test_page_channels import FOUNDING, open_page

from disclosure.figures import report_figures
from disclosure.ui import charts
from disclosure.views.requests import flow_links_2019

SAMPLE_FACTS = ROOT / "data" / "sample" / "facts.json"


def sample_truth(agency: str, year: int) -> dict:
    """The generator's own facts for a sample agency-year (what the report file says)."""
    for report in json.loads(SAMPLE_FACTS.read_text(encoding="utf-8")).values():  # committed: a missing file fails
        if report["agency"] == agency and report["year"] == year:
            return report["facts"]
    pytest.fail(f"data/sample has no report for {agency} {year}")


def chart(at, key: str) -> dict:
    return json.loads(next(el for el in at.get("plotly_chart") if el.key == key).proto.spec)


def test_founding_report_flow_rates_and_timeliness(app_env):
    at = open_page("requests", FOUNDING, 2018)
    sankey = chart(at, "flow")["data"][0]
    nodes = [label.rsplit(" ", 1)[0] for label in sankey["node"]["label"]]  # "收到申请 1": the node and its figure
    links = {(nodes[s], nodes[t]): v for s, t, v in zip(sankey["link"]["source"], sankey["link"]["target"], sankey["link"]["value"])}
    assert links == {("收到申请", "同意公开"): 1}  # 1 request, answered 同意公开; zero links are not drawn
    timeliness = chart(at, "timeliness")["data"][0]
    assert dict(zip(timeliness["y"], timeliness["x"])) == {"按时办结": 1, "延期办结": 0}
    rates = next(d.value for d in at.dataframe if "比率" in d.value.columns)
    disclosure = rates[rates["比率"] == "公开率"].iloc[0]
    assert disclosure["%"] == 100.0 and disclosure["分子"] == 1 and disclosure["分母"] == 1
    assert "申请答复数" in disclosure["定义"]
    on_time = rates[rates["比率"] == "按时办结率"].iloc[0]
    assert on_time["%"] == 100.0
    # 复议 and 诉讼 all reported as 0: said in words, not drawn as an empty chart
    assert any("没有行政复议和行政诉讼" in i.value for i in at.info)
    outcomes = chart(at, "outcomes")
    answered = next(t for t in outcomes["data"] if t["name"] == "答复（第1—8项）")
    assert dict(zip(answered["y"], answered["x"]))["同意公开"] == 1


SAMPLE_2021 = ("示例市农业农村局", 2021)


def test_sample_2021_flow_matches_the_report(app_env):
    agency, year = SAMPLE_2021
    truth = sample_truth(agency, year)
    at = open_page("requests", agency, year)
    sankey = chart(at, "flow")["data"][0]
    nodes = [label.rsplit(" ", 1)[0] for label in sankey["node"]["label"]]  # "收到申请 1": the node and its figure
    links = {(nodes[s], nodes[t]): v for s, t, v in zip(sankey["link"]["source"], sankey["link"]["target"], sankey["link"]["value"])}
    assert links[("本年新收", "本年需办理")] == truth["requests.received|total"]
    assert links[("本年需办理", "予以公开")] == truth["requests.outcome.granted|total"]
    inflow = sum(v for (s, _), v in links.items() if _ == "本年需办理")
    outflow = sum(v for (s, _), v in links.items() if s == "本年需办理")
    assert inflow == truth["requests.received|total"] + truth["requests.carried_over|total"]
    assert outflow == truth["requests.outcome.total|total"] + truth["requests.carried_forward|total"]
    applicants = chart(at, "applicants")["data"][0]
    assert dict(zip(applicants["y"], applicants["x"])) == {
        "自然人": truth["requests.received|natural"],
        "商业企业": truth["requests.received|commercial"],
        "科研机构": truth["requests.received|research"],
        "社会公益组织": truth["requests.received|social"],
        "法律服务机构": truth["requests.received|legal"],
        "其他": truth["requests.received|other"],
    }
    rates = next(d.value for d in at.dataframe if "比率" in d.value.columns)
    disclosure = rates[rates["比率"] == "公开率"].iloc[0]
    expected = round(
        100 * (truth["requests.outcome.granted|total"] + truth["requests.outcome.partial|total"]) / truth["requests.outcome.total|total"], 1
    )
    assert disclosure["%"] == expected
    assert "办理结果总计" in disclosure["定义"]


def test_sample_2021_outcomes_grouped_as_the_template_groups_them(app_env):
    agency, year = SAMPLE_2021
    truth = sample_truth(agency, year)
    at = open_page("requests", agency, year)
    traces = {t["name"]: dict(zip(t["y"], t["x"])) for t in chart(at, "outcomes")["data"]}
    assert set(traces) <= {"予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"}
    denied = {k: v for k, v in truth.items() if k.startswith("requests.outcome.denied.") and k.endswith("|total") and v is not None}
    assert sum(traces["不予公开"].values()) == sum(denied.values())
    assert len(traces["不予公开"]) == 8  # the eight refusal reasons of table 三 (三)


def test_sample_2021_review_and_litigation_by_result(app_env):
    agency, year = SAMPLE_2021
    truth = sample_truth(agency, year)
    at = open_page("requests", agency, year)
    table = next(d.value for d in at.dataframe if "结果维持" in d.value.columns)
    review = table[table["类别"] == "行政复议"].iloc[0]
    assert review["结果维持"] == truth["review.upheld|total"] and review["总计"] == truth["review.total|total"]
    direct = table[table["类别"] == "行政诉讼（未经复议直接起诉）"].iloc[0]
    assert direct["尚未审结"] == truth["litigation.direct.pending|total"]


def test_flow_2019_counts_the_single_other_row_once():
    v = {
        "requests.received": 10.0,
        "requests.carried_over": 2.0,
        "requests.outcome.granted": 6.0,
        "requests.outcome.other": 3.0,
        "requests.outcome.other.misc": 3.0,
        "requests.carried_forward": 3.0,
    }
    links = flow_links_2019(
        v,
        {"requests.received": "new", "requests.carried_over": "old"},
        "in",
        {"granted": "g", "partial": "p", "denied": "d", "unable": "u", "not_processed": "n", "other": "o"},
        "cf",
    )
    assert dict(zip(links["target"], links["value"])) == {"in": 2.0, "g": 6.0, "o": 3.0, "cf": 3.0}
    fig = charts.flow(links, "t")
    assert list(fig.data[0].link.value) == [10.0, 2.0, 6.0, 3.0, 3.0]


def test_blank_total_column_falls_back_to_the_applicant_columns():
    facts = pd.DataFrame(
        [
            ("requests.outcome.granted", "natural", 4.0, "reported"),
            ("requests.outcome.granted", "legal", 1.0, "reported"),
            ("requests.outcome.granted", "total", None, "blank"),
            ("requests.outcome.partial", "total", None, "blank"),
        ],
        columns=["indicator", "applicant", "value", "status"],
    )
    assert report_figures(facts) == {"requests.outcome.granted": 5.0, "requests.outcome.partial": None}
