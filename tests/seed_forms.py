"""The founding report's table re-expressed in the other forms it reaches us in (HTML, TSV, GBK…).

Built from the seed's own cells, so every form carries exactly the seed's numbers.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

SEED = Path(__file__).resolve().parent / "fixtures" / "kaifeng-zhijian-2018.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_parts() -> tuple[list[str], list[list[str]]]:
    """(narrative lines, table rows of [label, unit, value])."""
    narrative, cells = [], []
    for line in seed_text().splitlines():
        if line.rstrip().endswith("|"):
            cells.append(line.rstrip()[:-1].strip())
        else:
            narrative.append(line)
    return narrative, [cells[i : i + 3] for i in range(0, len(cells), 3)]


def seed_html() -> str:
    narrative, rows = seed_parts()
    body = []
    header, *data = rows
    body.append("<tr>" + "".join(f"<th>{escape(c).replace(' ', '<br>')}</th>" for c in header) + "</tr>")
    for label, unit, value in data:
        v = escape(value) if value else "&nbsp;"
        body.append(f"<tr><td>{escape(label)}</td><td>{escape(unit)}</td><td>{v}</td></tr>")
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in narrative if p.strip())
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title>
<script>var tracker = 1;</script><style>td {{ border: 1px solid #000; }}</style></head>
<body><div class="nav"><table><tr><td><a href="/">首页</a></td><td><a href="/xxgk">信息公开</a></td></tr></table></div>
<div class="content"><table class="layout"><tr><td>
{paragraphs}
<table border="1" cellspacing="0">{"".join(body)}</table>
</td></tr></table></div>
<div class="footer">主办单位：开封市质量技术监督局 &nbsp; 网站标识码：4102000000</div></body></html>"""


def seed_tsv() -> str:
    narrative, rows = seed_parts()
    return "\n".join(narrative) + "\n" + "\n".join("\t".join(r) for r in rows) + "\n"


def to_fullwidth_digits(text: str) -> str:
    return text.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
