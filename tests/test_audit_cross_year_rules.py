"""Carry-over and documents-in-force chains between one agency's consecutive reports."""

from disclosure.audit import audit_report
from disclosure.model import Fact, Report, Source


def make_report(template: str, year: int, values: dict) -> Report:
    facts = [Fact(k.partition("|")[0], k.partition("|")[2] or "total", v, str(v), "reported") for k, v in values.items()]
    return Report("测试局", year, template, Source("t.txt", "txt", ""), facts)


def findings(report, previous, rule):
    return [c for c in audit_report(report, previous) if c.rule == rule]


def test_carried_over_equal_to_last_years_carried_forward_passes():
    previous = make_report("2021", 2022, {"requests.carried_forward|natural": 3, "requests.carried_forward|total": 3})
    current = make_report("2021", 2023, {"requests.carried_over|natural": 3, "requests.carried_over|total": 3})
    assert findings(current, previous, "carryover_break") == []


def test_carried_over_differing_from_last_years_carried_forward_is_a_warning_per_column():
    previous = make_report(
        "2019", 2020, {"requests.carried_forward|natural": 3, "requests.carried_forward|legal": 1, "requests.carried_forward|total": 4}
    )
    current = make_report(
        "2021", 2021, {"requests.carried_over|natural": 3, "requests.carried_over|legal": 0, "requests.carried_over|total": 3}
    )
    [c] = findings(current, previous, "carryover_break")
    assert c.severity == "warning"
    assert c.values == {
        "requests.carried_over|legal": 0,
        "2020:requests.carried_forward|legal": 1,
        "requests.carried_over": 3,
        "2020:requests.carried_forward": 4,
    }


def test_no_carryover_check_without_the_previous_year_or_across_the_2014_break():
    current = make_report("2019", 2019, {"requests.carried_over|total": 5})
    assert findings(current, None, "carryover_break") == []
    previous_2014 = make_report("2014", 2018, {"requests.received": 2})
    assert findings(current, previous_2014, "carryover_break") == []


def test_documents_in_force_follow_last_year_plus_issued_minus_repealed():
    previous = make_report("2021", 2022, {"art20.normative.in_force": 8, "art20.rules.in_force": 2})
    current = make_report(
        "2021",
        2023,
        {
            "art20.normative.in_force": 10,
            "art20.normative.issued": 3,
            "art20.normative.repealed": 1,
            "art20.rules.in_force": 2,
            "art20.rules.issued": 0,
            "art20.rules.repealed": 0,
        },
    )
    assert findings(current, previous, "in_force_break") == []


def test_documents_in_force_that_do_not_follow_are_a_warning():
    previous = make_report("2021", 2022, {"art20.normative.in_force": 8})
    current = make_report("2021", 2023, {"art20.normative.in_force": 8, "art20.normative.issued": 3, "art20.normative.repealed": 0})
    [c] = findings(current, previous, "in_force_break")
    assert c.severity == "warning"
    assert c.indicators[0] == "art20.normative.in_force" and "11" in c.message


def test_in_force_chain_needs_both_years_on_the_2021_template():
    previous = make_report("2019", 2020, {"art20.normative.total_published": 8})
    current = make_report("2021", 2021, {"art20.normative.in_force": 1, "art20.normative.issued": 3, "art20.normative.repealed": 0})
    assert findings(current, previous, "in_force_break") == []


LAST_YEAR = (
    "2022年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作全面推进决策、执行、管理、服务、结果公开。"
    "我局进一步完善依申请公开工作机制，规范办理流程，均在法定期限内答复申请人。"
    "加强政策解读和回应关切，通过门户网站、政务微博和微信公众号发布解读材料，及时回应社会关切。"
    "存在的主要问题是公开内容还不够全面，解读形式比较单一，下一步将加强培训，提升工作人员业务水平。"
)
NEW_SENTENCE = "本年度新设立政务公开体验区，邀请群众代表现场查阅政府信息并提出意见建议，共收集意见十二条并逐条回复。"


def narrative_report(year: int, text: str) -> Report:
    report = make_report("2021", year, {})
    report.narrative = text
    return report


def test_copied_text_names_the_sentences_kept_and_quotes_the_longest_passage():
    previous = narrative_report(2022, LAST_YEAR)
    current = narrative_report(2023, LAST_YEAR.replace("2022", "2023") + NEW_SENTENCE)
    [c] = findings(current, previous, "narrative_copied")
    assert (c.values["carried_sentences"], c.values["sentences"]) == (4, 5)
    assert c.sentence.startswith("2023年，我局认真贯彻落实") and c.sentence.endswith("提升工作人员业务水平。")
    assert NEW_SENTENCE not in c.sentence
    assert "5 句中有 4 句（80%）与上年相同" in c.message


def test_most_sentences_kept_word_for_word_is_copied_even_when_new_text_lowers_the_similarity():
    previous = narrative_report(2022, LAST_YEAR)
    added = NEW_SENTENCE * 1 + "针对家长集中咨询的划片问题，组织校长走进直播间答疑，并将答疑要点整理成图解，方便群众理解和查阅。"
    current = narrative_report(2023, LAST_YEAR + added)
    from disclosure.audit import narrative_similarity

    assert narrative_similarity(current.narrative, previous.narrative) < 0.8
    [c] = findings(current, previous, "narrative_copied")
    assert c.values["carried_sentences"] == 4 and c.values["sentences"] == 6  # 4 of 6 ≥ 60 %
