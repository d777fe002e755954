"""导入报告: upload reports, see each as its table with its findings, then store it (admin) or keep it for this session (public)."""

from __future__ import annotations

import hashlib
import logging

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from disclosure import modes, pipeline, settings
from disclosure.model import Report, ReportError
from disclosure.ui.data import query, store_path
from disclosure.ui.escape import t_md
from disclosure.ui.i18n import aside, colon, error_text, list_sep, t, template_name
from disclosure.ui.page import page_setup
from disclosure.ui.report_table import changes, findings_frame, md_escape, report_facts, show_table, table_frame
from disclosure.ui.uploads import release as release_uploads
from disclosure.ui.widgets import clear_uploader, report_uploader

NARRATIVE_SHOWN = 30000  # characters of report text shown; a long PDF's text would swamp the page
log = logging.getLogger(__name__)

page_setup()  # a first deep link to /import runs through app.py
st.title(t("page_import"))
admin = modes.is_admin()
if admin:
    st.warning(t("import_mode_admin"))
else:
    st.info(t("import_mode_public", max=settings.SESSION_REPORTS_MAX))

uploads = report_uploader("import")
files = [(f.name, f.getvalue()) for f in uploads or []]

# Parse results live in the session, so a button click (a rerun) does not parse every file again.
parsed: dict[str, dict] = st.session_state.setdefault("import_parsed", {})
# Public mode keeps only what was parsed: the uploaded bytes are released from the server once read, so
# their results (`released`) stay listed although the uploader no longer hands the files back.
released: dict[str, bool] = st.session_state.setdefault("import_released", {})
keys = [f"{name}|{hashlib.sha256(data).hexdigest()}" for name, data in files]
for stale in set(parsed) - set(keys) - set(released):
    del parsed[stale]
pending = [(key, name, data) for key, (name, data) in zip(keys, files) if key not in parsed]
if pending:
    bar = st.progress(0.0, text=t("import_parsing", name=md_escape(pending[0][1]), done=0, total=len(pending)))
    for done, (key, name, data) in enumerate(pending):
        bar.progress(done / len(pending), text=t("import_parsing", name=md_escape(name), done=done + 1, total=len(pending)))

        def ocr_page(page: int, done=done, name=name) -> None:  # a scan: its pages one by one
            bar.progress(done / len(pending), text=t("import_ocr_page", name=md_escape(name), page=page, done=done + 1, total=len(pending)))

        try:
            report = pipeline.audited_bytes(data, name, ocr_page)
            parsed[key] = {"report": report, "checks": report.checks}
        except ReportError as e:
            parsed[key] = {"error": (e.source or name, e.reason)}
        except Exception as e:  # a reader's bug on odd input must not take the page down; the log keeps the trace
            log.exception("unexpected failure parsing %s", name)
            parsed[key] = {"error": (name, t("import_unexpected", kind=type(e).__name__))}
    bar.progress(1.0, text=t("import_parsed", total=len(pending)))
if not admin and uploads:
    release_uploads([getattr(f, "file_id", None) for f, key in zip(uploads, keys) if key in parsed])
    for key in keys:
        released[key] = True
    files = pending = uploads = None  # this run's copies of the bytes go too
keys = list(dict.fromkeys(keys + [k for k in released if k in parsed]))

errors = [parsed[k]["error"] for k in keys if "error" in parsed[k]]
if errors:
    st.subheader(t("import_errors", n=len(errors)))
    for source, reason in errors:
        st.error(md_escape(source + colon() + error_text(reason)), icon=":material/block:")


def preview(report: Report, checks: list, key: str) -> None:
    """The report as it will look once stored: the findings, the table as printed, the text."""
    st.caption(
        t_md(
            "import_summary",
            template=template_name(report.template),
            name=report.source.name,
            facts=sum(1 for f in report.facts if f.status == "reported"),
        )
    )
    scanned = next((c for c in checks if c.rule == "ocr_read"), None)
    if scanned is not None:  # figures read from an image: say so before anything else
        lowest = list_sep().join(f"{f['raw']}{aside(format(f['confidence'], '.0%'))}" for f in scanned.values.get("lowest", []))
        st.info(
            t("import_read_by_ocr", pages=scanned.values.get("pages_read", 0), lowest=md_escape(lowest) or "—"),
            icon=":material/document_scanner:",
        )
    counts = {s: sum(1 for c in checks if c.severity == s) for s in ("error", "warning", "info")}
    st.markdown(f"**{t('import_findings')}**")
    if checks:
        st.caption(t("findings_summary", errors=counts["error"], warnings=counts["warning"], infos=counts["info"]))
        st.dataframe(findings_frame(checks), hide_index=True, width="stretch", placeholder="")
    else:
        st.success(t("import_no_findings"))
    st.markdown(f"**{t('import_table')}**")
    show_table(table_frame(report_facts(report), report.template), f"{report.agency}-{report.year}", key=f"import-{key}")
    with st.expander(t("import_narrative")):
        if len(report.narrative) > NARRATIVE_SHOWN:
            st.caption(t("import_narrative_cut", n=NARRATIVE_SHOWN))
        st.text(report.narrative[:NARRATIVE_SHOWN])  # st.text: never Markdown, never HTML, so <script> and $…$ stay text


def against_store(report: Report) -> tuple[str, object]:
    """("same" | "new" | "replaces", stored header row) for the report's agency-year in the store."""
    header = query("report_header", agency=report.agency, year=report.year)
    if header.empty:
        return "new", None
    stored = header.iloc[0]
    return ("same" if stored["sha256"] == report.source.sha256 else "replaces"), stored


def store_comparison(report: Report, key: str) -> str:
    """Say how the report relates to the store; for a newer version, list every figure it changes."""
    status, stored = against_store(report)
    if status == "same":
        st.success(md_escape(t("import_in_store_same")))
    elif status == "new":
        st.info(t_md("import_new_in_store", agency=report.agency, year=report.year))
    else:
        st.warning(t_md("import_replaces", agency=report.agency, year=report.year, name=stored["source_name"]))
        diff = changes(query("report_facts", agency=report.agency, year=report.year), report_facts(report), report.template)
        if diff.empty:
            st.caption(t("import_no_value_changes"))
        else:
            st.caption(t("import_changes_count", n=len(diff)))
            st.dataframe(diff, hide_index=True, width="stretch", placeholder="", key=f"changes-{key}")
    return status


good = [(k, parsed[k]) for k in keys if "report" in parsed[k]]

if admin:
    if good:
        st.subheader(t("import_uploaded_reports"))
    data_by_key = dict(zip(keys, (data for _, data in files)))
    for key, item in good:
        report = item["report"]
        sha = report.source.sha256[:16]
        with st.container(border=True, key=f"upload-{sha}"):
            st.subheader(md_escape(f"{report.agency} · {report.year}"))
            status = store_comparison(report, sha)
            if status != "same":
                label = t("import_replace") if status == "replaces" else t("import_save")
                if st.button(label, key=f"save-{sha}", type="primary"):
                    summary = modes.save_to_store(report, data_by_key[key], store_path())
                    st.success(
                        t("import_saved", added=len(summary.added), replaced=len(summary.replaced), unchanged=len(summary.unchanged))
                    )
                    try:  # the overview with this agency-year picked (its pickers read the URL)
                        st.page_link(
                            "pages/overview.py",
                            label=t("import_open_overview"),
                            icon=":material/dashboard:",
                            query_params={"agency": report.agency, "year": str(report.year)},
                        )
                    except StreamlitPageNotFoundError:  # the page run on its own (AppTest), outside app.py's navigation
                        pass
            preview(report, item["checks"], sha)
else:
    session_reports: dict[str, dict] = st.session_state.setdefault("import_session_reports", {})
    for _key, item in good:
        report = item["report"]
        if report.source.sha256 in session_reports:
            continue
        if len(session_reports) >= settings.SESSION_REPORTS_MAX:
            st.warning(t_md("import_session_full", max=settings.SESSION_REPORTS_MAX, name=report.source.name))
            continue
        session_reports[report.source.sha256] = item
    if session_reports:
        st.subheader(t("import_session_reports"))
        if st.button(t("import_session_clear"), key="clear-session"):
            session_reports.clear()
            released.clear()
            parsed.clear()
            clear_uploader("import")
            st.rerun()
        for sha_full, item in reversed(list(session_reports.items())):
            report = item["report"]
            sha = sha_full[:16]
            with st.container(border=True, key=f"session-{sha}"):
                st.subheader(md_escape(f"{report.agency} · {report.year}"))
                st.caption(t("import_public_only_session"))
                store_comparison(report, sha)
                preview(report, item["checks"], sha)
