"""The DuckDB store, one class for both sides (Datasette's `Database`): `Store(path)`.

Reading (the app): `Store.reader()` is a read-only handle — an in-memory DuckDB with the file
ATTACHed READ_ONLY, external access off, memory and per-query time limits, configuration locked — and
`Reader.query(name, **params)` runs a named query (queries/<name>.sql) on a cursor of its own, so
sessions on several threads never share one. `Store.version()` changes whenever a write swaps the file.

Writing (the CLI, admin import, the start-up build): every change is built in a new file and swapped
in with os.replace (`Store._swap`), so readers never see half a write.

One writer at a time: every write (CLI ingest, admin save, the app's build from data/) holds an
exclusive lock on `.<store>.lock` beside the store; a second writer waits (saying so), then reads the
store the first one left and applies its reports on top. Under the lock, build files a killed writer
left behind (`<store>.*.building`, their `.wal`) are removed. Files are parsed in the sandbox
(disclosure.sandbox): one that fails in any way is skipped, recorded in `skipped_files`, and costs only itself.

A rejected file changes nothing; an unchanged file changes nothing; a changed file for the same
agency and year replaces the current version and moves the old one to the history tables.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from . import catalog, pipeline, settings
from .figures import figures_by
from .model import Check, Fact, Refusal, Report, ReportError, Source, safe_name
from .sql import run_script, sql

log = logging.getLogger(__name__)


FACT_COLUMNS = ("report_id", "indicator", "applicant", "value", "raw", "status", "seq", "unit", "evidence", "confidence")


@dataclass
class IngestSummary:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"rejected {safe_name(name)}: {safe_name(reason)}" for name, reason in self.rejected]
        out.append(
            f"added {len(self.added)} · replaced {len(self.replaced)} · unchanged {len(self.unchanged)} · rejected {len(self.rejected)}"
        )
        return out

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)


def report_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            # Oldest first, so when a folder holds two versions of one agency-year the newer file wins.
            # not only regular files: a FIFO or device named like a report is listed, to be refused with its reason
            found = []  # one stat per entry (os.scandir caches it): a province's folder has 100,000 files
            folders = [p]
            while folders:
                with os.scandir(folders.pop()) as entries:
                    for entry in entries:
                        if entry.is_dir(follow_symlinks=False):
                            folders.append(entry.path)
                        elif Path(entry.name).suffix.lower() in settings.REPORT_SUFFIXES:
                            try:
                                mtime = entry.stat().st_mtime_ns
                            except OSError:
                                mtime = 0  # a dangling link: listed, to be refused with its reason
                            found.append((mtime, entry.path))
            files.extend(Path(path) for _, path in sorted(found))
        else:
            files.append(p)
    return files


def data_signature(reports_dir: Path = settings.REPORTS_DIR, sample_dir: Path = settings.SAMPLE_DIR) -> str:
    """What data/ holds (paths, sizes, mtimes): checked once at start-up, not per query."""
    h = hashlib.sha256()
    for f in report_files([d for d in (reports_dir, sample_dir) if d.exists()]):
        st = f.stat()
        h.update(f"{f}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


class StoreBusy(RuntimeError):
    """Another writer held the store's lock for longer than STORE_LOCK_TIMEOUT_S."""


class Reader:
    """The app's read handle on one version of the store file.

    A fresh in-memory DuckDB with the file ATTACHed READ_ONLY (rather than duckdb.connect(path)):
    duckdb.connect caches one database instance per path, so after a swap a new connect would still
    serve the old file while an old handle lives, and it refuses a second connection to the path with
    another config, which would break the writer's own read-only look-ups in the same process (admin
    import). After the attach, external access is off and the configuration locked, so no statement
    can read files, reach the network, or lift the memory limit or the per-query time limit.
    """

    def __init__(self, path: Path):
        base = settings.duckdb_config()
        self.con = duckdb.connect(
            ":memory:",
            config={"memory_limit": base["memory_limit"], "threads": base["threads"], "max_execution_time": str(settings.QUERY_TIMEOUT_MS)},
        )
        try:
            run_script(self.con, "reader_attach_read_only", {"path": str(path)})
        except Exception:
            self.con.close()
            raise

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one query on one thread; a cursor starts in the in-memory catalog, so it is pointed at the store."""
        cur = self.con.cursor()
        cur.execute(sql("reader_use_store"))
        return cur

    def query(self, name: str, **params) -> pd.DataFrame:
        """Run the named query with bound parameters (lists as DuckDB lists) on a cursor of its own."""
        cur = self.cursor()
        try:
            return cur.execute(sql(name), {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}).df()
        finally:
            cur.close()

    def close(self) -> None:
        self.con.close()


_LOCAL = threading.local()


class Store:
    """One store file: its readers, its writer lock, and every write as a build-and-swap."""

    def __init__(self, path: str | Path = settings.DEFAULT_DB):
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # --- reading ---

    def version(self) -> str | None:
        """Changes with every swap (a new inode); None while no store file exists."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"

    def reader(self) -> Reader:
        return Reader(self.path)

    @contextlib.contextmanager
    def _look_up(self):
        """A short read-only connection for the writer's own look-ups; None when there is no store (or no schema) yet."""
        if not self.path.exists():
            yield None
            return
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            yield con
        finally:
            con.close()

    def _rows(self, name: str, params: dict | None = None) -> list[tuple]:
        """A named look-up's rows; none while there is no store, or no such table yet (a store of an older layout)."""
        with self._look_up() as con:
            if con is None:
                return []
            try:
                return con.execute(sql(name), params or {}).fetchall()
            except duckdb.CatalogException:
                return []

    def current_versions(self) -> dict[tuple[str, int], str]:
        return {(a, int(y)): sha for a, y, sha, _ in self._rows("store_current_versions")}

    def stored_files(self) -> dict[tuple[str, str], tuple[str, int]]:
        """(file name, content hash) → agency-year of every current report: a file seen before, unchanged."""
        return {(name, sha): (a, int(y)) for a, y, sha, name in self._rows("store_current_versions")}

    def stored_signature(self) -> str | None:
        return self._meta("data_signature")

    def source_index(self) -> dict[str, tuple[int, int, str]]:
        """path → (size, mtime_ns, content hash) of the files earlier ingests read."""
        return {p: (size, mtime, sha) for p, size, mtime, sha in self._rows("store_source_files")}

    def _meta(self, key: str) -> str | None:
        rows = self._rows("store_get_meta", {"key": key})
        return rows[0][0] if rows else None

    # --- writing ---

    @contextlib.contextmanager
    def lock(self, timeout: float | None = None, say=None):
        """Hold the store's writer lock (fcntl.flock on `.<store>.lock`); reentrant within one thread.

        A second writer waits up to STORE_LOCK_TIMEOUT_S, saying once that it waits (on stderr, or through
        `say`), then fails with StoreBusy rather than write beside the first.
        """
        db = self.path
        db.parent.mkdir(parents=True, exist_ok=True)
        lock_path = db.parent / f".{db.name}.lock"  # hidden: the lock file stays, empty, beside the store
        held = getattr(_LOCAL, "held", None)
        if held is None:
            held = _LOCAL.held = {}
        key = str(lock_path.resolve())
        if held.get(key):
            held[key] += 1
            try:
                yield
            finally:
                held[key] -= 1
            return
        limit = settings.STORE_LOCK_TIMEOUT_S if timeout is None else timeout
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + limit
            told = False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not told:
                        message = f"waiting: another writer is updating {safe_name(db.name)}"
                        (say or (lambda m: print(m, file=sys.stderr, flush=True)))(message)
                        told = True
                    if time.monotonic() > deadline:
                        raise StoreBusy(
                            f"{safe_name(db.name)}: another writer held the store for over {limit:.0f} s; nothing was written"
                        ) from None
                    time.sleep(0.05)
            held[key] = 1
            try:
                self.remove_leftovers()
                yield
            finally:
                held.pop(key, None)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def remove_leftovers(self) -> list[Path]:
        """Build files of writers that were killed: only called with the writer lock held, so none is live."""
        db, removed = self.path, []
        pattern = _glob_escape(db.name) + ".*.building"
        for leftover in list(db.parent.glob(pattern)) + list(db.parent.glob(pattern + ".wal")):
            try:
                leftover.unlink()
                removed.append(leftover)
            except FileNotFoundError:
                pass
        wal = db.parent / (db.name + ".wal")
        if wal.exists() and not db.exists():
            wal.unlink()
            removed.append(wal)
        return removed

    @contextlib.contextmanager
    def _swap(self):
        """A writable copy of the store (its schema ensured); on success it is checkpointed and os.replace()d over
        the store, on any failure it is removed and the store is left as it was. Call with the writer lock held."""
        db = self.path
        db.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=db.name + ".", suffix=".building", dir=db.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()
        try:
            if db.exists():
                shutil.copyfile(db, tmp)
            # the writer's DuckDB is bounded too: its buffer pool would otherwise keep the growing file in memory
            con = duckdb.connect(str(tmp), config={"memory_limit": settings.INGEST_DUCKDB_MEMORY})
            try:
                con.execute(sql("store_schema"))
                yield con
                con.execute(sql("store_checkpoint"))
            finally:
                con.close()
            os.replace(tmp, db)
        finally:
            for leftover in (tmp, Path(str(tmp) + ".wal")):
                if leftover.exists():
                    leftover.unlink()

    def ingest_paths(
        self,
        paths: list[Path],
        sample: bool = False,
        progress: bool = False,
        sample_dirs: tuple[Path, ...] = (),
        full_build: bool = False,
        meta: dict[str, str] | None = None,
        on_progress=None,
    ) -> IngestSummary:
        """Parse the files in the sandbox and apply them to the store in batches, all in one build-and-swap.

        A file already stored as a current report (the same name and bytes) is skipped before it is parsed, so
        re-reading an unchanged folder parses nothing; the same bytes under another name are parsed and judged. Files
        are parsed and written `settings.INGEST_BATCH_REPORTS` at a time and each batch's reports are let go once
        written, so memory stays bounded however many files there are. A file that fails in any way (a ReportError, a budget, a reader's crash) is rejected with its reason and
        the rest are loaded; its name and reason go to `skipped_files` with the write. `on_progress(done, total)` is
        told after each file parsed (the app's banner while it builds).
        """
        summary = IngestSummary()
        known, index = self.stored_files(), self.source_index()
        todo: list[tuple[int, Path]] = []
        stored_at: dict[tuple[str, int], int] = {}  # agency-year → the position of its stored file in this run
        seen: list[tuple[str, int, int, str]] = []  # (path, size, mtime, hash) of every regular file, for the index
        for position, f in enumerate(report_files(paths)):
            sha = _content_hash(f, index, seen)  # None: not a readable regular file — the parse refuses it with its reason
            if sha is not None and (f.name, sha) in known:  # the same file (name and bytes) as a current report
                agency, year = known[(f.name, sha)]
                summary.unchanged.append(f"{f.name} ({agency} {year})")
                stored_at[(agency, year)] = position
            else:
                todo.append((position, f))
        iterator = todo
        if progress:
            from rich.progress import track

            iterator = track(todo, description="解析报告 parsing")

        def batches():
            batch: list[tuple[Report, bool]] = []
            for done, (position, f) in enumerate(iterator):
                if on_progress is not None:
                    on_progress(done, len(todo))
                try:
                    report = pipeline.read_file(f)
                except ReportError as e:
                    summary.rejected.append((f.name, e.reason))
                    continue
                except Exception as e:  # the sandbox itself failed (cannot start a worker): this file only
                    log.exception("cannot parse %s", f)
                    summary.rejected.append((f.name, Refusal("refusal_unexpected", kind=type(e).__name__)))
                    continue
                if stored_at.get((report.agency, report.year), -1) > position:
                    # an older version of an agency-year whose stored file comes later in the run: the later one wins,
                    # as it did when it was stored
                    summary.unchanged.append(f"{f.name} ({report.agency} {report.year})")
                    continue
                batch.append((report, sample or any(_is_under(f, d) for d in sample_dirs)))
                if len(batch) >= settings.INGEST_BATCH_REPORTS:
                    yield batch
                    batch = []
            if batch:
                yield batch

        return self._ingest(batches(), summary, full_build, meta, seen)

    def ingest_reports(
        self,
        parsed: list[tuple[Report, bool]],
        summary: IngestSummary | None = None,
        full_build: bool = False,
        meta: dict[str, str] | None = None,
        on_progress=None,
    ) -> IngestSummary:
        """Apply parsed reports: an unchanged file changes nothing, a new version of an agency-year replaces the current one."""
        return self._ingest([list(parsed)], summary or IngestSummary(), full_build, meta)

    def _ingest(self, batches, summary: IngestSummary, full_build: bool, meta: dict[str, str] | None, seen=()) -> IngestSummary:
        """Plan and write batch after batch into one writable copy (made only when something changes), then swap it in."""
        with self.lock(), contextlib.ExitStack() as stack:
            current = self.current_versions()
            by_sha = {sha: key for key, sha in current.items()}
            con, read_names, now = None, [], dt.datetime.now()
            for parsed in batches:
                plan, history = _plan(parsed, current, by_sha, summary)
                if not plan:
                    continue
                if con is None:
                    con = stack.enter_context(self._swap())
                for old in history:  # two versions of one agency-year in a batch: the earlier goes to history
                    _apply(con, [old], now)
                _apply(con, list(plan.values()), now)
                current.update({key: report.source.sha256 for key, (report, _) in plan.items()})
                read_names += [report.source.name for report, _ in plan.values()]
            if con is None and (full_build or meta):
                con = stack.enter_context(self._swap())
            if con is not None:
                _finish(con, list(summary.rejected), read_names, now, clear_skipped=full_build, meta=meta)
                if seen:
                    columns = ("path", "size", "mtime_ns", "sha256")
                    _bulk(con, "new_source_files", pa.table(dict(zip(columns, map(list, zip(*seen))))), "store_record_source_files")
        return summary

    def refresh_from_data(
        self, reports_dir: Path = settings.REPORTS_DIR, sample_dir: Path = settings.SAMPLE_DIR, on_progress=None
    ) -> IngestSummary | None:
        """Build or rebuild the store from data/reports (real) and data/sample (示例数据) when they changed; None when
        the store already holds what data/ holds. The start-up step (`python -m disclosure build`), never a page request."""
        signature = data_signature(reports_dir, sample_dir)

        def current() -> bool:  # what data/ holds, and laid out as this version reads it
            return self.stored_signature() == signature and self._meta("layout") == LAYOUT

        if current():
            return None
        with self.lock():
            if current():
                return None  # another process built it while this one waited
            folders = [d for d in (reports_dir, sample_dir) if d.exists()]
            if on_progress is not None:
                on_progress(0, 0)  # a build is needed: it starts now
            return self.ingest_paths(
                folders, sample_dirs=(sample_dir,), full_build=True, meta={"data_signature": signature}, on_progress=on_progress
            )


def _file_sha256(path: Path) -> str | None:
    """The file's content hash (a report's identity), read in chunks; None when it cannot be read (the caller has
    checked that it is a regular file)."""
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def _content_hash(path: Path, index: dict[str, tuple[int, int, str]], seen: list) -> str | None:
    """The file's content hash: from the index when its size and mtime are those an earlier ingest saw (a province's
    100,000 unchanged files are not re-read), else read; noted in `seen` for the index."""
    try:
        st = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    key = os.path.abspath(path)
    known = index.get(key)
    sha = known[2] if known and known[0] == st.st_size and known[1] == st.st_mtime_ns else _file_sha256(path)
    if sha is not None:
        seen.append((key, st.st_size, st.st_mtime_ns, sha))
    return sha


def _plan(
    parsed: list[tuple[Report, bool]],
    current: dict[tuple[str, int], str],
    by_sha: dict[str, tuple[str, int]],
    summary: IngestSummary,
) -> tuple[dict[tuple[str, int], tuple[Report, bool]], list[tuple[Report, bool]]]:
    """What a batch changes: agency-year → the report to store, and earlier versions of the batch's own agency-years
    (history). An unchanged file is noted and left out; a file already stored under another agency-year is refused."""
    plan: dict[tuple[str, int], tuple[Report, bool]] = {}
    history: list[tuple[Report, bool]] = []
    for report, is_sample in parsed:
        key = (report.agency, report.year)
        label = f"{report.source.name} ({report.agency} {report.year})"
        existing = current.get(key)
        if existing == report.source.sha256 or (key in plan and plan[key][0].source.sha256 == report.source.sha256):
            summary.unchanged.append(label)
            continue
        elsewhere = by_sha.get(report.source.sha256)
        if elsewhere is not None and elsewhere != key:
            # one document under two agency-years: the first one read keeps it
            summary.rejected.append((report.source.name, Refusal("refusal_same_file", agency=elsewhere[0], year=elsewhere[1])))
            continue
        if existing is not None or key in plan:
            summary.replaced.append(label)
        else:
            summary.added.append(label)
        if key in plan:
            # Two versions of one agency-year in a batch: the later file wins, the earlier is history.
            history.append(plan[key])
            del by_sha[plan[key][0].source.sha256]
        plan[key] = (report, is_sample)
        by_sha[report.source.sha256] = key
    return plan, history


def _apply(con, reports: list[tuple[Report, bool]], now) -> None:
    """Write reports into the writable copy: the versions they replace move to history, their facts and parse findings
    go in, and their agencies' reports are audited again (cross-year rules span neighbours)."""
    new_reports, parse_checks = [], []
    facts_columns: dict[str, list] = {c: [] for c in FACT_COLUMNS}
    for report, is_sample in reports:
        rid = report.source.sha256
        new_reports.append(
            dict(
                report_id=rid,
                agency=report.agency,
                year=report.year,
                template=report.template,
                source_name=report.source.name,
                source_format=report.source.format,
                sha256=report.source.sha256,
                ingested_at=now,
                is_sample=is_sample,
                narrative=report.narrative,
                coverage=report.coverage or None,  # not stated: NULL, never a guess
                coverage_evidence=report.coverage_evidence or None,
            )
        )
        stored = report.facts + report.text_facts  # narrative figures after the table, status from_text
        n = len(stored)
        facts_columns["report_id"].extend([rid] * n)
        facts_columns["indicator"].extend(f.indicator for f in stored)
        facts_columns["applicant"].extend(f.applicant for f in stored)
        facts_columns["value"].extend(_float(f.value) for f in stored)
        facts_columns["raw"].extend(f.raw for f in stored)
        facts_columns["status"].extend(f.status for f in stored)
        facts_columns["seq"].extend(range(n))
        facts_columns["unit"].extend(f.unit or None for f in stored)
        facts_columns["evidence"].extend(f.evidence or None for f in stored)
        facts_columns["confidence"].extend(f.confidence for f in stored)
        parse_checks.extend(_check_rows(rid, [c for c in report.checks if c.stage == "parse"]))
    # the versions these reports replace move to the history tables, in one statement per table
    incoming = pa.Table.from_pylist(new_reports)
    _bulk(con, "new_reports", incoming, "store_move_to_history")
    _bulk(con, "new_reports", incoming, "store_insert_reports")
    # a batch with no figure read by OCR still gives the confidence column its type
    new_facts = pa.table({k: pa.array(v, pa.float64()) if k == "confidence" else v for k, v in facts_columns.items()})
    _bulk(con, "new_facts", new_facts, "store_insert_facts")
    _bulk(
        con,
        "new_report_figures",
        _figures_frame(new_facts.select(["report_id", "indicator", "applicant", "value", "status"]).to_pandas()),
        "store_insert_report_figures",
    )
    if parse_checks:
        _insert_checks(con, parse_checks, scope=[])
    _audit_agencies(con, [r for r, _ in reports])


def _figures_frame(facts: pd.DataFrame) -> pd.DataFrame:
    """(report_id, indicator, value) of each report's figures, by the one rule of disclosure.figures."""
    if facts.empty:
        return pd.DataFrame(columns=["report_id", "indicator", "value"])
    return figures_by(facts, ["report_id"]).rename("value").reset_index()


FIGURES_FLAG = "report_figures"  # store_meta: every current report has its report figures
# store_meta "layout": report_figures, integer report keys, skipped files with their reason in Chinese, each report's
# coverage (reports.coverage), findings as their words' code and params (checks.code, checks.params); a store of
# another layout is rewritten at start
LAYOUT = "5"


def _fill_report_figures(con, chunk: int = 2000) -> None:
    """Once per store: report figures for reports stored before report_figures existed, a chunk of reports at a time
    (afterwards every write adds its own reports' figures)."""
    if con.execute(sql("store_get_meta"), {"key": FIGURES_FLAG}).fetchall():
        return
    missing = [r for (r,) in con.execute(sql("store_reports_without_figures")).fetchall()]
    for start in range(0, len(missing), chunk):
        facts = con.execute(sql("store_facts_of_reports"), {"reports": missing[start : start + chunk]}).df()
        _bulk(con, "new_report_figures", _figures_frame(facts), "store_insert_report_figures")
    con.execute(sql("store_set_meta"), {"key": FIGURES_FLAG, "value": "complete"})


def _finish(con, skipped, read_names: list[str], now, clear_skipped: bool = False, meta: dict[str, str] | None = None) -> None:
    """Once per write: the store's meta, the indicator catalog, the files that could not be read, report figures a store
    written before them lacks (its report keys are given by store_schema)."""
    _fill_report_figures(con)
    con.execute(sql("store_set_meta"), {"key": "layout", "value": LAYOUT})
    for key, value in (meta or {}).items():
        con.execute(sql("store_set_meta"), {"key": key, "value": value})
    _bulk(con, "new_indicators", _indicator_frame(), "store_replace_indicators")
    if clear_skipped:
        con.execute(sql("store_clear_skipped"))
    _record_skipped(con, skipped, read_names, now)


def report_from_rows(header, facts: pd.DataFrame, unit_column: str = "unit") -> Report:
    """A report rebuilt from the store's rows: its header (agency, year, template, source …) and its facts in seq order.
    `unit_column` names the column holding the unit as written (`report_facts` calls it unit_written)."""
    values = facts["value"].astype(object).where(facts["value"].notna(), None)
    units = facts[unit_column] if unit_column in facts else [None] * len(facts)
    evidence = facts["evidence"] if "evidence" in facts else [None] * len(facts)
    confidence = facts["confidence"] if "confidence" in facts else [None] * len(facts)
    fact_list = [
        Fact(
            ind,
            app,
            _native(v),
            raw if isinstance(raw, str) else "",
            status,
            u if isinstance(u, str) else "",
            e if isinstance(e, str) else "",
            None if c is None or c != c else float(c),
        )
        for ind, app, v, raw, status, u, e, c in zip(
            facts["indicator"], facts["applicant"], values, facts["raw"], facts["status"], units, evidence, confidence
        )
        if isinstance(ind, str)
    ]
    narrative = header.get("narrative")
    return Report(
        header["agency"],
        int(header["year"]),
        header["template"],
        Source(header["source_name"], header.get("source_format", ""), header.get("sha256", "")),
        fact_list,
        [],
        narrative if isinstance(narrative, str) else "",
    )


def reports_from_rows(frame: pd.DataFrame) -> list[Report]:
    """Reports rebuilt from rows of a report's columns and its facts, one row per fact (`store_agency_reports`)."""
    return [report_from_rows(group.iloc[0], group) for _rid, group in frame.groupby("report_id", sort=False)]


def _audit_agencies(con, fresh: list[Report]) -> None:
    """Re-run the audit for every report of the touched agencies: cross-year rules span neighbours.

    The reports just parsed are at hand; only their agencies' other years are read back.
    """
    by_agency: dict[str, dict[int, Report]] = {}
    for report in fresh:
        by_agency.setdefault(report.agency, {})[report.year] = report
    frame = con.execute(
        sql("store_agency_reports"), {"agencies": sorted(by_agency), "exclude": sorted({r.source.sha256 for r in fresh})}
    ).df()
    for report in reports_from_rows(frame):
        by_agency[report.agency].setdefault(report.year, report)
    everyone = [report for by_year in by_agency.values() for report in by_year.values()]
    found = pipeline.audit_reports(everyone)
    rows = [row for report in everyone for row in _check_rows(report.source.sha256, found[report.source.sha256])]
    _insert_checks(con, rows, [report.source.sha256 for report in everyone])


def _record_skipped(con, skipped, read_names: list[str], now) -> None:
    # one row per name: two refused files of one name in different folders keep the later reason
    skipped = list({name: (name, reason) for name, reason in skipped}.values())
    con.register(
        "new_skipped",
        pa.table(
            {
                "source_name": pa.array([n for n, _ in skipped], pa.string()),
                "reason": pa.array([str(r) for _, r in skipped], pa.string()),
                # the reason in Chinese beside the English one: 数据质量 shows it in the page's language
                "reason_zh": pa.array([r.text("zh") if isinstance(r, Refusal) else str(r) for _, r in skipped], pa.string()),
                "skipped_at": pa.array([now] * len(skipped), pa.timestamp("us")),
            }
        ),
    )
    con.register("new_read", pa.table({"source_name": pa.array(read_names, pa.string())}))
    try:
        run_script(con, "store_record_skipped")
    finally:
        con.unregister("new_skipped")
        con.unregister("new_read")


CHECK_SCHEMA = pa.schema(
    [
        ("report_id", pa.string()),
        ("rule", pa.string()),
        ("severity", pa.string()),
        ("code", pa.string()),
        ("params", pa.string()),
        ("message", pa.string()),
        ("message_en", pa.string()),
        ("indicators", pa.list_(pa.string())),
        ("values", pa.string()),
        ("sentence", pa.string()),
        ("stage", pa.string()),
    ]
)


def _insert_checks(con, rows: list[dict], scope: list[str]) -> None:
    con.register("new_checks_scope", pa.table({"report_id": pa.array(scope, pa.string())}))
    con.register("new_checks", pa.Table.from_pylist(rows, schema=CHECK_SCHEMA))
    try:
        run_script(con, "store_replace_checks")
    finally:
        con.unregister("new_checks")
        con.unregister("new_checks_scope")


def _check_rows(rid: str, checks: list[Check]) -> list[dict]:
    return [
        dict(
            report_id=rid,
            rule=c.rule,
            severity=c.severity,
            code=c.code or None,
            params=json.dumps(c.params, ensure_ascii=False, default=str) if c.code else None,
            message=c.message,
            message_en=c.message_en,
            indicators=list(c.indicators),
            values=json.dumps(c.values, ensure_ascii=False, default=str) if c.values else None,
            sentence=c.sentence or None,
            stage=c.stage,
        )
        for c in checks
    ]


def _bulk(con, view: str, frame, statement: str) -> None:
    """Register a DataFrame or Arrow table and run the named INSERT over it (bulk, never row by row)."""
    if len(frame) == 0:
        return
    con.register(view, frame)
    try:
        run_script(con, statement)
    finally:
        con.unregister(view)


def _indicator_frame() -> pd.DataFrame:
    rows = []
    for seq, ind in enumerate(catalog.indicators().values()):
        d = asdict(ind)
        d["templates"] = list(ind.templates)
        d["seq"] = seq
        rows.append(d)
    cols = [
        "id",
        "templates",
        "section",
        "label_zh",
        "label_en",
        "short_zh",
        "short_en",
        "unit",
        "parent",
        "kind",
        "by_applicant",
        "definition_zh",
        "definition_en",
        "source_zh",
        "seq",
    ]
    return pd.DataFrame(rows)[cols]


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _float(v):
    return None if v is None else float(v)


def _native(v):
    if v is None or v != v:
        return None
    return int(v) if float(v).is_integer() else float(v)


def _is_under(path: Path, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False
