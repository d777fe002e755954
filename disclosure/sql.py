"""Named SQL: every statement lives in queries/<name>.sql; code only names it (Evidence style)."""

from __future__ import annotations

from functools import cache

from .settings import QUERIES_DIR


@cache
def sql(name: str) -> str:
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no named query {name!r} in {QUERIES_DIR}")
    return path.read_text(encoding="utf-8")


def run_script(con, name: str, params: dict | None = None) -> None:
    """Run a multi-statement named file; DuckDB binds parameters only one statement at a time."""
    for statement in sql(name).split(";\n"):
        body = "\n".join(ln for ln in statement.splitlines() if not ln.strip().startswith("--")).strip()
        if body:
            used = {k: v for k, v in (params or {}).items() if f"${k}" in body}
            con.execute(body, used) if used else con.execute(body)
