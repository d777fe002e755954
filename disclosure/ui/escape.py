"""Every string from a document is data, never markup: one escaping helper per output kind.

- `md_text`: Streamlit Markdown (st.markdown, st.caption, st.subheader, st.info/… bodies, widget labels,
  progress text). Every Markdown special is backslash-escaped, `$` too (no KaTeX), and what GitHub
  Markdown would turn into a link by itself — `scheme://`, `www.`, `user@host` — is broken up with a
  character reference, which renders as the same character but no longer starts an autolink.
- `t_md`: a UI string whose parameters are data (agency and file names), for a Markdown element.
- `plot_text`: plotly titles, labels, legend names, hover texts and annotations, which plotly reads
  as pseudo-HTML (<b>, <br>, <a href>): `&`, `<` and `>` become entities, which plotly shows as typed.
- `export_cell`: a CSV cell that a spreadsheet would run as a formula (= + - @ …) gets a leading `'`.
"""

from __future__ import annotations

import html
import re

# Characters Markdown (and Streamlit's $…$ math, :colour[…] and :material/…: directives) would interpret
_MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!$<>|~:&")
_AUTOLINK = re.compile(r"(?i)(://|www\.|@)")
JOINER = "\u2060"  # WORD JOINER: zero width, no break, not part of any URL or e-mail pattern
_AUTOLINK_BREAK = {"://": ":" + JOINER + "//", "@": JOINER + "@"}


def md_text(text) -> str:
    """Text from a report or a file name, safe in any Streamlit Markdown element: it shows as typed."""
    s = str(text)
    out = []
    last = 0
    for m in _AUTOLINK.finditer(s):
        out.append(_escape_specials(s[last : m.start()]))
        token = m.group(0)
        out.append(token[:3] + JOINER + "\\." if token.lower() == "www." else _AUTOLINK_BREAK[token])
        last = m.end()
    out.append(_escape_specials(s[last:]))
    return "".join(out).replace("\n", " ").replace("\r", " ")


def _escape_specials(s: str) -> str:
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in s)


def t_md(key: str, **params) -> str:
    """t(key, …) for a Markdown element, every string parameter escaped with md_text (the template is ours)."""
    from .i18n import t

    return t(key, **{k: md_text(v) if isinstance(v, str) else v for k, v in params.items()})


def plot_text(text) -> str:
    """A string for plotly (title, axis category, trace name, hover, annotation): shown as typed, never as tags."""
    return html.escape(str(text), quote=False)


def plot_texts(values) -> list[str]:
    return [plot_text(v) for v in values]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "|", "%")
_NUMBER = re.compile(r"^[+\-]?\d[\d,]*(\.\d+)?$")


def export_cell(value):
    """A CSV cell as data: a string a spreadsheet would evaluate gets a leading apostrophe (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value
