"""Templates are rows of catalog/templates.csv: code asks a template what it is (layout, family, years in force,
mapper, names) and never compares ids; an id the catalog does not know fails in one clear line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure import catalog
from disclosure.audit import audit_report
from disclosure.model import Fact, Report, Source
from disclosure.views.scope import year_family

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_ID = re.compile(r"""(["'])(2014|2019|2021|local|2019\|2021)\1""")
NO_TABLE_ID = re.compile(r"""template\b.*(["'])none\1|(["'])none\2.*template""")  # "none" is plotly's word too
# the catalog, the template modules (they are the templates' code) and the sample writer (it writes each
# template's form, and names its own variants such as '2021-single-other') may spell template ids
ALLOWED = ("disclosure/catalog/", "disclosure/templates/", "disclosure/sample/")


def test_an_unknown_template_id_fails_in_one_line_naming_the_known_ones():
    with pytest.raises(catalog.UnknownTemplate) as raised:
        catalog.template("2030")
    message = str(raised.value)
    assert "\n" not in message and "'2030'" in message and "templates.csv" in message
    assert all(t in message for t in catalog.template_ids())


def test_a_report_on_an_unknown_template_is_an_error_not_a_silent_drop():
    report = Report("测试局", 2030, "2030", Source("t.txt", "txt", ""), [Fact("requests.received", "total", 3, "3", "reported")])
    with pytest.raises(catalog.UnknownTemplate):
        audit_report(report)
    import pandas as pd

    with pytest.raises(catalog.UnknownTemplate):
        year_family(pd.DataFrame({"agency": ["a"], "year": [2030], "template": ["2030"]}), 2030)


def test_every_template_row_is_complete_and_ordered():
    rows = catalog.templates()
    assert [t.order for t in rows] == sorted(t.order for t in rows)
    for t in rows:
        assert t.name("zh") and t.name("en") and t.name("zh", short=True) and t.name("en", short=True)
        assert t.layout in ("one_column", "year_cumulative", "applicants", "none")
        if t.has_table:
            assert (ROOT / "disclosure" / "templates" / f"{t.mapper}.py").exists()
    in_force = {year: [t.id for t in rows if t.national and t.in_force(year)] for year in range(2008, 2031)}
    assert all(len(ids) == 1 for ids in in_force.values()), in_force  # one national template each year


def test_no_code_outside_the_catalog_and_the_template_modules_spells_a_template_id():
    files = [p for p in [*(ROOT / "disclosure").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]]
    found = []
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(ALLOWED):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if TEMPLATE_ID.search(code) or NO_TABLE_ID.search(code):
                found.append(f"{rel}:{n}: {line.strip()}")
    assert not found, "template ids outside the catalog:\n" + "\n".join(found)


def test_the_cli_names_an_unknown_template_in_one_line():
    run = subprocess.run(
        [sys.executable, "-c", "from disclosure import catalog; catalog.template('2015')"], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode != 0 and "unknown template '2015'" in run.stderr.splitlines()[-1]
