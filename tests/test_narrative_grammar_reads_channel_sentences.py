"""The channel grammar (catalog/text_grammar.csv) reads channel sentences by their parts — a platform,
a verb, a number and a unit in either order — not by the wording of the keyed reports: the sentences
real reports of other agencies print, the clause and sentence rules, the exclusions, and one reader and
one unit table for the text facts and the audit."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from disclosure import catalog, cell_text
from disclosure.audit import narrative as audit_narrative
from disclosure.narrative_figures import candidates, grammar, read_figures, read_table_figures, sentences

PACKAGE = Path(__file__).resolve().parent.parent / "disclosure"


def read(text: str) -> list[tuple]:
    return [(f.indicator, f.value, f.unit, f.at_least) for f in read_figures(text)]


@pytest.mark.parametrize(
    "sentence, figure",
    [
        ("通过“平潭发布”公众号发布信息672条。", ("text.channel.wechat", 672, "条", False)),
        ("解读类信息发布21条。", ("text.interpretation", 21, "条", False)),
        ("“上海科技”视频号共制作并发布短视频584条。", ("text.channel.new_media", 584, "条", False)),
        ("召开新闻发布会16场。", ("text.press_conferences", 16, "场", False)),
        ("编发政府公报24期。", ("text.channel.gazette_issues", 24, "期", False)),
        ("全年编发24期《某市人民政府公报》。", ("text.channel.gazette_issues", 24, "期", False)),
        ("编辑《上海市人民政府公报》24 期。", ("text.channel.gazette_issues", 24, "期", False)),
        ("在互联网上，2012年县政府公开办主动公开信息数为1795条。", ("text.channel.website", 1795, "条", False)),
        ("2012年，在某某管委会网站主动公开的1913条政府信息中，机构职能类133条。", ("text.channel.website", 1913, "条", False)),
        ("今年以来，通过“中国某某网”门户网站公开政府信息3636条。", ("text.channel.website", 3636, "条", False)),
        ("其中通过某某水利信息网公开6056条（含图片2011幅）。", ("text.channel.website", 6056, "条", False)),
        ("今年共解读民族宗教政策5篇。", ("text.interpretation", 5, "篇", False)),
        ("开展政府网站在线访谈3次。", ("text.online_interviews", 3, "次", False)),
        ("举办35期政府网站“在线访谈”。", ("text.online_interviews", 35, "期", False)),
        ("我局2017年没有政策解读事项，政策解读数量为0。", ("text.interpretation", 0, "", False)),
        ("2023年“某某河长制”微信公众号共发布信息185期1214篇，总订阅数达5666人。", ("text.channel.wechat", 1214, "篇", False)),
    ],
)
def test_sentences_the_keys_never_printed_are_read_by_their_parts(sentence, figure):
    assert read(sentence) == [figure]


def test_a_clause_without_its_platform_takes_the_one_named_before_it_in_its_sentence():
    assert read("依托市政府网站，2021年共计上传相关信息约150件。") == [("text.channel.website", 150, "件", False)]
    # …but not across a semicolon: the next part has a subject of its own
    figures = read("全市共刊出《某市人民政府公报》12期，主动公开文件130件；向各级档案馆送交主动公开政府信息10854件。")
    assert figures == [("text.channel.gazette_issues", 12, "期", False), ("text.channel.gazette_items", 130, "件", False)]


def test_a_sentence_that_starts_with_its_verb_continues_the_platform_before():
    text = "2.政府公报。\n《某市人民政府公报》通过档案馆、图书馆免费向公众发放，每期发放2500余册。\n2014年出刊12期，发布政府信息231条。至目前，已累计出刊190期，共发布政府信息5694条。"
    assert read(text) == [("text.channel.gazette_issues", 12, "期", False), ("text.channel.gazette_items", 231, "条", False)]
    # the vehicle (通过 …) is what the sentence is about, not an activity it names
    vehicle = "注重发挥新媒体平台作用，通过“某某科技”微信端定期开展信息发布、政策解读和办事服务工作。2019年累计发布信息52篇。"
    assert read(vehicle) == [("text.channel.wechat", 52, "篇", False)]
    # a sentence with a subject of its own continues nothing
    assert read("通过政府网站公开政策文件。我局共受理申请12件。") == []


def test_a_part_of_a_larger_figure_is_not_a_channel_figure():
    assert read("共解读文件11份，本级政策解读文件3份，转发审计署解读文件8份。") == [("text.interpretation", 11, "份", False)]
    assert read("“某某科技”网站全年累计发布信息2139条，其中动态类信息发布1744条，政务信息发布393条。") == [
        ("text.channel.website", 2139, "条", False)
    ]
    # a restatement of the same figure is a statement of its own
    assert read("本局通过政府网站主动公开信息348条，其中政府网站公开348条。") == [("text.channel.website", 348, "条", False)] * 2
    assert read("其中审计结果报告（含报告、整改、解读）7份、财政信息3份、其他需要公开信息4份。") == []


def test_a_topic_or_a_list_item_with_a_verb_of_its_own_is_not_the_channel():
    assert read("通过政府网站公开征地信息54条。门户网站共发布工作动态93条。") == []
    assert read("门户网站共公开15个年度的统计年鉴。在政府网站发布了20个民意征集。") == []
    figures = read("其中通过某某信息网公开6056条、通过报刊广播电视等新闻媒体公开1023条、通过政府公开栏等形式公开14条。")
    assert figures == [("text.channel.website", 6056, "条", False)]
    assert read("通过市政府门户网站、教育信息网、政务公开栏以及各类新闻媒体等平台对外发布信息达5000余条。") == []


def test_another_bodys_subject_vetoes_but_a_body_named_as_an_object_does_not():
    assert read("2015年，各级各部门网站公开政府信息35335条；报刊广播电视公开政府信息557条；政务微博公开2697条。") == []
    figures = read("建立市直单位和各县（区）政府新闻发言人数据库，今年共召开14场新闻发布会。")
    assert figures == [("text.press_conferences", 14, "场", False)]


def test_a_body_named_as_the_subject_is_another_body_unless_it_is_the_reporting_agency():
    text = "市环保局实时在网站发布空气质量数据，公开相关信息26条。"
    assert read_figures(text, "莆田市人民政府") == []
    assert [f.value for f in read_figures(text, "莆田市环保局")] == [26]
    assert [f.value for f in read_figures("2018年，市统计局通过政府网站主动公开信息358条。", "莆田市统计局")] == [358]
    # an agency names itself short: 市质监局 is the 质量技术监督局
    assert [f.value for f in read_figures("市质监局利用政府信息网站主动公开政务信息236条。", "开封市质量技术监督局")] == [236]
    # a document's title names the bodies that issued it, not the subject
    title = "《莆田市财政局莆田市文化和旅游局关于印发某办法的通知》两份文件做到政策性文件与政策解读“三同步”。"
    assert [f.value for f in read_figures(title, "莆田市文化和旅游局")] == [2]
    assert read("推进教育信息、招生结果、政策解读等内容公开，全年共发布152条。") == []


def test_numbers_an_archive_prints_on_lines_of_their_own_are_read_whole():
    text = "2018年，我局针对有关政策性文件发布解读数量\n7\n件，如《某某办法》政策解读。\n在政府信息公开专栏主动发布政府信息\n2\n4份\n，其中机构设置类\n8\n份。"
    assert read(text) == [("text.interpretation", 7, "件", False), ("text.channel.website", 24, "份", False)]
    # a page number between two sentences stays out
    assert "12" not in "".join(sentences("全年受理申请3件。\n12\n二、其他情况。"))


def test_every_exclusion_says_why_and_the_survey_can_show_it():
    vetoed = [(f.indicator, f.value, veto) for f, veto in candidates("“某某发布”微信公众号自2015年开通以来累计发布信息5000余条。")]
    assert vetoed == [("text.channel.wechat", 5000, vetoed[0][2])] and "several years" in vetoed[0][2]
    assert all(x.note for x in grammar().excludes)
    with (PACKAGE / "catalog" / "text_grammar.csv").open(encoding="utf-8") as fh:
        assert all(row["note"].strip() for row in csv.DictReader(fh)), "every row of the grammar says what it is for"


@pytest.mark.parametrize(
    "row, words",
    [
        ("platform,website,网站|门户,网站,,a row with an unquoted comma\n", "fields where 5 belong"),
        ("sometimes,website,网站,,\n", "unknown kind"),
        ("figure,text.channel.website,blog,items,\n", "no platform row defines"),
        ("exclude,paragraph,以来,*,\n", "scope is one of"),
        ("exclude,number,阅读量,*,\n", "group named n"),
        ("platform,website,网站(,,\n", "line"),
    ],
)
def test_a_malformed_grammar_is_an_error_naming_what_is_wrong(tmp_path, row, words):
    shipped = (PACKAGE / "catalog" / "text_grammar.csv").read_text(encoding="utf-8")
    path = tmp_path / "text_grammar.csv"
    path.write_text(shipped.rstrip("\n") + "\n" + row, encoding="utf-8")
    with pytest.raises(ValueError, match=words):
        grammar(path)


def test_the_audit_reads_sentences_with_the_same_reader():
    assert audit_narrative.sentences is sentences
    assert audit_narrative.read_table_figures is read_table_figures and audit_narrative.read_figures is read_figures
    # the same tokens: a 2014 sentence gives the audit its cell figures and the grammar its channel figures
    text = "2018年,市质监局主动公开政府信息236条,其中利用政府信息网站主动公开政务信息98条、新浪微博32条,微信公众号122条。"
    assert {(f.indicator, f.value) for f in read_table_figures(text, "2014") if f.indicator} == {("active.total", 236)}
    assert [f[:2] for f in read(text)] == [("text.channel.website", 98), ("text.channel.weibo", 32), ("text.channel.wechat", 122)]


def test_one_unit_table():
    units = catalog.units()
    assert set(catalog.unit_words()) <= set(units) and cell_text.UNITS == catalog.unit_words(cell=True)
    assert all(units[u].roles for u in ("条", "篇", "件", "份", "次", "场", "期"))
    assert {u for u in units if units[u].additive} == {"条", "件", "次", "篇"}
    # no module of the package types the unit list of its own (six or more units in a row, as an
    # alternation, a tuple or a string of characters)
    unit = "(?:" + "|".join(map(re.escape, catalog.unit_words())) + ")"
    typed = re.compile(rf"{unit}(?:(?:\||\"?, ?\"?)?{unit}){{5,}}")
    for path in PACKAGE.rglob("*.py"):
        assert not typed.search(path.read_text(encoding="utf-8")), f"{path.relative_to(PACKAGE)} types units: read catalog.units()"
