"""Parsing in a sandbox: every upload and every ingested file is parsed in a worker process with budgets.

A worker is `python -m disclosure.sandbox`, started with RLIMIT_AS (SANDBOX_MEMORY_MB) and, per file,
RLIMIT_CPU (SANDBOX_CPU_SECONDS); the parent kills it past SANDBOX_WALL_SECONDS of wall-clock time and
refuses a result over SANDBOX_OUTPUT_BYTES. A worker that dies (out of memory, out of CPU, killed, a
crash in a C library) costs only the file it was reading: the parent answers with one line naming the
file and the budget, and starts a new worker for the next file.

The result crosses as JSON (never pickle), so a worker that went wrong cannot hand the parent code.
Workers are kept between files (start-up is the Python import); a process has at most SANDBOX_WORKERS.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

from . import settings
from .model import Check, Fact, Refusal, Report, ReportError, Source

_HEADER = struct.Struct("!Q")


class BudgetExceeded(ReportError):
    """A file that took more than its budget; `budget` names it (memory, cpu, time, output)."""

    def __init__(self, source: str, budget: str):
        self.budget = budget
        code, params = BUDGET_REASONS[budget]()
        super().__init__(source, code, **params)


# ---- the worker ----------------------------------------------------------------------------------


def _cpu_used() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _on_xcpu(signum, frame):
    raise _CpuBudget()


class _CpuBudget(BaseException):
    pass


def _read_exact(fh, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = fh.read(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def _send(fh, payload: bytes) -> None:
    fh.write(_HEADER.pack(len(payload)) + payload)
    fh.flush()


def report_to_json(report: Report) -> dict:
    """Every field of the report, as the parent rebuilds it (report_from_json): not the parse contract's shape."""
    return asdict(report)


def report_from_json(d: dict) -> Report:
    return Report(
        str(d["agency"]),
        int(d["year"]),
        str(d["template"]),
        Source(**d["source"]),
        [Fact(**f) for f in d["facts"]],
        [Check(**c) for c in d["checks"]],
        str(d["narrative"]),
        str(d.get("agency_printed", "")),
        [Fact(**f) for f in d.get("text_facts", [])],
        str(d.get("coverage", "")),
        str(d.get("coverage_evidence", "")),
    )


def worker_main() -> None:
    import resource

    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print in a library must not corrupt the channel
    from .parse import parse_bytes  # noqa: F401  (imported before the limits: the import is not the file's cost)

    limit = settings.SANDBOX_MEMORY_MB * 1024 * 1024
    # the hard limit leaves room for OCR's own budget (OCR_MEMORY_MB), which only an OCR'd page takes up
    ocr_limit = max(limit, settings.OCR_MEMORY_MB * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (limit, ocr_limit))
    signal.signal(signal.SIGXCPU, _on_xcpu)
    from .readers import ocr_types

    ocr_pages: list[int] = []

    def ocr_page_started(page: int) -> None:
        ocr_pages.append(page)
        # each OCR'd page has its own budget (OCR_PAGE_SECONDS): CPU here, wall-clock in the parent
        soft = int(_cpu_used()) + settings.OCR_PAGE_SECONDS * max(1, settings.OCR_THREADS) + 1
        current = resource.getrlimit(resource.RLIMIT_CPU)
        if current[0] != resource.RLIM_INFINITY and soft > current[0]:
            resource.setrlimit(resource.RLIMIT_CPU, (soft, current[1]))
        resource.setrlimit(resource.RLIMIT_AS, (ocr_limit, ocr_limit))
        _send(out, json.dumps({"page": page}).encode())

    ocr_types.page_started = ocr_page_started
    while True:
        head = _read_exact(inp, _HEADER.size)
        if head is None:
            return
        request = _read_exact(inp, _HEADER.unpack(head)[0])
        if request is None:
            return
        name_len = _HEADER.unpack(request[: _HEADER.size])[0]
        name = request[_HEADER.size : _HEADER.size + name_len].decode("utf-8", "surrogateescape")
        data = request[_HEADER.size + name_len :]
        del request
        used = _cpu_used()
        soft = int(used) + settings.SANDBOX_CPU_SECONDS + 1
        # only the soft limit moves (a hard limit cannot be raised again); a parse stuck in C past it is
        # killed by the parent's wall-clock limit
        resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.getrlimit(resource.RLIMIT_CPU)[1]))
        fatal = False
        try:
            reply = {"report": report_to_json(parse_bytes(data, name))}
        except ReportError as e:
            reply = {"error": e.reason.to_json()}
        except MemoryError:
            reply, fatal = {"budget": "memory"}, True
        except _CpuBudget:
            reply, fatal = {"budget": "cpu"}, True
        except RecursionError:
            reply = {"error": Refusal("refusal_nested").to_json()}
        except Exception as e:  # a reader's bug on odd input: the file is refused, the worker goes on
            reply = {"error": Refusal("refusal_unexpected", kind=type(e).__name__).to_json(), "unexpected": True}
        del data
        if ocr_pages:
            # an OCR'd file's memory budget ends with it: the models stay mapped, so a new worker reads the next file
            reply["retire"] = fatal = True
            ocr_pages.clear()
        try:
            payload = json.dumps(reply, ensure_ascii=False).encode("utf-8", "surrogatepass")
        except MemoryError:
            payload, fatal = b'{"budget": "memory"}', True
        if len(payload) > settings.SANDBOX_OUTPUT_BYTES:
            payload = b'{"budget": "output"}'
        del reply
        _send(out, payload)
        if fatal:
            return  # after a budget the interpreter's state is suspect: a new worker reads the next file


# ---- the parent ----------------------------------------------------------------------------------


class _Worker:
    def __init__(self) -> None:
        env = dict(os.environ)
        root = str(settings.ROOT)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "disclosure.sandbox"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,
            cwd=root,
            env=env,
            start_new_session=True,
        )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for fh in (self.proc.stdin, self.proc.stdout):
            try:
                fh.close()
            except Exception:
                pass

    def run(self, data: bytes, name: str, progress=None) -> dict:
        """One file through the worker: the reply, or a `budget` reply when the worker died or overran."""
        raw_name = name.encode("utf-8", "surrogateescape")
        try:
            self.proc.stdin.write(_HEADER.pack(_HEADER.size + len(raw_name) + len(data)) + _HEADER.pack(len(raw_name)) + raw_name)
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return self._died()
        deadline = time.monotonic() + settings.SANDBOX_WALL_SECONDS
        page = 0
        while True:
            reply = self._frame(deadline)
            if "page" not in reply:
                if page and reply.get("budget") in ("time", "cpu"):
                    reply = {"budget": "ocr_page", "page": page}
                elif page and reply.get("budget") == "memory":
                    reply = {"budget": "ocr_memory", "page": page}
                return reply
            page = int(reply["page"])
            # an OCR'd page began: it has its own OCR_PAGE_SECONDS (the last one's covers the mapping after it),
            # and at most OCR_MAX_PAGES are read
            deadline = time.monotonic() + settings.OCR_PAGE_SECONDS
            if progress is not None:
                progress(page)

    def _frame(self, deadline: float) -> dict:
        fd = self.proc.stdout.fileno()
        buf = bytearray()
        need = _HEADER.size
        header_read = False
        while len(buf) < need:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                return {"budget": "time"}
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, min(1 << 20, need - len(buf)))
            if not chunk:
                return self._died()
            buf += chunk
            if not header_read and len(buf) >= _HEADER.size:
                size = _HEADER.unpack(bytes(buf[: _HEADER.size]))[0]
                if size > settings.SANDBOX_OUTPUT_BYTES + 64:
                    self.kill()
                    return {"budget": "output"}
                del buf[: _HEADER.size]
                need, header_read = size, True
        reply = json.loads(bytes(buf).decode("utf-8", "surrogatepass"))
        if "budget" in reply or reply.get("retire"):
            self.kill()
        return reply

    def _died(self) -> dict:
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None
        self.kill()
        if code in (-signal.SIGXCPU, -signal.SIGKILL):
            return {"budget": "cpu"}
        return {"budget": "memory", "code": code}


class _Pool:
    def __init__(self) -> None:
        self.idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self.lock = threading.Lock()
        self.count = 0
        self.all: list[_Worker] = []

    def take(self) -> _Worker:
        while True:
            try:
                worker = self.idle.get_nowait()
            except queue.Empty:
                with self.lock:
                    if self.count < max(1, settings.SANDBOX_WORKERS):
                        self.count += 1
                        try:
                            worker = _Worker()
                        except Exception:
                            self.count -= 1
                            raise
                        self.all.append(worker)
                        return worker
                worker = self.idle.get()
            if worker.alive():
                return worker
            self._drop(worker)

    def give(self, worker: _Worker) -> None:
        if worker.alive():
            self.idle.put(worker)
        else:
            self._drop(worker)

    def _drop(self, worker: _Worker) -> None:
        worker.kill()
        with self.lock:
            self.count -= 1
            if worker in self.all:
                self.all.remove(worker)

    def close(self) -> None:
        for worker in list(self.all):
            worker.kill()


_POOL = _Pool()
atexit.register(_POOL.close)

# budget → its refusal's words and parameters (read when raised: the settings may change in a test)
BUDGET_REASONS = {
    "memory": lambda: ("refusal_budget_memory", {"limit": settings.SANDBOX_MEMORY_MB}),
    "cpu": lambda: ("refusal_budget_cpu", {"limit": settings.SANDBOX_CPU_SECONDS}),
    "time": lambda: ("refusal_budget_time", {"limit": settings.SANDBOX_WALL_SECONDS}),
    "output": lambda: ("refusal_budget_output", {"limit": settings.SANDBOX_OUTPUT_BYTES // 1000000}),
    "ocr_page": lambda: ("refusal_budget_ocr_page", {"limit": settings.OCR_PAGE_SECONDS}),
    "ocr_memory": lambda: ("refusal_budget_ocr_memory", {"limit": settings.OCR_MEMORY_MB}),
}


def parse_bytes(data: bytes, name: str, progress=None) -> Report:
    """parse.parse_bytes in a worker process under the budgets; ReportError (BudgetExceeded) for anything wrong.

    `progress(page)` is called as each page of a scan starts its OCR (an import page shows it)."""
    if len(data) > settings.MAX_FILE_BYTES:
        from .parse import _too_big

        raise _too_big(name, len(data))
    worker = _POOL.take()
    try:
        reply = worker.run(data, name, progress)
    finally:
        _POOL.give(worker)
    if "report" in reply:
        return report_from_json(reply["report"])
    if "budget" in reply:
        raise BudgetExceeded(name, reply["budget"])
    raise ReportError(name, Refusal.from_json(reply["error"]))


def parse_file(path: str | Path) -> Report:
    """A regular file, read in this process at most up to the limit, then parsed in a worker."""
    from .parse import read_file

    path = Path(path)
    return parse_bytes(read_file(path), path.name)


if __name__ == "__main__":
    worker_main()
