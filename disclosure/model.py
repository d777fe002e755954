"""The shapes data takes as it flows: reader → Row → mapper → Fact → Report."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

APPLICANTS = ("natural", "commercial", "research", "social", "legal", "other", "total")
# Templates (their layout, family, years in force, names) are catalog rows: catalog/templates.csv, catalog.template(id).


class Refusal(str):
    """Why a file is not read: the English sentence (a str, as the CLI and the logs print it) that also keeps its
    words' key in catalog/strings.csv (refusal_…) and their parameters, so a page says it in its own language."""

    code: str
    params: dict
    zh: str

    def __new__(cls, code: str, **params) -> Refusal:
        from . import catalog  # the catalog's words; model is imported by everything, the catalog by little

        said = catalog.words(code, **params)
        zh, en = said.zh, said.en
        text = super().__new__(cls, en)
        text.code, text.params, text.zh = code, params, zh
        return text

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else str(self)

    def to_json(self) -> dict:
        return {"code": self.code, "params": self.params}

    def __reduce__(self):  # copied and pickled by its key and parameters, not its English
        return _refusal, (self.code, self.params)

    @classmethod
    def from_json(cls, d: dict) -> Refusal:
        return cls(d["code"], **d["params"])


def reason_text(reason, language: str) -> str:
    """Why a file was refused, in `language`: a Refusal knows its words in both (catalog/strings.csv)."""
    return reason.text(language) if hasattr(reason, "text") else str(reason)


def _refusal(code: str, params: dict) -> Refusal:
    return Refusal(code, **params)


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def safe_name(text: str) -> str:
    """A file name (or a message naming one) fit for one output line: control characters, line breaks and
    bidi overrides are written as escapes, so a name cannot start a forged line or reorder one."""
    text = str(text).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class ReportError(Exception):
    """A file that is not a readable report: `reason` is a Refusal (raise with its strings.csv key and parameters:
    `ReportError(name, "refusal_empty")`). str() is the one-line English message the CLI prints."""

    def __init__(self, source: str, reason: str | Refusal, **params):
        self.source = source
        self.reason = reason if isinstance(reason, Refusal) else Refusal(reason, **params)
        super().__init__(f"{source}: {self.reason}")

    def moved(self, source: str) -> ReportError:
        """The same refusal, named by the file the caller knows (a reader does not know its file's name)."""
        return ReportError(source, self.reason)


@dataclass(frozen=True)
class Row:
    """One table row as a reader found it: the label text and the value cells after it.

    `table` numbers the tables of a document in reading order, so a mapper can tell a
    row of table 二 from one of table 三 even when labels repeat.
    """

    label: str
    cells: tuple[str, ...]
    table: int = 0
    # False when the cells are figure tokens as an archive printed them, whose boundaries may be
    # lost (glued digits, collapsed runs, numbers broken over lines): templates/cell_search reads them
    cells_exact: bool = True


@dataclass
class Extracted:
    """What a reader returns: the narrative text and the table rows, in document order."""

    text: str
    rows: list[Row]
    form: str


@dataclass
class Fact:
    indicator: str
    applicant: str
    value: float | int | None
    raw: str
    status: str  # reported | blank | na | at_least | from_text (a figure the narrative states, spec §6)
    unit: str = ""  # the unit as written, for figures read from the text
    evidence: str = ""  # the sentence a text figure was read from
    confidence: float | None = None  # a figure read by OCR: the engine's probability of its least sure digit

    def key(self) -> str:
        return f"{self.indicator}|{self.applicant}"


@dataclass
class Check:
    """A finding. Its words are `code` (a key of catalog/strings.csv) and `params`, said in the language of the page
    that shows it (`text(lang)`); `message` and `message_en` are those words in Chinese and English, kept so a
    stored or printed finding reads on its own."""

    rule: str
    severity: str  # error | warning | info
    message: str = ""
    indicators: list[str] = field(default_factory=list)
    message_en: str = ""
    values: dict = field(default_factory=dict)
    sentence: str = ""
    # "parse" (found while reading: unmapped_row, incomplete_table …) or "audit" (the consistency rules,
    # re-run by the store whenever a neighbouring year changes, so only parse findings are stored as read)
    stage: str = "parse"
    code: str = ""
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.code:
            self.message, self.message_en = self.text("zh"), self.text("en")

    @classmethod
    def said(cls, rule: str, severity: str, words, indicators=(), values=None, **more) -> Check:
        """A finding worded by catalog.words(key, …)."""
        return cls(
            rule, severity, indicators=list(indicators), values=dict(values or {}), code=words.key, params=dict(words.params), **more
        )

    def text(self, lang: str) -> str:
        """The finding's message in `lang`, from strings.csv."""
        if not self.code:
            return (self.message_en or self.message) if lang == "en" else self.message
        from . import catalog

        return catalog.say(self.code, lang, self.params)

    def replace_text(self, old: str, new: str) -> None:
        """Put `new` where a parameter reads `old` (an OCR cell's mark → its printed figure)."""

        def swap(value):
            if isinstance(value, str):
                return value.replace(old, new)
            if isinstance(value, dict):
                return {k: swap(v) for k, v in value.items()}
            return value

        self.params = swap(self.params)
        self.__post_init__()


def stored_text(code, params, lang: str, message=None, message_en=None) -> str:
    """A stored finding's message in `lang` (a row of the checks table: its code, its params as JSON, and its
    words as said when stored): said again from strings.csv, or the stored words when the table has no such key."""
    from . import catalog

    if isinstance(code, str) and code in catalog.strings():
        try:
            return catalog.say(code, lang, json.loads(params) if isinstance(params, str) and params else {})
        except (ValueError, KeyError, IndexError):
            pass  # words changed since the row was stored: its own words still read
    if lang == "en" and isinstance(message_en, str) and message_en:
        return message_en
    return message if isinstance(message, str) else ""


@dataclass
class Source:
    name: str
    format: str
    sha256: str


@dataclass
class Report:
    agency: str
    year: int
    template: str
    source: Source
    facts: list[Fact]
    checks: list[Check] = field(default_factory=list)
    narrative: str = ""
    agency_printed: str = ""  # the name as the document prints it; `agency` is the agency table's canonical name
    # figures the narrative states (spec §6), status from_text: kept apart from the table's facts
    text_facts: list[Fact] = field(default_factory=list)
    # whose work the figures count, read from the report's words (disclosure.coverage): own | government | region,
    # "" when they do not say; and the sentence that says it
    coverage: str = ""
    coverage_evidence: str = ""

    def to_json(self) -> dict:
        """The parse contract (spec §3)."""
        return {
            "agency": self.agency,
            **({"agency_printed": self.agency_printed} if self.agency_printed and self.agency_printed != self.agency else {}),
            "year": self.year,
            "template": self.template,
            "source": asdict(self.source),
            "facts": [_fact_json(f) for f in self.facts],
            "checks": [_check_json(c) for c in self.checks],
            **({"text_facts": [_fact_json(f) for f in self.text_facts]} if self.text_facts else {}),
        }

    def value(self, indicator: str, applicant: str = "total"):
        for f in self.facts:
            if f.indicator == indicator and f.applicant == applicant:
                return f.value
        return None


def _fact_json(f: Fact) -> dict:
    out = {"indicator": f.indicator, "applicant": f.applicant, "value": f.value, "raw": f.raw, "status": f.status}
    if f.unit:
        out["unit"] = f.unit
    if f.evidence:
        out["evidence"] = f.evidence
    if f.confidence is not None:
        out["confidence"] = f.confidence
    return out


def _check_json(c: Check) -> dict:
    out = {"rule": c.rule, "severity": c.severity, "code": c.code, "params": c.params, "message": c.message, "indicators": c.indicators}
    if c.message_en:
        out["message_en"] = c.message_en
    if c.values:
        out["values"] = c.values
    if c.sentence:
        out["sentence"] = c.sentence
    return out
