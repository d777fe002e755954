"""What a page draws once for every visitor (ui.data.shared: charts replayed across sessions) is keyed by the view's
language, choices and settings and by the store's version: a cached view never shows another language's or another
store version's figures, and a swapped store drops the old version's caches at once."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from disclosure import settings
from disclosure.ui import charts, data


def swap_in_copy(db) -> None:
    """Publish the same store again as a new file, as deploy/publish_store.py and an admin save do (os.replace)."""
    fresh = db.with_name("swapped.duckdb")
    shutil.copyfile(db, fresh)
    os.replace(fresh, db)


@pytest.fixture()
def store_file(tmp_path, monkeypatch):
    """A file standing for the store: the caches look only at its path and version (inode, mtime, size)."""
    db = tmp_path / "store.duckdb"
    db.write_bytes(b"version one")
    monkeypatch.setenv("DISCLOSURE_DB", str(db))
    return db


def test_a_shared_section_is_drawn_once_per_view_and_again_after_a_store_swap(store_file, monkeypatch):
    db = store_file
    drawn = []

    def draw(what):
        return lambda: drawn.append(what) or what

    assert data.shared("section", ("zh", "view"), draw("zh")) == "zh"
    assert data.shared("section", ("zh", "view"), draw("zh again")) == "zh"  # a second session: replayed, not drawn
    assert data.shared("section", ("en", "view"), draw("en")) == "en"  # another language: drawn for it
    assert data.shared("section", ("zh", "other choice"), draw("zh other")) == "zh other"
    monkeypatch.setattr(settings, "RANK_MAX_BARS", settings.RANK_MAX_BARS + 1)  # other settings: drawn again
    assert data.shared("section", ("zh", "view"), draw("zh, other settings")) == "zh, other settings"
    assert drawn == ["zh", "en", "zh other", "zh, other settings"]

    old_version = data.current_version()
    swap_in_copy(db)
    assert data.current_version() != old_version
    assert data.shared("section", ("zh", "view"), draw("zh, new store")) == "zh, new store"
    # the old version's entry is gone, not merely shadowed: asked for by its old key, it is drawn anew
    assert (
        data._section("section", str(db), old_version, data.digest(data.configuration()), data.digest(("en", "view")), _draw=lambda: "gone")
        == "gone"
    )


def test_a_swap_drops_the_old_versions_query_results_and_views(store_file):
    calls = []

    def view_of(x):
        calls.append(x)
        return x * 2

    view = data.per_version(view_of)
    assert view(21) == 42 and view(21) == 42
    assert calls == [21]
    old_version = data.current_version()
    swap_in_copy(store_file)
    data.current_version()  # a page's first look at the store after the swap
    assert view(21) == 42
    assert calls == [21, 21]  # computed again for the new version
    assert old_version not in data._SEEN.values()
    # and the old version's entry is gone, not merely shadowed: asked for by its old key, it is computed anew
    name = f"{view_of.__module__}.{view_of.__qualname__}"
    assert data._PER_VERSION[name](name, str(store_file), old_version, 21) == 42
    assert calls == [21, 21, 21]


def overview(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    assert not at.exception, at.exception[0].value
    return at


def spread_chart(at: AppTest) -> dict:
    return json.loads(next(el for el in at.get("plotly_chart") if el.key == "overview-spread").proto.spec)


def test_the_overview_chart_is_built_once_per_language_and_store_version_in_every_session(built_store, tmp_path, monkeypatch):
    db = tmp_path / "disclosure.duckdb"
    shutil.copyfile(built_store, db)
    monkeypatch.setenv("DISCLOSURE_DB", str(db))
    built = []
    real = charts.rate_spread
    monkeypatch.setattr(charts, "rate_spread", lambda *a, **k: built.append(1) or real(*a, **k))

    zh = spread_chart(overview("zh"))
    assert len(built) == 1
    assert spread_chart(overview("zh")) == zh  # a second visitor: the same figure, not built again
    assert len(built) == 1
    en = spread_chart(overview("en"))
    assert len(built) == 2  # English is built for English readers
    assert en["layout"]["title"]["text"] != zh["layout"]["title"]["text"]
    assert "中位数" in json.dumps(zh, ensure_ascii=False) and "中位数" not in json.dumps(en, ensure_ascii=False)

    swap_in_copy(db)
    assert spread_chart(overview("zh")) == zh  # the same figures in the new version …
    assert len(built) == 3  # … drawn from it, not replayed from the old one
