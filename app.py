"""公开年报看板 — entry point: the store, the sidebar settings, the pages."""

from pathlib import Path

import streamlit as st

from disclosure import catalog
from disclosure.ui.data import building, start_build_from_data
from disclosure.ui.exports import begin_run
from disclosure.ui.i18n import lang, t
from disclosure.ui.page import guarded, page_chrome
from disclosure.ui.view_state import adopt_url, keep_only_page_keys
from disclosure.ui.widgets import sidebar_settings

# A local favicon: without one, Streamlit uses the page's material icon and fetches it from a font CDN.
st.set_page_config(page_title="公开年报看板", page_icon=str(Path(__file__).parent / "disclosure" / "ui" / "favicon.png"), layout="wide")
adopt_url()  # a link opened: its choices (ids) before anything is drawn
sidebar_settings()
start_build_from_data()  # once per process, in the background: a page request never builds the store
if progress := building():  # only while files are really being read, with how far it has got
    st.info(t("store_building", done=progress["done"], total=progress["total"] or "…"), icon=":material/hourglass_top:")

PAGES = catalog.pages()  # catalog/pages.csv: the sidebar's pages in order
# Streamlit serves the default page only at the root, and a shared /overview?… link (the page's file
# name, as every other page's URL is) would open on a "page not found" notice: that URL is a hidden page
# that moves the visitor to the root with the same view, so the sidebar marks 总览 as the open page.
# (The default page still reserves its own url_path, so that one is a name no link uses.)
pages = [st.Page(p.path, title=t(p.title_key), icon=p.icon, default=p.default, url_path="home" if p.default else p.name) for p in PAGES]
home_index = next(i for i, p in enumerate(PAGES) if p.default)
home = pages[home_index]


def to_home() -> None:
    st.switch_page(home, query_params=[(k, v) for k in st.query_params for v in st.query_params.get_all(k)])


alias = st.Page(to_home, title=home.title, icon=home.icon, url_path=PAGES[home_index].name, visibility="hidden")
page = st.navigation(pages + [alias])
# the browser's title names the page, in the view's language
st.set_page_config(page_title=f"{page.title} · {t('app_name')}")
page_chrome(lang())
keep_only_page_keys(page.url_path or PAGES[home_index].name)
begin_run(page.title)  # exports and charts of this run say which page, agency, year and documents they show
with guarded(page.title):  # an unexpected error: one line in the page's language, never Streamlit's trace box
    page.run()
