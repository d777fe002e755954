"""README.md is a door: the two commands first, then what the project is, how a report flows, what is where, the
three recipes and the figures, in at most 150 lines; the rest is in docs/, and every doc it links exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_it_starts_with_exactly_the_two_commands():
    block = README.split("```")[1].strip().splitlines()
    assert README.startswith("```sh\n") and [line.split()[0] for line in block[1:]] == ["./run.sh", "./test.sh"]


def test_it_is_short_and_has_the_flow_and_the_three_recipes():
    assert len(README.splitlines()) <= 150
    for heading in ("## How a report flows", "## What is where", "## Recipes", "## Test tiers"):
        assert heading in README
    for recipe in ("**A new template**", "**A new reader**", "**A new page**"):
        assert recipe in README
    assert not re.search(r"\b[A-Z_]{4,}_(?:SCORE|SPEED|UNIT|QUICK|ALL)\b", README), "a figure left as a placeholder"


def test_every_linked_doc_and_named_path_exists():
    for link in re.findall(r"\]\(([^)]+)\)", README):
        path, _, anchor = link.partition("#")
        assert (ROOT / path).exists(), link
        if anchor:  # a heading of that document, as GitHub spells its anchor
            headings = re.findall(r"^#+ (.+)$", (ROOT / path).read_text(encoding="utf-8"), re.M)
            slugs = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings}
            assert anchor in slugs, link
    for path in re.findall(r"`((?:disclosure|scripts|tests|docs|queries)/[\w./]+?)`", README):
        assert (ROOT / path).exists() or list(ROOT.glob(path)), path
