"""审核草稿: drafts reviewed before they are published — findings by section, the Word file to send back, a batch table.

Nothing is stored in any mode: the reviews live in this browser session only, and the uploaded bytes leave the
server's upload store once read (a .docx draft's bytes stay in the session, for the commented copy).
"""

from __future__ import annotations

import hashlib

import streamlit as st

from disclosure.review.batch import Reviewed, batch_table, review_many
from disclosure.review.page import REVIEWS_MAX, previous_from_store, progress_bar, room_for, show_review
from disclosure.ui.exports import about, downloads
from disclosure.ui.i18n import agency_names, colon, error_text, lang, t
from disclosure.ui.page import page_setup
from disclosure.ui.report_table import md_escape
from disclosure.ui.uploads import release as release_uploads
from disclosure.ui.widgets import clear_uploader, report_uploader

page_setup()
st.title(t("page_review"))
st.caption(t("review_intro"))

uploads = report_uploader("review")
reviewed: dict[str, Reviewed] = st.session_state.setdefault("review_items", {})
files = [(f.name, f.getvalue()) for f in uploads or []]
keys = [f"{name}|{hashlib.sha256(data).hexdigest()}" for name, data in files]
pending = [(name, data) for key, (name, data) in zip(keys, files) if key not in reviewed]
if pending:
    progress = progress_bar(pending[0][0], len(pending))
    for key, item in zip([k for k in keys if k not in reviewed], review_many(pending, previous_from_store, progress)):
        if item.draft is not None and item.draft.source.format != "docx":
            item.data = b""  # only a .docx draft is needed again (the commented copy)
        if not room_for(reviewed, item):  # a session holds at most REVIEWS_MAX drafts and the upload limit's bytes
            st.warning(md_escape(t("review_session_full", max=REVIEWS_MAX, name=item.name)), icon=":material/block:")
            continue
        reviewed[key] = item
if uploads:
    release_uploads([getattr(f, "file_id", None) for f in uploads])
    files = pending = uploads = None

if not reviewed:
    st.info(t("review_empty"), icon=":material/rate_review:")
    st.stop()

items = list(reviewed.values())
unread = [r for r in items if r.review is None]
for r in unread:
    st.error(md_escape(r.name + colon() + error_text(r.error)), icon=":material/block:")
good = [r for r in items if r.review is not None]
if st.button(t("review_clear"), key="review-clear"):
    reviewed.clear()
    clear_uploader("review")
    st.rerun()

if len(items) > 1:
    st.subheader(t("review_batch_title", n=len(items)))
    table = batch_table(items, lang())
    about(page=t("page_review"))
    st.dataframe(table, hide_index=True, width="stretch", placeholder="")
    downloads(table, t("review_batch_file"), key="review-batch")

if good:
    if len(good) > 1:
        name_of = agency_names()  # the language fixed now: AppTest formats the options after the run
        chosen = st.selectbox(
            t("review_pick"),
            range(len(good)),
            format_func=lambda i: f"{name_of(good[i].review.agency)} · {good[i].review.year} · {good[i].name}",
            key="review-pick",
        )
    else:
        chosen = 0
    show_review(good[chosen], key=f"review-{chosen}")
