"""cell_text.fast_nfkc normalises only the characters NFKC changes (the readers' one pass over a report):
it must be unicodedata's NFKC for every text, Chinese reports and adversarial mixes alike."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure.cell_text import fast_nfkc

ROOT = Path(__file__).resolve().parent.parent

# full-width forms, circled and parenthesised numbers, CJK, Hangul syllables and jamo, Latin with combining
# marks, compatibility ideographs, astral letters and emoji: where a per-character NFKC could go wrong
_MIXED = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x24F),
        st.characters(min_codepoint=0x300, max_codepoint=0x36F),
        st.characters(min_codepoint=0x1100, max_codepoint=0x11FF),
        st.characters(min_codepoint=0x2460, max_codepoint=0x24FF),
        st.characters(min_codepoint=0x3000, max_codepoint=0x33FF),
        st.characters(min_codepoint=0xAC00, max_codepoint=0xAC3F),
        st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),
        st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
        st.characters(min_codepoint=0x1D400, max_codepoint=0x1D4FF),
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_fast_nfkc_is_nfkc_on_any_text(text):
    assert fast_nfkc(text) == unicodedata.normalize("NFKC", text)


def test_fast_nfkc_is_nfkc_on_every_real_report():
    paths = list((ROOT / "data" / "reports").rglob("*.txt"))  # the collected reports are under it
    assert len(paths) > 200
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert fast_nfkc(text) == unicodedata.normalize("NFKC", text), path.name
