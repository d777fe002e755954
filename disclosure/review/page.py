"""The 审核草稿 page's drawing: one draft's review — key figures, the Word file, findings by section.

Every document string (messages quote the draft, places quote its paragraphs) is escaped for Markdown or
shown with st.text; nothing is HTML.
"""

from __future__ import annotations

import streamlit as st

from .. import settings
from ..model import Report
from ..store import reports_from_rows
from ..ui.data import query
from ..ui.findings import SEVERITY_COLOUR, SEVERITY_ICON
from ..ui.i18n import agency_name, colon, lang, t, template_name
from ..ui.report_table import md_escape
from .batch import Reviewed
from .model import Finding, Review
from .word import review_word, rule_title, section_title, sections

REVIEWS_MAX = 100  # drafts one session keeps (an office's batch is dozens); their .docx bytes within the upload limit
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def previous_from_store(agency: str, year: int) -> Report | None:
    """The agency's report for the year before from the app's store (read-only, the named query)."""
    frame = query("review_previous_report", agency=agency, year=int(year))
    reports = reports_from_rows(frame) if not frame.empty else []
    return reports[0] if reports else None


def room_for(reviewed: dict, item: Reviewed) -> bool:
    """Whether the session may keep one more review: at most REVIEWS_MAX, and the .docx drafts it holds for their
    commented copies within SESSION_UPLOAD_BYTES_MAX together (the uploads themselves are released once read)."""
    held = sum(len(r.data) for r in reviewed.values())
    return len(reviewed) < REVIEWS_MAX and held + len(item.data) <= settings.SESSION_UPLOAD_BYTES_MAX


def progress_bar(first: str, total: int):
    """A progress bar for a batch, and the callback review_many reports each draft to (from the script's thread)."""
    bar = st.progress(0.0, text=t("review_reading", name=md_escape(first), done=0, total=total))

    def progress(done: int, total: int, name: str) -> None:
        text = t("review_reading", name=md_escape(name), done=done + 1, total=total) if name else t("review_read", total=total)
        bar.progress(min(done / max(total, 1), 1.0), text=text)

    return progress


def show_review(item: Reviewed, key: str) -> None:
    review = item.review
    language = lang()
    st.subheader(md_escape(f"{agency_name(review.agency)} · {review.year}"))
    st.caption(md_escape(t("review_docx_source", name=review.source_name, template=template_name(review.template))))
    if review.previous_year:
        st.caption(md_escape(t("review_compared_with", year=review.previous_year, name=review.previous_source)))
    else:
        st.caption(t("review_no_previous", year=review.year - 1))
    left, middle, right = st.columns(3)
    left.metric(t("severity_error"), review.count("error"))
    middle.metric(t("severity_warning"), review.count("warning"))
    right.metric(t("severity_info"), review.count("info"))
    name = f"{agency_name(review.agency)}-{review.year}-{t('review_word_suffix')}.docx"
    st.download_button(
        t("review_download_word"),
        lambda: review_word(item.data, item.draft, review, language),
        file_name=name,
        mime=DOCX_MIME,
        key=f"{key}-docx",
        icon=":material/download:",
        help=t("review_download_word_help_docx") if review.source_format == "docx" else t("review_download_word_help_other"),
    )
    if not review.findings:
        st.success(t("review_no_findings"), icon=":material/check_circle:")
        return
    for section, findings in sections(review):
        st.markdown(f"#### {md_escape(section_title(section, review.template, language))}")
        for f in findings:
            _finding(f, review, language)


def _finding(f: Finding, review: Review, language: str) -> None:
    box = st.container(border=True)
    severity = f.severity if f.severity in SEVERITY_ICON else "info"
    box.markdown(
        f":{SEVERITY_COLOUR[severity]}[{SEVERITY_ICON[severity]} **{md_escape(t(f'severity_{severity}'))}**] · "
        f"{md_escape(rule_title(f.rule, language))}"
    )
    box.markdown(md_escape(f.text(language)))
    where = f.where.text_en if language == "en" else f.where.text
    box.caption(md_escape(t("review_where_label") + colon() + where))
    if f.where.excerpt:
        box.text(f.where.excerpt)  # the draft's own words
    if f.fix_text(language):
        box.markdown(md_escape(t("review_fix_label") + f.fix_text(language)))
    for passage in f.passages[:3]:
        box.caption(md_escape(t("review_passage_label")))
        box.text(passage)
