"""Any choice a link can carry — agencies, years, indicators and crosswalk series, language, sample switch, search text,
including ids that do not exist — opens every page without an exception and without a failed section."""

from __future__ import annotations

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from disclosure import agencies as agency_table
from disclosure import catalog
from disclosure.store import Store
from disclosure.views.trends import series_options

pytestmark = pytest.mark.slow

PAGES = [p.name for p in catalog.pages() if p.name != "report"]  # 单位年报 opens on a report of its own (test_page_report)
_AGENCIES: list[str] = []


@pytest.fixture(scope="module", autouse=True)
def _store_agencies(built_store):
    _AGENCIES[:] = Store(built_store).reader().query("agencies", include_sample=True)["agency"].tolist()


def agency_params():
    known = st.sampled_from(_AGENCIES) if _AGENCIES else st.just("开封市质量技术监督局")
    return st.one_of(known.map(agency_table.url_id), known, st.text(max_size=12))


VALUE_IDS = [i.id for i in catalog.indicators().values() if i.kind == "value"]
PARAMS = {
    "agency": agency_params(),
    "year": st.one_of(st.integers(2008, 2027).map(str), st.text(max_size=4)),
    "lang": st.sampled_from(["zh", "en", "fr", ""]),
    "sample": st.sampled_from(["true", "false", "maybe"]),
    "agencies": st.lists(agency_params(), max_size=4),
    "series": st.lists(st.one_of(st.sampled_from(series_options()), st.text(max_size=8)), max_size=6),
    "indicator": st.one_of(st.sampled_from(VALUE_IDS), st.text(max_size=8)),
    "multiples": st.lists(st.sampled_from(VALUE_IDS), max_size=6),
    "years": st.one_of(st.just("all"), st.integers(2010, 2026).map(str)),
    "q": st.text(max_size=10) | st.sampled_from(["$x$", "<b>x</b>", "![](http://a/b.png)", "行政复议"]),
    "template": st.sampled_from(["all", "2014", "2019", "2021", "local", "x"]),
}


def open_page(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    return at.run()


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_link_opens_the_page_without_an_error(page, data, app_env):
    keys = data.draw(st.lists(st.sampled_from(sorted(PARAMS)), unique=True, max_size=6), label="keys")
    params = {k: data.draw(PARAMS[k], label=k) for k in keys}
    at = open_page(page, params)
    assert not at.exception, (page, params, at.exception[0].value if at.exception else None)
    failed = [e.value for e in at.error if "无法显示" in e.value or "cannot be shown" in e.value]
    assert not failed, (page, params, failed)
    assert at.title, (page, params)
