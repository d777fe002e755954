"""deploy/publish_store.py, the deployment's ingest job: each new store version is a new file in its own
folder, published by swapping the `current` symlink; the app's read handle (DISCLOSURE_DB through the
symlink) follows on its next query, a handle opened before keeps reading its own version, nothing
unchanged is published, and old versions are pruned past --keep (never the current one)."""

from __future__ import annotations

import os

from conftest import ROOT

from deploy.publish_store import STORE_NAME, main, prune, publish
from disclosure.store import Store

SAMPLE = ROOT / "data" / "sample"
FIRST, SECOND, THIRD = SAMPLE / "shili-bingqu-2015.txt", SAMPLE / "shili-bingqu-2016.txt", SAMPLE / "shili-bingqu-2014.docx"


def _years(reader) -> list[int]:
    frame = reader.query("agencies", include_sample=True)
    return sorted(int(y) for years in frame["years"] for y in years)


def test_a_new_version_is_a_new_file_behind_the_symlink(tmp_path, monkeypatch):
    root = tmp_path / "store"
    v1 = publish(root, [FIRST], sample=True)
    current = root / "current" / STORE_NAME
    assert os.readlink(root / "current") == f"versions/{v1.name}"  # relative: the same in every mount
    assert not list(root.glob("versions/*.building")) and not (v1 / f".{STORE_NAME}.lock").exists()

    store = Store(current)
    before = store.version()
    old_reader = store.reader()
    assert _years(old_reader) == [2015]

    # the app's own handle, as a replica has it
    monkeypatch.setenv("DISCLOSURE_DB", str(current))
    from disclosure.ui import data

    assert _years_of_app(data) == [2015]

    v2 = publish(root, [SECOND], sample=True)
    assert v2 != v1 and (root / "current").resolve() == v2.resolve()
    assert store.version() != before  # a new inode behind the same path
    assert _years_of_app(data) == [2015, 2016]  # the app's next query reads the new version
    assert _years(old_reader) == [2015]  # a handle opened before keeps its version, untouched
    old_reader.close()
    assert (v1 / STORE_NAME).exists()  # kept for readers still on it


def _years_of_app(data) -> list[int]:
    frame = data.query("agencies", include_sample=True)
    return sorted(int(y) for years in frame["years"] for y in years)


def test_nothing_new_publishes_nothing(tmp_path, capsys):
    root = tmp_path / "store"
    v1 = publish(root, [FIRST], sample=True)
    assert publish(root, [FIRST], sample=True) is None
    assert (root / "current").resolve() == v1.resolve()
    assert [p.name for p in (root / "versions").iterdir()] == [v1.name]
    assert "nothing new to publish" in capsys.readouterr().out


def test_old_versions_are_pruned_but_never_the_current_one(tmp_path):
    root = tmp_path / "store"
    v1 = publish(root, [FIRST], sample=True, keep=1)
    leftover = root / "versions" / "19990101T000000000000Z.building"  # what a killed run leaves
    leftover.mkdir()
    v2 = publish(root, [SECOND], sample=True, keep=1)
    assert not leftover.exists()
    v3 = publish(root, [THIRD], sample=True, keep=1)
    assert sorted(p.name for p in (root / "versions").iterdir()) == [v2.name, v3.name]
    assert not v1.exists() and (root / "current").resolve() == v3.resolve()


def test_pruning_keeps_the_current_version_even_when_rolled_back_to_an_old_one(tmp_path):
    root = tmp_path / "store"
    names = [f"2026010{n}T000000000000Z" for n in range(1, 6)]
    for name in names:
        (root / "versions" / name).mkdir(parents=True)
    (root / "current").symlink_to(f"versions/{names[0]}")  # rolled back by hand to the oldest
    removed = prune(root, keep=1)
    assert sorted(p.name for p in (root / "versions").iterdir()) == [names[0], names[3], names[4]]
    assert sorted(removed) == names[1:3]


def test_keep_must_leave_the_previous_version(tmp_path, capsys):
    import pytest

    with pytest.raises(SystemExit):
        main([str(tmp_path), "--keep", "0"])
    assert "--keep" in capsys.readouterr().err
