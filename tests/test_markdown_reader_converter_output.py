"""Markdown as PDF converters write it: header cells cut into fragments over several lines, and
value rows detached from their labels (label line then numbers, or numbers then label). The
writer's Markdown is turned into that shape; the facts must come back unchanged."""

from disclosure.parse import parse_bytes
from disclosure.sample.model import generate_reports
from disclosure.sample.writer import ReportFacts, render


def _report():
    for r in generate_reports(7):
        if r.template == "2021" and r.facts.get("requests.received|total"):
            return ReportFacts(r.agency.name, r.year, r.template, r.facts)
    raise AssertionError("no 2021 sample report")


def _cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _line(cells):
    return "| " + " | ".join(cells) + " |"


def _as_converter_output(md: str) -> str:
    out = []
    for line in md.splitlines():
        if not line.startswith("|"):
            out.append(line)
            continue
        cells = _cells(line)
        if "商业企业" in cells:
            # header fragments: '商业' over '企业', as a converter splits a wrapped header cell
            out.append(_line([c[:2] if len(c) == 4 else c for c in cells]))
            out.append(_line(["" if len(c) != 4 else c[2:] for c in cells]))
            continue
        if len(cells) == 10 and any(k in cells[2] for k in ("部分公开", "要求行政机关确认")):
            out.append(_line(cells[:3] + [""] * 7))  # the label on its own line ...
            out.append(_line(["", "", ""] + cells[3:]))  # ... its numbers on the next
            continue
        if len(cells) == 10 and "属于国家秘密" in cells[2]:
            out.append(_line(["", "", ""] + cells[3:]))  # numbers first, label after
            out.append(_line(cells[:3] + [""] * 7))
            continue
        out.append(line)
    return "\n".join(out)


def test_markdown_with_detached_rows_and_header_fragments_parses_back():
    rf = _report()
    md = _as_converter_output(render(rf, "md").decode("utf-8"))
    assert "| 商业 |" in md or "| 商业 " in md
    report = parse_bytes(md.encode("utf-8"), "converted-2022.md")
    got = {f.key(): f.value for f in report.facts}
    expected = {k: (None if v == "na" else v) for k, v in rf.facts.items()}
    assert got == expected
    assert [c.message for c in report.checks if c.rule == "unmapped_row"] == []
