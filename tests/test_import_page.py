"""导入报告 in AppTest: a good upload previews its figures, junk gets one clear line, public mode never
touches the store, admin mode shows what a newer version changes and saves it."""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from disclosure import settings
from disclosure.audit import audit_report
from disclosure.model import ReportError
from disclosure.parse import parse_bytes
from disclosure.ui.exports import display_value
from disclosure.ui.i18n import error_text, t_in
from disclosure.ui.report_table import changes, md_escape

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = ROOT / "tests" / "fixtures" / "kaifeng-zhijian-2018.txt"
AGENCY = "开封市质量技术监督局"
PAGE = str(ROOT / "pages" / "import.py")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
CJK = re.compile(r"[\u3400-\u9fff]")


def founding() -> bytes:
    return FOUNDING.read_bytes()


def renamed(agency: str) -> bytes:
    """The founding report as another agency's (every mention of the agency replaced)."""
    return founding().decode("utf-8").replace(AGENCY, agency).encode("utf-8")


def with_changed_value(old: str = "236", new: str = "240") -> bytes:
    """A newer version: the first table cell holding `old` now reads `new` (the narrative is left alone)."""
    lines = founding().decode("utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("统 计 指 标"))
    at = next(i for i in range(start, len(lines)) if lines[i].strip() == f"{old} |")
    lines[at] = f"{new} |"
    return "\n".join(lines).encode("utf-8")


def junk_files() -> dict[str, bytes]:
    text = founding().decode("utf-8")
    rng = random.Random(7)
    return {
        "empty.txt": b"",
        "binary.txt": bytes(rng.randrange(256) for _ in range(5000)),
        "news.html": ("<html><body><h1>市政府召开常务会议</h1>" + "<p>会议研究部署了近期重点工作。</p>" * 50 + "</body></html>").encode(),
        "cut-off.txt": text[: text.index("统 计 指 标") + 400].encode("utf-8"),
        "too-big.txt": b"a" * (settings.MAX_FILE_BYTES + 1),
    }


def rendered(markdown_source: str) -> str:
    """What an escaped Markdown string reads as on screen (md_escape only adds backslashes)."""
    out, escaped = [], False
    for ch in markdown_source:
        if escaped or ch != "\\":
            out.append(ch)
            escaped = False
        else:
            escaped = True
    return "".join(out)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_page(files: list[tuple[str, bytes]]) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    assert not at.exception
    at.file_uploader[0].set_value([(name, data, "text/plain") for name, data in files]).run()
    assert not at.exception, at.exception
    return at


def value_tables(at: AppTest) -> list[pd.DataFrame]:
    """The table as shown section by section (the "numbers" expander repeats it whole, with a 部分 column)."""
    return [d.value for d in at.dataframe if {"数值", "指标"} <= set(d.value.columns) and "部分" not in d.value.columns]


@pytest.fixture()
def public(app_env, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_MODE", "public")
    return app_env


@pytest.fixture()
def admin(built_store, tmp_path, monkeypatch):
    """Admin mode on a private copy of the store, with uploads kept in a scratch folder."""
    db = tmp_path / "store" / "disclosure.duckdb"
    db.parent.mkdir()
    shutil.copyfile(built_store, db)
    monkeypatch.setenv("DISCLOSURE_DB", str(db))
    monkeypatch.setenv("DISCLOSURE_MODE", "admin")
    monkeypatch.setattr(settings, "UPLOADS_DIR", tmp_path / "uploads")
    return db


def test_good_upload_previews_its_figures_and_findings(public):
    at = run_page([("kaifeng.txt", founding())])
    report = parse_bytes(founding(), "kaifeng.txt")

    assert not at.error
    assert md_escape(f"{report.agency} · {report.year}") in [s.value for s in at.subheader]
    # the table as reported: every figure of the report, in the report's order, blank left blank
    shown = pd.concat(value_tables(at))["数值"].tolist()
    assert shown == [display_value(f.value, f.status, f.indicator) for f in report.facts]
    # the findings: the parse findings and the audit's, each once
    findings = next(d.value for d in at.dataframe if "严重程度" in d.value.columns)
    expected = report.checks + audit_report(report)
    assert sorted(findings["说明"]) == sorted(c.message for c in expected)
    assert len(expected) > 0


def test_junk_gets_one_clear_line_each(public):
    junk = junk_files()
    at = run_page(list(junk.items()))

    messages = [rendered(e.value) for e in at.error]
    expected = []
    for name, data in junk.items():
        with pytest.raises(ReportError) as err:
            parse_bytes(data, name)
        expected.append(f"{err.value.source}：{error_text(err.value.reason, 'zh')}")  # the reader's reason, in Chinese
    assert messages == expected
    assert all("\n" not in m and m.split("：")[0] in junk for m in messages)
    assert all(re.search(r"[\u4e00-\u9fff]", m.split("：", 1)[1]) for m in messages)
    assert not value_tables(at)  # nothing previewed


def test_public_uploads_leave_the_store_file_unchanged(public):
    before = sha256(public)
    at = run_page(
        [("kaifeng.txt", founding()), ("newer.txt", with_changed_value()), ("other.txt", renamed("开封市示范局"))]
        + list(junk_files().items())[:2]
    )

    assert sha256(public) == before
    assert not [b for b in at.button if (b.key or "").startswith("save-")]  # no way to save in public mode
    # the session keeps the three good reports and shows them on the page
    kept = st_session_reports(at)
    assert sorted((r.agency, r.source.name) for r in kept) == sorted(
        [(AGENCY, "kaifeng.txt"), (AGENCY, "newer.txt"), ("开封市示范局", "other.txt")]
    )
    assert len(value_tables(at)) >= 3


def st_session_reports(at: AppTest):
    return [item["report"] for item in at.session_state["import_session_reports"].values()]


def test_a_session_keeps_at_most_the_set_number_of_reports(public, monkeypatch):
    monkeypatch.setattr(settings, "SESSION_REPORTS_MAX", 1)
    at = run_page([("a.txt", founding()), ("b.txt", renamed("开封市示范局"))])
    assert len(st_session_reports(at)) == 1
    assert any("b.txt" in rendered(w.value) for w in at.warning)


def test_newer_version_shows_what_changed_and_replaces_only_when_confirmed(admin):
    newer = with_changed_value()
    old_report, new_report = parse_bytes(founding(), "kaifeng-zhijian-2018.txt"), parse_bytes(newer, "kaifeng-2018-v2.txt")
    old_cells = {(f.indicator, f.applicant): display_value(f.value, f.status, f.indicator) for f in old_report.facts}
    differing = [
        (f.indicator, old_cells[(f.indicator, f.applicant)], display_value(f.value, f.status, f.indicator))
        for f in new_report.facts
        if old_cells.get((f.indicator, f.applicant)) != display_value(f.value, f.status, f.indicator)
    ]
    assert differing  # the variant really differs

    before = sha256(admin)
    at = run_page([("kaifeng-2018-v2.txt", newer)])
    diff = next(d.value for d in at.dataframe if "原数值" in d.value.columns)
    assert list(zip(diff["原数值"], diff["新数值"])) == [(old, new) for _, old, new in differing]
    assert sha256(admin) == before  # nothing replaced before the admin confirms

    at.button(key=f"save-{new_report.source.sha256[:16]}").click().run()
    assert not at.exception
    assert at.success
    con = duckdb.connect(str(admin), read_only=True)
    try:
        current = con.execute("SELECT sha256, source_name FROM reports WHERE agency = ? AND year = 2018", [AGENCY]).fetchall()
        history = con.execute("SELECT sha256 FROM reports_history WHERE agency = ? AND year = 2018", [AGENCY]).fetchall()
    finally:
        con.close()
    assert current == [(new_report.source.sha256, "kaifeng-2018-v2.txt")]
    assert (old_report.source.sha256,) in history
    kept = list(settings.UPLOADS_DIR.iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == newer and kept[0].name.endswith("kaifeng-2018-v2.txt")


def test_admin_save_puts_a_new_agency_on_the_overview(admin):
    agency = "开封市示范监督局"
    data = renamed(agency)
    report = parse_bytes(data, "shifan-2018.txt")
    assert report.agency == agency

    at = run_page([("shifan-2018.txt", data)])
    at.button(key=f"save-{report.source.sha256[:16]}").click().run()
    assert not at.exception

    overview = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    overview.switch_page("pages/report.py").run()
    overview.selectbox(key="w.agency").set_value(agency).run()
    assert not overview.exception
    assert any("shifan-2018.txt" in rendered(c.value) for c in overview.caption)  # the file name is escaped Markdown
    assert "236" in [m.value for m in overview.metric]  # 主动公开总数 as the report gives it


def test_report_text_with_script_and_dollars_is_shown_as_text(public):
    line = "<script>window.__xss = 1</script> 收费 $5$ 元，减免 $6$ 元"
    text = founding().decode("utf-8").split("\n")
    data = "\n".join(text[:1] + [line] + text[1:]).encode("utf-8")
    at = run_page([("xss.txt", data)])
    assert any(line in t.value for t in at.text)  # st.text: shown verbatim, never Markdown or HTML
    for element in list(at.markdown) + list(at.caption) + list(at.subheader):
        assert "<script>" not in element.value and "$5$" not in element.value


def test_changes_tell_blank_from_zero_and_absent_from_both():
    old = pd.DataFrame(
        {
            "indicator": ["active.total", "requests.received", "review.total"],
            "applicant": ["total"] * 3,
            "value": [236.0, None, 1.0],
            "status": ["reported", "blank", "reported"],
        }
    )
    new = pd.DataFrame(
        {
            "indicator": ["active.total", "requests.received", "capacity.staff"],
            "applicant": ["total"] * 3,
            "value": [236, 0, 3],
            "status": ["reported", "reported", "reported"],
            "seq": [0, 1, 2],
        }
    )
    diff = changes(old, new, "2014")
    assert list(zip(diff["原数值"], diff["新数值"])) == [("", "0"), ("（无此项）", "3"), ("1", "（无此项）")]


def test_md_escape_keeps_dollars_and_tags_literal():
    assert rendered(md_escape("$5$ <b>x</b> [a](b)")) == "$5$ <b>x</b> [a](b)"
    assert "$" not in md_escape("$5$").replace("\\$", "")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_import_page_says_the_unknown_rows_finding_in_the_pages_language_only(public, language):
    """导入报告 with a 2021 upload whose table 三 has a row the format lacks: every finding in the page's table is in the
    page's language (the report's own words, quoted, aside), the unknown row's among them."""
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state["view.lang"] = language
    at.run()
    draft = (ROOT / "data" / "sample" / "shili-bingqu-2021.md").read_text(encoding="utf-8")  # a 2021-format report
    last = "| 四、结转下年度继续办理 | 四、结转下年度继续办理 | 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
    unknown = "| 五、本年度新增的统计项目 | 五、本年度新增的统计项目 | 五、本年度新增的统计项目 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |"
    assert last in draft
    data = draft.replace(last, unknown + "\n" + last).encode("utf-8")
    at.file_uploader[0].set_value([("草稿.md", data, "text/markdown")]).run()
    assert not at.exception
    column = t_in("import_message", language)
    [findings] = [d.value for d in at.dataframe if column in d.value.columns]
    messages = list(findings[column])
    assert any("五、本年度新增的统计项目" in m for m in messages), messages
    for m in messages:
        if language == "zh":
            own = re.sub(r"“[^”]*”|［[^］]*］", "", m)
            assert not ENGLISH_WORD.search(own), f"English on the Chinese page: {m}"
        else:
            own = re.sub(r"'[^']*'|\[[^\]]*\]|草稿\.md", "", m)
            assert not CJK.search(own), f"Chinese on the English page: {m}"
