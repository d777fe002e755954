"""Narrative against table, and narrative copied from last year, each on a passing and a failing report."""

from disclosure import catalog
from disclosure.audit import audit_report, narrative_figures, narrative_similarity, sentences
from disclosure.model import Fact, Report, Source
from disclosure.narrative_figures import read_figures


def make_report(template: str, year: int, values: dict, narrative: str) -> Report:
    facts = [Fact(k.partition("|")[0], k.partition("|")[2] or "total", v, str(v), "reported") for k, v in values.items()]
    return Report("测试局", year, template, Source("t.txt", "txt", ""), facts, narrative=narrative)


def findings(report, rule, previous=None):
    return [c for c in audit_report(report, previous) if c.rule == rule]


def test_a_narrative_figure_that_agrees_with_the_table_is_not_a_finding():
    report = make_report("2021", 2023, {"requests.received|total": 17}, "2023年，本机关共受理政府信息公开申请17件，均按时答复。")
    assert findings(report, "narrative_mismatch") == []


def test_a_narrative_figure_that_differs_from_the_table_is_a_warning_with_its_sentence():
    report = make_report(
        "2021", 2023, {"requests.received|total": 95}, "一、总体情况\n2023年，本机关共受理政府信息公开申请17件，均按时答复。\n二、其他"
    )
    [c] = findings(report, "narrative_mismatch")
    assert c.severity == "warning"
    assert c.values == {"requests.received": 95, "narrative_value": 17}
    assert c.sentence == "2023年，本机关共受理政府信息公开申请17件，均按时答复。"
    assert "本机关共受理政府信息公开申请17件" in c.message


def test_a_figure_for_a_blank_cell_is_not_compared():
    report = make_report("2021", 2023, {}, "全年受理政府信息公开申请17件。")
    report.facts.append(Fact("requests.received", "total", None, "", "blank"))
    assert findings(report, "narrative_mismatch") == []


def test_pdf_lines_wrapped_mid_sentence_with_spaced_numbers_are_joined():
    text = (
        "（二）依申请公开情况。根据规定办理。2024 年，区政府办代表区政府受理政府\n"
        "信息公开申请 17 件，均已在法定期限内予以答复。\n- 1 -\n（三）政府信息管理情况。"
    )
    assert "2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。" in sentences(text)
    [fig] = narrative_figures(text, "2021")
    assert (fig.indicator, fig.value) == ("requests.received", 17)


def test_2014_figures_map_to_their_own_rows():
    text = (
        "2018年,市质监局主动公开政府信息236条,其中利用政府信息网站主动公开政务信息98条、新浪微博32条,微信公众号122条。"
        "召开政府信息公开工作会议或专题会议3次,接受培训人次62人次。全年收取信息处理费0元。"
    )
    found = {(f.indicator, f.value) for f in narrative_figures(text, "2014") if f.indicator}
    assert found == {("active.total", 236), ("training.meetings", 3), ("training.trainees", 62), ("requests.fees", 0)}
    # channel figures: the narrative-figure reader reads them, and the audit compares them with their rows
    pairs = catalog.text_table_pairs()
    channels = {(pairs[f.indicator], f.value) for f in read_figures(text)}
    assert channels == {("active.channel.website", 98), ("active.channel.weibo", 32), ("active.channel.wechat", 122)}


def test_fees_in_2014_compare_in_wan_yuan_and_2019_plus_fees_are_never_mapped_to_art20():
    text = "全年收取政府信息公开信息处理费500元。"
    assert findings(make_report("2014", 2017, {"requests.fees": 0.05}, text), "narrative_mismatch") == []
    [c] = findings(make_report("2014", 2017, {"requests.fees": 0}, text), "narrative_mismatch")
    assert c.values == {"requests.fees": 0, "narrative_value": 0.05}
    report = make_report("2021", 2022, {"art20.fees.amount": 7545}, "全年收取政府信息公开信息处理费0元。")
    assert findings(report, "narrative_mismatch") == []
    assert [f.indicator for f in narrative_figures(report.narrative, "2021")] == [None]


def test_approximate_and_change_figures_are_not_statements_of_a_cell():
    text = "累计被媒体报道160余次。受理政府信息公开申请同比增加5件。主动公开政府信息约300条。第3次会议。"
    assert narrative_figures(text, "2014") == []


PROSE_2020 = (
    "2020年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
    "围绕中心工作，全面推进决策、执行、管理、服务、结果公开，主动公开政府信息120条。"
    "我局进一步完善依申请公开工作机制，规范办理流程，全年受理政府信息公开申请8件，均在法定期限内答复。"
    "加强政策解读和回应关切，通过门户网站、政务微博和微信公众号发布解读材料，及时回应社会关切。"
    "存在的主要问题是公开内容还不够全面，解读形式比较单一，下一步将加强培训，提升工作人员业务水平。"
)
OTHER_PROSE = (
    "本年度，区教育局聚焦群众关心的入学政策、招生计划和学校建设，新增义务教育学位信息专栏，"
    "按月发布校园安全和食品安全检查结果。针对家长集中咨询的划片问题，组织校长走进直播间答疑，"
    "并将答疑要点整理成图解。依申请公开方面，本局指定专人登记、分办和跟踪，复杂申请由法律顾问参与研判。"
    "今后将把公开工作纳入学校年度考核，建立问题清单和整改台账，逐项销号。"
)


def test_a_narrative_repeating_last_years_with_new_figures_is_flagged_as_copied():
    previous = make_report("2021", 2020, {}, PROSE_2020)
    current = make_report("2021", 2021, {}, PROSE_2020.replace("2020", "2021").replace("120", "135").replace("8件", "11件"))
    [c] = findings(current, "narrative_copied", previous)
    assert c.severity == "warning"
    assert c.values["similarity"] >= 0.8 and c.values["previous_year"] == 2020


def test_a_newly_written_narrative_is_not_flagged_as_copied():
    previous = make_report("2021", 2020, {}, PROSE_2020)
    current = make_report("2021", 2021, {}, OTHER_PROSE)
    assert narrative_similarity(current.narrative, previous.narrative) < 0.8
    assert findings(current, "narrative_copied", previous) == []


def test_copying_is_only_judged_against_the_year_before():
    previous = make_report("2021", 2019, {}, PROSE_2020)
    current = make_report("2021", 2021, {}, PROSE_2020)
    assert findings(current, "narrative_copied", previous) == []


def test_full_width_digits_count_and_chinese_punctuation_is_kept_in_the_sentence():
    fig, in_person = narrative_figures("全年共收到政府信息公开申请１２件；其中当面申请２件。", "2021")
    assert (fig.indicator, fig.value) == ("requests.received", 12)
    assert (in_person.indicator, in_person.value) == (None, 2)  # 2019+ tables have no intake channels
    assert fig.sentence == "全年共收到政府信息公开申请12件；"
    assert fig.raw == "全年共收到政府信息公开申请12件"


def test_zero_stated_in_words_is_a_figure():
    [fig] = narrative_figures("本年度未收到政府信息公开申请。", "2019")
    assert (fig.indicator, fig.value) == ("requests.received", 0)
    report = make_report("2019", 2020, {"requests.received|total": 4}, "本年度未收到政府信息公开申请。")
    [c] = findings(report, "narrative_mismatch")
    assert c.values == {"requests.received": 4, "narrative_value": 0}
