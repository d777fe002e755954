"""What a review is: the draft's findings, each with where it sits and what would make it right."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
DOCUMENT = "document"  # the section of findings about the report as a whole (copied text, template, table read)
TABLE_OTHER = "table"  # rows of an older form's table that no part of the report holds (回应解读, 机构建设 …)


@dataclass
class Where:
    """Where a finding sits: a table cell or row, a paragraph, a part of the report, or the whole report.

    `text` / `text_en` say it in words ("表三（申请） · 上年结转政府信息公开申请数量 · 自然人"); `docx` is the place in
    a Word draft's body ({"table", "row", "cell"} or {"paragraph"}, counted from 0) when the draft is one."""

    kind: str  # cell | row | paragraph | part | document
    section: str  # a part id of catalog/report_parts.csv, DOCUMENT or TABLE_OTHER
    text: str = ""
    text_en: str = ""
    indicator: str = ""
    applicant: str = ""
    table: str = ""  # a cell's or row's table, row and column as the form prints them (Chinese)
    row: str = ""
    column: str = ""
    paragraph: int | None = None  # 1-based, in the report's paragraphs (audit.narrative.paragraphs)
    quote: str = ""  # the draft's words at that place (a sentence, a heading), by which a Word draft's paragraph is found
    excerpt: str = ""  # the paragraph's opening words, as the draft prints them

    def full(self, lang: str = "zh") -> str:
        """The place in words, with the paragraph's opening words quoted."""
        text = self.text_en if lang == "en" else self.text
        if not self.excerpt:
            return text
        return f"{text}：“{self.excerpt}”" if lang == "zh" else f"{text}: “{self.excerpt}”"

    docx: dict | None = None

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in ("", None)}


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    message_en: str
    where: Where
    fix: str = ""
    fix_en: str = ""
    indicators: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    sentence: str = ""  # the draft's own words the finding quotes (a sentence, the longest copied passage)
    passages: list[str] = field(default_factory=list)  # copied text: the longest passages kept from last year
    code: str = ""  # the finding's words in catalog/strings.csv and their parameters (message, message_en: said)
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "zh") -> str:
        return (self.message_en or self.message) if lang == "en" else self.message

    def fix_text(self, lang: str = "zh") -> str:
        return (self.fix_en or self.fix) if lang == "en" else self.fix

    def to_json(self) -> dict:
        out = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "indicators": self.indicators,
            "where": self.where.to_json(),
        }
        out |= {k: v for k, v in (("message_en", self.message_en), ("fix", self.fix), ("fix_en", self.fix_en)) if v}
        if self.code:
            out |= {"code": self.code, "params": self.params}
        if self.sentence:
            out["sentence"] = self.sentence
        if self.passages:
            out["passages"] = self.passages
        return out


@dataclass
class Review:
    agency: str
    year: int
    template: str
    source_name: str
    source_format: str
    findings: list[Finding]
    previous_year: int | None = None  # the year of the report it was compared with; None: none found
    previous_source: str = ""

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def worst(self) -> Finding | None:
        return min(self.findings, key=lambda f: SEVERITY_RANK.get(f.severity, 3), default=None)

    def to_json(self) -> dict:
        return {
            "agency": self.agency,
            "year": self.year,
            "template": self.template,
            "source": {"name": self.source_name, "format": self.source_format},
            "previous": {"year": self.previous_year, "source": self.previous_source} if self.previous_year else None,
            "findings": [f.to_json() for f in self.findings],
        }
