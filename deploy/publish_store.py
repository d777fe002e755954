"""Publish a new version of the store for replicas that read it from shared storage: the ingest job.

    python deploy/publish_store.py /store                            # bring it up to date with data/ (the image's reports)
    python deploy/publish_store.py /store incoming/ more/report.pdf  # the current version plus these files
    python deploy/publish_store.py /store data/sample --sample       # flagged as 示例数据
    python deploy/publish_store.py /store --keep 5                   # keep five old versions instead of three

Layout under the store root (deploy/compose.yaml mounts it read-only into every replica):

    versions/<UTC time>/disclosure.duckdb   one folder per version, never written again once published
    current -> versions/<UTC time>          a relative symlink; replicas read current/disclosure.duckdb

A new version is built beside the others (`versions/<time>.building/`: a copy of the current file with
the new reports applied by the store's own ingest, or a build from data/), synced to disk, renamed into
place, and published by one atomic rename of a new symlink over `current`. A replica stats
DISCLOSURE_DB on every query (Store.version(): inode, mtime, size, through the symlink), so its next
query sees a new file and it opens a new read-only handle (disclosure/ui/data.py); a query already
running finishes on the version it started on. No file a replica may hold open is ever replaced or
truncated: old versions stay until they are older than the newest --keep, which matters on shared
storage, where another machine's reader of a file renamed over in place can find its handle stale.

Nothing changed (every file already stored, or data/ unchanged): nothing is published. One publisher at a
time (flock on `.publish.lock` in the root); a `.building` folder a killed run left is removed by the next.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STORE_NAME = "disclosure.duckdb"


@contextlib.contextmanager
def publisher_lock(root: Path):
    fd = os.open(root / ".publish.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting: another publisher is writing {root}", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def current_store(root: Path) -> Path | None:
    path = root / "current" / STORE_NAME
    return path if path.exists() else None


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap_current(root: Path, version: Path) -> None:
    """Point `current` at versions/<name> with one rename, never a moment without it."""
    link = root / f".current.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    link.symlink_to(Path("versions") / version.name)  # relative: the same inside every mount of the root
    os.replace(link, root / "current")
    _fsync(root)


def prune(root: Path, keep: int) -> list[str]:
    """Remove versions older than the newest `keep` (never the current one) and builds a killed run left."""
    versions = root / "versions"
    current = (root / "current").resolve() if (root / "current").exists() else None
    removed = []
    for leftover in versions.glob("*.building"):
        shutil.rmtree(leftover)
        removed.append(leftover.name)
    published = sorted((p for p in versions.iterdir() if p.is_dir() and not p.name.endswith(".building")), key=lambda p: p.name)
    for old in published[: max(0, len(published) - keep - 1)]:
        if old.resolve() != current:
            shutil.rmtree(old)
            removed.append(old.name)
    return removed


def publish(root: Path, paths: list[Path], sample: bool = False, keep: int = 3, now: dt.datetime | None = None) -> Path | None:
    """Build and publish a new version; returns its folder, or None when there was nothing new to publish."""
    from disclosure.store import Store

    root.mkdir(parents=True, exist_ok=True)
    (root / "versions").mkdir(exist_ok=True)
    with publisher_lock(root):
        prune(root, keep)  # clears a killed run's build first
        name = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")
        building = root / "versions" / f"{name}.building"
        building.mkdir()
        try:
            db = building / STORE_NAME
            current = current_store(root)
            if current is not None:
                shutil.copyfile(current, db)
            store = Store(db)
            summary = store.ingest_paths(paths, sample=sample) if paths else store.refresh_from_data()
            if summary is not None:
                for line in summary.lines():
                    print(line)
            if summary is None or not summary.changed:
                print(f"{root}: nothing new to publish (current: {(root / 'current').resolve().name if current else 'none'})")
                shutil.rmtree(building)
                return None
            (building / f".{STORE_NAME}.lock").unlink(missing_ok=True)  # the build's writer lock: a published version is never written
            _fsync(db)
            version = root / "versions" / name
            building.rename(version)
            _fsync(root / "versions")
            _swap_current(root, version)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        removed = prune(root, keep)
    print(f"published versions/{version.name}" + (f" (removed {', '.join(removed)})" if removed else ""))
    return version


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="the store root (versions/ and the current symlink)")
    parser.add_argument("paths", type=Path, nargs="*", help="report files or folders to add (none: bring the store up to date with data/)")
    parser.add_argument("--sample", action="store_true", help="flag these reports as sample data (示例数据)")
    parser.add_argument("--keep", type=int, default=3, help="old versions kept besides the current one")
    args = parser.parse_args(argv)
    if args.keep < 1:
        parser.error("--keep must be at least 1: a replica may still be reading the previous version")
    publish(args.root, args.paths, sample=args.sample, keep=args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
