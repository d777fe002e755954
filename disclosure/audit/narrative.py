"""Narrative rules: figures the text states against the table, and text repeated from last year.

Figures are read from sentences by the one reader, `disclosure.narrative_figures`: the channel and
outreach figures (spec §6, `catalog/text_grammar.csv`) are compared with the table row that counts the
same thing (`catalog/text_table_pairs.csv`), and figures stated for table cells
(`catalog/text_table_figures.csv`) with their cells. This module only compares and words the findings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from .. import catalog
from ..catalog import both, label_of, words
from ..formats import format_value
from ..model import Check, Report
from ..narrative_figures import (
    NarrativeFigure,
    clean,
    paragraphs,
    read_figures,
    read_table_figures,
    sentences,
    table_figure_rules,
)
from .facts import FactView, same
from .rules import finding

__all__ = ["NarrativeFigure", "clean", "paragraphs", "sentences", "table_figure_rules", "narrative_figures"]

COPIED_SIMILARITY = 0.80  # narratives this similar (digits removed) count as copied
COPIED_SENTENCE_SHARE = 0.6  # or this share of its sentences kept word for word (numbers aside)
MIN_PROSE_CHARS = 100  # too little prose to judge copying

# the opening every report must carry (basis, compiler, period, contact): repeating it is not copying
_PREAMBLE = re.compile(r"本报告|年度报告|统计期限|以下简称|如对本报告|联系(地址|电话|方式)|邮编")


def narrative_figures(text: str, template: str) -> list[NarrativeFigure]:
    """Every figure the text states for an indicator of this template (the reader's
    `read_table_figures`)."""
    return read_table_figures(text, template)


def check_narrative(report: Report) -> list[Check]:
    view = FactView(report)
    out = _text_against_table(report, view)
    for fig in narrative_figures(report.narrative, report.template):
        if fig.indicator is None:
            continue
        table_value = view.value(fig.indicator)
        if table_value is None or same(table_value, fig.value):
            continue
        out.append(
            finding(
                "narrative_mismatch",
                words(
                    "finding_narrative_mismatch",
                    raw=fig.raw,
                    row=label_of(fig.indicator),
                    value=format_value(fig.value, fig.indicator),
                    table=format_value(table_value, fig.indicator),
                ),
                [fig.indicator],
                {fig.indicator: table_value, "narrative_value": fig.value},
                sentence=fig.sentence,
            )
        )
    return out


def _text_against_table(report: Report, view: FactView) -> list[Check]:
    """Every channel or outreach figure the narrative states (spec §6) against the table row that
    counts the same thing, where the template has one (the seed's 236 against 98): the same
    narrative_mismatch rule. A lower bound ('7700余条') disagrees only when the table is below it."""
    pairs = catalog.text_table_pairs()
    out = []
    for fig in read_figures(report.narrative, report.agency):
        table_id = pairs.get(fig.indicator)
        table_value = view.value(table_id) if table_id else None
        if table_value is None or same(table_value, fig.value) or (fig.at_least and table_value >= fig.value):
            continue
        figure = dict(value=format_value(fig.value, table_id), unit=both(fig.unit, catalog.unit_name(fig.unit, "en")))
        stated = words("finding_stated_at_least" if fig.at_least else "finding_stated", **figure).both()
        out.append(
            finding(
                "narrative_mismatch",
                words(
                    "finding_narrative_text_mismatch",
                    sentence=fig.sentence,
                    row=label_of(table_id),
                    stated={lang: text.strip() for lang, text in stated.items()},
                    table=format_value(table_value, table_id),
                ),
                [table_id],
                {table_id: table_value, "narrative_value": fig.value},
                sentence=fig.sentence,
            )
        )
    return out


@lru_cache(maxsize=512)
def prose(text: str) -> str:
    """The narrative's sentences (lines ending a sentence, so not table labels) without digits,
    spaces or punctuation: what stays when a report is copied and only its figures updated."""
    kept = [s for s in sentences(text) if s[-1] in "。！？!?" and not _PREAMBLE.search(s)]
    return re.sub(r"[\d\s\W_]+", "", "".join(kept))


def narrative_similarity(text: str, other: str) -> float | None:
    a, b = prose(text), prose(other)
    if min(len(a), len(b)) < MIN_PROSE_CHARS:
        return None
    return fuzz.ratio(a, b) / 100


def _sentence_key(sentence: str) -> str:
    return re.sub(r"[\d\s\W_]+", "", sentence)


def carried_sentences(text: str, other: str) -> tuple[list[str], list[bool]]:
    """The text's prose sentences (as printed) and, for each, whether last year's text has it too
    (figures, spaces and punctuation aside): a sentence kept word for word with only its numbers changed."""
    kept = [s for s in sentences(text) if s[-1] in "。！？!?" and not _PREAMBLE.search(s) and len(_sentence_key(s)) >= 8]
    before = {_sentence_key(s) for s in sentences(other)}
    return kept, [_sentence_key(s) in before for s in kept]


def copied_passages(text: str, other: str, limit: int = 3) -> list[str]:
    """The longest runs of consecutive sentences carried over from last year's text, longest first."""
    kept, carried = carried_sentences(text, other)
    runs, run = [], []
    for s, c in zip(kept, carried):
        if c:
            run.append(s)
        elif run:
            runs.append("".join(run))
            run = []
    if run:
        runs.append("".join(run))
    return sorted(runs, key=len, reverse=True)[:limit]


def check_copied(report: Report, previous: Report) -> list[Check]:
    similarity = narrative_similarity(report.narrative, previous.narrative)
    if similarity is None:
        return []
    kept, carried = carried_sentences(report.narrative, previous.narrative)
    share = sum(carried) / len(kept) if kept else 0.0
    if similarity < COPIED_SIMILARITY and share < COPIED_SENTENCE_SHARE:
        return []
    pct = round(similarity * 100)
    passages = copied_passages(report.narrative, previous.narrative)
    return [
        finding(
            "narrative_copied",
            words(
                "finding_narrative_copied",
                year=previous.year,
                pct=pct,
                threshold=round(COPIED_SIMILARITY * 100),
                sentences=len(kept),
                carried=sum(carried),
                share=round(share * 100),
            ),
            [],
            {
                "similarity": round(similarity, 3),
                "previous_year": previous.year,
                "carried_sentences": sum(carried),
                "sentences": len(kept),
            },
            sentence=passages[0] if passages else "",
        )
    ]
